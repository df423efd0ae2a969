"""A second gate, after the text gate: can any rule report anything in this module?

Parsing with libcst (and walking its tree) is by far the largest cost of a run, and most
files that mention Qonto hold nothing a rule could report. CPython's own parser is about
ten times faster; its AST answers that question soundly, by looking for what every rule
needs at the least. Each rule declares what it needs (`Rule.NEEDS`, one of the `Need` kinds
in `rules/base.py`); this module looks for the union of the rules' needs:

- `HEADER_KEY`: a string naming (or misspelling) `Authorization` or `X-Qonto-Staging-Token`,
  a keyword of that name, or `hdrs.AUTHORIZATION`;
- `AUTH_HELPER`: an `auth=` / `basic_auth=` keyword, an `.auth =` assignment or a Basic auth
  helper's name (imported, called or reached as an attribute);
- `REAL_LITERAL`: a string literal that looks real;
- `QONTO_HOST`: a string holding a Qonto domain or a configured extra host;
- `QONTO_HEADERS`: a `headers=` keyword whose value names Qonto (`headers=qonto.headers`).

A module with none of these cannot produce a finding and is not handed to libcst. When
CPython cannot parse the module, the answer is "maybe": libcst decides (QNT900, or newer
syntax than the running interpreter knows).
"""

from __future__ import annotations

import ast
import sys
import warnings
from functools import cache, lru_cache

from ..facts.header_names import header_kind
from ..knowledge.http_clients import BASIC_AUTH_NAMES, HEADER_CONSTANT_MODULES
from ..knowledge.qonto import DOMAIN_NEEDLES
from ..masking import looks_real
from ..rules import Need

BASIC_HELPERS = BASIC_AUTH_NAMES | HEADER_CONSTANT_MODULES
_QONTO_DOMAINS = DOMAIN_NEEDLES
#: answers kept for the names and strings of earlier modules: the same keywords, header names,
#: media types and URLs recur from file to file, and an answer can cost an edit distance
_ANSWERS_KEPT = 4096
#: longer strings are asked each time, not kept
_KEPT_LENGTH = 120
_header_kind = lru_cache(maxsize=_ANSWERS_KEPT)(header_kind)


class Verdict:
    """The outcome of the pre-check: whether to analyse, and CPython's tree when it parsed."""

    __slots__ = ("analyse", "tree", "error")

    def __init__(self, analyse: bool, tree=None, error: BaseException | None = None) -> None:
        self.analyse = analyse
        self.tree = tree
        self.error = error


def parse(data: bytes):
    """CPython's AST of the module (measured with the default recursion limit), or the error."""
    limit = sys.getrecursionlimit()
    try:
        # CPython's AST recursion guard scales with the recursion limit: use the default.
        sys.setrecursionlimit(1000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return compile(data, "<source>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True), None
    except (SyntaxError, ValueError, RecursionError, MemoryError, UnicodeError, OverflowError) as error:
        return None, error
    finally:
        sys.setrecursionlimit(limit)


@cache
def rules_needs() -> frozenset[Need]:
    """What the rules need, together (every rule: the engine asks before selecting any)."""
    from ..rules import ALL_RULES

    return frozenset().union(*(rule.NEEDS for rule in ALL_RULES))


def may_report(tree, extra_hosts: tuple[str, ...] = (), needs: frozenset[Need] | None = None) -> bool:
    """False only when no rule can report anything in this module (`needs`: the rules' by default)."""
    gate = Gate(extra_hosts, needs)
    matters = gate.matters
    return any(matters(node, type(node)) for node in ast.walk(tree))


class Gate:
    """The question asked of each node of the module: does it hold what a rule needs? `found`
    is filled in by the walk that asks it (`parsing._ast_size`): None when that walk stopped at a
    budget before seeing every node."""

    __slots__ = ("keys", "auth", "qonto_headers", "strings", "found")

    def __init__(self, extra_hosts: tuple[str, ...] = (), needs: frozenset[Need] | None = None) -> None:
        needs = rules_needs() if needs is None else needs
        self.keys, self.auth = Need.HEADER_KEY in needs, Need.AUTH_HELPER in needs
        self.qonto_headers = Need.QONTO_HEADERS in needs
        self.strings = _string_needs(needs, extra_hosts)
        self.found: bool | None = None

    def matters(self, node, kind: type) -> bool:
        """Told apart by `type(node) is`: faster than isinstance."""
        if kind is ast.Constant:
            value = node.value
            if type(value) is bytes:
                value = value.decode("latin-1")
            elif type(value) is not str:
                return False
            return self.strings.matter(value)
        if kind is ast.keyword:
            name = node.arg
            if name is not None and (
                (self.auth and name in ("auth", "basic_auth")) or (self.keys and _header_kind(name) is not None)
            ):
                return True
            return self.qonto_headers and name == "headers" and _names_qonto(node.value)
        if kind is ast.Attribute:
            attr = node.attr
            return (self.keys and attr == "AUTHORIZATION") or (
                self.auth and (attr in BASIC_HELPERS or (attr == "auth" and type(node.ctx) is ast.Store))
            )
        if kind is ast.Name:
            return self.auth and node.id in BASIC_HELPERS
        return kind is ast.alias and self.auth and node.name.rpartition(".")[2] in BASIC_HELPERS


def _names_qonto(node) -> bool:
    """`qonto.headers`, `QONTO_HEADERS`, `self.qonto_headers()`: an expression naming Qonto."""
    if type(node) is ast.Call:
        node = node.func
    while type(node) is ast.Attribute:
        if "qonto" in node.attr.lower():
            return True
        node = node.value
    return type(node) is ast.Name and "qonto" in node.id.lower()


@cache
def _string_needs(needs: frozenset[Need], extra_hosts: tuple[str, ...]) -> _StringNeeds:
    """One per set of needs and extra hosts, for the life of the process: its answers are kept."""
    return _StringNeeds(needs, extra_hosts)


class _StringNeeds:
    """Whether a string constant holds what the needs ask for."""

    __slots__ = ("keys", "real", "hosts", "extra_hosts", "_kept")

    def __init__(self, needs: frozenset[Need], extra_hosts: tuple[str, ...]) -> None:
        self.keys = Need.HEADER_KEY in needs
        self.real = Need.REAL_LITERAL in needs
        self.hosts = Need.QONTO_HOST in needs
        self.extra_hosts = extra_hosts if self.hosts else ()
        self._kept = lru_cache(maxsize=_ANSWERS_KEPT)(self._matter)

    def matter(self, text: str) -> bool:
        return self._kept(text) if len(text) <= _KEPT_LENGTH else self._matter(text)

    def _matter(self, text: str) -> bool:
        if len(text) >= 8:
            lowered = text.lower()
            if self.hosts and any(domain in lowered for domain in _QONTO_DOMAINS):
                return True
            if self.extra_hosts and any(host in lowered for host in self.extra_hosts):
                return True
            if self.real and (len(text) >= 16 or text.startswith(("ory_at_", "ory_rt_"))) and looks_real(text):
                return True
        return self.keys and 10 <= len(text) <= 40 and _header_kind(text) is not None
