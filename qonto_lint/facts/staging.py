"""The sandbox's staging token, decided request by request.

Every request to Qonto's sandbox needs `X-Qonto-Staging-Token`. A sandbox URL string is traced
to the requests, clients and sessions whose URL it builds; each of them sends the header, lacks
it (its headers are all in sight and none is the token) or cannot be told (headers from a
parameter, another module, `**kwargs`). Registrations with a fake server in tests are not
requests. A string traced to no request is left to whoever can see further: the module today
(`sets_staging_token`), the modules connected to it through imports when they are known.

`StagingQuestions` is a base of `Facts` (`analysis.py`), like `SiteQuestions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

import libcst as cst

from ..knowledge import http_clients
from .collect import CallFact, HeaderSite, StringFact, string_value
from .hosts import HostTable, UrlRef
from .mocks import MockCalls
from .questions import Staging

__all__ = ["SandboxUrl", "Staging", "StagingQuestions"]
from .sites import MESSAGE_CALLS
from .values import Text

if TYPE_CHECKING:
    from .project import ProjectView
    from .scopes import Scope
    from .values import Value

STAGING_HEADER_NAME = "x-qonto-staging-token"
#: methods that read, remove or test a header by name
_READ_METHODS = frozenset({"pop", "get", "remove", "discard", "getone", "getall", "getlist", "has_key"})
#: methods that add to a headers mapping
_ADDING_METHODS = frozenset({"update", "setdefault", "set", "add", "extend", "__setitem__", "add_header"})
#: keywords whose objects may add headers to each request (`auth=StagingAuth(token)`, event hooks)
_HEADER_ADDING_KEYWORDS = http_clients.AUTH_KEYWORDS | {"hooks", "event_hooks"}
#: how many names a URL string is followed through on its way to a fake server's registration
_MAX_HOPS = 3


class SandboxUrl:
    """A sandbox URL or host in a string literal, and what its requests say about the staging token."""

    __slots__ = ("string", "ref", "staging")

    def __init__(self, string: StringFact, ref: UrlRef, staging: Staging) -> None:
        self.string = string
        self.ref = ref
        self.staging = staging


class StagingQuestions:
    #: the other modules of the project (set by `Facts`; None outside a project)
    project: ProjectView | None

    if TYPE_CHECKING:  # what `Facts` provides

        @property
        def header_sites(self) -> list[HeaderSite]: ...
        @property
        def staging_sites(self) -> list[HeaderSite]: ...
        @property
        def requests(self) -> list[CallFact]: ...
        @property
        def parents(self) -> dict[cst.CSTNode, cst.CSTNode]: ...
        @property
        def strings(self) -> list[StringFact]: ...
        @property
        def scopes(self) -> tuple[Scope, ...]: ...
        @property
        def host_refs(self) -> list[tuple[StringFact, UrlRef]]: ...

        hosts: HostTable

        def parent(self, node: cst.CSTNode | None) -> cst.CSTNode | None: ...
        def value(self, node: cst.BaseExpression, scope: Scope) -> Value: ...
        def uses_of(self, target: cst.Name) -> list[cst.Name]: ...
        def site_carriers(self, site: HeaderSite) -> list[CallFact]: ...
        def url_expression(self, call: cst.Call) -> cst.BaseExpression | None: ...
        def _client_call(self, receiver: cst.CSTNode, scope: Scope) -> cst.Call | None: ...

    # -- fake servers -----------------------------------------------------------------------

    @cached_property
    def mocks(self) -> MockCalls:
        """Which calls register answers with a fake HTTP server (`responses.add`, `respx.get`...)."""
        return MockCalls(self.scopes, self.parents)

    def in_mock(self, node: cst.CSTNode, scope: Scope) -> bool:
        """`node` is part of a registration with a fake server: not something the code sends."""
        return self.mocks.within(node, scope)

    def is_mock(self, fact: CallFact) -> bool:
        return self.mocks.is_mock(fact.node, fact.scope)

    def only_in_mocks(self, string: StringFact) -> bool:
        """A URL string that reaches registrations with a fake server and no request."""
        if not self.mocks.possible or self._requests_by_url_string.get(string.node):
            return False
        return self._reaches_mock(string.node, string.scope, 0)

    # -- the staging token, request by request ----------------------------------------------

    @cached_property
    def sandbox_urls(self) -> list[SandboxUrl]:
        """Every sandbox URL or host in a string literal, with what its requests say (see `Staging`)."""
        found = []
        for string, ref in self.host_refs:
            if self.hosts.is_sandbox(ref.host):
                found.append(SandboxUrl(string, ref, self._staging_of(string)))
        return found

    @cached_property
    def sets_staging_token(self) -> bool:
        """The module sets `X-Qonto-Staging-Token` somewhere, or writes its name where it is not only
        read, removed or compared (a constant, a config table): the module-wide answer for the URL
        strings no request can be traced to."""
        if any(not self.in_mock(site.key_node, site.scope) for site in self.staging_sites):
            return True
        return any(
            string.text.strip().lower() == STAGING_HEADER_NAME
            and not self._only_read(string.node)
            and not self.in_mock(string.node, string.scope)
            for string in self.strings
        )

    def staging_token_set_around(self, url: SandboxUrl) -> bool:
        """For a sandbox URL string its requests cannot decide (`UNKNOWN`, `UNTRACED`): whether the
        code around it sets the header. What can be seen is the module; the modules connected to it
        through imports (those it imports and those of the project that import it) answer too."""
        return self.sets_staging_token or self._connected_sets_staging_token

    def only_mocked_here(self, url: SandboxUrl) -> bool:
        """A sandbox URL string of a test module that no request of the module reaches (a
        `conftest.py` constant): tests hand it to fake servers, which are not requests."""
        return url.staging is Staging.UNTRACED and self.project is not None and self.project.in_test_module

    @cached_property
    def _connected_sets_staging_token(self) -> bool:
        return self.project is not None and self.project.connected_set_staging_token()

    def _staging_of(self, string: StringFact) -> Staging:
        requests = self._requests_by_url_string.get(string.node)
        if requests:
            states = {self.request_staging(fact) for fact in requests}
            for state in (Staging.MISSING, Staging.UNKNOWN):
                if state in states:
                    return state
            return Staging.SENT
        if self.mocks.possible and self._reaches_mock(string.node, string.scope, 0):
            return Staging.MOCK
        return Staging.UNTRACED

    @cached_property
    def _staging_carriers(self) -> set[cst.Call]:
        """The requests (and clients) that send the staging token header."""
        found: set[cst.Call] = set()
        for site in self.staging_sites:
            if not self.in_mock(site.key_node, site.scope):
                found.update(fact.node for fact in self.site_carriers(site))
        return found

    @cached_property
    def _requests_by_url_string(self) -> dict[cst.CSTNode, list[CallFact]]:
        """String literal -> the requests, clients and sessions whose URL it is part of. A client
        whose requests are in sight is represented by them (they carry its headers)."""
        by_string: dict[cst.CSTNode, list[CallFact]] = {}
        clients_in_use: set[cst.Call] = set()
        for fact in self.requests:
            if self.is_mock(fact):
                continue
            literals, client = self.url_literals(fact.node, fact.scope)
            if client is not None:
                clients_in_use.add(client)
            for node in literals:
                by_string.setdefault(node, []).append(fact)
        for node, facts in by_string.items():
            by_string[node] = [f for f in facts if f.node not in clients_in_use]
        return by_string

    def url_literals(self, call: cst.Call, scope: Scope) -> tuple[set[cst.CSTNode], cst.Call | None]:
        """The string literals a request's URL is built from, its client's base URL's included; and
        that client."""
        literals: set[cst.CSTNode] = set()
        expr = self.url_expression(call)
        prefix = ""
        if expr is not None:
            value = self.value(expr, scope)
            prefix = value.prefix()
            literals.update(p.node for p in value.parts if isinstance(p, Text) and p.node is not None)
        client = None
        if "://" not in prefix and isinstance(call.func, cst.Attribute):
            client = self._client_call(call.func.value, scope)
            if client is not None and client is not call:
                base = self.url_expression(client)
                if base is not None:
                    value = self.value(base, scope)
                    literals.update(p.node for p in value.parts if isinstance(p, Text) and p.node is not None)
        return literals, client

    def request_staging(self, fact: CallFact) -> Staging:
        """Whether one request (or client) sends the staging token: `SENT`, `MISSING` or `UNKNOWN`.
        With `url_literals`, what a view across modules asks of the module that makes a request
        built from another module's sandbox URL."""
        if fact.node in self._staging_carriers:
            return Staging.SENT
        if fact.name in http_clients.CLIENT_CONSTRUCTORS and self._headers_argument(fact.node) is None:
            # a client made without headers, whose requests are out of sight: they may add them
            return Staging.UNKNOWN
        return Staging.MISSING if self._headers_in_sight(fact) else Staging.UNKNOWN

    # -- headers in sight -------------------------------------------------------------------

    def _headers_in_sight(self, fact: CallFact) -> bool:
        """Every header the request sends is written in this module: its own `headers=` (a dict
        display, or a name bound to one and never handed elsewhere), its client's, no `**kwargs`."""
        call, scope = fact.node, fact.scope
        if not self._own_headers_in_sight(call, scope):
            return False
        func = call.func
        if isinstance(func, cst.Name):  # `get(url)`: a function of a client library, nothing else
            return _library_module(func, scope) is not None
        if not isinstance(func, cst.Attribute):
            return False
        if _library_module(func.value, scope) is not None:  # `requests.get(...)`, `urllib.request.urlopen(...)`
            return True
        client = self._client_call(func.value, scope)
        if client is None or client is call:
            return False
        return self._own_headers_in_sight(client, scope) and not self._handed_on(func.value, scope, headers=True)

    def _own_headers_in_sight(self, call: cst.Call, scope: Scope) -> bool:
        if any(arg.star == "**" for arg in call.args):
            return False
        if any(
            arg.keyword is not None
            and arg.keyword.value in _HEADER_ADDING_KEYWORDS
            and not isinstance(arg.value, (cst.Tuple, cst.List))  # `auth=(login, secret)`: Basic, no other header
            for arg in call.args
        ):
            return False  # an auth object or a hook may add any header to each request
        headers = self._headers_argument(call)
        if headers is None:
            return True
        if isinstance(headers, cst.Dict):
            return _dict_in_sight(headers)
        if isinstance(headers, cst.Name):
            bindings = scope.lookup(headers.value)
            if len(bindings) != 1 or not isinstance(bindings[0].value, cst.Dict):
                return False
            return _dict_in_sight(bindings[0].value) and not self._handed_on(headers, scope)
        return False

    @staticmethod
    def _headers_argument(call: cst.Call) -> cst.BaseExpression | None:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in http_clients.HEADERS_KEYWORDS:
                return arg.value
        return None

    def _handed_on(self, target: cst.BaseExpression, scope: Scope, headers: bool = False) -> bool:
        """Whether the object `target` names (a headers dict; with `headers`, a client's `.headers`)
        may get headers out of sight: given to a call, updated from another mapping, replaced."""
        name = target.attr if isinstance(target, cst.Attribute) else target
        if not isinstance(name, cst.Name):
            return True
        for use in self.uses_of(name):
            node: cst.CSTNode = use
            if isinstance(target, cst.Attribute):
                node = self.parent(use) or use  # `self.session`: the attribute, not its name
            if headers:
                parent = self.parent(node)
                if not (isinstance(parent, cst.Attribute) and parent.value is node):
                    continue  # the client itself, not its headers
                if parent.attr.value not in http_clients.HEADERS_KEYWORDS:
                    continue
                node = parent
            if self._adds_out_of_sight(node):
                return True
        return False

    def _adds_out_of_sight(self, node: cst.CSTNode) -> bool:
        parent = self.parent(node)
        if isinstance(parent, cst.Attribute) and parent.value is node:
            call = self.parent(parent)
            if not isinstance(call, cst.Call) or parent.attr.value not in _ADDING_METHODS:
                return False  # a read: `headers.get(...)`, `headers.items()`
            return _adds_unseen(parent.attr.value, call.args)
        if isinstance(parent, cst.Subscript):
            key = parent.slice[0].slice if len(parent.slice) == 1 else None
            return not (isinstance(key, cst.Index) and string_value(key.value) is not None)
        if isinstance(parent, cst.Arg):
            # handed to a request as its headers stays in sight; to any other call, it may grow there
            return parent.keyword is None or parent.keyword.value not in http_clients.HEADERS_KEYWORDS
        if isinstance(parent, cst.AugAssign):  # `headers |= other`
            return True
        # `session.headers = other` replaces the client's headers; `headers = {...}` binds a name
        return isinstance(parent, cst.AssignTarget) and isinstance(node, cst.Attribute)

    # -- URL strings that reach fake servers only --------------------------------------------

    def _reaches_mock(self, node: cst.CSTNode, scope: Scope, hops: int) -> bool:
        """The string, or a name bound to what it builds, is part of a registration with a fake server."""
        if self.in_mock(node, scope):
            return True
        if hops >= _MAX_HOPS:
            return False
        current = node
        parent = self.parent(current)
        while isinstance(
            parent, (cst.FormattedString, cst.FormattedStringExpression, cst.ConcatenatedString, cst.BinaryOperation)
        ):
            current, parent = parent, self.parent(parent)
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            for target in targets:
                name = target.attr if isinstance(target, cst.Attribute) else target
                if isinstance(name, cst.Name) and any(
                    self._reaches_mock(use, scope, hops + 1) for use in self.uses_of(name)
                ):
                    return True
        return False

    # -- header names that are only read -----------------------------------------------------

    def _only_read(self, node: cst.CSTNode) -> bool:
        """The string names a header that is read, removed or tested, not set."""
        parent = self.parent(node)
        if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
            return True
        if isinstance(parent, cst.Index):  # headers["X-Qonto-Staging-Token"]: set only when assigned to
            subscript = self.parent(self.parent(parent))
            return not isinstance(self.parent(subscript), (cst.AssignTarget, cst.AnnAssign, cst.AugAssign))
        if isinstance(parent, cst.Arg):
            call = self.parent(parent)
            method = call.func.attr.value if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) else ""
            return method in _READ_METHODS or method in MESSAGE_CALLS
        return False


def _adds_unseen(method: str, args: Sequence[cst.Arg]) -> bool:
    """`headers.update(other)`, `headers.set(name, value)`: the call may add a header this module
    does not name; `headers.update({"Accept": ...})`, `headers.setdefault("Accept", ...)` do not."""
    if any(arg.star for arg in args):
        return True
    if method in ("update", "extend"):
        return any(
            arg.keyword is None and not (isinstance(arg.value, cst.Dict) and _dict_in_sight(arg.value)) for arg in args
        )
    first = args[0] if args else None
    return first is None or first.keyword is not None or string_value(first.value) is None


def _dict_in_sight(mapping: cst.Dict) -> bool:
    """A dict display with no `**other` in it."""
    return all(isinstance(e, cst.DictElement) for e in mapping.elements)


#: the modules of the HTTP client libraries (`requests`, `urllib.request`)
_LIBRARY_MODULES = frozenset(
    module for library in http_clients.LIBRARIES if library.language == "python" for module in library.modules
)


def _library_module(node: cst.BaseExpression, scope: Scope) -> str | None:
    """The client library module `node` names (`requests`, `urllib.request`), or the library a
    function named by `node` was imported from (`from requests import get`), else None."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    bindings = scope.lookup(node.value)
    if len(bindings) != 1 or bindings[0].kind != "import" or not bindings[0].qualname:
        return None
    dotted = ".".join([bindings[0].qualname, *reversed(parts)])
    for candidate in (dotted, dotted.rpartition(".")[0]):
        if candidate in _LIBRARY_MODULES:
            return candidate
    return None
