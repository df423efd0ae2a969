"""An Authorization value taken apart: [pasted header name] [scheme] atoms and separators.

`shape_of(value)` splits a `Value` (literal text and holes) into the parts the header rules and
`doctor` judge: a login, a secret, a token, a hole named like one of them, and what separates
them. `Reading` is one value as the header rules read it, computed once per header site.
"""

from __future__ import annotations

import re

from ..facts.values import (
    JAVASCRIPT_FILE_READS,
    SECRET_SHAPE,
    Hole,
    Kind,
    Origin,
    Text,
    Value,
    hole_kinds,
    is_client_credential_name,
    literal_kinds,
)
from ..masking import mask
from ..record import MutableRecord
from .login import LOGIN_SHAPE

_SCHEME = re.compile(r"^(basic|bearer)(\s+)", re.IGNORECASE)
_PASTED = re.compile(r"^\s*authorization\s*:\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"([\s:;/|,]+)")
_PUNCTUATION = re.compile(r"^[^A-Za-z0-9]+$")
_BASE64_TEXT = re.compile(r"^[A-Za-z0-9+/_-]{8,}={0,2}$")


class Atom(MutableRecord):
    __slots__ = ("part", "kinds")

    def __init__(self, part: Hole | str, kinds: frozenset) -> None:
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
            out: list[str] = []
            for i, atom in enumerate(self.atoms):
                out.append(atom.part)  # type: ignore[arg-type]
                if i < len(self.separators):
                    out.append(self.separators[i])
            return "".join(out)
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


def is_login(atom: Atom) -> bool:
    return Kind.LOGIN in atom.kinds and Kind.SECRET not in atom.kinds


def is_secret(atom: Atom) -> bool:
    return Kind.SECRET in atom.kinds and Kind.LOGIN not in atom.kinds


def decodes_to_pair(text: str) -> str | None:
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
            decoded = decodes_to_pair(atom.part)  # type: ignore[arg-type]
            if decoded is not None:
                return decoded
    return None


def is_client_auth(value: Value) -> bool:
    """Built from client_id / client_secret parts: OAuth client authentication."""
    return any(is_client_credential_name(name) for hole in value.walk_holes() for name in hole.all_names())


def whitespace_problem(shape: Shape) -> str | None:
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
            source = segment.names[0] if segment.names else segment.name
            strip = ".trim()" if source in JAVASCRIPT_FILE_READS else ".strip()"
            return f"{segment.shown} is read from a file without {strip} and keeps its trailing newline"
    return None


class Reading(MutableRecord):
    """One Authorization value as the header rules read it: its shape, once, and whether it is
    OAuth client authentication (sent to the token endpoint, or built from client_id / client_secret)."""

    __slots__ = ("value", "shape", "exempt")

    def __init__(self, value: Value, shape: Shape, exempt: bool) -> None:
        self.value = value
        self.shape = shape
        self.exempt = exempt


def read_authorization(value: Value, *, oauth_client: bool = False, glued: bool = False) -> Reading:
    """The value read for the header rules (`glued`: see `shape_of`)."""
    return Reading(value, shape_of(value, glued), oauth_client or is_client_auth(value))
