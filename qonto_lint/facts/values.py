"""What string an expression will carry.

An expression is evaluated into a `Value`: a sequence of `Text` (literal text whose
characters are known) and `Hole` (a part whose text is unknown, with a name and an
origin). Evaluation never runs code; what it cannot follow becomes a hole named
after the expression.

This module holds the data model and the pure helpers; `Evaluator` (in
`evaluate.py`) turns libcst expressions into values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache
from typing import Any

from ..authorization.login import LOGIN_SHAPE
from ..knowledge.qonto import OAUTH_ACCESS_TOKEN_PREFIXES
from ..knowledge.vendors import (
    CLIENT_CREDENTIAL_PAIRS,
    CLIENT_CREDENTIAL_WORDS,
    LOGIN_PAIRS,
    LOGIN_WORDS,
    OAUTH_PAIRS,
    OAUTH_WORDS,
    SECRET_WORDS,
    STATIC_KEY_PAIRS,
    STATIC_KEY_WORDS,
    VENDOR_WORDS,
)
from ..record import Record


class Origin(str, Enum):
    LITERAL = "literal"
    PARAM = "parameter"
    NAME = "name"  # an unresolved name: imported, global, builtin, re-bound
    ATTRIBUTE = "attribute"
    ITEM = "item"  # x["k"], x[0]
    ENV = "environment"
    CONFIG = "configuration"
    FILE = "file read"
    BASE64 = "base64 encoding"
    OAUTH = "OAuth token response"
    CALL = "call"
    OTHER = "expression"


class Kind(str, Enum):
    LOGIN = "login"
    SECRET = "secret"
    STATIC_KEY = "static key"
    OAUTH = "OAuth token"


class Text(Record):
    """Literal text. `node` is the string literal it came from (None when synthesised)."""

    __slots__ = ("text", "node", "template")

    def __init__(self, text: str, node: Any = None, template: bool = False) -> None:
        self.text = text
        self.node = node
        #: True when the text comes straight from a plain (non-f) string literal that was
        #: never formatted: a `{x}` or `%s` left in it is a forgotten template (QNT109).
        self.template = template


#: JavaScript's file reads (node:fs, Deno): a text read with one is trimmed with `.trim()`
JAVASCRIPT_FILE_READS = frozenset({"readFileSync", "readFile", "readTextFile", "readTextFileSync"})


class Hole(Record):
    """A part whose text is unknown."""

    __slots__ = ("name", "origin", "node", "names", "stripped", "inner", "display", "via")

    def __init__(
        self,
        name: str,
        origin: Origin,
        node: Any = None,
        names: tuple[str, ...] = (),
        stripped: bool = False,
        inner: Value | None = None,
        display: str | None = None,
        via: Any = None,
    ) -> None:
        self.name = name
        self.origin = origin
        self.node = node
        #: every name the part went through, the source first (`QONTO_KEY`, then `key`)
        self.names = names
        #: `.strip()` was applied on the way (matters for file reads, QNT106)
        self.stripped = stripped
        #: for BASE64: what was encoded
        self.inner = inner
        #: the name messages use when it is not the last one (see `renamed`)
        self.display = display
        #: the outermost name or attribute the part came through (`SECRET_KEY` in
        #: `f"{SECRET_KEY}:{LOGIN}"` when `node` is the `os.environ[...]` that defines it): what a
        #: fix edits in the header's own expression
        self.via = via

    def renamed(self, name: str, visible: bool = True) -> Hole:
        """Also known as `name`. A name that is not `visible` where the value is reported (a
        parameter of a helper whose call is the header value) classifies the part but does not
        name it in messages: `build(self.login, ...)` speaks of `login`, not of `build`'s `a`."""
        if not name or (self.names and self.names[-1] == name):
            return self
        display = None if visible else self.shown
        return self.replace(names=self.names + (name,), display=display)

    @property
    def shown(self) -> str:
        """The name messages give this part."""
        return self.display or self.all_names()[-1]

    def all_names(self) -> tuple[str, ...]:
        return self.names or (self.name,)


Part = Text | Hole


class Value(Record):
    __slots__ = ("parts", "node")

    def __init__(self, parts: tuple[Part, ...] = (), node: Any = None) -> None:
        self.parts = parts
        #: the expression this value was computed from
        self.node = node

    @staticmethod
    def of_text(text: str, node: Any = None, template: bool = False) -> Value:
        return Value((Text(text, node, template),), node)

    @staticmethod
    def of_hole(hole: Hole) -> Value:
        return Value((hole,), hole.node)

    def __add__(self, other: Value) -> Value:
        return Value(self.parts + other.parts, self.node)

    @property
    def holes(self) -> list[Hole]:
        return [p for p in self.parts if isinstance(p, Hole)]

    @property
    def texts(self) -> list[Text]:
        return [p for p in self.parts if isinstance(p, Text)]

    @property
    def is_literal(self) -> bool:
        return all(isinstance(p, Text) for p in self.parts)

    def literal(self) -> str | None:
        """The whole text when every part is known."""
        if self.is_literal:
            return "".join(p.text for p in self.parts)  # type: ignore[union-attr]
        return None

    def prefix(self) -> str:
        """The known text before the first hole."""
        out = []
        for p in self.parts:
            if isinstance(p, Hole):
                break
            out.append(p.text)
        return "".join(out)

    def walk_holes(self) -> Iterable[Hole]:
        """Every hole, including those inside base64 encodings."""
        for hole in self.holes:
            yield hole
            if hole.inner is not None:
                yield from hole.inner.walk_holes()

    def with_names(self, name: str, visible: bool = True) -> Value:
        """The same value, each hole also known under `name` (a variable it went through)."""
        if not name or not self.holes:
            return self
        return Value(tuple(p.renamed(name, visible) if isinstance(p, Hole) else p for p in self.parts), self.node)

    def through(self, node: Any) -> Value:
        """The same value, reached through the name or attribute `node` (see `Hole.via`)."""
        if not self.holes:
            return self
        return Value(tuple(p.replace(via=node) if isinstance(p, Hole) else p for p in self.parts), self.node)

    def mapped_text(self, fn) -> Value:
        return Value(tuple(p.replace(text=fn(p.text)) if isinstance(p, Text) else p for p in self.parts), self.node)


# ---------------------------------------------------------------- name classification

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def split_words(name: str) -> list[str]:
    """`QONTO_SECRET_KEY` -> [qonto, secret, key]; `apiKey` -> [api, key]."""
    return list(_words(name))


#: the same names are split again and again (by every rule that classifies a part): two regex
#: splits each time cost more than the rest of a classification
@lru_cache(maxsize=8192)
def _words(name: str) -> tuple[str, ...]:
    words: list[str] = []
    for chunk in _NON_ALNUM.split(name):
        if chunk:
            words.extend(w.lower() for w in _CAMEL.split(chunk) if w)
    return tuple(words)


@lru_cache(maxsize=4096)
def name_kinds(name: str) -> frozenset[Kind]:
    """Credential kinds of one name. Empty when ambiguous."""
    words = _words(name)
    if not words:
        return frozenset()
    pairs = set(zip(words, words[1:]))
    wordset = set(words)
    if pairs & CLIENT_CREDENTIAL_PAIRS or wordset & CLIENT_CREDENTIAL_WORDS:
        return frozenset()
    if pairs & OAUTH_PAIRS or wordset & OAUTH_WORDS:
        return frozenset({Kind.OAUTH})
    kinds: set[Kind] = set()
    if pairs & STATIC_KEY_PAIRS or wordset & STATIC_KEY_WORDS:
        kinds.add(Kind.STATIC_KEY)
    # The last credential word decides between login and secret: `api_login` is a login,
    # `login_secret` a secret.
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        pair = (words[i - 1], word) if i else None
        if pair in LOGIN_PAIRS or word in LOGIN_WORDS:
            kinds.add(Kind.LOGIN)
            break
        if word in SECRET_WORDS:
            kinds.add(Kind.SECRET)
            break
    return frozenset(kinds)


@lru_cache(maxsize=4096)
def is_client_credential_name(name: str) -> bool:
    words = _words(name)
    return bool(set(zip(words, words[1:])) & CLIENT_CREDENTIAL_PAIRS or set(words) & CLIENT_CREDENTIAL_WORDS)


@lru_cache(maxsize=8192)
def vendor_of(name: str) -> str | None:
    """The other service a name belongs to (`STRIPE_SECRET_KEY` -> stripe), None for Qonto or none."""
    words = _words(name)
    if "qonto" in words:
        return None
    for word in words:
        if word in VENDOR_WORDS:
            return word
    return None


def says_qonto(name: str) -> bool:
    """`QONTO_SECRET_KEY`, `billing.qonto.auth.api_key`, `QontoClient`; not
    `qonto_sync.github.token` (another service's name within a Qonto project)."""
    words = _words(name)
    return "qonto" in words and not VENDOR_WORDS.intersection(words)


SECRET_SHAPE = re.compile(r"^(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{16,64}$")


def literal_kinds(text: str) -> frozenset[Kind]:
    if text.startswith(OAUTH_ACCESS_TOKEN_PREFIXES):
        return frozenset({Kind.OAUTH})
    if LOGIN_SHAPE.match(text):
        return frozenset({Kind.LOGIN})
    if len(text) <= 64 and SECRET_SHAPE.match(text):  # the length first: the pattern rescans long text
        return frozenset({Kind.SECRET})
    return frozenset()


def hole_kinds(hole: Hole) -> frozenset[Kind]:
    """Kinds of a hole: the first of its names that is not ambiguous, source first."""
    if hole.origin is Origin.OAUTH:
        return frozenset({Kind.OAUTH})
    for name in hole.all_names():
        kinds = name_kinds(name)
        if kinds:
            return kinds
    return frozenset()
