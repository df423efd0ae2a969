"""Answers several rules share, computed once per module: the header sites in Qonto context,
the URLs and hosts the module uses, the uses of a name.

`SiteQuestions` is a base of `Facts` (`analysis.py`): its answers read the facts the way rules
do, through `Facts`' public methods, and are cached on first use.
"""

from __future__ import annotations

from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

import libcst as cst

from ..authorization.shape import Reading, read_authorization
from ..record import ValueRecord
from .collect import CallFact, HeaderSite, StringFact, last_name, string_value, within
from .hosts import UrlRef, find_urls
from .values import Text, Value

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .scopes import Scope

#: string methods whose argument is a pattern to look for, not a URL in use
_MATCHING_METHODS = frozenset(
    {
        "replace",
        "startswith",
        "endswith",
        "find",
        "rfind",
        "index",
        "count",
        "removeprefix",
        "removesuffix",
        "split",
        "sub",
        "match",
        "search",
    }
)
#: calls whose string arguments are messages, not URLs in use
MESSAGE_CALLS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print", "echo", "secho"}
)


class Context(str, Enum):
    """How a place is known to talk to Qonto. Qonto is *seen* when the source says so at the
    place itself (the request's URL, a qonto-named part of the value or the client); otherwise it
    is only *inferred*, and a fix there may break another service's call."""

    #: every request that carries it whose URL is known goes to a Qonto host
    URL = "request URL"
    #: a part of the value is qonto-named (`QONTO_SECRET_KEY`, `settings.qonto_login`)
    NAME = "qonto-named part"
    #: the client or session that sends it is qonto-named (`qonto_session`, `self.qonto`)
    CLIENT = "qonto-named client"
    #: sent to Qonto and to another host too
    SHARED = "also sent elsewhere"
    #: only the enclosing function's, class's or module's evidence (the path included) says Qonto
    SCOPE = "surrounding evidence"
    #: `assume-qonto`
    ASSUMED = "assume-qonto"

    @property
    def seen(self) -> bool:
        return self in (Context.URL, Context.NAME, Context.CLIENT)


class QontoSite(ValueRecord):
    """A header site (Authorization or staging token) in Qonto context: the value it carries,
    where its requests go and how its Qonto context was established."""

    __slots__ = ("site", "value", "targets", "context")

    def __init__(self, site: HeaderSite, value: Value, targets: list, context: Context = Context.SCOPE) -> None:
        self.site = site
        self.value = value
        self.targets = targets  # RequestTarget
        self.context = context

    @property
    def value_node(self) -> cst.BaseExpression:
        return self.site.value_node


class BuiltRef(ValueRecord):
    """A URL or host put together from parts and bound to a name (`URL = SCHEME + HOST + "/v2"`)."""

    __slots__ = ("node", "ref", "first", "whole", "with_scheme")

    def __init__(
        self, node: cst.CSTNode, ref: UrlRef, first: cst.CSTNode | None, whole: bool, with_scheme: bool
    ) -> None:
        self.node = node  # the literal that starts the URL when the expression holds it, else the expression
        self.ref = ref
        self.first = first  # the first literal part's node
        self.whole = whole  # one literal holds the host whole
        self.with_scheme = with_scheme  # one literal holds `scheme://host`


class SiteQuestions:
    if TYPE_CHECKING:  # what `Facts` provides

        @property
        def header_sites(self) -> list[HeaderSite]: ...
        @property
        def parents(self) -> dict[cst.CSTNode, cst.CSTNode]: ...
        @property
        def strings(self) -> list[StringFact]: ...
        @property
        def docstrings(self) -> set[cst.CSTNode]: ...
        @property
        def scopes(self) -> tuple[Scope, ...]: ...

        def parent(self, node: cst.CSTNode | None) -> cst.CSTNode | None: ...
        def value(self, node: cst.BaseExpression, scope: Scope) -> Value: ...
        def site_value(self, site: HeaderSite) -> Value: ...
        def site_carriers(self, site: HeaderSite) -> list[CallFact]: ...
        def targets_of(self, facts_: list[CallFact]) -> list: ...
        def in_qonto_context(self, scope: Scope, targets: list = ..., value: Value | None = None) -> bool: ...
        def site_context(self, site: HeaderSite, targets: list, value: Value) -> Context | None: ...
        def goes_to_token_endpoint(self, targets: list) -> bool: ...

    # -- header sites ---------------------------------------------------------------------

    @cached_property
    def qonto_sites(self) -> list[QontoSite]:
        """Header sites (Authorization and staging token) that are in Qonto context."""
        found = []
        for site in self.header_sites:
            value = self.site_value(site)
            targets = self.targets_of(self.site_carriers(site))
            context = self.site_context(site, targets, value)
            if context is not None:
                found.append(QontoSite(site, value, targets, context))
        return found

    def qonto_seen(self, site: QontoSite) -> bool:
        """Whether Qonto is seen at the site (its request's URL, a qonto-named part or client),
        not only inferred from what surrounds it: a fix is safe only where it is."""
        return site.context.seen

    @cached_property
    def authorization_readings(self) -> list[tuple[QontoSite, Reading]]:
        """Each Authorization site in Qonto context with its value read for the header rules, once."""
        return [
            (site, read_authorization(site.value, oauth_client=self.goes_to_token_endpoint(site.targets), glued=True))
            for site in self.qonto_sites
            if site.site.header == "authorization"
        ]

    # -- names ----------------------------------------------------------------------------

    @cached_property
    def _names_by_value(self) -> dict[str, list[cst.Name]]:
        names: dict[str, list[cst.Name]] = {}
        for node in self.parents:
            if isinstance(node, cst.Name):
                names.setdefault(node.value, []).append(node)
        return names

    def uses_of(self, target: cst.Name) -> list[cst.Name]:
        """The other Name nodes of the module with the same name as `target`."""
        return [n for n in self._names_by_value.get(target.value, ()) if n is not target]

    # -- URLs and hosts -------------------------------------------------------------------

    @cached_property
    def host_refs(self) -> list[tuple[StringFact, UrlRef]]:
        """(string fact, reference) for every URL or host in a string literal that uses it."""
        refs: list[tuple[StringFact, UrlRef]] = []
        for string in self.strings:
            if string.node in self.docstrings or "." not in string.text:
                continue
            found = find_urls(string.text)
            # the parent checks only for strings that hold a URL or host (most do not)
            if found and not self.is_a_pattern(string.node) and not self._is_a_message(string.node):
                refs.extend((string, ref) for ref in found)
        return refs

    @cached_property
    def built_refs(self) -> list[BuiltRef]:
        """URLs and hosts put together from parts and bound to a name (`URL = SCHEME + HOST + "/v2"`,
        `f"http://{HOST}/v2"`, `"http://%s/v2" % HOST`)."""
        found: list[BuiltRef] = []
        seen: set[cst.CSTNode] = set()
        for scope in self.scopes:
            for node, binding_scope in _string_assignments(scope, seen):
                value = self.value(node, binding_scope)
                text = value.prefix()
                if "." in text:
                    found.extend(self._built_refs_of(node, value, text))
        return found

    def _built_refs_of(self, node: cst.CSTNode, value: Value, text: str) -> Iterable[BuiltRef]:
        texts = [p for p in value.parts if isinstance(p, Text)]
        first = texts[0].node if texts and value.parts[0] is texts[0] else None
        for ref in find_urls(text):
            whole = any(ref.host in p.text.lower() for p in texts)
            with_scheme = bool(ref.scheme) and any(f"{ref.scheme}://{ref.host}" in p.text.lower() for p in texts)
            inside = isinstance(first, cst.CSTNode) and within(first, node, self.parents)
            yield BuiltRef(first if inside and first is not None else node, ref, first, whole, with_scheme)

    def is_a_pattern(self, node: cst.CSTNode) -> bool:
        """`url.replace("thirdparty.qonto.eu", ...)`, `if "thirdparty.qonto.eu" in url`: the host is
        matched, not used."""
        parent = self.parent(node)
        if isinstance(parent, cst.Arg):
            call = self.parent(parent)
            return (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Attribute)
                and call.func.attr.value in _MATCHING_METHODS
            )
        if isinstance(parent, (cst.ComparisonTarget, cst.Comparison)):
            return True
        if isinstance(parent, cst.DictElement) and parent.key is node:
            # a migration table: {"thirdparty.qonto.eu": "thirdparty.qonto.com"}
            return "qonto" in (string_value(parent.value) or "").lower()
        if (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
        ):
            # LEGACY_URL = "https://thirdparty.qonto.eu", used only as a pattern: url.startswith(LEGACY_URL)
            uses = self.uses_of(parent.targets[0].target)
            return bool(uses) and all(self.is_a_pattern(use) or self._in_len(use) for use in uses)
        return False

    def _in_len(self, node: cst.CSTNode) -> bool:
        """`len(LEGACY_URL)`, as in `url[len(LEGACY_URL):]`."""
        parent = self.parent(node)
        call = self.parent(parent) if isinstance(parent, cst.Arg) else None
        return isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "len"

    def _is_a_message(self, node: cst.CSTNode) -> bool:
        """`log.info("calling http://thirdparty.qonto.com failed")`, `raise Error("...")`: text about a URL."""
        current = node
        for _ in range(3):  # the literal, maybe inside an f-string or a concatenation
            parent = self.parent(current)
            if isinstance(parent, cst.Arg) and parent.keyword is None:
                call = self.parent(parent)
                if isinstance(call, cst.Call):
                    name = last_name(call.func) or ""
                    if name in MESSAGE_CALLS or name.endswith(("Error", "Exception", "Warning")):
                        return True
                return False
            if not isinstance(
                parent,
                (cst.FormattedString, cst.ConcatenatedString, cst.BinaryOperation, cst.FormattedStringExpression),
            ):
                return False
            current = parent
        return False


def _string_assignments(scope: Scope, seen: set) -> Iterable[tuple[cst.BaseExpression, Scope]]:
    """The assigned values of a scope that build a string from parts, each node once."""
    for bindings in scope.bindings.values():
        for binding in bindings:
            node = binding.value
            if binding.kind != "assign" or node is None or node in seen or not _builds_string(node):
                continue
            seen.add(node)
            yield node, binding.scope


def _builds_string(node: cst.CSTNode) -> bool:
    if isinstance(node, cst.BinaryOperation):
        return isinstance(node.operator, (cst.Add, cst.Modulo))
    if isinstance(node, cst.FormattedString):
        return any(isinstance(p, cst.FormattedStringExpression) for p in node.parts)
    if isinstance(node, cst.ConcatenatedString):
        return True
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format"
