"""Which request a JavaScript header site, auth option or URL belongs to, and where it goes.

A request is a call that sends (`fetch(url, init)`, `axios.get(url, config)`, `got(url, options)`,
`superagent.get(url)`, `xhr.open(method, url)`) or a client constructor whose options every
request shares (`axios.create({ baseURL, headers })`, `ky.create({ prefixUrl })`,
`got.extend(...)`). The library names come from `knowledge.http_clients` (language "javascript").
"""

from __future__ import annotations

from ..facts.scopes import Scope
from ..knowledge import http_clients
from ..record import Record
from .collect import JsModule
from .syntax import Node, arguments, callee_parts, dotted, key_name, pairs, root_name, text, unwrap

_JS = [library for library in http_clients.LIBRARIES if library.language == "javascript"]
#: `fetch(...)`, `got(...)`, `axios(...)`: functions that send a request when called by name
REQUEST_FUNCTIONS = frozenset(name for library in _JS for name in library.request_functions if name not in ("del",))
#: the libraries' names, as the root of a call chain (`axios.get`, `superagent.post(...).set(...)`)
LIBRARY_ROOTS = frozenset(module.split("/")[0] for library in _JS for module in library.modules) | {
    "axios",
    "got",
    "ky",
    "superagent",
    "request",
}
#: methods of a library or a client that send a request
CLIENT_METHODS = frozenset(name for library in _JS for name in (*library.client_methods, *library.request_functions))
#: `axios.create`, `ky.extend`: the option that names the base URL
CONSTRUCTOR_URL_OPTIONS = {
    name: spec.url_keyword for library in _JS for name, spec in library.client_constructors.items() if spec.url_keyword
}
BASE_URL_OPTIONS = frozenset(
    spec.url_keyword for library in _JS for spec in library.client_constructors.values() if spec.url_keyword
)
#: `new Request(url, init)`: a request sent later
REQUEST_CLASSES = frozenset(name for library in _JS for name in library.request_classes) - {"XMLHttpRequest"}
#: `xhr.open(method, url)`: the URL follows the method
URL_AFTER_METHOD = frozenset(name for library in _JS for name in library.url_after_method)
_WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "ternary_expression",
        "spread_element",
        "await_expression",
    }
)


class JsRequest(Record):
    """A call that sends a request (or makes a client): its URL expression and options object."""

    __slots__ = ("call", "scope", "url", "options", "constructor")

    def __init__(
        self, call: Node, scope: Scope, url: Node | None, options: Node | None, constructor: bool = False
    ) -> None:
        self.call = call
        self.scope = scope
        self.url = url
        self.options = options
        self.constructor = constructor  # `axios.create(...)`: the URL is the base of its requests

    @property
    def node(self) -> Node:
        """The call (the name Python's `CallFact` gives it)."""
        return self.call


def request_of(call: Node, scope: Scope) -> JsRequest:
    """The call as a request: its URL is its first argument, or its options' `url` / base URL."""
    _receiver, method = callee_parts(call)
    args = arguments(call)
    objects = [a for a in (unwrap(a) for a in args) if a is not None and a.type == "object"]
    options = objects[-1] if objects else None
    if method in URL_AFTER_METHOD:
        return JsRequest(call, scope, args[1] if len(args) > 1 else None, None)
    if method in CONSTRUCTOR_URL_OPTIONS and options is not None:
        fields = pairs(options)
        base = next((fields[k] for k in BASE_URL_OPTIONS if k in fields), None)
        return JsRequest(call, scope, base, options, constructor=True)
    first = unwrap(args[0]) if args else None
    if first is not None and first.type == "object":
        return JsRequest(call, scope, pairs(first).get("url"), options)
    return JsRequest(call, scope, args[0] if args else None, options)


def is_request(call: Node, module: JsModule) -> bool:
    """A call that sends a request or makes a client, by the names the libraries use."""
    receiver, method = callee_parts(call)
    if receiver is None:
        return method in REQUEST_FUNCTIONS
    root = root_name(receiver)
    if method in CONSTRUCTOR_URL_OPTIONS:
        return root in LIBRARY_ROOTS
    if method in URL_AFTER_METHOD:
        return True
    return method in CLIENT_METHODS and (root in LIBRARY_ROOTS or _is_client(root, module))


def _is_client(name: str, module: JsModule) -> bool:
    bindings = module.root.bindings.get(name, [])
    value = unwrap(bindings[0].value) if len(bindings) == 1 else None
    if value is None or value.type != "call_expression":
        return False
    _receiver, method = callee_parts(value)
    return method in CONSTRUCTOR_URL_OPTIONS


def client_constructor(name_node: Node | None, scope: Scope) -> Node | None:
    """The `axios.create(...)` / `ky.create(...)` / `got.extend(...)` call a name is bound to once."""
    name_node = unwrap(name_node)
    if name_node is None or name_node.type != "identifier":
        return None
    bindings = scope.lookup(text(name_node))
    value = unwrap(bindings[0].value) if len(bindings) == 1 and bindings[0].kind == "assign" else None
    if value is None or value.type != "call_expression":
        return None
    _receiver, method = callee_parts(value)
    return value if method in CONSTRUCTOR_URL_OPTIONS else None


class Carriers:
    """The requests that carry a header written at a place in the tree."""

    def __init__(self, module: JsModule) -> None:
        self.m = module

    def of_headers(self, expr: Node, scope: Scope, depth: int = 0) -> list[JsRequest]:
        """The requests a headers object (an object literal, `new Headers(...)`) goes to."""
        node = expr
        for _ in range(12):
            parent = self.m.parent_of(node)
            if parent is None or depth > 3:
                return []
            kind = parent.type
            if kind in _WRAPPERS or (kind == "binary_expression" and node != parent.child_by_field_name("left")):
                node = parent
                continue
            if kind == "binary_expression":
                node = parent
                continue
            if kind == "arguments":
                return self._argument_of(self.m.parent_of(parent), node, scope, depth)
            if kind == "pair":
                key = parent.child_by_field_name("key")
                options = self.m.parent_of(parent)
                if key is not None and (key_name(key) or "").lower() == "headers" and options is not None:
                    return self.of_options(options, scope, depth)
                return []
            if kind == "variable_declarator":
                return self._named(parent, scope, "headers", depth)
            if kind == "object" and node.type == "spread_element":
                node = parent  # `{ ...authHeaders(), Accept: x }`: the helper's headers are in this object
                continue
            if kind == "return_statement" or (kind == "arrow_function" and node == parent.child_by_field_name("body")):
                return self._returned(scope, depth)
            return []
        return []

    def _returned(self, scope: Scope, depth: int) -> list[JsRequest]:
        """Headers a helper returns (`function authHeaders() { return {...} }`) go wherever the
        helper's calls put them; a method's calls are the ones made on `this`."""
        if scope.kind != "function" or not scope.name or depth > 3:
            return []
        method = scope.enclosing_class is not None
        found: list[JsRequest] = []
        for call in self.m.calls:
            if call.name != scope.name or (call.receiver is not None) != method:
                continue
            if method and text(unwrap(call.receiver) or call.receiver) != "this":
                continue
            found += self.of_headers(call.node, call.scope, depth + 1)
        return found

    def _argument_of(self, call: Node | None, node: Node, scope: Scope, depth: int) -> list[JsRequest]:
        if call is None:
            return []
        if call.type == "new_expression":
            constructor = call.child_by_field_name("constructor")
            if constructor is not None and text(constructor) == "Headers":
                return self.of_headers(call, scope, depth + 1)
            return []
        receiver, method = callee_parts(call)
        if call.type == "call_expression" and method == "set" and receiver is not None:
            return self.of_receiver(receiver, scope, depth + 1)  # superagent's `.set({...})`
        return []

    def of_options(self, options: Node, scope: Scope, depth: int = 0) -> list[JsRequest]:
        """The call an options object (`{ headers, auth, ... }`) is given to."""
        node = options
        for _ in range(6):
            parent = self.m.parent_of(node)
            if parent is None:
                return []
            if parent.type in _WRAPPERS:
                node = parent
                continue
            call = self.m.parent_of(parent) if parent.type == "arguments" else None
            if call is not None and call.type == "call_expression":
                return [request_of(call, scope)]
            if call is not None and call.type == "new_expression" and _constructs_request(call):
                return [request_of(call, scope)]  # `new Request(url, { headers })`
            if parent.type == "variable_declarator":
                return self._named(parent, scope, "", depth)
            return []
        return []

    def _named(self, declarator: Node, scope: Scope, key: str, depth: int) -> list[JsRequest]:
        """The requests that use a name bound to headers (`key` "headers": as `{ headers: name }`)
        or to options (as an argument)."""
        name_node = declarator.child_by_field_name("name")
        if name_node is None or name_node.type != "identifier" or depth > 3:
            return []
        name = text(name_node)
        found = []
        for call in self.m.calls:
            if not _sees(call.scope, scope):
                continue
            for arg in arguments(call.node):
                arg = unwrap(arg)
                if arg is None:
                    continue
                if not key and arg.type == "identifier" and text(arg) == name:
                    found.append(request_of(call.node, call.scope))
                elif key and arg.type == "object":
                    value = unwrap(pairs(arg).get(key))
                    named = value is not None and value.type in ("identifier", "shorthand_property_identifier")
                    if named and text(value) == name:
                        found.append(request_of(call.node, call.scope))
        if key and _returns_name(scope, name):
            found += self._returned(scope, depth + 1)
        return found

    def of_receiver(self, receiver: Node, scope: Scope, depth: int = 0) -> list[JsRequest]:
        """The request a header set on `receiver` goes with: a call chain starting with a request
        (`superagent.get(url).set(...)`), a name bound to one, an `XMLHttpRequest` opened with a
        URL, a `Headers` object given to a request."""
        node = unwrap(receiver)
        for _ in range(32):
            if node is None or depth > 3:
                return []
            if node.type == "call_expression":
                if is_request(node, self.m):
                    return [request_of(node, scope)]
                node = unwrap(callee_parts(node)[0])
                continue
            if node.type == "identifier":
                return self._of_name(node, scope, depth)
            return []
        return []

    def _of_name(self, name_node: Node, scope: Scope, depth: int) -> list[JsRequest]:
        name = text(name_node)
        bindings = scope.lookup(name)
        if len(bindings) != 1 or bindings[0].kind != "assign" or bindings[0].value is None:
            return []
        value = unwrap(bindings[0].value)
        if value is None:
            return []
        if value.type == "new_expression":
            constructor = text(value.child_by_field_name("constructor") or value)
            if constructor == "Headers":
                return self._named(bindings[0].node, bindings[0].scope, "headers", depth + 1)
            if constructor == "XMLHttpRequest":
                return [
                    request_of(call.node, call.scope)
                    for call in self.m.calls
                    if call.name in URL_AFTER_METHOD and call.receiver is not None and dotted(call.receiver) == name
                ]
            return []
        return self.of_receiver(value, bindings[0].scope, depth + 1)

    def of_interceptor(self, node: Node, scope: Scope) -> list[JsRequest]:
        """`client.interceptors.request.use((config) => { config.headers.X = v })`: the client."""
        current = node
        for _ in range(40):
            current = self.m.parent_of(current)
            if current is None:
                return []
            if current.type == "call_expression":
                receiver, method = callee_parts(current)
                chain = dotted(receiver)
                if method == "use" and chain.endswith("interceptors.request"):
                    client = root_name(receiver)
                    constructor = client_constructor_by_name(client, self.m)
                    return [request_of(constructor, scope)] if constructor is not None else []
        return []


def _constructs_request(call: Node) -> bool:
    constructor = call.child_by_field_name("constructor")
    return constructor is not None and text(constructor) in REQUEST_CLASSES


def client_constructor_by_name(name: str, module: JsModule) -> Node | None:
    bindings = module.root.bindings.get(name, [])
    value = unwrap(bindings[0].value) if len(bindings) == 1 and bindings[0].kind == "assign" else None
    if value is None or value.type != "call_expression":
        return None
    return value if callee_parts(value)[1] in CONSTRUCTOR_URL_OPTIONS else None


def _sees(inner: Scope, outer: Scope) -> bool:
    """`inner` is `outer` or nested in it."""
    return any(s is outer for s in inner.chain())


def _returns_name(scope: Scope, name: str) -> bool:
    """`return headers;` in the function that binds `headers` (its returns are tree-sitter nodes)."""
    returns: list[Node | None] = list(scope.returns)
    return any(r is not None and r.type == "identifier" and text(r) == name for r in returns)
