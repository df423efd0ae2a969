"""The offline diagnosis (the guide's steps 1 and 3): the authentication method, the linter's
own checks over the value, the wrappers peeled off a pasted value, and the corrected shape."""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from dataclasses import dataclass, field

from ..authorization.correct import corrected_authorization
from ..authorization.diagnose import diagnose_authorization
from ..authorization.login import LOGIN_SHAPE
from ..authorization.problem import COST, Problem
from ..authorization.shape import shape_of, split_glued
from ..facts.values import Hole, Origin, Text, Value
from ..masking import mask_text
from .secrets import masked, shown_line


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
    more = f" and {counted(len(odd) - 1, 'more such character')}" if len(odd) > 1 else ""
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
                f"problem: the credentials are wrapped in {_QUOTE_NAMES[rest[0]]}, "
                "which are sent as part of the header: "
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
    return mask_text(shown_line(issuer, 80))


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
            defects.append(f"{counted(len(separator), 'space')} separate it from the token")
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
    plain = _plain(core)
    diagnosis = _diagnose_core(core, plain, login)
    diagnosis.problems[:0] = wrappers
    diagnosis.judged = [value, core, plain]
    return diagnosis


def _diagnose_core(value: str, plain: str, login: str | None) -> Diagnosis:
    """The diagnosis of the value once its wrappers are peeled off (`plain`: the same with
    look-alike characters made plain)."""
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
                "corrected shape: unknown: Qonto expects 'login:secret' (static API key) "
                "or 'Bearer <access_token>' (OAuth)"
            )
    return lines


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
