"""`qonto-lint doctor`: Qonto's troubleshooting guide, run on one Authorization value.

The guide is three steps: choose the authentication method, make a test call to
`GET /v2/bank_accounts`, diagnose the response. Offline, the doctor names the
method and runs the checks the linter's header rules run
(`authorization.diagnose_authorization`, the same function), then prints the corrected
shape (`authorization.corrected_authorization`), masked. With `--live` it also makes the
test call (standard-library HTTP, redirects not followed) and reads the answer
the way the guide does.

Exit status: 0 the value looks right / Qonto authenticated it, 1 something is
wrong, 2 usage error, timeout or connection error (one line on stderr).
Nothing it prints contains the secret, the staging token or their base64 forms.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import socket
import ssl
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import click

from . import __version__
from .authorization.correct import corrected_authorization
from .authorization.diagnose import diagnose_authorization
from .authorization.login import LOGIN_PATTERN, LOGIN_SHAPE
from .authorization.placeholder import placeholder_in
from .authorization.problem import COST, Problem
from .authorization.shape import shape_of, split_glued
from .facts.hosts import is_qonto_domain
from .facts.values import Hole, Origin, Text, Value
from .masking import ELLIPSIS, Scrubber, mask, mask_secret, mask_text, random_run, visible

EXIT_OK, EXIT_WRONG, EXIT_ERROR = 0, 1, 2
PROG = "qonto-lint doctor"

PRODUCTION_URL = "https://thirdparty.qonto.com"
SANDBOX_URL = "https://thirdparty-sandbox.staging.qonto.co"
TEST_PATH = "/v2/bank_accounts"
STAGING_HEADER = "X-Qonto-Staging-Token"
TRACE_HEADER = "X-Tyk-Trace-Id"
DEFAULT_TIMEOUT = 10.0
MAX_BODY = 256 << 10  # bytes of a body read; Qonto's answers to the test call are a few KB at most
MAX_INTERIM = 20  # `100 Continue` answers skipped before the final one

THROTTLE = (
    "throttle: more than 200 responses with status 401 in one hour get the caller throttled; "
    "fix the value before trying again"
)


class DoctorError(Exception):
    """A usage, input or network error: one line on stderr, exit status 2."""


# ---------------------------------------------------------------- masking


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


def _base64_forms(text: str) -> set[str]:
    raw = text.encode("utf-8", "surrogatepass")
    forms = set()
    for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        value = encoded.decode("ascii")
        forms.update({value, value.rstrip("=")})
    return forms


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


def sensitive_strings(value: str, staging_token: str | None = None, secret: str | None = None) -> list[str]:
    """What must never be printed: the secret parts of the value, the staging token, their base64."""
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
    found: set[str] = set()
    for text in secrets:
        found.add(text)
        found.update(_base64_forms(text))
    if secrets:  # the encoded forms of the whole value: what `auth=(login, secret)` sends
        for whole in {value, value.strip(), corrected or "", shape.rest_literal or ""}:
            if len(whole) >= 8:
                found.update(_base64_forms(whole))
    return sorted(found, key=len, reverse=True)


#: a login inside a longer text; it starts only where a run of login characters starts (the
#: look-behind), so a long run that holds no login is scanned once, not once per character
_LOGIN_IN_TEXT = re.compile(rf"(?<![a-z0-9-])-*({LOGIN_PATTERN})", re.ASCII)  # ASCII: digits are 0-9
_HEADER_WORDS = re.compile(r"authorization|basic|bearer", re.IGNORECASE)


def _dashes(text: str) -> str:
    return "".join("-" if unicodedata.category(c) == "Pd" else c for c in unicodedata.normalize("NFKC", text))


def _logins(*texts: str | None) -> list[str]:
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


def _shown_url(url: str) -> str:
    """A URL as the doctor prints it: a password in its user info hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc
    userinfo, _, host = netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return url.replace(netloc, f"{user}:{ELLIPSIS}@{host}", 1)


def _shown_url_or(url: str) -> str:
    try:
        return _shown_url(url)
    except ValueError:
        return url


def _url_password(base_url: str | None) -> str | None:
    try:
        return urlsplit(base_url).password if base_url else None
    except ValueError:
        return None


# ---------------------------------------------------------------- offline diagnosis


@dataclass
class Diagnosis:
    method: str
    problems: list[str] = field(default_factory=list)  # output lines: "QNT101 ..." or "problem: ..."
    corrected: str | None = None  # masked
    placeholder: bool = False
    judged: list[str] = field(default_factory=list)  # the value and its unwrapped forms (for scrubbing)

    @property
    def ok(self) -> bool:
        return not self.problems


OAUTH_METHOD = "OAuth (Authorization: Bearer <access_token>)"
STATIC_METHOD = "static API key (Authorization: login:secret)"


def _method(value: str) -> tuple[str, str | None]:
    """Guide step 1: which authentication method the value is for, and a problem if it is neither."""
    for atom in shape_of(Value.of_text(value)).atoms:
        token = atom.part if not atom.is_hole else ""
        if not isinstance(token, str):
            continue
        if token.startswith("ory_at_"):
            return OAUTH_METHOD, None
        if token.startswith("ory_rt_"):
            return OAUTH_METHOD, (
                "problem: this is an OAuth refresh token (ory_rt_…), which is never sent as Authorization: "
                "exchange it at the token endpoint and send 'Bearer <access_token>'"
            )
        if token.startswith("ory_ac_"):
            return OAUTH_METHOD, (
                "problem: this is an OAuth authorization code (ory_ac_…), which is never sent as Authorization: "
                "exchange it at the token endpoint and send 'Bearer <access_token>'"
            )
    return STATIC_METHOD, None


def _glued_value(value: str) -> Value | None:
    """A login and a secret with nothing between them, as parts the shared checks can judge.

    The rules see `login + secret` as two parts of known kinds; a literal
    `pied-piper-713262885d…` is one token to them. Standing the two halves in for
    holes named `login` and `secret` lets `diagnose_authorization` report QNT104
    with its own message (and names, not text, so nothing is leaked).
    """
    shape = shape_of(Value.of_text(value))
    if len(shape.atoms) != 1 or shape.atoms[0].is_hole:
        return None
    token: str = shape.atoms[0].part  # type: ignore[assignment]
    glued = split_glued(token)
    if glued is None:
        return None
    swapped = glued[2]
    start = value.index(token)
    before, after = value[:start], value[start + len(token) :]
    names = ("secret", "login") if swapped else ("login", "secret")
    parts: list = []
    if before:
        parts.append(Text(before))
    parts.extend(Hole(name, Origin.LITERAL) for name in names)
    if after:
        parts.append(Text(after))
    return Value(tuple(parts))


#: Characters that pass for ASCII in most fonts, as pasted from chats, documents and web pages
#: (a login's hyphen turned into a dash, a Cyrillic letter among Latin ones). Full-width forms
#: are found by NFKC below.
_LOOK_ALIKES = {
    **dict(zip("аеорсухіјѕԁԛԝ", "aeopcyxijsdqw")),  # Cyrillic
    **dict(zip("АВЕКМНОРСТХІЈЅ", "ABEKMHOPCTXIJS")),
    **dict(zip("οαν", "oav")),  # Greek
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX")),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),  # hyphens, dashes, minus
    **dict.fromkeys("\u2018\u2019\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201f\u2033", '"'),
    **dict.fromkeys("\u2236\u02d0\ua789", ":"),  # ratio, modifier-letter colons
}

#: Quotes kept around a value: `docker --env-file` and many .env readers take `KEY="L:S"`
#: literally, and the quotes then go out with the header.
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "`": "`"}
_QUOTE_NAMES = {
    '"': "double quotes",
    "'": "single quotes",
    "\u201c": "typographic quotes",
    "\u2018": "typographic quotes",
    "`": "backticks",
}
#: a header name in front of the value other than `Authorization:` (QNT108 names that one)
_OTHER_PASTED_NAME = re.compile(r"\s*(authorization)(\s*=\s*|[ \t]+)(?=[^\s:=])", re.IGNORECASE)
_PASTED_NAME = re.compile(r"^\s*authorization\s*[:=]?\s*", re.IGNORECASE)
_SCHEME_HEAD = re.compile(r"([A-Za-z][A-Za-z0-9_-]{0,19})([^A-Za-z0-9]*)")
_BEARER_TOKEN = re.compile(r"\s*bearer\s+(\S+)\s*", re.IGNORECASE)
_JWT = re.compile(r"(ey[A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)")
_QONTO_SECRET = re.compile(r"[a-z0-9]{32}")  # 32 lowercase alphanumerics
#: scheme words people put before a token; another word before `ory_at_` is not shown (it may be a secret)
_SCHEME_WORDS = {"token", "jwt", "oauth", "oauth2", "apikey", "api-key", "digest", "access_token", "bearer", "basic"}
#: at most this many wrappers (quotes, a pasted name) are taken off one value: each costs a copy
_MAX_PEELS = 4


def _ascii_form(char: str) -> str | None:
    """The ASCII character `char` passes for, if any."""
    if char in _LOOK_ALIKES:
        return _LOOK_ALIKES[char]
    if unicodedata.category(char) == "Zs":
        return " "
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) == 1 and " " <= folded < "\x7f":
        return folded
    return None


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf"


def _plain(value: str) -> str:
    """The value as the user meant to type it: look-alikes as ASCII, invisible characters gone."""
    out = []
    for char in value:
        if not _invisible(char):
            out.append(char if " " <= char < "\x7f" or char in "\t\r\n" else _ascii_form(char) or char)
    return "".join(out)


def _odd_characters(value: str) -> list[tuple[int, str]]:
    """(position, character) of every character that is no part of a Qonto key.

    Tab, CR and LF are QNT106's; everything else outside printable ASCII is named here.
    """
    return [(i, c) for i, c in enumerate(value) if not (" " <= c < "\x7f" or c in "\t\r\n")]


def _odd_character_problem(value: str) -> str | None:
    odd = _odd_characters(value)
    if not odd:
        return None
    position, char = odd[0]
    if unicodedata.category(char) == "Cc":
        what = "(a control character)"
    elif _invisible(char):
        what = f"({unicodedata.name(char, 'a format character')}), an invisible character,"
    elif unicodedata.category(char) == "Zs":
        what = f"({unicodedata.name(char, 'a space')}), which looks like a space,"
    elif _ascii_form(char) is not None:
        what = f"({unicodedata.name(char, 'a letter')}), which looks like {_ascii_form(char)!r},"
    else:
        what = f"({unicodedata.name(char, 'a character')}), which is not ASCII,"
    more = f" and {_count(len(odd) - 1, 'more such character')}" if len(odd) > 1 else ""
    return (
        f"problem: the value contains U+{ord(char):04X} {what} at character {position + 1}{more} "
        "(pasted from a web page, a chat or a document): Qonto keys are plain ASCII and compared byte for byte, "
        f"so type the key again or copy it from Qonto as plain text ({COST})"
    )


def _peel(value: str) -> tuple[list[str], str]:
    """Wrappers around the credentials (quotes, a header name with `=`), as problems, and what is inside."""
    problems: list[str] = []
    for _ in range(_MAX_PEELS):
        stripped = value.strip()
        start, end = len(value) - len(value.lstrip()), len(value.rstrip())
        head = _PASTED_NAME.match(value)
        if stripped[:1] in _QUOTES and len(stripped) >= 2 and stripped[-1] == _QUOTES[stripped[0]]:
            problems.append(
                f"problem: the value is wrapped in {_QUOTE_NAMES[stripped[0]]}, which are sent as part of the header "
                "(docker --env-file and some .env readers keep them): remove the quotes "
                f"from the variable or the file ({COST})"
            )
            value = value[:start] + stripped[1:-1] + value[end:]
        elif head and head.group(0).strip().endswith(":") and head.end() < len(value) and value[head.end()] in _QUOTES:
            # `Authorization: "L:S"`: QNT108 names the header name; the quotes are this wrapper's
            rest = value[head.end() :]
            closing = _QUOTES[rest[0]]
            if len(rest.rstrip()) < 2 or rest.rstrip()[-1] != closing:
                break
            problems.append(
                f"problem: the credentials are wrapped in {_QUOTE_NAMES[rest[0]]}, which are sent as part of the header: "
                f"remove the quotes ({COST})"
            )
            inner = rest.rstrip()
            value = value[: head.end()] + inner[1:-1] + rest[len(inner) :]
        else:
            other = _OTHER_PASTED_NAME.match(value)
            if not other:
                break
            shown = other.group(1) + ("=" if "=" in other.group(2) else " ")
            problems.append(
                f"problem: the value starts with the header name {shown!r} (pasted from an env file or a command): "
                f"send only the credentials, without 'Authorization' ({COST})"
            )
            value = value[other.end() :]
    return problems, value


def _jwt_issuer(token: str) -> str | None:
    """The `iss` claim of a JWT (not secret: it names who issued it), or '' for a JWT without one."""
    match = _JWT.fullmatch(token)
    if not match:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(match.group(2) + "=" * (-len(match.group(2)) % 4)))
    except (ValueError, TypeError):
        return ""
    issuer = payload.get("iss") if isinstance(payload, dict) else None
    if not isinstance(issuer, str) or not issuer.isprintable():
        return ""
    from .masking import mask_text

    return mask_text(_one_line(issuer, 80))


def _foreign_bearer(core: str, codes: set[str]) -> str | None:
    """`Bearer <token>` where the token is no Qonto credential: a token from another issuer."""
    if codes & {"QNT103", "QNT109"}:
        return None
    match = _BEARER_TOKEN.fullmatch(_PASTED_NAME.sub("", core, count=1))
    if not match:
        return None
    token = match.group(1)
    if (
        token.startswith("ory_")
        or ":" in token
        or _QONTO_SECRET.fullmatch(token)
        or LOGIN_SHAPE.match(token)
        or split_glued(token)
    ):
        return None  # a Qonto token, or (part of) a static key after the wrong scheme (QNT102)
    issuer = _jwt_issuer(token)
    if issuer is None:
        what = "a bearer token from another issuer"
    elif issuer:
        what = f"a bearer token from another issuer (a JWT issued by {issuer})"
    else:
        what = "a bearer token from another issuer (a JWT)"
    return (
        f"problem: this is {what}, not a Qonto access token: Qonto's access tokens start with 'ory_at_'; "
        f"get one from Qonto's OAuth token endpoint, or send the static API key as 'login:secret' ({COST})"
    )


def _scheme_problem(core: str, codes: set[str]) -> tuple[str, str] | None:
    """An OAuth access token after a malformed scheme: (the problem, the value as it should be)."""
    if codes & {"QNT101", "QNT109", "QNT110"}:
        return None
    body = _PASTED_NAME.sub("", core, count=1) if "QNT108" in codes else core
    at = body.find("ory_at_")
    if at <= 0:
        return None
    head, token = body[:at].lstrip(), body[at:].strip()
    match = _SCHEME_HEAD.fullmatch(head)
    if not match or head == "Bearer ":
        return None
    word, separator = match.groups()
    if word.lower() == "basic":
        return None
    if word.lower() != "bearer":
        shown = f"the scheme {word!r}" if word.lower() in _SCHEME_WORDS else "a word other than 'Bearer'"
        return (
            f"problem: the access token is sent with {shown}: an OAuth access token is sent as "
            f"'Bearer <access_token>' ({COST})",
            f"Bearer {token}",
        )
    defects = []
    if word != "Bearer":
        defects.append(f"the scheme is written {word!r}")
    if separator != " ":
        if separator and set(separator) == {" "}:
            defects.append(f"{_count(len(separator), 'space')} separate it from the token")
        elif separator and not set(separator) & set("\t\r\n"):  # tabs and line breaks are QNT106's
            defects.append(f"{separator!r} separates it from the token")
    if not defects:
        return None
    return (
        f"problem: malformed 'Bearer' scheme: {' and '.join(defects)}: send 'Bearer' (capital B), one space, "
        f"then the access token ({COST})",
        f"Bearer {token}",
    )


def diagnose(value: str, login: str | None = None) -> Diagnosis:
    """The offline diagnosis of one Authorization value (guide steps 1 and 3, 4XX branch)."""
    wrappers, core = _peel(value)
    diagnosis = _diagnose_core(core, login)
    diagnosis.problems[:0] = wrappers
    diagnosis.judged = [value, core, _plain(core)]
    return diagnosis


def _diagnose_core(value: str, login: str | None) -> Diagnosis:
    plain = _plain(value)
    method, method_problem = _method(plain)
    diagnosis = Diagnosis(method)
    if value.strip() == "":
        diagnosis.problems.append(
            "problem: the value is empty: Qonto expects 'login:secret' or 'Bearer <access_token>'"
        )
        return diagnosis

    problems: list[Problem] = diagnose_authorization(Value.of_text(value))
    codes = {p.code for p in problems}
    if not codes & {"QNT103", "QNT104"}:
        glued = _glued_value(value)
        if glued is not None:
            problems = diagnose_authorization(glued)
            codes = {p.code for p in problems}
    corrected = corrected_authorization(plain)
    foreign = _foreign_bearer(plain, codes)
    if foreign:
        # not a static key after the wrong scheme (QNT102): an OAuth attempt with someone else's token
        problems = [p for p in problems if p.code != "QNT102"]
        diagnosis.method, corrected = OAUTH_METHOD, None
    scheme = _scheme_problem(plain, codes)
    diagnosis.problems.extend(f"{p.code} {p.message}" for p in problems)
    diagnosis.placeholder = "QNT109" in codes
    if method_problem:
        diagnosis.problems.append(method_problem)
    if foreign:
        diagnosis.problems.append(foreign)
    if scheme:
        diagnosis.problems.append(scheme[0])
        corrected = scheme[1]

    odd = _odd_character_problem(value)
    if odd:
        diagnosis.problems.append(odd)

    if corrected is None:
        if not diagnosis.problems:
            diagnosis.problems.append(
                "problem: the value is neither 'login:secret' (static API key) nor 'Bearer <access_token>' (OAuth): "
                "Qonto cannot read it"
            )
    elif corrected != value and not diagnosis.problems:
        expected = "'Bearer <access_token>'" if corrected.startswith("Bearer ") else "'login:secret', one colon"
        diagnosis.problems.append(f"problem: the value is not in the shape Qonto expects: {expected}, nothing else")
    if foreign:
        diagnosis.corrected = "Bearer ory_at_… (an access token from Qonto's OAuth token endpoint)"
    elif (
        corrected is not None
        and not diagnosis.placeholder
        and method_problem is None
        and not _odd_characters(corrected)
    ):
        diagnosis.corrected = masked(corrected, login)
    return diagnosis


def diagnosis_lines(diagnosis: Diagnosis) -> list[str]:
    """The problems and the corrected shape (no method, no result)."""
    lines = list(diagnosis.problems)
    if diagnosis.problems:
        if diagnosis.placeholder:
            lines.append("corrected shape: replace the placeholder with your own login and secret key")
        elif diagnosis.corrected is not None:
            lines.append(f"corrected shape: {diagnosis.corrected}")
        else:
            lines.append(
                "corrected shape: unknown: Qonto expects 'login:secret' (static API key) or 'Bearer <access_token>' (OAuth)"
            )
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# ---------------------------------------------------------------- live test call


@dataclass
class Answer:
    status: int
    reason: str
    headers: dict  # lowercased names
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None

    @property
    def is_html(self) -> bool:
        content_type = (self.header("Content-Type") or "").lower()
        return "html" in content_type or self.body.lstrip()[:1] == b"<"


def _one_line(text: str, limit: int = 200) -> str:
    """Text from the network or the system on one line, scrubbed first, then cut to `limit`
    characters: a cut never keeps part of a secret that a whole copy would have shown."""
    text = " ".join(str(text).split())
    if _scrubber is not None:
        text = _scrubber(text)
    printable = "".join(c if c.isprintable() else "?" for c in text)
    return printable[:limit] + ("…" if len(printable) > limit else "")


class _EndlessInterim(http.client.HTTPException):
    """More `100 Continue` interim answers than any server sends to a request that did not ask for one."""


class _Response(http.client.HTTPResponse):
    """http.client's answer, with a bound on the `100 Continue` interim answers it skips.

    http.client reads any number of them before the final status line: a server that
    sends them without end would keep the call busy (and a core at 100 %) until the deadline.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._interim = 0

    def _read_status(self):
        version, status, reason = super()._read_status()
        if status == http.client.CONTINUE:
            self._interim += 1
            if self._interim > MAX_INTERIM:
                raise _EndlessInterim()
        return version, status, reason


def _exchange(connection: http.client.HTTPConnection, path: str, headers: dict[str, str], state: dict) -> None:
    """The test call itself, in a worker thread: `state` says how far it got and holds its outcome."""
    try:
        connection.connect()
        state["sock"] = connection.sock
        connection.request("GET", path, headers=headers)
        state["phase"] = "answer"
        response = connection.getresponse()
        state["phase"] = "body"
        body = response.read(MAX_BODY)  # enough for any error body; the rest is not read
        found = {name.lower(): value for name, value in response.getheaders()}
        state["answer"] = Answer(response.status, response.reason or "", found, body)
    except BaseException as error:  # handed to the caller's thread, which reports it
        state["error"] = error
    finally:
        connection.close()


def _abandon(state: dict) -> None:
    """Wake the worker blocked on the socket, so that it ends now rather than at its own timeout."""
    sock = state.get("sock")
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, also under TLS
    except (OSError, ValueError):
        pass


def call(url: str, headers: dict[str, str], timeout: float) -> Answer:
    """`GET url` with the standard library; redirects are answers, not followed.

    `timeout` is a deadline for the whole call (name lookup, connection, TLS, status line,
    headers and body), not a limit per read: a server that trickles one byte a second, or
    sends `100 Continue` again and again, cannot keep the doctor waiting past it. The call
    runs in a daemon thread and this thread waits for it until the deadline.
    """
    parts = urlsplit(url)
    netloc = parts.netloc
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    state: dict = {"phase": "connect"}
    try:
        if parts.scheme == "https":
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        connection.response_class = _Response
        worker = threading.Thread(
            target=_exchange, args=(connection, path, headers, state), name="qonto-lint doctor test call", daemon=True
        )
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            _abandon(state)
            raise TimeoutError
        if "error" in state:
            raise state["error"]
        return state["answer"]
    except TimeoutError:  # socket.timeout is TimeoutError since Python 3.10
        if state["phase"] == "connect":
            raise DoctorError(f"no connection to {netloc} within {timeout:g} s (--timeout)") from None
        if state["phase"] == "body":
            raise DoctorError(f"the answer from {netloc} did not end within {timeout:g} s (--timeout)") from None
        raise DoctorError(f"no answer from {netloc} within {timeout:g} s (--timeout)") from None
    except _EndlessInterim:
        raise DoctorError(
            f"no answer from {netloc}: more than {MAX_INTERIM} '100 Continue' interim answers and no final one"
        ) from None
    except ConnectionRefusedError:
        raise DoctorError(f"cannot connect to {netloc}: connection refused") from None
    except socket.gaierror as error:
        raise DoctorError(f"cannot resolve {parts.hostname}: {_one_line(error.strerror or error)}") from None
    except ssl.SSLCertVerificationError as error:
        raise DoctorError(
            f"TLS certificate of {netloc} not accepted: {_one_line(error.verify_message or error)}"
        ) from None
    except ssl.SSLError as error:
        raise DoctorError(f"TLS error with {netloc}: {_one_line(error.reason or error)}") from None
    except http.client.HTTPException as error:
        raise DoctorError(f"no valid HTTP answer from {netloc}: {error.__class__.__name__}") from None
    except OSError as error:
        raise DoctorError(f"cannot connect to {netloc}: {_one_line(error.strerror or error)}") from None


def _location(answer: Answer) -> str:
    location = answer.header("Location")
    if not location:
        return "(no Location header)"
    parts = urlsplit(location)
    shown = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.scheme else parts.path
    return _one_line(shown)


def _trace_lines(answer: Answer) -> list[str]:
    header = answer.header(TRACE_HEADER)
    body = answer.json
    trace_id = body.get("trace_id") if isinstance(body, dict) else None
    lines = []
    if header:
        lines.append(f"{TRACE_HEADER}: {_one_line(header, 100)}")
    if trace_id:
        lines.append(f"trace_id: {_one_line(trace_id, 100)}")
    if lines:
        lines.append("support: still stuck? contact Qonto support and include this trace id in the request")
    else:
        lines.append(
            f"support: the answer carries no {TRACE_HEADER} header: it may not come from the Qonto API (check the URL and any proxy)"
        )
    return lines


def _error_detail(answer: Answer) -> str | None:
    body = answer.json
    if not isinstance(body, dict):
        return None
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        text = first.get("detail") or first.get("title") or first.get("code") or first.get("message")
        return _one_line(text, 160) if text else None
    message = body.get("message") or body.get("error")
    return _one_line(message, 160) if isinstance(message, str) else None


def read_answer(answer: Answer, diagnosis: Diagnosis, *, sandbox: bool, staging_sent: bool) -> tuple[list[str], int]:
    """Guide step 3: the lines that diagnose the answer, and the exit status."""
    lines = [f"answer: {answer.status} {_one_line(answer.reason, 60)}".rstrip()]
    status = answer.status

    if 200 <= status < 300 and not answer.is_html:
        body = answer.json
        accounts = body.get("bank_accounts") if isinstance(body, dict) else None
        count = f" ({_count(len(accounts), 'bank account')})" if isinstance(accounts, list) else ""
        lines.append(f"result: authenticated: Qonto accepted the Authorization header{count}")
        return lines, EXIT_OK

    # The sandbox turns away a request without the staging token before the API sees it:
    # a redirect to its SSO login, or the login page itself (an HTML answer).
    if 300 <= status < 400 or (answer.is_html and (status < 300 or (sandbox and status < 500))):
        if 300 <= status < 400:
            lines[0] += f", redirect to {_location(answer)}"
            what = "a redirect to a login page" if sandbox else "a redirect"
        else:
            what = "an HTML page instead of JSON" if status < 300 else f"an HTML page ({status}) instead of JSON"
        if sandbox and not staging_sent:
            lines.append(
                f"problem: staging token missing: the sandbox answers a request without the {STAGING_HEADER} header "
                f"with {what}; add the header (the token is in the developer portal) with --staging-token-from-env NAME"
            )
            result = "result: not authenticated: the sandbox needs the X-Qonto-Staging-Token header"
        elif sandbox:
            lines.append(
                f"problem: staging token wrong: the sandbox answered with {what} although {STAGING_HEADER} was sent; "
                "copy the token again from the developer portal"
            )
            result = "result: not authenticated: the sandbox did not accept the X-Qonto-Staging-Token header"
        else:
            lines.append(
                f"problem: the answer is {what}, not the Qonto API's JSON: check the URL (--base-url) and any proxy"
            )
            result = "result: not authenticated: the test call did not reach the Qonto API"
        if answer.header(TRACE_HEADER):
            lines.extend(_trace_lines(answer))
        lines.append(result)
        return lines, EXIT_WRONG

    detail = _error_detail(answer)
    if detail:
        lines.append(f"error: {detail}")
    if status in (401, 403):
        problems = diagnosis_lines(diagnosis)
        if problems:
            lines.extend(problems)
        elif status == 401 and diagnosis.method == OAUTH_METHOD:
            lines.append(
                "problem: the access token has the right shape but Qonto refused it: it has expired or was revoked; "
                "get a new one from the token endpoint"
            )
        elif status == 401:
            where = " (the sandbox has its own keys, in the developer portal)" if sandbox else ""
            lines.append(
                "problem: the value has the shape Qonto expects, so the login or the secret key itself is wrong: "
                f"copy both again from your Qonto account{where}"
            )
        else:
            lines.append(
                "problem: Qonto knows these credentials but refuses this call: "
                "they lack the permission (or OAuth scope) for GET /v2/bank_accounts"
            )
        lines.append(THROTTLE)
    elif status == 429:
        lines.append(
            "problem: Qonto is throttling this caller: wait before trying again "
            "(more than 200 responses with status 401 in one hour get the caller throttled)"
        )
    elif status == 404:
        lines.append("problem: GET /v2/bank_accounts was not found: check the URL (--base-url)")
    elif status >= 500:
        lines.append("problem: Qonto failed to answer the test call: try again later")
    lines.extend(_trace_lines(answer))
    lines.append(f"result: not authenticated: Qonto answered {status}")
    return lines, EXIT_WRONG


# ---------------------------------------------------------------- inputs


#: the most the doctor reads of one value: an Authorization header is a few hundred bytes, and
#: servers refuse headers over 8-16 KB (standard input is read no further than this)
MAX_VALUE_BYTES = 64 * 1024


def _capped(text: str, where: str) -> str:
    if len(text) > MAX_VALUE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_VALUE_BYTES:
        raise DoctorError(f"{where} is over the {MAX_VALUE_BYTES}-byte limit of an Authorization value")
    return text


def _env(name: str, option: str) -> str:
    if not name:
        raise DoctorError(f"{option} needs the name of an environment variable")
    value = os.environ.get(name)
    if value is None:
        raise DoctorError(f"environment variable {name} is not set ({option})")
    return _capped(value, f"environment variable {name} ({option})")


def _stdin() -> tuple[str, str]:
    """The value on standard input, and the one line ending taken off its end ("" if none)."""
    try:
        data = sys.stdin.buffer.read(MAX_VALUE_BYTES + 3)  # room for the line ending taken off below
    except (AttributeError, OSError, ValueError):  # no stdin at all (`<&-`), or a closed descriptor
        raise DoctorError("cannot read standard input: it is closed") from None
    body = data[:-2] if data.endswith(b"\r\n") else data[:-1] if data.endswith(b"\n") else data
    if len(body) > MAX_VALUE_BYTES:
        raise DoctorError(f"standard input is over the {MAX_VALUE_BYTES}-byte limit of an Authorization value")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DoctorError("standard input is not UTF-8 text") from None
    # `echo "$KEY" | qonto-lint doctor -` adds one newline: that one is not the key's.
    # A file's last line ends with one too, and code that reads the file keeps it: say so.
    for ending in ("\r\n", "\n"):
        if text.endswith(ending):
            return text[: -len(ending)], ending
    return text, ""


def _unsendable(text: str) -> bool:
    """A header value an HTTP client refuses to send (requests and http.client alike)."""
    return any(c in text for c in "\r\n\0") or any(ord(c) > 0xFF for c in text)


def _base_url(base_url: str | None, sandbox: bool) -> str:
    url = (base_url or (SANDBOX_URL if sandbox else PRODUCTION_URL)).rstrip("/")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise DoctorError(f"--base-url is not a valid URL: {_one_line(_shown_url_or(url), 80)!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DoctorError(f"--base-url must be an http:// or https:// URL, not {_one_line(_shown_url_or(url), 80)!r}")
    try:
        _ = parts.port
    except ValueError:
        raise DoctorError(f"--base-url has an invalid port: {_one_line(_shown_url_or(url), 80)!r}") from None
    if parts.query or parts.fragment:
        raise DoctorError("--base-url takes no query or fragment")
    if parts.scheme == "http" and is_qonto_domain(parts.hostname):
        raise DoctorError(f"the Qonto API is HTTPS only: use https://{parts.netloc}")
    return url


HELP_EPILOG = """\b
Input (one of them; prefer standard input or the environment, so that the
secret stays out of the shell history and the process list):
  qonto-lint doctor -  < key.txt                 (one trailing newline is ignored)
  qonto-lint doctor --from-env QONTO_AUTH
  qonto-lint doctor --login pied-piper-7132 --secret-from-env QONTO_SECRET_KEY
  qonto-lint doctor 'Basic ...'                  (allowed, not recommended)

\b
Live test call (the guide's step 2: GET /v2/bank_accounts):
  qonto-lint doctor --from-env QONTO_AUTH --live
  qonto-lint doctor --from-env QONTO_AUTH --live --sandbox --staging-token-from-env QONTO_STAGING_TOKEN

\b
Exit status: 0 the value looks right (offline) or Qonto authenticated it (--live),
1 something is wrong, 2 usage error, timeout or connection error.
"""


@click.command(
    name="doctor",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=HELP_EPILOG,
)
@click.argument("values", nargs=-1, metavar="[VALUE | -]")
@click.option(
    "--from-env", "from_env", metavar="NAME", help="Read the Authorization value from this environment variable."
)
@click.option(
    "--login", metavar="LOGIN", help="The login (organization slug); the secret comes from --secret-from-env."
)
@click.option(
    "--secret-from-env",
    "secret_env",
    metavar="NAME",
    help="Read the secret key from this environment variable (with --login).",
)
@click.option(
    "--live", is_flag=True, help="Make the guide's test call, GET /v2/bank_accounts, and diagnose the answer."
)
@click.option(
    "--sandbox", is_flag=True, help=f"Call the sandbox ({SANDBOX_URL}) instead of production ({PRODUCTION_URL})."
)
@click.option(
    "--staging-token-from-env",
    "staging_env",
    metavar="NAME",
    help=f"Send {STAGING_HEADER} from this environment variable (sandbox only).",
)
@click.option("--base-url", metavar="URL", help="Call this URL instead of Qonto's (a proxy, a test server).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True, max=600),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Give up when the test call (connection, answer and body) has not ended after this many seconds.",
)
def doctor(values, from_env, login, secret_env, live, sandbox, staging_env, base_url, timeout) -> int:
    """Diagnose one Qonto Authorization value the way Qonto's troubleshooting guide does.

    Names the authentication method, checks the value for the guide's common
    mistakes (the linter's own checks) and prints the corrected shape, masked.
    With --live, also makes the test call and reads Qonto's answer.
    """
    global _scrubber
    password = _url_password(base_url)
    _scrubber = Scrubber([password] if password else [])
    if len(values) > 1:
        raise DoctorError("give one VALUE (quote a value that holds spaces)")
    value = values[0] if values else None
    sources = [
        name
        for name, given in (
            ("VALUE", value is not None),
            ("--from-env", from_env is not None),
            ("--login/--secret-from-env", login is not None or secret_env is not None),
        )
        if given
    ]
    if not sources:
        raise DoctorError(
            "give the Authorization value: '-' (standard input), --from-env NAME, or --login LOGIN --secret-from-env NAME"
        )
    if len(sources) > 1:
        raise DoctorError(f"give the Authorization value one way only, not {' and '.join(sources)}")
    if login is not None and secret_env is None:
        raise DoctorError("--login needs --secret-from-env NAME (the secret never goes on the command line)")
    if secret_env is not None and login is None:
        raise DoctorError("--secret-from-env needs --login LOGIN")
    if not live:
        for option, given in (
            ("--sandbox", sandbox),
            ("--staging-token-from-env", staging_env is not None),
            ("--base-url", base_url is not None),
        ):
            if given:
                raise DoctorError(f"{option} is for the test call: add --live")
    url = _base_url(base_url, sandbox) if live else ""
    if live and not sandbox and urlsplit(url).hostname.endswith(".staging.qonto.co"):
        sandbox = True
    if staging_env is not None and not sandbox:
        raise DoctorError(f"production does not accept {STAGING_HEADER}: use --staging-token-from-env with --sandbox")

    err = sys.stderr
    ending = ""
    if value == "-":
        text, ending = _stdin()
    elif value is not None:
        text = _capped(value, "the VALUE argument")
        # whatever its shape: a key with a typo or a prefix is still the key
        err.write(f"{PROG}: note: a key on the command line stays in the shell history; prefer '-' or --from-env\n")
    elif from_env is not None:
        text = _env(from_env, "--from-env")
    secret = _env(secret_env, "--secret-from-env") if secret_env is not None else None
    if secret is not None:
        text = f"{login}:{secret}"
    staging_token = _env(staging_env, "--staging-token-from-env") if staging_env is not None else None
    diagnosis = diagnose(text, login)
    forbidden = sorted(
        {
            s
            for judged in dict.fromkeys(diagnosis.judged or [text])
            for s in sensitive_strings(judged, staging_token, secret)
        },
        key=len,
        reverse=True,
    )
    if password:
        forbidden.append(password)
    _scrubber = Scrubber(forbidden, keep=_logins(login, text, diagnosis.corrected))
    lines = [f"method: {diagnosis.method}"]
    if ending:
        what = "newline" if ending == "\n" else "line break (CRLF)"
        lines.append(
            f"note: the {what} at the end of standard input was ignored; code that reads the key from a file "
            "must strip it too, or it is sent with the header and Qonto answers 401 (QNT106)"
        )
    if not live:
        lines.extend(diagnosis_lines(diagnosis))
        if diagnosis.ok:
            shown = diagnosis.corrected or masked(text, login)
            lines.append(f"result: ok: the value has the shape Qonto expects: {shown}")
            lines.append("next: add --live to make the guide's test call, GET /v2/bank_accounts")
            status = EXIT_OK
        else:
            lines.append(
                f"result: {_count(len(diagnosis.problems), 'problem')}: fix the Authorization value before calling Qonto"
            )
            status = EXIT_WRONG
    else:
        target = url + TEST_PATH
        suffix = ""
        if sandbox:
            suffix = (
                f" (sandbox, with {STAGING_HEADER})"
                if staging_token is not None
                else f" (sandbox, without {STAGING_HEADER})"
            )
        lines.append(f"test call: GET {_shown_url(target)}{suffix}")
        unsendable = _unsendable(text)
        if unsendable or (staging_token is not None and _unsendable(staging_token)):
            what = "the Authorization value" if unsendable else f"the {STAGING_HEADER} value"
            lines.extend(diagnosis_lines(diagnosis) if unsendable else [])
            lines.append(f"problem: not sent: {what} holds a line break or a character HTTP headers cannot carry")
            lines.append("result: not authenticated: fix the value first")
            status = EXIT_WRONG
        else:
            headers = {
                "Authorization": text,
                "Accept": "application/json",
                "User-Agent": f"qonto-lint-doctor/{__version__}",
            }
            if staging_token is not None:
                headers[STAGING_HEADER] = staging_token
            answer = call(target, headers, timeout)
            more, status = read_answer(answer, diagnosis, sandbox=sandbox, staging_sent=staging_token is not None)
            lines.extend(more)

    out = sys.stdout
    out.write(_scrubber("\n".join(lines) + "\n"))
    out.flush()
    return status


def doctor_main(argv: list[str]) -> int:
    """`qonto-lint doctor ARGS`: the exit status; every error is one line on stderr."""
    global _scrubber
    _scrubber = None
    try:
        status = doctor.main(list(argv), prog_name=PROG, standalone_mode=False)
    except click.UsageError as error:
        from .cli import usage_message

        status = _fail(usage_message(error))
    except click.exceptions.Exit as error:
        status = error.exit_code
    except click.Abort:
        status = _fail("aborted")
    except DoctorError as error:
        status = _fail(str(error))
    except BrokenPipeError:
        status = EXIT_ERROR
    except KeyboardInterrupt:
        click.echo(f"{PROG}: interrupted", err=True)
        status = 130
    except Exception as error:  # the last line of defence: never a traceback (and never a value)
        status = _fail(f"internal error: {error.__class__.__name__}")
    if status is None:
        status = EXIT_OK
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    return int(status)


def _fail(message: str) -> int:
    # an error may quote what was typed (a key given where a variable name was expected) or
    # what a server answered
    line = " ".join(str(message).split())
    line = visible(mask_text(_scrubber(line) if _scrubber is not None else line)) or "error"
    click.echo(f"{PROG}: error: {line}", err=True)
    return EXIT_ERROR
