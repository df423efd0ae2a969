"""The facts pass: one walk over a module that records everything the rules ask about.

Scopes and bindings, imports, parents, Qonto evidence per scope,
header sites, request calls, Basic-auth helpers, string literals and
credential-named bindings. Nothing here evaluates values or decides context;
`facts/__init__.py` answers those questions lazily from what is recorded here.
"""

from __future__ import annotations

import functools
import warnings

import libcst as cst

from ..knowledge.http_clients import (
    AUTH_KEYWORDS,
    BASIC_AUTH_NAMES,
    HEADER_CONSTANT_MODULES,
    HEADER_CONSTANT_NAMES,
    HEADER_CONSTANTS,
    HEADER_KEYWORD_METHODS,
    HEADER_METHODS,
    HTTP_CALL_NAMES,
    REQUEST_KEYWORDS,
)
from ..knowledge.qonto import mentions_qonto
from ..record import MutableRecord, Record
from .header_names import header_kind
from .hosts import HostTable, find_urls
from .scopes import Binding, BindingKind, Scope
from .values import vendor_of


class HeaderSite(Record):
    """One place where a header is given a value."""

    __slots__ = ("key", "key_node", "value_node", "scope", "form", "container", "header")

    def __init__(
        self,
        key: str,
        key_node: cst.CSTNode,
        value_node: cst.BaseExpression,
        scope: Scope,
        form: str,
        container: cst.CSTNode,
        header: str = "",
    ) -> None:
        self.key = key  # the key as written (evaluated)
        self.key_node = key_node  # the expression (or Name of a keyword) naming the header
        self.value_node = value_node
        self.scope = scope
        self.form = form  # dict, keyword, subscript, method, pair
        self.container = container  # the Dict / Call / Subscript target / Tuple holding it
        self.header = header  # "authorization" or "x-qonto-staging-token" (normalised)


class CallFact(Record):
    __slots__ = ("node", "scope", "name")

    def __init__(self, node: cst.Call, scope: Scope, name: str) -> None:
        self.node = node
        self.scope = scope
        self.name = name  # last identifier of the callee


class StringFact(Record):
    __slots__ = ("node", "scope", "text")

    def __init__(self, node: cst.CSTNode, scope: Scope, text: str) -> None:
        self.node = node  # SimpleString or FormattedString
        self.scope = scope
        self.text = text  # literal text (f-string: the text parts joined with spaces)


class CredentialBinding(Record):
    """`NAME = "literal"`, `obj.NAME = "literal"`, `f(NAME="literal")`, `{"NAME": "literal"}`."""

    __slots__ = ("name", "value_node", "scope")

    def __init__(self, name: str, value_node: cst.BaseExpression, scope: Scope) -> None:
        self.name = name
        self.value_node = value_node
        self.scope = scope


class AuthAssign(Record):
    """`something.auth = (a, b)`"""

    __slots__ = ("target", "value_node", "scope")

    def __init__(self, target: cst.Attribute, value_node: cst.BaseExpression, scope: Scope) -> None:
        self.target = target
        self.value_node = value_node
        self.scope = scope


class ModuleFacts(MutableRecord):
    __slots__ = (
        "module",
        "path_has_qonto",
        "hosts",
        "root",
        "parents",
        "scope_of_node",
        "header_sites",
        "calls",
        "basic_helpers",
        "strings",
        "credential_bindings",
        "auth_assigns",
        "docstrings",
    )

    def __init__(self, module: cst.Module, path_has_qonto: bool, hosts: HostTable, root: Scope) -> None:
        self.module = module
        self.path_has_qonto = path_has_qonto
        self.hosts = hosts
        self.root = root
        self.parents: dict = {}
        self.scope_of_node: dict = {}  # FunctionDef/ClassDef/Lambda -> Scope
        self.header_sites: list[HeaderSite] = []
        self.calls: list[CallFact] = []
        self.basic_helpers: list[CallFact] = []
        self.strings: list[StringFact] = []
        self.credential_bindings: list[CredentialBinding] = []
        self.auth_assigns: list[AuthAssign] = []
        self.docstrings: set = set()


def string_value(node: cst.CSTNode) -> str | None:
    """The text of a plain or implicitly concatenated string literal (bytes decoded)."""
    if type(node) is cst.SimpleString:
        text = _plain_literal(node.value)
        if text is not None:
            return text
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        try:
            with warnings.catch_warnings():
                # an invalid escape (`"\\Z"`) is a warning of the interpreter's, not the user's output
                warnings.simplefilter("ignore")
                value = node.evaluated_value
        except Exception:  # a malformed escape: not a string we can reason about
            return None
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value
    return None


def _plain_literal(raw: str) -> str | None:
    """See `_read_plain_literal`; short literals (a module's keys, URLs, header names come back
    again and again) are read once."""
    return _read_plain_literal(raw) if len(raw) > 200 else _remembered_plain_literal(raw)


def _read_plain_literal(raw: str) -> str | None:
    """The value of a string literal with nothing to interpret (no backslash, no carriage return,
    no null byte, ASCII if bytes): the text between its quotes. None when it needs
    `evaluated_value` (`ast.literal_eval`, which compiles the literal: about 20 literals a
    small module, each costing more than the rest of the facts pass does per node)."""
    if "\\" in raw or "\r" in raw or "\x00" in raw:
        return None
    start = 0
    while start < len(raw) and raw[start] not in "'\"":
        start += 1
    if start > 2 or start >= len(raw):
        return None
    quote = raw[start : start + 3]
    if quote not in ('"""', "'''"):
        quote = raw[start : start + 1]
    end = len(raw) - len(quote)
    if end < start + len(quote) or not raw.endswith(quote):
        return None
    body = raw[start + len(quote) : end]
    if "b" in raw[:start].lower() and not body.isascii():
        return None
    return body


_remembered_plain_literal = functools.lru_cache(maxsize=4096)(_read_plain_literal)


def last_name(node: cst.CSTNode | None) -> str:
    """The last identifier of an expression: `self.secret_key` -> `secret_key`."""
    shape = _SHAPES.get(type(node))
    if shape is None:
        shape = _shape(type(node))
    if shape == _NAME:
        return node.value  # type: ignore[union-attr]
    if shape == _ATTRIBUTE:
        return node.attr.value  # type: ignore[union-attr]
    if shape == _CALL:
        return last_name(node.func)  # type: ignore[union-attr]
    if shape == _SUBSCRIPT:
        assert isinstance(node, cst.Subscript)
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = string_value(node.slice[0].slice.value)
            if key:
                return key
        return last_name(node.value)
    if shape == _AWAIT:
        return last_name(node.expression)  # type: ignore[union-attr]
    return ""


def dotted_name(node: cst.CSTNode) -> str | None:
    """`a.b.c` -> "a.b.c"; anything else -> None."""
    parts = []
    while True:
        shape = _SHAPES.get(type(node))
        if shape is None:
            shape = _shape(type(node))
        if shape != _ATTRIBUTE:
            break
        parts.append(node.attr.value)  # type: ignore[attr-defined]
        node = node.value  # type: ignore[attr-defined]
    if shape == _NAME:
        parts.append(node.value)  # type: ignore[attr-defined]
        return ".".join(reversed(parts))
    return None


#: the expressions `last_name` and `dotted_name` look into, told apart by class once a class (an
#: `isinstance` against libcst's node classes goes through their abstract base's check, slower than
#: the rest of either function)
_OTHER_SHAPE, _NAME, _ATTRIBUTE, _CALL, _SUBSCRIPT, _AWAIT = 0, 1, 2, 3, 4, 5
_SHAPED = (
    (cst.Name, _NAME),
    (cst.Attribute, _ATTRIBUTE),
    (cst.Call, _CALL),
    (cst.Subscript, _SUBSCRIPT),
    (cst.Await, _AWAIT),
)
_SHAPES: dict[type, int] = {}


def _shape(cls: type) -> int:
    shape = next((shape for base, shape in _SHAPED if issubclass(cls, base)), _OTHER_SHAPE)
    _SHAPES[cls] = shape
    return shape


class FactsCollector(cst.CSTVisitor):
    def __init__(self, module: cst.Module, path_has_qonto: bool, hosts: HostTable) -> None:
        root = Scope("module", module, None, "<module>")
        root.evidence.qonto = path_has_qonto
        self.facts = ModuleFacts(module, path_has_qonto, hosts, root)
        self.scope = root
        self.stack: list[cst.CSTNode] = []
        self.parents = self.facts.parents
        self.pending_keys: list[tuple[cst.BaseExpression, cst.BaseExpression, Scope, str, cst.CSTNode]] = []

    # -- plumbing ---------------------------------------------------------------

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.stack:
            self.parents[node] = self.stack[-1]
        self.stack.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self.stack.pop()

    def walk(self, module: cst.CSTNode) -> None:
        """Visit `module` and every node below it but whitespace and punctuation (their
        comments are visited), recording each node's parent."""
        parents = self.parents
        plans = _plans_of(type(self))
        kinds = _KINDS

        def comment(node, parent) -> None:
            kind = type(node)
            if kind is cst.EmptyLine or kind is cst.TrailingWhitespace:
                if node.comment is not None:
                    visit(node.comment, parent)
            elif kind is cst.ParenthesizedWhitespace:
                comment(node.first_line, parent)
                for line in node.empty_lines:
                    comment(line, parent)

        def visit(node, parent) -> None:
            cls = type(node)
            if parent is not None:
                parents[node] = parent
            plan = plans.get(cls)
            if plan is None:
                plan = plans[cls] = _plan(type(self), cls)
            fields, enter, leave = plan
            if enter is None or enter(self, node) is not False:
                for name in fields:
                    value = getattr(node, name)
                    kind = kinds.get(type(value))
                    if kind is None:
                        kind = _kind(type(value))
                    if kind == _NODE:
                        visit(value, node)
                    elif kind == _SEQUENCE:
                        for item in value:
                            item_kind = kinds.get(type(item))
                            if item_kind is None:
                                item_kind = _kind(type(item))
                            if item_kind == _NODE:
                                visit(item, node)
                            elif item_kind == _WHITESPACE_NODE:
                                if type(item) is cst.EmptyLine:  # most lines have no comment: no call
                                    if item.comment is not None:
                                        visit(item.comment, node)
                                else:
                                    comment(item, node)
                    elif kind == _WHITESPACE_NODE:
                        if type(value) is cst.TrailingWhitespace:
                            if value.comment is not None:
                                visit(value.comment, node)
                        else:
                            comment(value, node)
            if leave is not None:
                leave(self, node)

        visit(module, None)

    def _push(self, kind, node, name) -> Scope:
        scope = Scope(kind, node, self.scope, name)
        if vendor_of(name):  # `def stripe_headers()`, `class GraphClient`: another service's code
            scope.evidence.other_host = True
        self.facts.scope_of_node[node] = scope
        self.scope = scope
        return scope

    def _pop(self) -> None:
        child = self.scope
        assert child.parent is not None
        self.scope = child.parent
        self.scope.evidence.merge(child.evidence)

    def _qonto_word(self, text: str) -> None:
        if "qonto" in text.lower() and mentions_qonto(text):
            self.scope.evidence.qonto = True

    # -- scopes and bindings ----------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.bind(Binding(node.name.value, "function", self.scope, node=node))
        self._qonto_word(node.name.value)
        self._docstring(node.body)
        scope = self._push("function", node, node.name.value)
        self._params(scope, node.params)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        scope = self._push("function", node, "<lambda>")
        self._params(scope, node.params)
        scope.returns.append(node.body)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._pop()

    def _params(self, scope: Scope, params: cst.Parameters) -> None:
        every = [*params.posonly_params, *params.params, *params.kwonly_params]
        for extra in (params.star_arg, params.star_kwarg):
            if isinstance(extra, cst.Param):
                every.append(extra)
        for param in every:
            name = param.name.value
            scope.params.append(name)
            scope.bind(Binding(name, "param", scope, node=param))
            if isinstance(param.default, (cst.SimpleString, cst.ConcatenatedString)):
                # `def __init__(self, secret_key="...")`: a credential-named parameter's default
                self.facts.credential_bindings.append(CredentialBinding(name, param.default, scope))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scope.bind(Binding(node.name.value, "class", self.scope, node=node))
        self._qonto_word(node.name.value)
        self._docstring(node.body)
        self._push("class", node, node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._pop()

    def visit_Module(self, node: cst.Module) -> None:
        if node.body and isinstance(node.body[0], cst.SimpleStatementLine):
            self._docstring(node)

    def _docstring(self, body) -> None:
        statements = getattr(body, "body", ())
        if statements and isinstance(statements[0], cst.SimpleStatementLine):
            first = statements[0].body
            if (
                first
                and isinstance(first[0], cst.Expr)
                and isinstance(first[0].value, (cst.SimpleString, cst.ConcatenatedString))
            ):
                self.facts.docstrings.add(first[0].value)

    def visit_Return(self, node: cst.Return) -> None:
        if self.scope.kind == "function":
            self.scope.returns.append(node.value)

    def _bind_target(self, target: cst.BaseExpression, value: cst.BaseExpression | None, statement) -> None:
        if isinstance(target, cst.Name):
            kind: BindingKind = "assign" if value is not None else "other"
            self.scope.bind(Binding(target.value, kind, self.scope, value=value, node=statement))
            for literal in _bound_literals(value):
                self.facts.credential_bindings.append(CredentialBinding(target.value, literal, self.scope))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value, None, statement)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, None, statement)
        elif isinstance(target, cst.Attribute):
            if value is not None and isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
                self.facts.credential_bindings.append(CredentialBinding(target.attr.value, value, self.scope))
            if target.attr.value in AUTH_KEYWORDS and value is not None:
                self.facts.auth_assigns.append(AuthAssign(target, value, self.scope))
            owner = self.scope.enclosing_class
            if (
                owner is not None
                and isinstance(target.value, cst.Name)
                and self.scope.params
                and target.value.value == self.scope.params[0]
            ):
                owner.self_attrs.setdefault(target.attr.value, []).append((value, self.scope))
        elif isinstance(target, cst.Subscript):
            self._subscript_site(target, value)
            # `os.environ["QONTO_SECRET_KEY"] = "..."`, `config["secret_key"] = "..."`
            key = subscript_key(target)
            name = string_value(key) if key is not None else None
            if name and isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
                self.facts.credential_bindings.append(CredentialBinding(name, value, self.scope))

    def visit_Assign(self, node: cst.Assign) -> None:
        single = len(node.targets) == 1
        for target in node.targets:
            self._bind_target(target.target, node.value if single else None, node)
        # credentials bound by `A = B = "..."`, `LOGIN, SECRET = "...", "..."`, `KEY = f"..."`
        pairs: list[tuple[cst.BaseExpression, cst.BaseExpression]] = (
            [(t.target, node.value) for t in node.targets] if not single else []
        )
        value = node.value
        for target in node.targets:
            if (
                isinstance(target.target, (cst.Tuple, cst.List))
                and isinstance(value, (cst.Tuple, cst.List))
                and len(target.target.elements) == len(value.elements)
            ):
                pairs.extend((t.value, v.value) for t, v in zip(target.target.elements, value.elements))
        if single and _plain_fstring(value):
            pairs.append((node.targets[0].target, value))
        if single and isinstance(value, cst.IfExp):  # `KEY = "..." if PROD else ""`
            pairs.extend((node.targets[0].target, branch) for branch in (value.body, value.orelse))
        for name_node, literal in pairs:
            name = (
                name_node.value
                if isinstance(name_node, cst.Name)
                else name_node.attr.value
                if isinstance(name_node, cst.Attribute)
                else None
            )
            if name and (isinstance(literal, (cst.SimpleString, cst.ConcatenatedString)) or _plain_fstring(literal)):
                self.facts.credential_bindings.append(CredentialBinding(name, literal, self.scope))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind_target(node.target, node.value, node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_target(node.target, None, node)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_target(node.target, node.value, node)

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, None, node)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_target(node.target, None, node)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            # `with httpx.Client(...) as client`: client is the context manager's result,
            # which for HTTP clients is the client itself.
            self.scope.bind(Binding(node.asname.name.value, "assign", self.scope, value=node.item, node=node))
        elif node.asname is not None:
            self._bind_target(node.asname.name, None, node)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._bind_target(node.name.name, None, node)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.scope.bind(Binding(item.name.value, "other", self.scope, node=node))

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.visit_Global(node)  # type: ignore[arg-type]

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = dotted_name(alias.name) or ""
            self._qonto_word(dotted)
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.scope.bind(Binding(alias.asname.name.value, "import", self.scope, node=node, qualname=dotted))
            else:
                top = dotted.split(".")[0]
                self.scope.bind(Binding(top, "import", self.scope, node=node, qualname=top))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = dotted_name(node.module) if node.module is not None else ""
        self._qonto_word(module or "")
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted_name(alias.name) or ""
            self._qonto_word(name)
            local = (
                alias.asname.name.value
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
                else name
            )
            qual = f"{module}.{name}" if module and not node.relative else name
            self.scope.bind(Binding(local, "import", self.scope, node=node, qualname=qual))

    # -- evidence ---------------------------------------------------------------

    def visit_Name(self, node: cst.Name) -> None:
        value = node.value  # `_qonto_word`, written out: a third of the nodes are names
        if "qonto" in value.lower() and mentions_qonto(value):
            self.scope.evidence.qonto = True

    def visit_Comment(self, node: cst.Comment) -> None:
        text = node.value
        self._qonto_word(text)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = string_value(node)
        if text is None:
            return
        self._string(node, text)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        # Keep the pieces apart so that `f"https://{host}/x"` does not read as a host "x", but
        # read `f"https://{tenant}.zendesk.com/api"` as a host under zendesk.com.
        pieces: list[str] = []
        previous_text = ""
        after_expression = False
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                text = part.value
                if after_expression:
                    label = previous_text.endswith("://") and text.startswith(".")
                    pieces.append("x" if label else " ")
                pieces.append(text)
                previous_text = text
                after_expression = False
            else:
                after_expression = True
        self._string(node, "".join(pieces))

    def _string(self, node: cst.CSTNode, text: str) -> None:
        self._qonto_word(text)
        if "." in text:
            for ref in find_urls(text):
                if self.facts.hosts.is_qonto(ref.host):
                    self.scope.evidence.qonto = True
                else:
                    self.scope.evidence.other_host = True
        self.facts.strings.append(StringFact(node, self.scope, text))

    # -- header sites -------------------------------------------------------------

    def _site(self, key_expr, key_text, value, form, container, key_node=None) -> None:
        kind = header_kind(key_text)
        if kind is not None:
            self.facts.header_sites.append(
                HeaderSite(key_text, key_node or key_expr, value, self.scope, form, container, kind)
            )

    def _key(self, key_expr, value, form, container) -> None:
        text = string_value(key_expr)
        if text is not None:
            self._site(key_expr, text, value, form, container)
        elif isinstance(key_expr, (cst.Name, cst.Attribute)):
            self.pending_keys.append((key_expr, value, self.scope, form, container))

    def visit_Dict(self, node: cst.Dict) -> None:
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                self._key(element.key, element.value, "dict", node)
                key = string_value(element.key)
                if key is not None and isinstance(element.value, (cst.SimpleString, cst.ConcatenatedString)):
                    self.facts.credential_bindings.append(CredentialBinding(key, element.value, self.scope))

    def _subscript_site(self, target: cst.Subscript, value) -> None:
        key = subscript_key(target)
        if value is not None and key is not None:
            self._key(key, value, "subscript", target)

    def _pair(self, node) -> None:
        elements = node.elements
        if len(elements) == 2 and not isinstance(elements[0], cst.StarredElement):
            key = elements[0].value
            # a literal key, or a name or `hdrs.AUTHORIZATION` (resolved after the walk)
            if isinstance(key, (cst.SimpleString, cst.ConcatenatedString, cst.Name, cst.Attribute)):
                self._key(key, elements[1].value, "pair", node)

    def visit_Tuple(self, node: cst.Tuple) -> None:
        self._pair(node)

    def visit_List(self, node: cst.List) -> None:
        self._pair(node)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = last_name(func)
        fact = CallFact(node, self.scope, name)
        keywords = [(arg.keyword, arg.value) for arg in node.args if arg.keyword is not None]
        if name in HTTP_CALL_NAMES or any(keyword.value in REQUEST_KEYWORDS for keyword, _value in keywords):
            self.facts.calls.append(fact)
        if name in BASIC_AUTH_NAMES or isinstance(func, cst.Name):
            # Bare names may be aliases (`from requests.auth import HTTPBasicAuth as Basic`);
            # the rule resolves them against the imports.
            self.facts.basic_helpers.append(fact)
        if (name == "dict" and isinstance(func, cst.Name)) or (name == "update" and isinstance(func, cst.Attribute)):
            for keyword, value in keywords:
                self._site(keyword, keyword.value, value, "keyword", node)
        elif name in HEADER_METHODS and isinstance(func, cst.Attribute) and len(node.args) >= 2:
            first, second = node.args[0], node.args[1]
            if first.keyword is None and second.keyword is None and not first.star:
                self._key(first.value, second.value, "method", node)
            elif name in HEADER_KEYWORD_METHODS:  # Request.add_header(key=..., val=...)
                named = {keyword.value: value for keyword, value in keywords}
                key = first.value if first.keyword is None and not first.star else named.get("key")
                header_value = named.get("val")
                if key is not None and header_value is not None:
                    self._key(key, header_value, "method", node)
        for keyword, value in keywords:
            if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
                self.facts.credential_bindings.append(CredentialBinding(keyword.value, value, self.scope))
        if (
            name in ("getenv", "get", "setdefault", "env", "config", "str")
            and node.args
            and node.args[0].keyword is None
        ):
            # a fallback: `os.getenv("QONTO_SECRET_KEY", "9f8e...")`, `config.get("secret_key", "...")`,
            # django-environ's `env("QONTO_SECRET_KEY", default="...")`, decouple's `config(...)`
            setting = string_value(node.args[0].value)
            fallbacks = [a.value for a in node.args[1:2] if a.keyword is None] + [
                value for keyword, value in keywords if keyword.value == "default"
            ]
            for fallback in fallbacks:
                if setting and isinstance(fallback, (cst.SimpleString, cst.ConcatenatedString)):
                    self.facts.credential_bindings.append(CredentialBinding(setting, fallback, self.scope))

    # -- after the walk -------------------------------------------------------------

    def finish(self) -> ModuleFacts:
        for key_expr, value, scope, form, container in self.pending_keys:
            text = self._resolve_key(key_expr, scope)
            if text is not None:
                kind = header_kind(text)
                if kind is not None:
                    self.facts.header_sites.append(HeaderSite(text, key_expr, value, scope, form, container, kind))
        return self.facts

    def _resolve_key(self, key_expr, scope: Scope) -> str | None:
        if isinstance(key_expr, cst.Attribute):
            dotted = dotted_name(key_expr) or ""
            if key_expr.attr.value not in HEADER_CONSTANT_NAMES or not dotted:
                return None
            # `hdrs.AUTHORIZATION`, `aiohttp.hdrs.AUTHORIZATION`, or through an alias:
            # `from aiohttp import hdrs as h` / `import aiohttp.hdrs as H` then `h.AUTHORIZATION`
            head, _, rest = dotted.partition(".")
            bindings = scope.lookup(head)
            if len(bindings) == 1 and bindings[0].kind == "import" and bindings[0].qualname:
                dotted = f"{bindings[0].qualname}.{rest}"
            return "Authorization" if HEADER_CONSTANT_MODULES.intersection(dotted.split(".")) else None
        bindings = scope.lookup(key_expr.value)
        if len(bindings) == 1:
            binding = bindings[0]
            if binding.kind == "assign" and binding.value is not None:
                return string_value(binding.value)
            if binding.kind == "import" and binding.qualname and binding.qualname.endswith(HEADER_CONSTANTS):
                return "Authorization"
        return None


def subscript_key(target: cst.Subscript) -> cst.BaseExpression | None:
    """The key of `x[key]` (None for slices and `x[a, b]`)."""
    if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
        return target.slice[0].slice.value
    return None


#: calls that declare a config class's field with its default (`Field(default=...)`)
_FIELD_CALLS = frozenset({"Field", "field", "attrib", "ib", "Setting"})


def field_default(value):
    """The default a field declaration gives (`Field(default="https://...")`, `Field("...")`),
    else `value` itself."""
    if isinstance(value, cst.Call) and last_name(value.func) in _FIELD_CALLS:
        for arg in value.args:
            if arg.keyword is not None and arg.keyword.value == "default":
                return arg.value
        if last_name(value.func) == "Field" and value.args and value.args[0].keyword is None and not value.args[0].star:
            return value.args[0].value
    return value


#: wrappers that hold a secret's text: `SecretStr("...")` (pydantic)
_SECRET_WRAPPERS = frozenset({"SecretStr", "SecretBytes"})


def _bound_literals(value) -> list:
    """The string literals a name is bound to by `value`: the literal itself, a field's default
    (`Field(default="...")`), a secret wrapper's (`SecretStr("...")`), the fallback of an `or`
    (`os.environ.get("QONTO_SECRET_KEY") or "..."`)."""
    value = field_default(value)
    if (
        isinstance(value, cst.Call)
        and last_name(value.func) in _SECRET_WRAPPERS
        and value.args
        and value.args[0].keyword is None
        and not value.args[0].star
    ):
        value = value.args[0].value
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        return [*_bound_literals(value.left), *_bound_literals(value.right)]
    return [value] if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) else []


def _plain_fstring(node) -> bool:
    """An f-string with no replacement field: a constant."""
    return isinstance(node, cst.FormattedString) and all(isinstance(p, cst.FormattedStringText) for p in node.parts)


def collect(module: cst.Module, path_has_qonto: bool, hosts: HostTable) -> ModuleFacts:
    collector = FactsCollector(module, path_has_qonto, hosts)
    collector.walk(module)
    return collector.finish()


# -- the walk -------------------------------------------------------------------------------
#
# `Module.visit` rebuilds and re-validates every node and calls two hooks per field, even for
# a read-only visitor; and 60% of a module's nodes are whitespace and punctuation, which the
# facts pass never looks at (but for the comments they hold). This walk follows the nodes'
# dataclass fields in order, rebuilds nothing, and only looks inside whitespace for comments.
# It calls the collector's own `visit_*` / `leave_*` methods, found once per node class: the
# no-op methods that `CSTVisitor` has for every other class are never called.

_PUNCTUATION = frozenset(
    {
        cst.SimpleWhitespace,
        cst.Newline,
        cst.Comma,
        cst.Dot,
        cst.Colon,
        cst.AssignEqual,
        cst.Semicolon,
        cst.LeftParen,
        cst.RightParen,
        cst.LeftSquareBracket,
        cst.RightSquareBracket,
        cst.LeftCurlyBrace,
        cst.RightCurlyBrace,
    }
)
_WHITESPACE = frozenset({cst.EmptyLine, cst.TrailingWhitespace, cst.ParenthesizedWhitespace})

#: what a field's value is, by its class (an `isinstance` against libcst's abstract base per
#: field costs more than the collector's own work on the node): punctuation and plain whitespace
#: are passed by, the whitespace that may hold comments is looked into
_OTHER, _PASSED, _WHITESPACE_NODE, _NODE, _SEQUENCE = 0, 1, 2, 3, 4
_KINDS: dict[type, int] = {tuple: _SEQUENCE, list: _SEQUENCE}
#: collector class -> node class -> (the fields the walk follows, in order; visit hook; leave hook)
_PLANS: dict[type, dict[type, tuple]] = {}


def _kind(cls: type) -> int:
    kind = _KINDS.get(cls)
    if kind is None:
        if issubclass(cls, cst.CSTNode):
            kind = _PASSED if cls in _PUNCTUATION else _WHITESPACE_NODE if cls in _WHITESPACE else _NODE
        else:
            kind = _OTHER
        _KINDS[cls] = kind
    return kind


def _plans_of(collector_class: type) -> dict[type, tuple]:
    plans = _PLANS.get(collector_class)
    if plans is None:
        plans = _PLANS[collector_class] = {}
    return plans


def _plan(collector_class: type, node_class: type) -> tuple:
    """What the walk does with a node of `node_class`: its fields that may hold a node or a comment
    (a field declared to hold only text, a flag, a sentinel or punctuation is left out: the walk
    would pass its value by), and the collector's hooks."""
    import dataclasses

    fields = tuple(f.name for f in dataclasses.fields(node_class) if not _inert(f.type))
    enter, leave = _hooks(collector_class, node_class)
    return fields, enter, leave


def _inert(annotation) -> bool:
    """A field declared to hold only values the walk passes by: text, flags, `MaybeSentinel`, None,
    punctuation and plain whitespace (of a class libcst does not subclass), or sequences of them.
    Anything else, an annotation not understood included, is followed."""
    import typing
    from collections.abc import Sequence

    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        return all(_inert(argument) for argument in typing.get_args(annotation))
    if origin is typing.Literal:
        return all(isinstance(argument, (str, bool, int)) for argument in typing.get_args(annotation))
    if origin is Sequence:
        arguments = typing.get_args(annotation)
        return len(arguments) == 1 and _inert(arguments[0])
    if annotation in (str, bool, int, type(None), cst.MaybeSentinel):
        return True
    return isinstance(annotation, type) and annotation in _PUNCTUATION and not annotation.__subclasses__()


def _hooks(collector_class: type, node_class: type) -> tuple:
    """(visit, leave) functions of `collector_class` for `node_class`, None where only
    `CSTVisitor`'s no-op is there."""
    found = []
    for prefix in ("visit_", "leave_"):
        name = prefix + node_class.__name__
        function = getattr(collector_class, name, None)
        found.append(None if function is None or function is getattr(cst.CSTVisitor, name, None) else function)
    return found[0], found[1]


def within(node: cst.CSTNode, container: cst.CSTNode, parents: dict) -> bool:
    """`node` is `container` or lies inside it (`parents`: the facts pass's child -> parent map)."""
    current: cst.CSTNode | None = node
    while current is not None:
        if current is container:
            return True
        current = parents.get(current)
    return False
