"""Answers several rules share, computed once per module: the header sites in Qonto context,
the URLs and hosts the module uses, the uses of a name.

`SiteQuestions` is a base of `Facts` (`analysis.py`): its answers read the facts the way rules
do, through `Facts`' public methods, and are cached on first use.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import libcst as cst

from ..knowledge.qonto import RESPONSE_URL_FIELDS, RESPONSE_URL_GENERIC_FIELDS, RESPONSE_URL_RESOURCES, mentions_qonto
from ..record import ValueRecord
from .collect import CallFact, HeaderSite, StringFact, dotted_name, last_name, string_value, within
from .hosts import UrlRef, find_urls
from .questions import Context, HeaderQuestions, QontoSite

__all__ = ["BuiltRef", "Context", "QontoSite", "SiteQuestions"]
from .values import Kind, Text, Value, hole_kinds, name_kinds, split_words

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


class SiteQuestions(HeaderQuestions):
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
        @property
        def requests(self) -> list[CallFact]: ...

        module: cst.Module

        def object_key(self, expr: cst.CSTNode, scope: Scope): ...

        def parent(self, node: cst.CSTNode | None) -> cst.CSTNode | None: ...
        def value(self, node: cst.BaseExpression, scope: Scope) -> Value: ...
        def site_value(self, site: HeaderSite) -> Value: ...
        def site_carriers(self, site: HeaderSite) -> list[CallFact]: ...
        def targets_of(self, facts_: list[CallFact]) -> list: ...
        def site_context(self, site: HeaderSite, targets: list, value: Value) -> Context | None: ...
        def goes_to_token_endpoint(self, targets: list) -> bool: ...

    # -- where credentials go -------------------------------------------------------------

    @cached_property
    def _headers_keyword_index(self) -> dict:
        """object key -> the requests that receive that object as `headers=`."""
        index: dict = {}
        for fact in self.requests:
            for arg in fact.node.args:
                if arg.keyword is not None and arg.keyword.value == "headers":
                    key = self.object_key(arg.value, fact.scope)
                    if key is not None:
                        index.setdefault(key, []).append(fact)
        return index

    def headers_receivers(self, site: HeaderSite) -> list[CallFact]:
        """The requests that receive, as `headers=`, the headers object a site writes into
        (`self.headers = {"Authorization": ...}`, then `requests.get(url, headers=self.headers)`)."""
        holder = headers_holder(site, self.parent)
        key = self.object_key(holder, site.scope) if holder is not None else None
        return list(self._headers_keyword_index.get(key, ())) if key is not None else []

    @cached_property
    def _response_urls(self) -> dict:
        return {}

    def response_url(self, expr: cst.BaseExpression, scope: Scope) -> str | None:
        """The source of a URL taken from an API response (`attachment["url"]`, `invoice.pdf_url`,
        `payload.get("redirection_link")`, or a name bound once to one), else None."""
        key = (expr, scope)
        if key not in self._response_urls:
            self._response_urls[key] = self._response_url(expr, scope, 0)
        return self._response_urls[key]

    def _response_url(self, expr: cst.BaseExpression, scope: Scope, depth: int) -> str | None:
        if isinstance(expr, cst.Name):
            bindings = scope.lookup(expr.value)
            if depth < 3 and len(bindings) == 1 and bindings[0].kind == "assign" and bindings[0].value is not None:
                return self._response_url(bindings[0].value, bindings[0].scope, depth + 1)
            return None
        field, owner = url_field(expr)
        if field is None or owner is None:
            return None
        if field in RESPONSE_URL_FIELDS or (field in RESPONSE_URL_GENERIC_FIELDS and self._is_resource(owner, scope)):
            code = self.module.code_for_node(expr)
            return code if len(code) <= 60 else code[:59] + "\u2026"
        return None

    def _is_resource(self, owner: cst.BaseExpression, scope: Scope) -> bool:
        """`attachment`, `payload["attachment"]`, a name bound to `client.get_attachment(id)` or
        taken from `t["attachments"]` by a loop."""
        names = [last_name(owner)]
        if isinstance(owner, cst.Name):
            bindings = scope.lookup(owner.value)
            if len(bindings) == 1 and bindings[0].value is not None:
                names.append(last_name(bindings[0].value))
            elif len(bindings) == 1 and isinstance(bindings[0].node, (cst.For, cst.CompFor)):
                names.append(last_name(bindings[0].node.iter))  # `for att in t["attachments"]`
        return any(word in RESPONSE_URL_RESOURCES for name in names for word in split_words(name))

    def unsent_login(self, site: HeaderSite) -> str | None:
        """A login-like value the site's function or class reads (`org_id = os.environ[...]`,
        `self.organization_slug = ...`) and uses only in tests and messages: never sent."""
        for name, uses in self._login_reads(site.scope):
            if all(self._harmless(use) for use in uses):
                return name
        return None

    def _login_reads(self, scope: Scope):
        """(name, its uses) for each login-like value read in `scope`'s function(s) and class."""
        for candidate in scope.chain():
            if candidate.kind == "module" and candidate is not scope:
                return
            for name, bindings in candidate.bindings.items():
                if self._reads_login(name, bindings):
                    uses = self._local_uses(name, candidate)
                    if candidate.kind == "class":  # a class attribute is used as `self.name`
                        uses += self._attribute_uses(name)
                    yield name, uses
            if candidate.kind == "class":
                for attr, assigned in candidate.self_attrs.items():
                    if _is_login_name(attr) and all(value is not None for value, _where in assigned):
                        yield f"self.{attr}", self._attribute_uses(attr)
                return

    def _reads_login(self, name: str, bindings) -> bool:
        if len(bindings) != 1 or bindings[0].kind != "assign" or bindings[0].value is None:
            return False
        node = bindings[0].value
        if string_value(node) is not None or isinstance(node, (cst.Integer, cst.Name)):
            return False  # a literal is a default, not a value read; a name, an alias
        if _is_login_name(name):
            return True
        if not isinstance(node, (cst.Subscript, cst.Call)):
            return False
        value = self.value(node, bindings[0].scope)  # `org = os.environ["QONTO_ORGANIZATION_ID"]`
        return len(value.parts) == 1 and bool(value.holes) and hole_kinds(value.holes[0]) == frozenset({Kind.LOGIN})

    def _local_uses(self, name: str, scope: Scope) -> list[cst.CSTNode]:
        found: list[cst.CSTNode] = []
        for node in self._names_by_value.get(name, ()):
            parent = self.parent(node)
            if isinstance(parent, cst.Attribute) and parent.attr is node:
                continue
            named = isinstance(parent, cst.Param) and parent.name is node
            if named or (isinstance(parent, cst.Arg) and parent.keyword is node) or _is_assigned(node, parent):
                continue
            if within(node, scope.node, self.parents):
                found.append(node)
        return found

    def _attribute_uses(self, attr: str) -> list[cst.CSTNode]:
        """Every `x.attr` of the module that is not assigned to (whatever `x` is: a login stored
        on an object may be sent from outside its class)."""
        found: list[cst.CSTNode] = []
        for node in self._names_by_value.get(attr, ()):
            parent = self.parent(node)
            if (
                isinstance(parent, cst.Attribute)
                and parent.attr is node
                and not _is_assigned(parent, self.parent(parent))
            ):
                found.append(parent)
        return found

    def _harmless(self, use: cst.CSTNode) -> bool:
        """A use that sends nothing: a test (`if not login`), an assertion, a message."""
        current = use
        for _ in range(12):
            parent = self.parent(current)
            if parent is None:
                return False
            if isinstance(parent, (cst.If, cst.While)) and parent.test is current:
                return True
            if isinstance(parent, (cst.Assert, cst.Raise, cst.Comparison, cst.ComparisonTarget)):
                return True
            if isinstance(parent, cst.Call) and current is not parent.func:
                name = last_name(parent.func)
                return name in MESSAGE_CALLS or name in _MORE_MESSAGES or name.endswith(("Error", "Exception"))
            if isinstance(parent, (cst.BaseSmallStatement, cst.BaseCompoundStatement, cst.BaseSuite)):
                return False
            current = parent
        return False

    # -- names ----------------------------------------------------------------------------

    @cached_property
    def _names_by_value(self) -> dict[str, list[cst.Name]]:
        names: dict[str, list[cst.Name]] = {}
        name = cst.Name  # no subclass: a class test, not `isinstance` through libcst's ABCs
        for node in self.parents:
            if type(node) is name:
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
            return mentions_qonto(string_value(parent.value) or "")
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


#: more calls whose arguments are messages to people (Django's `messages.success`, `click.echo`...)
_MORE_MESSAGES = frozenset({"success", "add_message", "notify", "abort", "fail", "exit"})


def headers_holder(site: HeaderSite, parent) -> cst.CSTNode | None:
    """The object a header site writes into: `headers` in `headers = {...}`, `headers["k"] = v`,
    `headers.update(...)`; None when the site is not stored under a name."""
    container = site.container
    if site.form == "subscript" and isinstance(container, cst.Subscript):
        return container.value
    if site.form in ("method", "keyword") and isinstance(container, cst.Call):
        func = container.func
        return func.value if isinstance(func, cst.Attribute) else None
    if site.form == "dict":
        statement = parent(container)
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            return statement.targets[0].target
        if isinstance(statement, cst.AnnAssign):
            return statement.target
    return None


def url_field(expr: cst.CSTNode) -> tuple[str | None, cst.BaseExpression | None]:
    """(field, object) of `obj["field"]`, `obj.get("field")` or `obj.field`, for lowercase fields of
    objects that are not configuration (`settings.FILE_URL`, `config.get("download_url")` are
    settings, not a response's fields)."""
    field: str | None = None
    owner: cst.BaseExpression | None = None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        field, owner = string_value(expr.slice[0].slice.value), expr.value
    elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get":
        field, owner = (string_value(expr.args[0].value) if expr.args else None), expr.func.value
    elif isinstance(expr, cst.Attribute):
        field, owner = expr.attr.value, expr.value
    if not field or not field.islower() or owner is None:
        return None, None
    if _CONFIGURATION_WORDS.intersection(split_words(dotted_name(owner) or last_name(owner))):
        return None, None
    return field, owner


#: objects named so hold settings, not API responses
_CONFIGURATION_WORDS = frozenset({"settings", "config", "conf", "configuration", "env", "environ", "options", "os"})


def _is_login_name(name: str) -> bool:
    return name_kinds(name) == frozenset({Kind.LOGIN})


def _is_assigned(node: cst.CSTNode, parent) -> bool:
    """`node` is the target of an assignment: a binding, not a use."""
    return isinstance(parent, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.NamedExpr)) and (
        getattr(parent, "target", None) is node
    )
