"""`JsFacts`: the questions the rules ask, answered for one JavaScript or TypeScript file.

The answers have the shapes of the Python front end's (`facts.analysis.Facts`): header sites
with their values and targets, Qonto context in the same order (the request's URL, the value's
names, the client's name, the innermost scope's evidence, `assume-qonto`), the literals bound
to credential names, the places that send Basic auth, the URLs and hosts in string literals and
what the sandbox URLs' requests say about the staging token. `qonto_sites`,
`authorization_readings` and `qonto_seen` come from `facts.questions`, shared with Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import Any

from ..facts.hosts import HostTable, find_urls, is_token_endpoint
from ..facts.questions import BasicAuthUse, Context, HeaderQuestions
from ..facts.scopes import Scope
from ..facts.values import Value, split_words
from ..knowledge.qonto import (
    BEARER_HOSTS,
    RESPONSE_URL_FIELDS,
    RESPONSE_URL_GENERIC_FIELDS,
    RESPONSE_URL_RESOURCES,
    STAGING,
)
from ..record import Record
from .collect import JsModule, JsSite, JsString
from .edits import JsEdits
from .evaluate import _ENV_ROOTS, JsEvaluator
from .requests import Carriers, JsRequest, client_constructor, is_request, request_of
from .syntax import (
    Node,
    arguments,
    callee_parts,
    dotted,
    key_name,
    last_name,
    pairs,
    root_name,
    static_text,
    text,
    unwrap,
)

#: methods whose string argument is a pattern to look for, not a URL in use
_MATCHING = frozenset(
    {"replace", "replaceAll", "startsWith", "endsWith", "includes", "indexOf", "match", "test", "split", "search"}
)
_COMPARISONS = frozenset({"===", "!==", "==", "!="})
#: calls whose string arguments are messages to people
_MESSAGES = frozenset({"log", "info", "warn", "error", "debug", "trace", "alert", "fail", "write"})


class JsTarget(Record):
    """Where a request goes, as far as the source tells (the fields of `RequestTarget`)."""

    __slots__ = ("call", "host", "path", "scheme")

    def __init__(self, call: Node, host: str | None, path: str, scheme: str | None) -> None:
        self.call = call
        self.host = host
        self.path = path
        self.scheme = scheme


class JsSandboxUrl:
    """A sandbox URL in a string literal and what its requests say (the fields of `SandboxUrl`)."""

    __slots__ = ("string", "ref", "staging")

    def __init__(self, string: JsString, ref: Any, staging: Any) -> None:
        self.string = string
        self.ref = ref
        self.staging = staging


class JsFacts(HeaderQuestions):
    #: the project view (imports across modules) is Python's only
    project = None

    def __init__(
        self, module: JsModule, data: bytes, *, assume_qonto: bool = False, evaluation_budget: int = 100_000
    ) -> None:
        self.m = module
        #: the rules' fixes, as edits of this file's text
        self.edits = JsEdits(data)
        self.hosts: HostTable = module.hosts
        self.assume_qonto = assume_qonto
        self.evaluator = JsEvaluator(module, evaluation_budget)
        self.carrying = Carriers(module)
        self.want_fixes = False
        self._values: dict = {}
        self._targets: dict = {}
        self._carriers: dict = {}

    # -- what the file holds -----------------------------------------------------------------

    @property
    def header_sites(self) -> list[JsSite]:
        return self.m.sites

    @cached_property
    def authorization_sites(self) -> list[JsSite]:
        return [s for s in self.m.sites if s.header == "authorization"]

    @cached_property
    def staging_sites(self) -> list[JsSite]:
        return [s for s in self.m.sites if s.header == STAGING]

    @property
    def credential_bindings(self) -> list:
        return self.m.credentials

    #: what Python's `requests`-wide rules loop over (mocks, response URLs): not read here
    requests: list = []
    #: Python's child -> parent map, which its libcst fixes take: the text edits need none
    parents: dict = {}

    def parent(self, node: Node | None) -> Node | None:
        return self.m.parent_of(node)

    def qualname(self, node: Node, scope: Scope) -> str | None:
        return None

    def keyword_call_qualname(self, node: Node, scope: Scope) -> str | None:
        """The callee an option object holding `node` is given to (`new OpenAI({ apiKey: node })`),
        or None when `node` is not an option's value."""
        parent = self.m.parent_of
        pair = parent(node)
        obj = parent(pair) if pair is not None and pair.type == "pair" else None
        args = parent(obj) if obj is not None and obj.type == "object" else None
        call = parent(args) if args is not None and args.type == "arguments" else None
        if call is None or call.type not in ("call_expression", "new_expression"):
            return None
        return dotted(call.child_by_field_name("function") or call.child_by_field_name("constructor"))

    def dict_owner(self, node: Node) -> str | None:
        """The name an object literal holding `node` as a value is bound to (`const STRIPE = {...}`)."""
        parent = self.m.parent_of
        pair = parent(node)
        obj = parent(pair) if pair is not None and pair.type == "pair" else None
        holder = parent(obj) if obj is not None and obj.type == "object" else None
        if holder is not None and holder.type == "variable_declarator":
            name = holder.child_by_field_name("name")
            return text(name) if name is not None else ""
        if holder is not None and holder.type == "assignment_expression":
            return dotted(holder.child_by_field_name("left"))
        return None

    def header_neighbourhood(self, site: JsSite) -> tuple[list[str], list[str]]:
        """(the other keys of the object literal holding a site, the names it goes through: the
        variable or option it is bound to, the object a header is set on)."""
        container = site.container
        if container.type == "object":
            keys = list(pairs(container))
            names = []
            holder = self.m.parent_of(container)
            if holder is not None and holder.type == "pair":
                names.append(key_name(holder.child_by_field_name("key")) or "")
            elif holder is not None and holder.type == "variable_declarator":
                names.append(last_name(holder.child_by_field_name("name")))
            return keys, names
        if site.form == "method":
            return [], [last_name(callee_parts(container)[0])]
        if site.form == "pairs":
            firsts = [pair.named_children[0] for pair in container.named_children if pair.named_children]
            return [key for key in (static_text(first) for first in firsts) if key is not None], []
        return [], [dotted(container.child_by_field_name("object"))]

    def hole_qualname(self, hole: Any, scope: Scope) -> str | None:
        """Imports are not resolved across JavaScript modules."""
        return None

    def is_string_literal(self, node: object) -> bool:
        return getattr(node, "type", None) in ("string", "template_string")

    def value(self, node: Node, scope: Scope) -> Value:
        key = (node, id(scope))
        if key not in self._values:
            self._values[key] = self.evaluator.value(node, scope)
        return self._values[key]

    def site_value(self, site: JsSite) -> Value:
        return self.value(site.value_node, site.scope)

    # -- where a header goes ---------------------------------------------------------------

    def site_carriers(self, site: JsSite) -> list[JsRequest]:
        key = id(site)
        if key not in self._carriers:
            self._carriers[key] = self._find_carriers(site)
        return self._carriers[key]

    def _find_carriers(self, site: JsSite) -> list[JsRequest]:
        if site.form in ("dict", "pairs"):
            return self.carrying.of_headers(site.container, site.scope)
        if site.form == "method":
            receiver, _method = callee_parts(site.container)
            return self.carrying.of_receiver(receiver, site.scope) if receiver is not None else []
        return self.carrying.of_interceptor(site.container, site.scope)

    def headers_receivers(self, site: JsSite) -> list:
        return []

    def url_expression(self, call: Node) -> Node | None:
        """The URL a request is sent to, as written (to see whether it comes from an API response)."""
        return request_of(call, self.m.root).url

    def response_url(self, expr: Node, scope: Scope, depth: int = 0) -> str | None:
        """The source of a URL taken from an API response (`attachment.url`, `invoice['pdf_url']`,
        `payment?.redirection_link`, or a name bound once to one), else None."""
        node = unwrap(expr)
        if node is None:
            return None
        if node.type == "identifier":
            bindings = scope.lookup(text(node))
            if depth < 3 and len(bindings) == 1 and bindings[0].kind == "assign" and bindings[0].value is not None:
                return self.response_url(bindings[0].value, bindings[0].scope, depth + 1)
            return None
        field, owner = _url_field(node)
        if field is None or owner is None:
            return None
        if field in RESPONSE_URL_FIELDS or (
            field in RESPONSE_URL_GENERIC_FIELDS
            and any(word in RESPONSE_URL_RESOURCES for word in split_words(last_name(owner)))
        ):
            code = text(node)
            return code if len(code) <= 60 else code[:59] + "\u2026"
        return None

    def foreign_report_node(self, site: JsSite, request: JsRequest) -> Node:
        return site.value_node

    def configured_url(self, request: JsRequest) -> bool:
        """Whether the deployment chooses the request's host (`configured_url` of Python's facts):
        a URL that starts with an environment variable is a hole here, so the module's hosts
        decide, and `environment_default` leaves the default out of them."""
        return False

    def environment_default(self, node: Node) -> bool:
        """`process.env.QONTO_HOST || "https://thirdparty.qonto.com"` (or `??`): the string is the
        fallback of an environment variable (also inside a template literal's head)."""
        parent = self.m.parent_of(node)
        while parent is not None and parent.type in ("parenthesized_expression", "string", "template_string"):
            node, parent = parent, self.m.parent_of(parent)
        if parent is None or parent.type != "binary_expression" or parent.child_by_field_name("right") != node:
            return False
        operator = parent.child_by_field_name("operator")
        left = parent.child_by_field_name("left")
        return (
            operator is not None
            and text(operator) in ("||", "??")
            and left is not None
            and text(left).startswith(_ENV_ROOTS)
        )

    def target(self, request: JsRequest) -> JsTarget:
        key = request.call
        if key not in self._targets:
            self._targets[key] = self._resolve(request)
        return self._targets[key]

    def targets_of(self, requests: list) -> list[JsTarget]:
        return [self.target(r) for r in requests]

    def _resolve(self, request: JsRequest) -> JsTarget:
        if request.url is None:
            return JsTarget(request.call, None, "", None)
        text_ = self.value(request.url, request.scope).prefix()
        refs = find_urls(text_) if "." in text_ else []
        if refs and refs[0].start == 0 and refs[0].scheme is not None:
            return JsTarget(request.call, refs[0].host, refs[0].path, refs[0].scheme)
        base = self._client_base(request)
        if base is not None and (text_.startswith("/") or not text_):
            host, path, scheme = base
            return JsTarget(request.call, host, path.rstrip("/") + text_, scheme)
        return JsTarget(request.call, None, "", None)

    def _client_base(self, request: JsRequest) -> tuple[str | None, str, str | None] | None:
        """A relative path sent by a client made with a base URL (`axios.create({ baseURL })`)."""
        receiver, _method = callee_parts(request.call)
        constructor = client_constructor(receiver, request.scope) if receiver is not None else None
        if constructor is None:
            return None
        base = self.target(request_of(constructor, request.scope))
        return (base.host, base.path, base.scheme) if base.host is not None else None

    # -- Qonto context --------------------------------------------------------------------------

    def is_qonto_host(self, host: str) -> bool:
        return self.hosts.is_qonto(host)

    def scope_is_qonto(self, scope: Scope) -> bool:
        for candidate in scope.chain():
            if candidate.evidence.any:
                return candidate.evidence.qonto
        return False

    def owner_names(self, receivers: Sequence, targets: Sequence[JsTarget]) -> list[str]:
        """The clients a place uses, spelled: the receivers, and each request's root object."""
        owners = [*receivers, *(root_name(t.call.child_by_field_name("function")) for t in targets)]
        return [owner or "" for owner in owners]

    def site_context(self, site: JsSite, targets: Sequence[JsTarget], value: Value) -> Context | None:
        receivers = []
        if site.form == "method" or site.form == "subscript":
            receivers.append(root_name(site.container))
        return self.qonto_context(site.scope, targets, value, receivers)

    def takes_bearer(self, site: Any) -> bool:
        return any(t.host in BEARER_HOSTS for t in site.targets)

    def goes_to_token_endpoint(self, targets: list) -> bool:
        return any(t.host is not None and self.is_qonto_host(t.host) and is_token_endpoint(t.path) for t in targets)

    def unsent_login(self, site: JsSite) -> str | None:
        return None

    # -- Basic auth ------------------------------------------------------------------------------

    @cached_property
    def basic_auth_uses(self) -> list[BasicAuthUse]:
        return list(self._basic_auth_uses())

    def _basic_auth_uses(self) -> Iterator[BasicAuthUse]:
        """`auth: { username, password }` (axios), `{ username, password }` options (got),
        `.auth(login, secret)` (superagent)."""
        for obj, scope in self.m.objects:
            fields = pairs(obj)
            parent = self.m.parent_of(obj)
            if "username" not in fields or "password" not in fields or parent is None:
                continue
            grandparent = self.m.parent_of(parent)
            if parent.type == "pair" and (key_name(parent.child_by_field_name("key")) or "") == "auth":
                options, label = grandparent, "axios' auth: { username, password }"
            elif parent.type == "arguments" and root_name(grandparent) in ("got", "ky"):
                options, label = obj, "got's username and password options"
            else:
                continue
            requests = self.carrying.of_options(options, scope) if options is not None else []
            if requests and is_request(requests[0].call, self.m):
                parts = (fields["username"], fields["password"])
                where = obj if options is not obj else _first_member(obj, parts)
                yield BasicAuthUse(where, label, scope, self.targets_of(requests), self._joined(parts, scope, obj))
        for call in self.m.calls:
            args = arguments(call.node)
            if call.name == "auth" and call.receiver is not None and len(args) >= 2:
                requests = self.carrying.of_receiver(call.receiver, call.scope)
                if requests:
                    label = "superagent's .auth(login, secret)"
                    value = self._joined(tuple(args[:2]), call.scope, call.node)
                    where = _method_name(call.node)
                    yield BasicAuthUse(where, label, call.scope, self.targets_of(requests), value)

    def _joined(self, nodes: tuple, scope: Scope, node: Node):
        def value() -> Value:
            parts: tuple = ()
            for part in nodes:
                parts += self.value(part, scope).parts
            return Value(parts, node)

        return value

    # -- URLs and hosts in strings ----------------------------------------------------------------

    @cached_property
    def host_refs(self) -> list[tuple[JsString, Any]]:
        refs: list[tuple[JsString, Any]] = []
        for string in self.m.strings:
            if "." not in string.text:
                continue
            found = find_urls(string.text)
            if found and not self._is_a_pattern(string.node) and not self._is_a_message(string.node):
                refs.extend((string, ref) for ref in found)
        return refs

    #: URLs put together from parts and bound to names: their literal parts are in `host_refs`
    built_refs: list = []

    def _is_a_pattern(self, node: Node) -> bool:
        parent = self.m.parent_of(node)
        if parent is None:
            return False
        call = self.m.parent_of(parent) if parent.type == "arguments" else None
        if call is not None and call.type == "call_expression":
            return callee_parts(call)[1] in _MATCHING
        if parent.type == "binary_expression":
            operator = parent.child_by_field_name("operator")
            return operator is not None and text(operator) in _COMPARISONS
        return False

    def _is_a_message(self, node: Node) -> bool:
        current = node
        for _ in range(4):
            parent = self.m.parent_of(current)
            if parent is None:
                return False
            if parent.type == "arguments":
                call = self.m.parent_of(parent)
                name = last_name(call) if call is not None else ""
                return name in _MESSAGES or name.endswith(("Error", "Exception"))
            if parent.type not in ("binary_expression", "template_substitution", "template_string"):
                return False
            current = parent
        return False

    def only_in_mocks(self, string: Any) -> bool:
        return False

    def in_mock(self, node: Node, scope: Scope) -> bool:
        return False

    def is_mock(self, request: Any) -> bool:
        return False

    # -- the staging token ------------------------------------------------------------------------

    @cached_property
    def sandbox_urls(self) -> list[JsSandboxUrl]:
        from ..facts.questions import Staging

        found = []
        for string, ref in self.host_refs:
            if self.hosts.is_sandbox(ref.host):
                requests = self._requests_by_string.get(string.node, [])
                if not requests:
                    staging = Staging.UNTRACED
                else:
                    states = {self._request_staging(r) for r in requests}
                    staging = next((s for s in (Staging.MISSING, Staging.UNKNOWN) if s in states), Staging.SENT)
                found.append(JsSandboxUrl(string, ref, staging))
        return found

    @cached_property
    def _requests_by_string(self) -> dict:
        """string literal -> the requests whose URL is built from it."""
        index: dict = {}
        for call in self.m.calls:
            if not is_request(call.node, self.m):
                continue
            request = request_of(call.node, call.scope)
            if request.url is None:
                continue
            for part in self.value(request.url, call.scope).texts:
                if part.node is not None:
                    index.setdefault(part.node, []).append(request)
        return index

    @cached_property
    def _staging_carriers(self) -> set:
        return {r.call for site in self.staging_sites for r in self.site_carriers(site)}

    def _request_staging(self, request: JsRequest):
        """SENT when a staging header goes with the request; MISSING when all its headers are in
        sight (an options object without `headers`, or headers written as a literal); else UNKNOWN."""
        from ..facts.questions import Staging

        if request.call in self._staging_carriers:
            return Staging.SENT
        receiver, _method = callee_parts(request.call)
        if receiver is not None and client_constructor(receiver, request.scope) is not None:
            return Staging.UNKNOWN  # the client's own headers
        if receiver is not None and not is_request(request.call, self.m):
            return Staging.UNKNOWN
        if _chained_after(request.call, self.m.parent_of(request.call)):
            return Staging.UNKNOWN  # `superagent.get(url).set(...)`
        options = request.options
        if options is None:
            return Staging.MISSING if len(arguments(request.call)) <= 1 else Staging.UNKNOWN
        if any(c.type == "spread_element" for c in options.named_children):
            return Staging.UNKNOWN
        headers = unwrap(pairs(options).get("headers"))
        if headers is None:
            return Staging.MISSING
        if headers.type == "object" and not any(c.type == "spread_element" for c in headers.named_children):
            return Staging.MISSING
        if headers.type == "array" and all(c.type == "array" for c in headers.named_children):
            return Staging.MISSING  # `headers: [[k, v], ...]`: every pair is in sight
        return Staging.UNKNOWN

    @cached_property
    def sets_staging_token(self) -> bool:
        if self.staging_sites:
            return True
        return any(string.text.strip().lower() == STAGING for string in self.m.strings)

    def staging_token_set_around(self, url: Any) -> bool:
        return self.sets_staging_token

    def only_mocked_here(self, url: Any) -> bool:
        """Imports are not followed between JavaScript modules: a test module's constant is decided
        by the module alone, as any other."""
        return False


def _chained_after(call: Node, parent: Node | None) -> bool:
    """`call` (whose parent is `parent`) is the receiver of another method call
    (`superagent.get(url).set(...)`)."""
    return parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == call


def _first_member(obj: Node, values: tuple) -> Node:
    """The first of the `username` / `password` members of a got options object, where the mistake
    is written (the options object itself may start lines above, at the client's constructor)."""
    members = [v.parent if v.parent is not None and v.parent.type == "pair" else v for v in values if v is not None]
    members = [m for m in members if m.parent == obj]
    return min(members, key=lambda m: m.start_byte) if members else obj


def _method_name(call: Node) -> Node:
    """`.auth` in `superagent.get(url).query(q).auth(a, b)`: a chain starts lines above its `.auth`."""
    function = call.child_by_field_name("function")
    name = function.child_by_field_name("property") if function is not None else None
    return name if name is not None else call


def _url_field(node: Node) -> tuple[str | None, Node | None]:
    """(`pdf_url`, `invoice`) of `invoice.pdf_url`, `invoice['pdf_url']`, `invoice?.pdfUrl`."""
    if node.type == "member_expression":
        name, owner = node.child_by_field_name("property"), node.child_by_field_name("object")
        field = text(name) if name is not None else None
    elif node.type == "subscript_expression":
        owner = node.child_by_field_name("object")
        field = static_text(node.child_by_field_name("index"))
    else:
        return None, None
    return ("_".join(split_words(field)) if field else None), unwrap(owner)
