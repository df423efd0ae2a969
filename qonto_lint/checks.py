"""The guide's diagnosis of one Authorization value, shared by the rules and `doctor`.

`diagnose_authorization(value)` takes a `Value` (literal text and holes) and
returns the problems it carries, in code order. The rules call it on the value a
header site will carry; `qonto-lint doctor` calls it on `Value.of_text(header)`.
"""

from __future__ import annotations

import re

from .facts.values import (
    LOGIN_SHAPE,
    SECRET_SHAPE,
    Hole,
    Kind,
    Origin,
    Text,
    Value,
    hole_kinds,
    is_client_credential_name,
    literal_kinds,
    mask,
    mask_secret,
)
from .record import MutableRecord, ValueRecord

COST = "every 401 counts toward Qonto's 200-per-hour throttle"

_SCHEME = re.compile(r"^(basic|bearer)(\s+)", re.IGNORECASE)
_PASTED = re.compile(r"^\s*authorization\s*:\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"([\s:;/|,]+)")
_TEMPLATE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.\[\]'\"]*\}|\{\d*\}|%\([A-Za-z_]\w*\)s|%s")
_ANGLE = re.compile(r"<[A-Za-z_][A-Za-z0-9_ .-]*>")
#: `your-api-key-here`, `your secret here` (see `_your_here`)
_YOUR = re.compile(r"your[-_ ]", re.IGNORECASE)
_RUN = re.compile(r"[A-Za-z0-9_-]*", re.IGNORECASE)
_HERE = re.compile(r"here", re.IGNORECASE)
_YOUR_UPPER = re.compile(r"\bYOUR_[A-Z0-9_]+\b")
_PUNCTUATION = re.compile(r"^[^A-Za-z0-9]+$")
_BASE64_TEXT = re.compile(r"^[A-Za-z0-9+/_-]{8,}={0,2}$")


class Problem(ValueRecord):
    __slots__ = ("code", "message", "data")
    _compared = ("code", "message")

    def __init__(self, code: str, message: str, data: dict | None = None) -> None:
        self.code = code
        self.message = message
        #: what the rule's fix needs to know (scheme text, which parts, ...)
        self.data = {} if data is None else data


class Atom(MutableRecord):
    __slots__ = ("part", "kinds")

    def __init__(self, part: Text | Hole | str, kinds: frozenset) -> None:
        self.part = part  # a hole, or a literal token
        self.kinds = kinds

    @property
    def is_hole(self) -> bool:
        return isinstance(self.part, Hole)

    def describe(self) -> str:
        if isinstance(self.part, Hole):
            return self.part.shown
        return repr(mask(self.part))


class Shape(MutableRecord):
    """An Authorization value taken apart: [pasted name] [scheme] atoms and separators."""

    __slots__ = ("value", "segments", "pasted", "scheme", "scheme_text", "atoms", "separators")

    def __init__(
        self,
        value: Value,
        segments: list,
        pasted: bool,
        scheme: str | None,
        scheme_text: str,
        atoms: list[Atom],
        separators: list[str],
    ) -> None:
        self.value = value
        self.segments = segments  # str | Hole, consecutive texts merged
        self.pasted = pasted
        self.scheme = scheme  # "basic" / "bearer"
        self.scheme_text = scheme_text
        self.atoms = atoms
        self.separators = separators  # separators[i] lies between atoms[i] and atoms[i + 1]

    @property
    def rest_literal(self) -> str | None:
        if all(not a.is_hole for a in self.atoms):
            out = []
            for i, atom in enumerate(self.atoms):
                out.append(atom.part)  # type: ignore[arg-type]
                if i < len(self.separators):
                    out.append(self.separators[i])
            return "".join(out)  # type: ignore[arg-type]
        return None


def _segments(value: Value) -> list:
    segments: list = []
    run: list[str] = []  # consecutive texts, joined once: adding to a string each time is quadratic
    previous = None
    for part in value.parts:
        if isinstance(part, Text):
            if run and _glued_pair(previous, part):
                segments.append("".join(run))
                run = []
            run.append(part.text)
        else:
            if run:
                segments.append("".join(run))
                run = []
            segments.append(part)
        previous = part
    if run:
        segments.append("".join(run))
    return segments


def _glued_pair(left, right: Text) -> bool:
    """`"acme-robotics-2231" "7c1e..."`: a login literal and a secret literal side by side, no
    colon between them (a long string split over two literals is not: its pieces are not a
    whole login and a whole secret)."""
    if not isinstance(left, Text) or left.node is None or left.node is right.node:
        return False
    return bool(LOGIN_SHAPE.match(left.text.rsplit(" ", 1)[-1]) and SECRET_SHAPE.match(right.text.split(" ", 1)[0]))


def shape_of(value: Value, glued: bool = False) -> Shape:
    """The value taken apart. With `glued`, a literal token that is a login and a 32-character
    secret written with nothing between them (`"acme-robotics-22317c1e…"`) counts as the two
    atoms it is, joined by an empty separator."""
    segments = _segments(value)
    rest = list(segments)
    pasted = False
    scheme = None
    scheme_text = ""
    if rest and isinstance(rest[0], str):
        head = rest[0]
        match = _PASTED.match(head)
        if match:
            pasted = True
            head = head[match.end() :]
        stripped = head.lstrip()
        match = _SCHEME.match(stripped)
        if match:
            scheme = match.group(1).lower()
            scheme_text = match.group(0)
            head = stripped[match.end() :]
        elif pasted:
            head = stripped
        rest[0] = head
    atoms: list[Atom] = []
    separators: list[str] = []
    pending_sep: str | None = None
    for segment in rest:
        if isinstance(segment, Hole):
            if atoms:
                separators.append(pending_sep or "")
            atoms.append(Atom(segment, hole_kinds(segment)))
            pending_sep = None
            continue
        for i, token in enumerate(_SEPARATORS.split(segment)):
            if not token:
                continue
            if i % 2 == 1 or _PUNCTUATION.match(token):  # a separator run
                pending_sep = (pending_sep or "") + token
                continue
            if atoms:
                separators.append(pending_sep or "")
            pair = split_glued(token) if glued else None
            if pair is not None:
                login, secret, swapped = pair
                first, second = (secret, login) if swapped else (login, secret)
                atoms.append(Atom(first, literal_kinds(first)))
                separators.append("")
                token = second
            atoms.append(Atom(token, literal_kinds(token)))
            pending_sep = None
    # Leading separators before the first atom are dropped from `separators` by construction.
    return Shape(value, segments, pasted, scheme, scheme_text, atoms, separators)


#: a Qonto secret key is 32 characters
SECRET_LENGTH = 32


def split_glued(token: str) -> tuple[str, str, bool] | None:
    """A login and a secret written with nothing between them.

    Returns (login, secret, swapped) where swapped means the secret came first;
    None when `token` is not a login-shaped part next to a 32-character secret.
    """
    if len(token) <= SECRET_LENGTH:
        return None
    login, secret = token[:-SECRET_LENGTH], token[-SECRET_LENGTH:]
    if LOGIN_SHAPE.match(login) and SECRET_SHAPE.match(secret):
        return login, secret, False
    secret, login = token[:SECRET_LENGTH], token[SECRET_LENGTH:]
    if LOGIN_SHAPE.match(login) and SECRET_SHAPE.match(secret):
        return login, secret, True
    return None


def _is_login(atom: Atom) -> bool:
    return Kind.LOGIN in atom.kinds and Kind.SECRET not in atom.kinds


def _is_secret(atom: Atom) -> bool:
    return Kind.SECRET in atom.kinds and Kind.LOGIN not in atom.kinds


def _decodes_to_pair(text: str) -> str | None:
    """The decoded text when `text` is base64 of printable text with a colon."""
    if not _BASE64_TEXT.match(text) or len(text) < 8:
        return None
    import base64  # only for text that looks like base64
    import binascii

    padded = text + "=" * (-len(text) % 4)
    for decoder in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            raw = decoder(padded)
        except (binascii.Error, ValueError):
            continue
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if ":" in decoded and decoded.isprintable() and len(decoded) >= 3:
            return decoded
    return None


def base64_literal(shape: Shape) -> str | None:
    """The decoded pair when the value's credentials are a base64 literal."""
    for atom in shape.atoms:
        if not atom.is_hole:
            decoded = _decodes_to_pair(atom.part)  # type: ignore[arg-type]
            if decoded is not None:
                return decoded
    return None


def is_client_auth(value: Value) -> bool:
    """Built from client_id / client_secret parts: OAuth client authentication."""
    return any(is_client_credential_name(name) for hole in value.walk_holes() for name in hole.all_names())


def diagnose_authorization(value: Value, *, oauth_client: bool = False, glued: bool = False) -> list[Problem]:
    """Problems of an Authorization value sent to Qonto, in code order (`glued`: see shape_of)."""
    shape = shape_of(value, glued)
    exempt = oauth_client or is_client_auth(value)
    problems: list[Problem] = []
    atoms, seps = shape.atoms, shape.separators

    if shape.scheme == "basic" and not exempt:
        problems.append(
            Problem(
                "QNT101",
                f"Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is ({COST})",
                {"scheme_text": shape.scheme_text},
            )
        )

    if shape.scheme == "bearer" and atoms and not any(Kind.OAUTH in a.kinds for a in atoms):
        pair = len(atoms) >= 2 and ":" in seps[0]
        single = len(atoms) == 1 and bool(atoms[0].kinds & {Kind.SECRET, Kind.STATIC_KEY})
        if pair or single:
            problems.append(
                Problem(
                    "QNT102",
                    f"'Bearer' is for OAuth access tokens; a Qonto static API key is sent as 'login:secret' with no prefix ({COST})",
                    {"scheme_text": shape.scheme_text},
                )
            )

    encoded = [h for h in value.holes if h.origin is Origin.BASE64]
    decoded_literal = base64_literal(shape) if not encoded else None
    if (encoded or decoded_literal is not None) and not exempt:
        what = f"{encoded[0].name}()" if encoded else "a base64 literal"
        problems.append(
            Problem(
                "QNT103",
                f"Qonto static API keys are not base64-encoded: send 'login:secret' as plain text, not {what} ({COST})",
                {"holes": encoded},
            )
        )

    for i in range(len(atoms) - 1):
        a, b, sep = atoms[i], atoms[i + 1], seps[i]
        if ":" not in sep and ((_is_login(a) and _is_secret(b)) or (_is_secret(a) and _is_login(b))):
            shown = "nothing" if sep == "" else repr(sep)
            problems.append(
                Problem(
                    "QNT104",
                    f"Qonto's API key needs a colon between login and secret, found {shown} between "
                    f"{a.describe()} and {b.describe()}: send 'login:secret' ({COST})",
                    {"index": i},
                )
            )
            break

    for i in range(len(atoms) - 1):
        a, b, sep = atoms[i], atoms[i + 1], seps[i]
        if ":" in sep and _is_secret(a) and _is_login(b):
            problems.append(
                Problem(
                    "QNT105",
                    f"login and secret are swapped ({a.describe()} comes first): Qonto expects 'login:secret', "
                    f"login first ({COST})",
                    {"index": i},
                )
            )
            break

    whitespace = _whitespace_problem(shape)
    if whitespace:
        problems.append(Problem("QNT106", f"{whitespace}: Qonto reads the key byte for byte, so strip it ({COST})"))

    if shape.pasted:
        problems.append(
            Problem(
                "QNT108",
                f"the value repeats the header name 'Authorization:': send only the credentials ({COST})",
                {"pasted": True},
            )
        )

    placeholder = placeholder_in(value)
    if placeholder:
        problems.append(Problem("QNT109", f"{placeholder}: put the real credentials in before calling Qonto ({COST})"))

    if shape.scheme != "bearer" and atoms and Kind.OAUTH in atoms[-1].kinds:
        # the token alone, after another scheme (`Basic <token>`), or glued to `Bearer` (`"Bearer" + token`)
        bare = shape.scheme is None and len(atoms) == 1
        glued = (
            shape.scheme is None
            and len(atoms) == 2
            and seps[0] == ""
            and not atoms[0].is_hole
            and atoms[0].part.lower() == "bearer"
        )
        if bare or glued or (shape.scheme == "basic" and len(atoms) == 1):
            problems.append(
                Problem(
                    "QNT110",
                    f"OAuth access token {atoms[-1].describe()} is sent without the 'Bearer ' prefix: "
                    f"send 'Bearer <access_token>' ({COST})",
                    {"bare": bare},
                )
            )
    return problems


def _whitespace_problem(shape: Shape) -> str | None:
    segments = shape.segments
    texts = [s for s in segments if isinstance(s, str)]
    for text in texts:
        for char, name in (("\n", "a line break"), ("\r", "a carriage return"), ("\t", "a tab")):
            if char in text:
                return f"the value contains {name}"
    if segments and isinstance(segments[0], str) and segments[0][:1].isspace() and not shape.pasted:
        return "the value starts with whitespace"
    if segments and isinstance(segments[-1], str) and segments[-1][-1:].isspace():
        return "the value ends with whitespace"
    if shape.separators and ":" in shape.separators[0] and shape.separators[0].strip() != shape.separators[0]:
        return "there is whitespace around the colon"
    if shape.separators and ":" in shape.separators[0] and any(c.isspace() for c in shape.separators[0]):
        return "there is whitespace around the colon"
    for segment in segments:
        if isinstance(segment, Hole) and segment.origin is Origin.FILE and not segment.stripped:
            return f"{segment.shown} is read from a file without .strip() and keeps its trailing newline"
    return None


def placeholder_in(value: Value) -> str | None:
    """A template or documentation placeholder left in the value (QNT109)."""
    for part in value.parts:
        if not isinstance(part, Text):
            continue
        text = part.text
        match = _TEMPLATE.search(text)
        if match and (part.template or match.group(0).startswith("{")):
            return f"the value still holds the template {match.group(0)!r}, which is never formatted (a forgotten f prefix, .format or %)"
        match = _ANGLE.search(text)
        found = match.group(0) if match else _your_here(text)
        if found is None:
            match = _YOUR_UPPER.search(text)
            found = match.group(0) if match else None
        if found is not None:
            return f"the value still holds the placeholder {found!r}"
        match = _ANGLED_DIGITS.search(text)
        if match:  # "<login>:<secret>" filled in with the brackets kept: the secret is real, mask it
            inner = match.group(0)[1:-1]
            return f"the value still holds the placeholder {'<' + (mask_secret(inner) if len(inner) >= 8 else inner) + '>'!r}"
    return None


def _your_here(text: str) -> str | None:
    """The first match of `your[-_ ][A-Za-z0-9_-]*?[-_ ]?here` (case-insensitive), found in linear
    time: as a regex, each `your-` of `your-your-your-…` would rescan the rest of the run."""
    run_start = run_end = -1  # the last run of [A-Za-z0-9_-] measured
    here = -1  # the first `here` at or after `searched`, -1 when there is none
    searched = -1
    for match in _YOUR.finditer(text):
        start, end = match.span()
        if not run_start < end <= run_end:  # `end` is in the run measured (its separator is in it too)
            run_start, run_end = end, _RUN.match(text, end).end()
        if searched < 0 or (here != -1 and here < end):
            found = _HERE.search(text, end)
            here, searched = (found.start() if found else -1), end
        if here != -1 and here + 4 <= run_end:
            return text[start : here + 4]
        if text[run_end : run_end + 1] == " " and _HERE.match(text, run_end + 1):
            return text[start : run_end + 5]
    return None


#: `<29649641…>`: a bracketed part that starts with a digit (`_ANGLE` wants a letter first)
_ANGLED_DIGITS = re.compile(r"<[0-9][A-Za-z0-9_ .-]*>")
