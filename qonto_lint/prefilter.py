"""A second gate, after the text gate: can any rule report anything in this module?

Parsing with libcst (and walking its tree) is by far the largest cost of a run, and most
files that mention Qonto hold nothing a rule could report. CPython's own parser is about
ten times faster; its AST answers that question soundly, by looking for what every rule
needs at the least:

- a header site needs a key: a string naming (or misspelling) `Authorization` or
  `X-Qonto-Staging-Token`, a keyword of that name, or `hdrs.AUTHORIZATION`;
- QNT107 needs an `auth=` / `basic_auth=` keyword, an `.auth =` assignment or a Basic auth
  helper's name (imported, called or reached as an attribute);
- QNT201 needs a string literal that looks real (SPEC §2.4);
- QNT301–QNT306 need a string holding a Qonto domain or a configured extra host.

A module with none of these cannot produce a finding and is not handed to libcst. When
CPython cannot parse the module, the answer is "maybe": libcst decides (QNT900, or newer
syntax than the running interpreter knows).
"""

from __future__ import annotations

import ast
import sys
import warnings

from .facts.keys import header_kind
from .facts.values import looks_real
from .knowledge.http_clients import BASIC_AUTH_NAMES, HEADER_CONSTANT_MODULES
from .knowledge.qonto import DOMAIN_NEEDLES

BASIC_HELPERS = BASIC_AUTH_NAMES | HEADER_CONSTANT_MODULES
_QONTO_DOMAINS = DOMAIN_NEEDLES


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


def may_report(tree, extra_hosts: tuple[str, ...] = ()) -> bool:
    """False only when no rule can report anything in this module."""
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Constant:
            value = node.value
            if type(value) is bytes:
                value = value.decode("latin-1")
            elif type(value) is not str:
                continue
            if _string_matters(value, extra_hosts):
                return True
        elif kind is ast.keyword:
            name = node.arg
            if name is not None and (name in ("auth", "basic_auth") or header_kind(name) is not None):
                return True
        elif kind is ast.Attribute:
            attr = node.attr
            if attr == "AUTHORIZATION" or attr in BASIC_HELPERS or (attr == "auth" and type(node.ctx) is ast.Store):
                return True
        elif kind is ast.Name:
            if node.id in BASIC_HELPERS:
                return True
        elif kind is ast.alias:
            if node.name.rpartition(".")[2] in BASIC_HELPERS:
                return True
    return False


def _string_matters(text: str, extra_hosts: tuple[str, ...]) -> bool:
    if len(text) >= 8:
        lowered = text.lower()
        if any(domain in lowered for domain in _QONTO_DOMAINS):
            return True
        if extra_hosts and any(host in lowered for host in extra_hosts):
            return True
        if (len(text) >= 16 or text.startswith(("ory_at_", "ory_rt_"))) and looks_real(text):
            return True
    if 10 <= len(text) <= 40 and header_kind(text) is not None:
        return True
    return False
