"""Facts about one module, computed once and shared by every rule.

`Facts` wraps what the facts pass collected (`collect.py`) and answers the
questions rules ask, each answer computed on first use and cached:

- what string a header will carry (`value`),
- which request calls carry a header or an auth helper (`carriers`),
- which hosts those requests go to (`request_hosts`),
- whether a place is in Qonto context (`in_qonto_context`).

Rules use only these public methods and properties (and the shared answers of `sites.py`,
a base of `Facts`): what the facts pass collected is read through them, never directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

import libcst as cst

from ..config import DEFAULT_MAX_EVALUATION_STEPS
from ..knowledge import http_clients
from ..knowledge.qonto import API_PATH_PREFIXES, BEARER_HOSTS, mentions_qonto
from ..record import ValueRecord
from .basic_auth import BasicAuthQuestions
from .candidates import candidates
from .collect import (
    AuthAssign,
    CallFact,
    CredentialBinding,
    HeaderSite,
    ModuleFacts,
    StringFact,
    collect,
    dotted_name,
    last_name,
    string_value,
)
from .evaluate import Evaluator
from .hosts import HostTable, find_urls, foreign_api_of, is_token_endpoint
from .project import ProjectView
from .scopes import Binding, Scope
from .sites import Context, QontoSite, SiteQuestions, headers_holder
from .staging import StagingQuestions
from .values import Hole, Value, says_qonto, vendor_of

__all__ = ["Context", "Facts", "HeaderSite", "QontoSite", "RequestTarget", "build_facts"]

#: a relative URL that goes to the service itself
OWN_SERVICE = "<own service>"
#: attributes of a session or client that carry headers or auth to its requests
_SESSION_ATTRIBUTES = http_clients.HEADERS_KEYWORDS | http_clients.AUTH_KEYWORDS
#: attributes an API client class keeps its base URL in
_BASE_URL_ATTRIBUTES = ("base_url", "api_url", "base", "url", "api_base", "base_uri", "endpoint", "host")
#: methods that change a dict in place
_MUTATORS = frozenset({"update", "setdefault", "__setitem__", "__ior__"})
#: nodes a headers object can pass through on its way to a request
_WRAPPERS = (
    cst.DictElement,
    cst.StarredDictElement,
    cst.Dict,
    cst.Element,
    cst.StarredElement,
    cst.List,
    cst.Tuple,
    cst.IfExp,
    cst.BooleanOperation,
    cst.BinaryOperation,
    cst.Await,
)


class RequestTarget(ValueRecord):
    """Where a request goes, as far as the source tells."""

    __slots__ = ("call", "host", "path", "scheme")

    def __init__(self, call: cst.Call, host: str | None, path: str, scheme: str | None) -> None:
        self.call = call
        self.host = host  # None when the URL cannot be worked out
        self.path = path
        self.scheme = scheme


class Facts(SiteQuestions, StagingQuestions, BasicAuthQuestions):
    def __init__(
        self,
        collected: ModuleFacts,
        *,
        assume_qonto: bool = False,
        evaluation_budget: int | None = None,
        project: ProjectView | None = None,
    ) -> None:
        self.c = collected
        self.module = collected.module
        self.hosts: HostTable = collected.hosts
        self.assume_qonto = assume_qonto
        #: the other modules of the project, read for the values imported from them
        self.project = project
        budget = DEFAULT_MAX_EVALUATION_STEPS if evaluation_budget is None else evaluation_budget
        self.evaluator = Evaluator(collected, budget, project=project, changed=self._changed)
        self._values: dict = {}
        self._carriers: dict = {}
        #: a module constant or function -> the requests of the modules importing it that send
        #: its headers (`_importers_sending`)
        self._importer_targets: dict[tuple[str, str], list[tuple[str, Facts, CallFact]] | None] = {}
        self._targets: dict = {}
        #: the calls indexed by what the carrier searches look for, built on first use: a
        #: search per header site over every call of the module would be quadratic
        self._indexes: dict = {}
        #: whether rules should compute their fixes
        self.want_fixes = True
        #: the text edits of a front end that does not edit libcst trees (None: libcst's, `fixes/`)
        self.edits: Any = None

    # -- what the facts pass collected ----------------------------------------------------

    @property
    def header_sites(self) -> list[HeaderSite]:
        return self.c.header_sites

    @property
    def parents(self) -> dict[cst.CSTNode, cst.CSTNode]:
        """Each node's parent (the fixes use it to tell whether an edit stays in the value)."""
        return self.c.parents

    @property
    def strings(self) -> list[StringFact]:
        return self.c.strings

    @property
    def docstrings(self) -> set[cst.CSTNode]:
        return self.c.docstrings

    @property
    def credential_bindings(self) -> list[CredentialBinding]:
        return self.c.credential_bindings

    @property
    def auth_assigns(self) -> list[AuthAssign]:
        return self.c.auth_assigns

    @property
    def basic_helpers(self) -> list[CallFact]:
        """Calls to a Basic auth helper (`HTTPBasicAuth(...)`, `BasicAuth(...)`)."""
        return self.c.basic_helpers

    @cached_property
    def scopes(self) -> tuple[Scope, ...]:
        """The module's scope, then every other scope."""
        return (self.c.root, *self.c.scope_of_node.values())

    def binding_of(self, node: cst.CSTNode, scope: Scope) -> Binding | None:
        """The one binding a name or dotted reference stands for, followed into the project's
        other modules (`settings.QONTO_AUTH`), or None."""
        return self.evaluator.binding_of(node, scope)

    def qualname(self, node: cst.CSTNode, scope: Scope) -> str | None:
        """The qualified name an expression refers to (`requests.auth.HTTPBasicAuth`), or None."""
        return self.evaluator.qualname(node, scope)

    def requests_on(self, target: cst.CSTNode, scope: Scope) -> list[CallFact]:
        """Calls made on the object `target` names (`session.get(...)`), and on what returns it."""
        return self._requests_on(target, scope)

    def keyword_call_qualname(self, node: cst.CSTNode, scope: Scope) -> str | None:
        """The qualified name of the call `node` is a keyword argument of (`OpenAI(api_key=node)`), or
        None when it is not one ("" when the callee's name cannot be worked out)."""
        arg = self.parent(node)
        call = self.parent(arg) if isinstance(arg, cst.Arg) and arg.keyword is not None else None
        if not isinstance(call, cst.Call):
            return None
        return self.qualname(call.func, scope) or ""

    def dict_owner(self, node: cst.CSTNode) -> str | None:
        """The name a dict display holding `node` as a value is assigned to."""
        element = self.parent(node)
        container = self.parent(element) if isinstance(element, cst.DictElement) else None
        statement = self.parent(container) if isinstance(container, cst.Dict) else None
        if isinstance(statement, cst.Assign):
            return " ".join(dotted_name(t.target) or "" for t in statement.targets)
        if isinstance(statement, cst.AnnAssign):
            return dotted_name(statement.target) or ""
        return None

    def header_neighbourhood(self, site: HeaderSite) -> tuple[list[str], list[str]]:
        """(the other keys of the dict display holding a site, the names the display or the
        object the site writes into goes through: the variable, the keyword, the receiver)."""
        container = site.container
        keys: list[str] = []
        if isinstance(container, cst.Dict):
            written = [string_value(e.key) for e in container.elements if isinstance(e, cst.DictElement)]
            keys = [key for key in written if key is not None]
        names: list[str] = []
        current = container
        for _ in range(4):  # the variable, receiver, argument or function the headers go through
            parent = self.parent(current)
            if parent is None:
                break
            if isinstance(parent, (cst.Assign, cst.AnnAssign)):
                targets_ = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
                names.extend(last_name(t) for t in targets_)
                break
            if isinstance(parent, cst.Arg) and parent.keyword is not None:
                names.append(parent.keyword.value)
                break
            current = parent
        if site.form in ("subscript", "method", "keyword") and not isinstance(container, cst.Dict):
            receiver = (
                getattr(container, "value", None)
                if site.form == "subscript"
                else getattr(getattr(container, "func", None), "value", None)
            )
            names.append(last_name(receiver) if receiver is not None else "")
        return keys, names

    def hole_qualname(self, hole: Hole, scope: Scope) -> str | None:
        """The qualified name of the name, attribute or called function a part comes from."""
        node = hole.node.func if isinstance(hole.node, cst.Call) else hole.node
        return self.qualname(node, scope) if isinstance(node, (cst.Name, cst.Attribute)) else None

    def is_string_literal(self, node: object) -> bool:
        """A string literal as written in the source (a QNT201 is reported at one)."""
        return isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString))

    def parent(self, node: cst.CSTNode | None) -> cst.CSTNode | None:
        return self.c.parents.get(node)

    def value(self, node: cst.BaseExpression, scope: Scope) -> Value:
        key = (node, scope)
        if key not in self._values:
            value = self._values[key] = self.evaluator.evaluate(node, scope)
            self.evaluator.charge(value)
        return self._values[key]

    def site_value(self, site: HeaderSite) -> Value:
        return self.value(site.value_node, site.scope)

    @cached_property
    def authorization_sites(self) -> list[HeaderSite]:
        return [s for s in self.header_sites if s.header == "authorization"]

    @cached_property
    def staging_sites(self) -> list[HeaderSite]:
        return [s for s in self.header_sites if s.header == "x-qonto-staging-token"]

    @cached_property
    def requests(self) -> list[CallFact]:
        return self.c.calls

    # -- object identity ---------------------------------------------------------------

    def object_key(self, expr: cst.CSTNode, scope: Scope):
        """A key naming the object an expression refers to, or None."""
        if isinstance(expr, cst.Name):
            bindings = scope.lookup(expr.value)
            if len(bindings) == 1:
                return ("binding", id(bindings[0]))
            return None
        if isinstance(expr, cst.Attribute):
            owner = self.evaluator._self_class(expr.value, scope)
            if owner is not None:
                return ("self", id(owner), expr.attr.value)
            instance = self._instance_of(expr.value, scope)
            if instance is not None:
                return (*instance, expr.attr.value)
            dotted = dotted_name(expr)
            if dotted is not None:
                return ("attr", dotted)
        return None

    def _instance_of(self, receiver: cst.CSTNode, scope: Scope) -> tuple | None:
        """The class of this module whose instance a name holds, when the code says so: a
        parameter annotated with the class (`client: QontoClient`) or a name bound once to a call
        of it (`q = QontoClient()`). Returns ("self", id of the class's scope): the key its
        methods' `self` has, so that `q.session` is the object `self.session` is."""
        kind = self._instance_class_expression(receiver, scope)
        # only a class made for Qonto (`QontoClient`): a generic `ApiClient` may be made once for
        # Qonto and once for another service, and its instances are then not one object
        if not isinstance(kind, cst.Name) or not says_qonto(kind.value):
            return None
        classes = scope.lookup(kind.value)
        if len(classes) != 1 or classes[0].kind != "class" or classes[0].node is None:
            return None
        owner = self.c.scope_of_node.get(classes[0].node)
        return None if owner is None else ("self", id(owner))

    def _instance_class_expression(self, receiver: cst.CSTNode, scope: Scope) -> cst.BaseExpression | None:
        """The class expression a name's single binding gives it: its parameter's annotation
        (`client: QontoClient`, `client: "QontoClient"`) or the callee it is assigned the result
        of (`q = QontoClient(...)`)."""
        if not isinstance(receiver, cst.Name):
            return None
        bindings = scope.lookup(receiver.value)
        if len(bindings) != 1:
            return None
        binding = bindings[0]
        if binding.kind == "param" and isinstance(binding.node, cst.Param) and binding.node.annotation is not None:
            kind = binding.node.annotation.annotation
            if isinstance(kind, cst.SimpleString):
                text = string_value(kind)
                return cst.Name(text) if text is not None and text.isidentifier() else None
            return kind
        if binding.kind == "assign" and isinstance(binding.value, cst.Call):
            return binding.value.func
        return None

    # -- which requests carry a thing --------------------------------------------------

    def carriers(self, node: cst.CSTNode, scope: Scope, keyword: str = "headers") -> list[CallFact]:
        """Request (or client) calls that receive `node` through the keyword `keyword`."""
        key = (node, keyword)
        if key not in self._carriers:
            self._carriers[key] = []  # cycle guard
            self._carriers[key] = self._find_carriers(node, scope, keyword, 0)
        return self._carriers[key]

    def _find_carriers(self, node, scope: Scope, keyword: str, depth: int) -> list[CallFact]:
        if depth > 6:
            return []
        current = node
        while True:
            parent = self.parent(current)
            if parent is None:
                return []
            if isinstance(parent, cst.Arg):
                call = self.parent(parent)
                if not isinstance(call, cst.Call):
                    return []
                if parent.keyword is not None and parent.keyword.value == keyword:
                    return self._through_client(self._call_fact(call, scope), keyword, depth)
                name = last_name(call.func)
                if name == "update" and isinstance(call.func, cst.Attribute) and parent.keyword is None:
                    return self._object_carriers(call.func.value, scope, keyword, depth)
                if name in ("dict", "copy", "deepcopy") or name in http_clients.HEADER_CONTAINERS:
                    current = call
                    continue
                return []
            if isinstance(parent, cst.DictElement) and parent.value is current and string_value(parent.key) == keyword:
                # {"headers": {...}, "timeout": 10} passed as **kwargs
                return self._kwargs_carriers(self.parent(parent), scope, keyword, depth)
            if isinstance(parent, _WRAPPERS):
                current = parent
                continue
            if isinstance(parent, (cst.Assign, cst.AnnAssign)):
                targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
                found: list[CallFact] = []
                for target in targets:
                    found.extend(self._object_carriers(target, scope, keyword, depth))
                return found
            if isinstance(parent, cst.Return):
                return self._function_carriers(scope, keyword, depth)
            if isinstance(parent, cst.Call) and parent.func is current:
                return []
            return []

    def _kwargs_carriers(self, mapping, scope: Scope, keyword: str, depth: int) -> list[CallFact]:
        """Requests that receive the dict `mapping` as `**kwargs`, directly or through a name."""
        parent = self.parent(mapping)
        if isinstance(parent, cst.Arg) and parent.star == "**":
            call = self.parent(parent)
            return (
                self._through_client(self._call_fact(call, scope), keyword, depth) if isinstance(call, cst.Call) else []
            )
        if not isinstance(parent, cst.Assign) or len(parent.targets) != 1:
            return []
        key = self.object_key(parent.targets[0].target, scope)
        if key is None:
            return []
        found: list[CallFact] = []
        for fact in self._index("**").get(key, ()):
            found.extend(self._through_client(fact, keyword, depth))
        return found

    def _index(self, kind: str) -> dict:
        """The calls by what a search asks of them, in the module's order (see `_build_index`)."""
        index = self._indexes.get(kind)
        if index is None:
            index = self._indexes[kind] = self._build_index(kind)
        return index

    def _build_index(self, kind: str) -> dict:
        """`call`: call node -> its fact; `**`: object key -> calls that pass it as `**kwargs`
        (once a call); `receiver`: object key -> calls of a method on it; `result`: function name ->
        calls of a method on what it returns; `kw:NAME`: object key -> a call for each `NAME=` it
        receives; `returned:NAME`: function name -> a call for each `NAME=f()` (or a name bound to
        `f()`); `auth`: class name -> a call for each `auth=Cls()` (or a name bound to it)."""
        index: dict = {}

        def add(key, fact):
            if key is not None:
                index.setdefault(key, []).append(fact)

        for fact in self.c.calls:
            node = fact.node
            if kind == "call":
                index.setdefault(node, fact)
            elif kind == "**":
                keys = {self.object_key(arg.value, fact.scope) for arg in node.args if arg.star == "**"}
                for key in keys:
                    add(key, fact)
            elif kind == "receiver":
                if isinstance(node.func, cst.Attribute):
                    add(self.object_key(node.func.value, fact.scope), fact)
            elif kind == "result":
                func = node.func
                if not isinstance(func, cst.Attribute):
                    continue
                receiver = func.value
                if isinstance(receiver, cst.Call):
                    add(last_name(receiver.func), fact)
                elif isinstance(receiver, cst.Name):
                    bindings = fact.scope.lookup(receiver.value)
                    if len(bindings) == 1 and isinstance(bindings[0].value, cst.Call):
                        add(last_name(bindings[0].value.func), fact)
            else:
                prefix, _, keyword = kind.partition(":")
                for arg in node.args:
                    if arg.keyword is None or arg.keyword.value != (keyword or "auth"):
                        continue
                    value: cst.BaseExpression | None = arg.value
                    if prefix == "kw":
                        add(self.object_key(arg.value, fact.scope), fact)
                    elif prefix == "returned":  # (the request, the call of the function, its scope)
                        if isinstance(value, cst.Call):
                            add(last_name(value.func), (fact, value, fact.scope))
                        elif isinstance(value, cst.Name):
                            for binding in fact.scope.lookup(value.value):
                                if binding.kind == "assign" and isinstance(binding.value, cst.Call):
                                    add(last_name(binding.value.func), (fact, binding.value, binding.scope))
                    else:  # auth
                        if isinstance(value, cst.Name):
                            bindings = fact.scope.lookup(value.value)
                            value = bindings[0].value if len(bindings) == 1 else None
                        if isinstance(value, cst.Call):
                            add(last_name(value.func), fact)
        return index

    def _call_fact(self, call: cst.Call, scope: Scope) -> CallFact:
        fact = self._index("call").get(call)
        return fact if fact is not None else CallFact(call, scope, last_name(call.func))

    def _through_client(self, fact: CallFact, keyword: str, depth: int) -> list[CallFact]:
        """A client made with the headers carries them to every request made on it."""
        if fact.name in http_clients.CLIENT_CONSTRUCTORS:
            on_client = self._object_carriers_of_call(fact, depth)
            if on_client and self.url_expression(fact.node) is None:
                return on_client  # the client itself sends nothing: its requests say where the header goes
            return [fact, *on_client]
        return [fact]

    def _object_carriers_of_call(self, fact: CallFact, depth: int) -> list[CallFact]:
        parent = self.parent(fact.node)
        if isinstance(parent, cst.WithItem) and parent.asname is not None:
            return self._requests_on(parent.asname.name, fact.scope)
        if isinstance(parent, cst.Return) and fact.scope.kind == "function":
            # a factory that returns the client it makes: `return httpx.Client(headers=...)`
            return self._calls_on_results_of(fact.scope.name)
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            found = []
            for target in targets:
                found.extend(self._requests_on(target, fact.scope))
            return found
        return []

    def _requests_on(self, target: cst.CSTNode, scope: Scope) -> list[CallFact]:
        """Calls made on the object `target` names: `session.get(...)`, and on what returns it."""
        key = self.object_key(target, scope)
        if key is None:
            return []
        found = list(self._index("receiver").get(key, ()))
        if isinstance(target, cst.Name) and _returns_name(scope, target.value):
            # A factory: `def github_session(): s = Session(); ...; return s`, then
            # `github_session().get(url)` or `s = github_session(); s.get(url)`.
            found.extend(self._calls_on_results_of(scope.name))
        return found

    def _calls_on_results_of(self, function: str) -> list[CallFact]:
        return list(self._index("result").get(function, ()))

    def _auth_object_carriers(self, scope: Scope) -> list[CallFact]:
        """Headers set in an auth object's `__call__` / `auth_flow` go where `auth=Obj(...)` goes."""
        owner = scope.enclosing_class
        if owner is None or scope.name not in http_clients.AUTH_FLOW_METHODS:
            return []
        found = []
        for fact in self._index("auth").get(owner.name, ()):
            found.extend(self._through_client(fact, "auth", 0))
        return found

    def _object_carriers(self, target: cst.CSTNode, scope: Scope, keyword: str, depth: int) -> list[CallFact]:
        """Requests that receive the object `target` names (a headers dict, a session's headers)."""
        if isinstance(target, cst.Attribute) and target.attr.value in _SESSION_ATTRIBUTES:
            # session.headers / session.auth: every request made on the session
            return self._requests_on(target.value, scope)
        key = self.object_key(target, scope)
        if key is None:
            return []
        found = []
        if isinstance(target, cst.Name):
            bindings = scope.lookup(target.value)
            if (
                len(bindings) == 1
                and isinstance(bindings[0].value, cst.Call)
                and last_name(bindings[0].value.func) in http_clients.REQUEST_CLASSES
            ):
                found.append(self._call_fact(bindings[0].value, bindings[0].scope))
        for fact in self._index("kw:" + keyword).get(key, ()):
            found.extend(self._through_client(fact, keyword, depth))
        if isinstance(target, cst.Name) and _returns_name(scope, target.value):
            # a helper that builds the dict, adds to it, and returns it: `headers = {...}; return headers`
            found.extend(self._function_carriers(scope, keyword, depth + 1))
        return found

    def _function_carriers(self, scope: Scope, keyword: str, depth: int) -> list[CallFact]:
        """Requests that receive what the function `scope` returns."""
        if scope.kind != "function":
            return []
        name = scope.name
        found: list[CallFact] = []
        for fact, call, where in self._index("returned:" + keyword).get(name, ()):
            if self._calls_another_method(call, where, scope):
                continue
            found.extend(self._through_client(fact, keyword, depth))
        return found

    def _calls_another_method(self, call: cst.Call, where: Scope, function: Scope) -> bool:
        """Whether `call` (`self.name()`, in a method of a class that defines its own `name`)
        calls that class's method rather than `function`, another class's method of the same
        name: two API clients in one module each with their own `_headers()`."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return False
        owner = self.evaluator._self_class(func.value, where)
        if owner is None or owner is function.enclosing_class:
            return False
        own = [b for b in owner.bindings.get(function.name, ()) if b.kind == "function"]
        return bool(own)

    def importers_facts(self, names: tuple[str, ...]) -> list[Facts]:
        """The facts of the project's modules (test modules aside) that import this module or a
        name from it and whose text holds one of `names`."""
        if self.project is None:
            return []
        return [Facts(loaded.facts, project=self.project) for loaded in self.project.importers_naming(names)]

    def owns(self, node: Any) -> bool:
        """Whether `node` is this module's own, not one of a module read for its values."""
        return node in self.c.parents

    def site_targets(self, site: HeaderSite) -> list:
        """Where the requests that send a header site's header go; for headers the module hands
        out and none of its own requests sends (`BANK_HEADERS = {...}` in a settings or defaults
        module, a helper that returns them, a session factory), the requests of the project's
        modules that import them and send them."""
        carriers = self.site_carriers(site)
        targets: list = self.targets_of(carriers)
        if carriers or self.project is None:
            return targets
        sent = self._sent_by_importers(site)
        return targets + [other.target(fact) for _path, other, fact in sent] if sent is not None else targets

    def exported_session_targets(self, target: cst.CSTNode, scope: Scope) -> list[RequestTarget]:
        """Where the requests go that the project's other modules make on the session `target`
        names, when a module-level function of this one returns it (a session factory: `s.auth =
        ...; return s`); [] otherwise, or when one of their uses cannot be followed."""
        if self.project is None or not isinstance(target, cst.Name) or not _module_function(scope):
            return []
        if not _returns_name(scope, target.value):
            return []
        sent = self._importers_sending(scope.name, "session")
        return [other.target(fact) for _path, other, fact in sent] if sent else []

    def importer_carriers(self, site: HeaderSite) -> list[tuple[str, Facts, CallFact]]:
        """The requests of other modules of the project that send a header site's header, each
        with that module's path (as messages show it) and facts: for headers the module hands out
        (a headers dict, a function that returns them, a session factory), whether or not its
        own requests send them too; [] otherwise, or when one of their uses reaches no request."""
        if self.project is None:
            return []
        return self._sent_by_importers(site) or []

    def _sent_by_importers(self, site: HeaderSite) -> list[tuple[str, Facts, CallFact]] | None:
        if site.scope.kind == "module":
            name, how = self._constant_holding(site), "constant"
        else:
            name, how = self._function_returning(site), "called"
            if name is None:
                name, how = self._session_factory(site), "session"
            if name is None:
                name, how = self._instance_attribute(site)
        return None if name is None else self._importers_sending(name, how)

    def _instance_attribute(self, site: HeaderSite) -> tuple[str | None, str]:
        """(the module-level class, how its instances carry the header) for a header a method
        stores on `self`: on a session attribute (`self.session.headers[...] = ...`: "instance
        session:session", requests made on `obj.session`) or as a headers dict (`self.headers =
        {...}`: "instance headers:headers", requests given `headers=obj.headers`)."""
        scope = site.scope
        owner = scope.enclosing_class
        if owner is None or owner.parent is None or owner.parent.kind != "module" or not scope.params:
            return None, ""
        if not says_qonto(owner.name):  # a class made for Qonto (see `_instance_of`)
            return None, ""
        holder = self._headers_holder(site)
        if not isinstance(holder, cst.Attribute):
            return None, ""
        inner = holder.value
        if (
            holder.attr.value in _SESSION_ATTRIBUTES
            and isinstance(inner, cst.Attribute)
            and isinstance(inner.value, cst.Name)
            and inner.value.value == scope.params[0]
        ):
            return owner.name, "instance session:" + inner.attr.value
        if site.form == "dict" and isinstance(inner, cst.Name) and inner.value == scope.params[0]:
            return owner.name, "instance headers:" + holder.attr.value
        return None, ""

    def _function_returning(self, site: HeaderSite) -> str | None:
        """The module-level function that returns a header site's dict display: `return {...}`,
        or `headers = {...}; ...; return headers`."""
        scope = site.scope
        if not _module_function(scope) or site.form != "dict":
            return None
        statement = self.parent(site.container)
        if isinstance(statement, cst.Return):
            return scope.name
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            target = statement.targets[0].target
            if isinstance(target, cst.Name) and _returns_name(scope, target.value):
                return scope.name
        return None

    def _session_factory(self, site: HeaderSite) -> str | None:
        """The module-level function that sets a header site's header on a session it returns:
        `s = requests.Session(); s.headers["Authorization"] = ...; return s`."""
        scope = site.scope
        if not _module_function(scope):
            return None
        holder = self._headers_holder(site)
        if not (isinstance(holder, cst.Attribute) and holder.attr.value in _SESSION_ATTRIBUTES):
            return None
        session = holder.value
        return scope.name if isinstance(session, cst.Name) and _returns_name(scope, session.value) else None

    def _in_import(self, node: cst.CSTNode) -> bool:
        """Whether a name is part of an import statement: `from qonto_session import qonto_session`
        names the module too."""
        current: cst.CSTNode | None = node
        while isinstance(current, (cst.Name, cst.Attribute, cst.AsName)):  # `import X as NAME`
            current = self.parent(current)
        return isinstance(current, (cst.ImportAlias, cst.ImportFrom, cst.Import))

    def _headers_holder(self, site: HeaderSite) -> cst.CSTNode | None:
        """The object a header site writes into (`headers_holder`), also through a dict display
        given to its `update`: `s.headers.update({...})`."""
        holder = headers_holder(site, self.parent)
        if holder is not None or site.form != "dict":
            return holder
        arg = self.parent(site.container)
        call = self.parent(arg) if isinstance(arg, cst.Arg) and arg.keyword is None else None
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "update":
            return call.func.value
        return None

    def _importers_sending(self, name: str, how: str) -> list[tuple[str, Facts, CallFact]] | None:
        """The requests by which the project's modules that import this module's `name` send it
        as headers (`how`: "constant", a headers dict; "called", what a call of it returns;
        "session", the session a call of it returns); None when one of its uses there reaches no
        request (the importers then do not decide)."""
        assert self.project is not None
        key = (name, how)
        if key in self._importer_targets:
            return self._importer_targets[key]
        self._importer_targets[key] = None  # a module that imports itself
        found: dict[cst.CSTNode, tuple[str, Facts, CallFact]] = {}
        for loaded, imports in self.project.importers_of(name):
            facts = Facts(loaded.facts, project=self.project)
            path = self.project.relative(loaded.path)
            for alias in {binding.name for binding in imports}:
                carriers = facts._carriers_of_import(alias, imports, loaded.facts.root, how, name)
                if carriers is None:
                    return None
                for fact in carriers:
                    found.setdefault(fact.node, (path, facts, fact))
        self._importer_targets[key] = list(found.values())
        return self._importer_targets[key]

    def _carriers_of_import(self, alias: str, imports: dict, root: Scope, how: str, name: str) -> list[CallFact] | None:
        """The requests that send what the imported `alias` holds, returns or makes (`how`, as in
        `_importers_sending`): `alias` names the exporting module's `name`, or the module itself
        (`hdrs.NAME`); None when one of its uses reaches none."""
        if how.startswith("instance "):
            return self._instance_carriers(alias, imports, root, how, name)
        found: list[CallFact] = []
        for named, is_module, scope in self._uses_of_import(alias, imports, root, name):
            sent: cst.BaseExpression = named
            if how != "constant":  # `bearer_headers(key)`, `qonto_session()`: what the call returns
                call = self.parent(sent)
                if not isinstance(call, cst.Call) or call.func is not sent:
                    return None
                sent = call
            if how == "session":  # on what `qonto_session()` or `module.qonto_session()` returns
                carriers = self._calls_on_results_of(name if is_module else alias)
            else:
                carriers = self.carriers(sent, scope)
            if not carriers:
                return None
            found.extend(carriers)
        return found

    def _uses_of_import(self, alias: str, imports: dict, root: Scope, name: str):
        """Each use of the exporting module's `name` through the imported `alias`: (the expression
        naming it, `alias` or `alias.NAME` when `alias` is the module itself; whether it is; the
        scope of the use)."""
        for use in self.uses_of(cst.Name(alias)):
            parent = self.parent(use)
            if self._in_import(use) or (isinstance(parent, cst.Attribute) and parent.value is not use):
                continue  # the import itself (also a module of the same name), `x.NAME`: not this name
            scope = self._scope_around(use, root)
            bound = [binding for binding in scope.lookup(alias) if binding in imports]
            if not bound:
                continue  # a local name spelled the same
            if not imports[bound[0]]:
                yield use, False, scope
            elif isinstance(parent, cst.Attribute) and parent.value is use and parent.attr.value == name:
                yield parent, True, scope  # the module itself: only its `NAME` attribute is a use

    def _instance_carriers(self, alias: str, imports: dict, root: Scope, how: str, name: str) -> list[CallFact]:
        """The requests that send the header an instance of the imported class `alias` carries
        (`how`, as `_instance_attribute` says): on `client.session` or with
        `headers=client.headers`, for each `client: Class` parameter or `client = Class(...)`.
        Uses of the class that reach no request are no reason to doubt the others."""
        mode, _, attribute = how.partition(" ")[2].partition(":")
        holders: set[int] = set()  # the bindings that hold an instance
        for named, _, scope in self._uses_of_import(alias, imports, root, name):
            holder = self._instance_holder(named, scope)
            if holder is not None:
                holders.add(id(holder))
        if not holders:
            return []
        found = []
        for fact in self.c.calls:
            node = fact.node
            if mode == "session":
                func = node.func
                objects = [func.value] if isinstance(func, cst.Attribute) else []
            else:
                objects = [arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "headers"]
            for value in objects:
                if (
                    isinstance(value, cst.Attribute)
                    and value.attr.value == attribute
                    and isinstance(value.value, cst.Name)
                    and _single_binding_in(fact.scope.lookup(value.value.value), holders)
                ):
                    found.append(fact)
        return found

    def _instance_holder(self, named: cst.CSTNode, scope: Scope) -> Binding | None:
        """The binding that holds an instance of the class `named` names: the parameter it
        annotates (`client: Class`), or the name assigned a call of it (`client = Class(...)`)."""
        parent = self.parent(named)
        if isinstance(parent, cst.Annotation):
            param = self.parent(parent)
            function = self.parent(self.parent(param)) if isinstance(param, cst.Param) else None
            inner = self.c.scope_of_node.get(function) if function is not None else None
            if inner is None or not isinstance(param, cst.Param):
                return None
            return next((b for b in inner.bindings.get(param.name.value, ()) if b.node is param), None)
        if isinstance(parent, cst.Call) and parent.func is named:
            statement = self.parent(parent)
            if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
                target = statement.targets[0].target
                if isinstance(target, cst.Name):
                    bindings = scope.lookup(target.value)
                    return bindings[0] if len(bindings) == 1 else None
        return None

    def _constant_holding(self, site: HeaderSite) -> str | None:
        """The module constant a dict display of headers is assigned to: `NAME = {...}`."""
        if site.form != "dict":
            return None
        statement = self.parent(site.container)
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            target = statement.targets[0].target
        elif isinstance(statement, cst.AnnAssign) and statement.value is site.container:
            target = statement.target
        else:
            return None
        return target.value if isinstance(target, cst.Name) else None

    def site_carriers(self, site: HeaderSite) -> list[CallFact]:
        """The requests that send a header site's header."""
        container = site.container
        auth_object = self._auth_object_carriers(site.scope)
        if auth_object:
            return auth_object
        if isinstance(container, cst.Subscript) and site.form == "subscript":
            return self._object_carriers(container.value, site.scope, "headers", 0)
        method = container.func if isinstance(container, cst.Call) else None
        if isinstance(method, cst.Attribute) and site.form in ("method", "keyword"):  # s.headers.update(...)
            return self._object_carriers(method.value, site.scope, "headers", 0)
        return self.carriers(container, site.scope)

    # -- where a request goes -------------------------------------------------------------

    def target(self, fact: CallFact) -> RequestTarget:
        if fact.node not in self._targets:
            self._targets[fact.node] = self._resolve_target(fact, 0)
        return self._targets[fact.node]

    def url_expression(self, call: cst.Call) -> cst.BaseExpression | None:
        name = last_name(call.func)
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in http_clients.URL_KEYWORDS:
                return arg.value
        positional = [a.value for a in call.args if a.keyword is None and not a.star]
        if name in http_clients.CLIENT_CONSTRUCTORS and name not in http_clients.POSITIONAL_URL_CONSTRUCTORS:
            return None
        # (method, url, ...): `request("GET", url)`, `request(method, url)`, requests' and httpx's
        # `Request("GET", url)`; otherwise the URL comes first (`urlopen(url)`, urllib's `Request(url)`)
        method_first = (
            (name in http_clients.URL_AFTER_METHOD or name in http_clients.REQUEST_CLASSES)
            and len(positional) >= 2
            and _is_method(positional[0])
        )
        index = 1 if method_first else 0
        return positional[index] if len(positional) > index else None

    def _resolve_target(self, fact: CallFact, depth: int) -> RequestTarget:
        call = fact.node
        expr = self.url_expression(call)
        scheme, host, path = None, None, ""
        if expr is not None:
            scheme, host, path = self.url_of(expr, fact.scope)
        base = None
        if host is None and isinstance(call.func, cst.Attribute) and depth < 3:
            # A relative URL on a client: the client's base_url / connection host.
            base = self._client_call(call.func.value, fact.scope)
            if base is not None:
                inner = self._resolve_target(CallFact(base, fact.scope, last_name(base.func)), depth + 1)
                scheme, host = inner.scheme, inner.host
                path = inner.path.rstrip("/") + path
        if host is None and base is None and isinstance(call.func, cst.Attribute) and not path.startswith("//"):
            wrapper = self._wrapper_base(call.func.value, fact.scope)
            if wrapper is not None:  # `QontoClient().request("GET", "/statements")`
                scheme, host, base_path = wrapper
                path = base_path.rstrip("/") + path
        if host is None and base is None and path.startswith("/") and not path.startswith(API_PATH_PREFIXES):
            # A relative path that is not one of Qonto's API paths, on no known client: the
            # service's own endpoint (a test client, a Django view), not Qonto.
            host = OWN_SERVICE
        if host is None:
            host = _foreign_marker(path)  # client.post("/chat/completions") on an unknown base URL
        return RequestTarget(call, host, path, scheme)

    def _wrapper_base(self, receiver: cst.CSTNode, scope: Scope) -> tuple[str | None, str | None, str] | None:
        """Where a method of the project's own API client class sends a relative path: the URL
        its instances hold (`self.base_url = settings.QONTO_API_URL` set once), when it resolves."""
        owner = self.evaluator.instance_class(receiver, scope) if isinstance(receiver, cst.Name) else None
        if owner is None and isinstance(receiver, cst.Call):
            owner = self.evaluator.class_of(receiver.func, scope)
        if owner is None:
            return None
        for name in _BASE_URL_ATTRIBUTES:
            assigned = owner.self_attrs.get(name, [])
            if len(assigned) == 1 and assigned[0][0] is not None:
                scheme, host, path = self.url_of(assigned[0][0], assigned[0][1])
                if host is not None:
                    return scheme, host, path
        return None

    def _client_call(self, receiver: cst.CSTNode, scope: Scope) -> cst.Call | None:
        if isinstance(receiver, cst.Call) and last_name(receiver.func) in http_clients.CLIENT_CONSTRUCTORS:
            return receiver
        if isinstance(receiver, cst.Name):
            bindings = scope.lookup(receiver.value)
            if len(bindings) == 1 and isinstance(bindings[0].value, cst.Call):
                call = bindings[0].value
                if last_name(call.func) in http_clients.CLIENT_CONSTRUCTORS:
                    return call
        if isinstance(receiver, cst.Attribute):
            owner = self.evaluator._self_class(receiver.value, scope)
            if owner is not None:
                assigned = owner.self_attrs.get(receiver.attr.value, [])
                if (
                    len(assigned) == 1
                    and isinstance(assigned[0][0], cst.Call)
                    and last_name(assigned[0][0].func) in http_clients.CLIENT_CONSTRUCTORS
                ):
                    return assigned[0][0]
        return None

    def url_of(self, expr: cst.BaseExpression, scope: Scope) -> tuple[str | None, str | None, str]:
        """(scheme, host, path) of a URL expression, host None when unknown."""
        value = self.value(expr, scope)
        text = value.prefix()
        refs = find_urls(text) if text else []
        if refs and refs[0].start == 0:
            return refs[0].scheme, refs[0].host, refs[0].path
        if text.startswith("/"):
            return None, None, text
        if not text and value.parts and isinstance(value.parts[0], Hole):
            first = value.parts[0]
            rest = Value(value.parts[1:]).prefix()
            default = self._default_of(first, scope) or self._candidate_url(first, scope)
            if default is not None:  # os.getenv("STRIPE_API_BASE", "https://api.stripe.com") + "/v1/x"
                scheme, host, path = default
                return scheme, host, path.rstrip("/") + rest
            names = first.all_names()
            if any(mentions_qonto(n) for n in names):  # settings.QONTO_API_URL + "/v2/oauth2/token"
                return None, "qonto", rest if rest.startswith("/") else ""
            vendor = next((v for v in map(vendor_of, names) if v), None)
            if vendor is not None:  # settings.STRIPE_API_URL: another service's URL, not Qonto's
                return None, f"<{vendor}>", ""
            foreign = _foreign_marker(rest)
            if foreign is not None:  # f"{base_url}/chat/completions": another API's path
                return None, foreign, rest
        return None, None, text

    def configured_url(self, fact: CallFact) -> bool:
        """Whether the URL of a request starts with an environment variable or setting whose
        default names the host (`os.getenv("QONTO_HOST", "https://thirdparty.qonto.com") + path`):
        the deployment chooses the host, the default is only where it starts."""
        expr = self.url_expression(fact.node)
        if expr is None:
            return False
        value = self.value(expr, fact.scope)
        first = value.parts[0] if value.parts else None
        return isinstance(first, Hole) and self._default_of(first, fact.scope) is not None

    def environment_default(self, node: cst.CSTNode) -> bool:
        """`os.getenv("QONTO_HOST", "https://thirdparty.qonto.com")`: the string is the default of
        an environment variable."""
        from .collect import dotted_name
        from .evaluate import ENV_GETTERS

        argument = self.parent(node)
        call = self.parent(argument) if isinstance(argument, cst.Arg) else None
        return (
            isinstance(call, cst.Call)
            and dotted_name(call.func) in ENV_GETTERS
            and any(argument is arg for arg in call.args[1:])
        )

    def _candidate_url(self, hole: Hole, scope: Scope) -> tuple[str | None, str, str] | None:
        """`config["base_url"]`, `config = PROVIDERS[name]`: the URL every candidate agrees on being
        Qonto's or not (the first of them), or None when a candidate is unknown or they disagree."""
        if not isinstance(hole.node, cst.BaseExpression):
            return None
        found = candidates(hole.node, self._scope_around(hole.node, scope), self._changed)
        if found is None or (len(found) == 1 and found[0][0] is hole.node):
            return None
        urls = []
        for expression, where in found:
            text = self.value(expression, where).prefix()
            refs = find_urls(text) if text else []
            if not refs or refs[0].start != 0:
                return None
            urls.append((refs[0].scheme, refs[0].host, refs[0].path))
        qonto = [url for url in urls if self.is_qonto_host(url[1])]
        if qonto and len(qonto) < len(urls):
            return None  # some candidates are Qonto's, some not: undecided
        if qonto and len({url[1] for url in urls}) > 1:
            # `PRODUCTION_URL if ... else SANDBOX_URL`: Qonto, but which of its hosts is not known
            schemes, paths = {url[0] for url in urls}, {url[2] for url in urls}
            return (schemes.pop() if len(schemes) == 1 else None), "qonto", (paths.pop() if len(paths) == 1 else "")
        return urls[0]

    def _changed(self, name: cst.Name) -> bool:
        """Whether the module changes what `name` names in place: `NAME[k] = v`, `NAME[a][b] = v`,
        `del NAME[k]`, `NAME.update(...)`, `NAME.setdefault(...)` (any name spelled so, to be safe)."""
        for use in self.uses_of(name):
            current: cst.CSTNode = use
            parent = self.parent(current)
            while isinstance(parent, (cst.Subscript, cst.Attribute)) and parent.value is current:
                if isinstance(parent, cst.Attribute) and parent.attr.value in _MUTATORS:
                    return True
                current, parent = parent, self.parent(parent)
            if isinstance(parent, cst.AugAssign) and parent.target is current:
                return True  # NAME |= {...}, NAME["k"] += ...
            if current is not use and isinstance(parent, (cst.AssignTarget, cst.AnnAssign, cst.Del)):
                return True
        return False

    def _scope_around(self, node: cst.CSTNode, default: Scope) -> Scope:
        """The scope an expression is written in (a hole may come from another scope's binding)."""
        current = self.parent(node)
        while current is not None:
            scope = self.c.scope_of_node.get(current)
            if scope is not None:
                return scope
            current = self.parent(current)
        return self.c.root if node in self.c.parents else default

    def _default_of(self, hole: Hole, scope: Scope):
        """`os.environ.get("QONTO_URL", "https://...")`: the URL its default names."""
        call = hole.node
        if not isinstance(call, cst.Call) or hole.origin.value not in ("environment", "configuration"):
            return None
        literals = [
            string_value(a.value)
            for a in call.args[1:]
            if a.keyword is None or a.keyword.value in ("default", "fallback")
        ]
        for text in literals:
            if text:
                refs = find_urls(text)
                if refs and refs[0].start == 0:
                    return refs[0].scheme, refs[0].host, refs[0].path
        return None

    # -- Qonto context ---------------------------------------------------------------------

    def foreign_report_node(self, site: HeaderSite, fact: CallFact) -> cst.CSTNode:
        """Where QNT202 reports a header sent to another host: the `headers=` value of the request
        when it reuses a headers object built elsewhere, else the header value."""
        from .collect import within

        for arg in fact.node.args:
            if arg.keyword is not None and arg.keyword.value == "headers":
                if within(site.value_node, arg.value, self.parents):
                    return site.value_node
                if isinstance(arg.value, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
                    return arg.value
        return site.value_node

    def targets_of(self, facts_: list[CallFact]) -> list[RequestTarget]:
        return [self.target(fact) for fact in facts_]

    def is_qonto_host(self, host: str) -> bool:
        return host == "qonto" or self.hosts.is_qonto(host)

    def owner_names(self, receivers: Sequence[cst.CSTNode], targets: Sequence[RequestTarget]) -> list[str]:
        """The clients a place uses, spelled: the receivers, and each request's object."""
        owners = [*receivers, *(t.call.func.value for t in targets if isinstance(t.call.func, cst.Attribute))]
        return [_spelled(owner) for owner in owners]

    def site_context(self, site: HeaderSite, targets: Sequence[RequestTarget], value: Value) -> Context | None:
        """`qonto_context` for a header site: the object it sets the header on counts as its client."""
        container = site.container
        receiver = None
        if isinstance(container, cst.Subscript) and site.form == "subscript":
            receiver = container.value  # qonto_session.headers["Authorization"] = ...
        elif isinstance(container, cst.Call) and isinstance(container.func, cst.Attribute):
            receiver = container.func.value  # qonto_session.headers.update(...)
        return self.qonto_context(site.scope, targets, value, () if receiver is None else (receiver,))

    def takes_bearer(self, site: QontoSite) -> bool:
        """The header goes to an API that takes `Bearer <token>` whatever the token is called
        (the Onboarding API)."""
        return any(t.host in BEARER_HOSTS for t in site.targets)

    def scope_is_qonto(self, scope: Scope) -> bool:
        for candidate in scope.chain():
            if candidate.evidence.any:
                return candidate.evidence.qonto
        return False

    def goes_to_token_endpoint(self, targets: list[RequestTarget]) -> bool:
        return any(t.host is not None and self.is_qonto_host(t.host) and is_token_endpoint(t.path) for t in targets)


def _spelled(node: cst.CSTNode) -> str:
    """An object as the source names it (`self.qonto_session`, `qonto_client()`), or ""."""
    if isinstance(node, cst.Call):
        node = node.func
    return dotted_name(node) or last_name(node) or ""


def _foreign_marker(path: str) -> str | None:
    """`<openai>` for a path that is another API's (`/chat/completions`), else None."""
    vendor = foreign_api_of(path)
    return None if vendor is None else f"<{vendor}>"


def _is_method(node: cst.CSTNode) -> bool:
    """An HTTP method: a literal (`"GET"`) or a name that says so (`method`, `http_method`, `verb`)."""
    text = string_value(node)
    if text is not None:
        return text.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
    name = (last_name(node) or "").lower() if isinstance(node, (cst.Name, cst.Attribute)) else ""
    return name in ("method", "verb", "http_method", "request_method", "method_name") or name.endswith("_method")


def build_facts(module: cst.Module, *, path_has_qonto: bool, hosts: HostTable, assume_qonto: bool = False) -> Facts:
    return Facts(collect(module, path_has_qonto, hosts), assume_qonto=assume_qonto)


def _single_binding_in(bindings: list[Binding], holders: set[int]) -> bool:
    """The name has one binding here, and it holds an instance (a parameter rebound to another
    object, `client = StorageClient()`, holds something else)."""
    return len(bindings) == 1 and id(bindings[0]) in holders


def _module_function(scope: Scope) -> bool:
    return scope.kind == "function" and scope.parent is not None and scope.parent.kind == "module"


def _returns_name(scope: Scope, name: str) -> bool:
    """Whether the function `scope` returns the variable `name` (`...; return headers`)."""
    return scope.kind == "function" and any(isinstance(r, cst.Name) and r.value == name for r in scope.returns)
