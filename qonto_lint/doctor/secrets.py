"""What the doctor must never print, and how it shows what it may: the secret parts of a value
(and their base64 forms), the scrubber of the run under way, credentials and URLs masked."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from ..authorization.correct import corrected_authorization
from ..authorization.login import LOGIN_PATTERN, LOGIN_SHAPE
from ..authorization.placeholder import placeholder_in
from ..authorization.shape import shape_of, split_glued
from ..facts.values import Value
from ..masking import ELLIPSIS, Scrubber, mask, mask_secret, random_run


def masked(text: str, login: str | None = None) -> str:
    """A credential as it may be shown: the login in clear, at most 4 characters of a secret."""
    if text.startswith("Bearer "):
        return "Bearer " + mask_secret(text[len("Bearer ") :])
    if ":" in text:
        first, second = text.split(":", 1)
        if LOGIN_SHAPE.match(first):
            return mask(text)
        if login is not None and first == login:
            return f"{first}:{mask_secret(second)}"
        # Not a login we recognise: it may be a secret (or a swapped pair), show neither.
        return f"{mask_secret(first)}:{mask_secret(second)}"
    return mask_secret(text)


def _secret_like(text: str) -> bool:
    """A part of the value that may be a secret (not a login, a word or a placeholder). A real
    key inside placeholder marks (`<e14a…>`, `{…}`, `your-…-here`) is still a secret."""
    if LOGIN_SHAPE.match(text):
        return False
    # what is left once the logins and the header's own words are taken out
    text = _HEADER_WORDS.sub(" ", _LOGIN_IN_TEXT.sub(" ", _dashes(text))).strip()
    if any(random_run(run) for run in re.findall(r"[A-Za-z0-9]+", text)):
        return True
    return (
        len(text) >= 12
        and any(c.isdigit() for c in text)
        and any(c.isalpha() for c in text)
        and placeholder_in(Value.of_text(text)) is None
    )


def sensitive_strings(
    value: str, staging_token: str | None = None, secret: str | None = None
) -> tuple[set[str], set[str]]:
    """What must never be printed: (the secret parts of the value and the staging token, the texts
    whose base64 forms must not be printed either: those secrets and the whole value)."""
    secrets = {s for s in (secret, staging_token) if s and len(s.strip()) >= 8}
    secrets.update(s.strip() for s in list(secrets))
    shape = shape_of(Value.of_text(value))
    tokens = [atom.part for atom in shape.atoms if not atom.is_hole]
    corrected = corrected_authorization(value)
    if corrected:
        tokens.extend(corrected.replace("Bearer ", "", 1).split(":", 1))
    for token in list(tokens):
        glued = split_glued(token)  # type: ignore[arg-type]
        if glued:
            tokens.remove(token)  # the login in it is not secret
            tokens.append(glued[1])
    secrets.update(t for t in tokens if isinstance(t, str) and _secret_like(t))
    encoded = set(secrets)
    if secrets:  # the encoded forms of the whole value: what `auth=(login, secret)` sends
        encoded.update(w for w in {value, value.strip(), corrected or "", shape.rest_literal or ""} if len(w) >= 8)
    return secrets, encoded


#: a login inside a longer text; it starts only where a run of login characters starts (the
#: look-behind), so a long run that holds no login is scanned once, not once per character
_LOGIN_IN_TEXT = re.compile(rf"(?<![a-z0-9-])-*({LOGIN_PATTERN})", re.ASCII)  # ASCII: digits are 0-9
_HEADER_WORDS = re.compile(r"authorization|basic|bearer", re.IGNORECASE)


def _dashes(text: str) -> str:
    return "".join("-" if unicodedata.category(c) == "Pd" else c for c in unicodedata.normalize("NFKC", text))


def logins(*texts: str | None) -> list[str]:
    """The logins in the value (and in its corrected shape): not secret, so never hidden for
    sharing characters with a secret. Look-alike dashes count as dashes, other odd characters
    (quotes, a BOM, a fullwidth colon) end a login."""
    found = []
    for text in texts:
        if not text:
            continue
        found.extend(_LOGIN_IN_TEXT.findall(_dashes(text)))
    return found


#: the scrubber of the run under way: what a server answers is scrubbed before it is cut short
_scrubber: Scrubber | None = None


def use_scrubber(scrubber: Scrubber | None) -> None:
    """Start hiding what `scrubber` hides in every line the doctor prints (None: nothing yet)."""
    global _scrubber
    _scrubber = scrubber


def scrubbed(text: str) -> str:
    """`text` with every echo of the run's known secrets replaced by `[masked]`."""
    return text if _scrubber is None else _scrubber(text)


def shown_line(text: object, limit: int = 200) -> str:
    """Text from the network or the system on one line, scrubbed first, then cut to `limit`
    characters: a cut never keeps part of a secret that a whole copy would have shown."""
    text = scrubbed(" ".join(str(text).split()))
    printable = "".join(c if c.isprintable() else "?" for c in text)
    return printable[:limit] + ("…" if len(printable) > limit else "")


def shown_url(url: str) -> str:
    """A URL as the doctor prints it: a password in its user info hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc
    userinfo, _, host = netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return url.replace(netloc, f"{user}:{ELLIPSIS}@{host}", 1)


def shown_url_or(url: str) -> str:
    try:
        return shown_url(url)
    except ValueError:
        return url


def url_password(base_url: str | None) -> str | None:
    try:
        return urlsplit(base_url).password if base_url else None
    except ValueError:
        return None
