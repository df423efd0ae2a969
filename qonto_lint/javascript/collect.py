"""One pass over a JavaScript or TypeScript tree: scopes and bindings, Qonto evidence per scope,
header sites, calls, string literals and credential-named literals.

The records have the fields of the Python front end's (`facts.collect.HeaderSite`,
`CredentialBinding`, `StringFact`) so that the rules read them the same way; the scopes are
`facts.scopes.Scope` (module, class, function), holding tree-sitter nodes.
"""

from __future__ import annotations

from typing import Any

from ..facts.header_names import header_kind
from ..facts.hosts import HostTable, find_urls
from ..facts.scopes import Binding, Scope
from ..knowledge.qonto import mentions_qonto
from ..record import Record
from .syntax import (
    CLASS_TYPES,
    FUNCTION_TYPES,
    Node,
    arguments,
    callee_parts,
    dotted,
    key_name,
    static_text,
    string_content,
    text,
    unwrap,
)

#: calls that set one header from a key and a value (`headers.set(k, v)`, `xhr.setRequestHeader`)
HEADER_METHODS = frozenset({"set", "append", "setRequestHeader", "setHeader", "header"})
#: nodes whose text is a name (the word `qonto` in one is evidence)
_NAMES = frozenset(
    {
        "identifier",
        "property_identifier",
        "shorthand_property_identifier",
        "shorthand_property_identifier_pattern",
        "type_identifier",
        "private_property_identifier",
    }
)


class JsSite(Record):
    """One place where a header is given a value (the fields of `facts.collect.HeaderSite`)."""

    __slots__ = ("key", "key_node", "value_node", "scope", "form", "container", "header")

    def __init__(self, key: str, key_node: Node, value_node: Node, scope: Scope, form: str, container: Node) -> None:
        self.key = key
        self.key_node = key_node
        self.value_node = value_node
        self.scope = scope
        self.form = form  # dict (an object literal), pairs (`[[k, v]]`), method (`x.set(k, v)`), subscript
        self.container = container
        self.header = header_kind(key) or ""


class JsCall(Record):
    __slots__ = ("node", "scope", "name", "receiver")

    def __init__(self, node: Node, scope: Scope, name: str, receiver: Node | None) -> None:
        self.node = node
        self.scope = scope
        self.name = name  # the callee's last identifier
        self.receiver = receiver  # `a.b` of `a.b.name(...)`, None for `name(...)`


class JsString(Record):
    __slots__ = ("node", "scope", "text")

    def __init__(self, node: Node, scope: Scope, text: str) -> None:
        self.node = node
        self.scope = scope
        self.text = text


class JsBinding(Record):
    """A literal bound to a name: `const NAME = "..."`, `{ name: "..." }`, `this.name = "..."`."""

    __slots__ = ("name", "value_node", "scope")

    def __init__(self, name: str, value_node: Node, scope: Scope) -> None:
        self.name = name
        self.value_node = value_node
        self.scope = scope


class JsModule:
    """What the pass collected."""

    def __init__(self, root: Scope, hosts: HostTable) -> None:
        self.root = root
        self.hosts = hosts
        self.scopes: list[Scope] = [root]
        self.scope_of: dict[Any, Scope] = {}  # function and class nodes -> their scope
        #: node -> its parent, recorded by the walk: tree-sitter's `node.parent` searches down from
        #: the root, at a cost that grows with the node's depth (quadratic over deep nesting)
        self.parents: dict[Any, Any] = {}
        self.sites: list[JsSite] = []
        self.calls: list[JsCall] = []
        self.strings: list[JsString] = []
        self.credentials: list[JsBinding] = []
        self.reassigned: set[str] = set()  # names assigned after their declaration
        self.objects: list[tuple[Node, Scope]] = []  # object literals

    def parent_of(self, node: Node | None) -> Node | None:
        """A node's parent, as the walk recorded it (tree-sitter's own for a node it did not walk)."""
        if node is None:
            return None
        found = self.parents.get(node, _NOT_WALKED)
        return node.parent if found is _NOT_WALKED else found


#: a node the walk did not record (not of this module's tree)
_NOT_WALKED = object()


def collect(tree: Any, path_has_qonto: bool, hosts: HostTable) -> JsModule:
    root = Scope("module", tree.root_node, None, "")
    root.evidence.qonto = path_has_qonto
    module = JsModule(root, hosts)
    _Walker(module).walk(tree.root_node)
    for scope in reversed(module.scopes[1:]):  # deepest first: a scope's evidence is its parent's too
        if scope.parent is not None:
            scope.parent.evidence.merge(scope.evidence)
    return module


class _Walker:
    def __init__(self, module: JsModule) -> None:
        self.m = module
        #: the parent of the node being visited: tree-sitter's `node.parent` searches down from
        #: the root, a cost that grows with the node's depth (quadratic over nested arrays)
        self.parent: Node | None = None

    def walk(self, top: Node) -> None:
        """Every node, parents first; each node's parent is recorded (`JsModule.parent_of`)."""
        parents = self.m.parents
        stack: list[tuple[Node, Scope, Node | None]] = [(top, self.m.root, None)]
        while stack:
            node, scope, parent = stack.pop()
            self.parent = parent
            inner = self.visit(node, scope)
            children = node.children
            for child in reversed(children):
                parents[child] = node
                stack.append((child, inner, node))

    def visit(self, node: Node, scope: Scope) -> Scope:
        kind = node.type
        if kind in FUNCTION_TYPES:
            return self._function(node, scope)
        if kind in CLASS_TYPES:
            return self._class(node, scope)
        if kind in _NAMES or kind == "comment":
            self._word(text(node), scope)
        elif kind == "string":
            self._string(node, scope, string_content(node) or "")
        elif kind == "template_string":
            self._template(node, scope)
        elif kind == "variable_declarator":
            self._declarator(node, scope)
        elif kind == "pair":
            self._pair(node, scope)
        elif kind in ("assignment_expression", "augmented_assignment_expression"):
            self._assignment(node, scope)
        elif kind == "update_expression":
            self.m.reassigned.add(text(node).strip("+-; "))
        elif kind == "call_expression":
            self._call(node, scope)
        elif kind in ("public_field_definition", "field_definition"):
            self._field(node, scope)
        elif kind == "return_statement":
            values = node.named_children
            if scope.kind == "function":
                scope.returns.append(values[0] if values else None)
        elif kind == "object":
            self.m.objects.append((node, scope))
        elif kind == "array" and self.parent is not None and self.parent.type == "array":
            self._header_pair(node, scope)
        return scope

    # -- scopes and bindings -----------------------------------------------------------------

    def _function(self, node: Node, scope: Scope) -> Scope:
        name_node = node.child_by_field_name("name")
        name = text(name_node) if name_node is not None else _assigned_name(self.parent)
        inner = Scope("function", node, scope, name)
        self.m.scopes.append(inner)
        self.m.scope_of[node] = inner
        if name_node is not None and node.type != "method_definition":
            scope.bind(Binding(name, "function", scope, None, node))
        self._word(name, inner)
        params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        if params is not None:
            for param in params.named_children if params.type == "formal_parameters" else [params]:
                self._param(param, inner)
        body = node.child_by_field_name("body")
        if node.type == "arrow_function" and body is not None and body.type != "statement_block":
            inner.returns.append(body)
        return inner

    def _param(self, param: Node, scope: Scope) -> None:
        if param.type in ("required_parameter", "optional_parameter"):
            pattern = param.child_by_field_name("pattern")
            param = pattern if pattern is not None else param
        if param.type == "assignment_pattern":
            param = param.child_by_field_name("left") or param
        if param.type == "identifier":
            name = text(param)
            scope.params.append(name)
            scope.bind(Binding(name, "param", scope, None, param))
            return
        scope.params.append("")  # a destructured parameter: its names are parameters too
        for name in _pattern_names(param):
            scope.bind(Binding(name, "param", scope, None, param))

    def _class(self, node: Node, scope: Scope) -> Scope:
        name_node = node.child_by_field_name("name")
        name = text(name_node) if name_node is not None else _assigned_name(self.parent)
        inner = Scope("class", node, scope, name)
        self.m.scopes.append(inner)
        self.m.scope_of[node] = inner
        if name_node is not None:
            scope.bind(Binding(name, "class", scope, None, node))
        self._word(name, inner)
        return inner

    def _declarator(self, node: Node, scope: Scope) -> None:
        target = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if target is None:
            return
        holder = _function_scope(scope)
        if target.type == "identifier":
            name = text(target)
            holder.bind(Binding(name, "assign", holder, value, node))
            if value is not None and static_text(value) is not None:
                self.m.credentials.append(JsBinding(name, unwrap(value), scope))
            return
        for name in _pattern_names(target):
            holder.bind(Binding(name, "other", holder, None, node))

    def _field(self, node: Node, scope: Scope) -> None:
        name_node = node.child_by_field_name("name") or node.child_by_field_name("property")
        value = node.child_by_field_name("value")
        if name_node is None or scope.kind != "class":
            return
        name = text(name_node).lstrip("#")
        if value is not None:
            scope.self_attrs.setdefault(name, []).append((value, scope))
            if static_text(value) is not None:
                self.m.credentials.append(JsBinding(name, unwrap(value), scope))

    def _assignment(self, node: Node, scope: Scope) -> None:
        left = unwrap(node.child_by_field_name("left"))
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        if left.type == "identifier":
            self.m.reassigned.add(text(left))
            return
        if node.type != "assignment_expression":
            return
        self._assignment_site(left, right, scope)
        if left.type == "member_expression":
            prop = left.child_by_field_name("property")
            obj = unwrap(left.child_by_field_name("object"))
            name = text(prop).lstrip("#") if prop is not None else ""
            owner = _class_of(scope)
            if obj is not None and obj.type == "this" and owner is not None and name:
                owner.self_attrs.setdefault(name, []).append((right, scope))
            if name and static_text(right) is not None:
                self.m.credentials.append(JsBinding(name, unwrap(right), scope))

    def _assignment_site(self, left: Node, right: Node, scope: Scope) -> None:
        """`anything["Authorization"] = v`; `config.headers.Authorization = v` (a property of
        something named as headers)."""
        obj = left.child_by_field_name("object")
        if left.type == "subscript_expression":
            key_node = left.child_by_field_name("index")
            key = static_text(key_node) if key_node is not None else None
        elif left.type == "member_expression":
            key_node = left.child_by_field_name("property")
            names = dotted(obj).lower().split(".")
            key = text(key_node) if key_node is not None and ("headers" in names or "common" in names) else None
        else:
            return
        if key is not None and header_kind(key) and key_node is not None:
            self.m.sites.append(JsSite(key, key_node, right, scope, "subscript", left))

    # -- header sites, calls ---------------------------------------------------------------

    def _pair(self, node: Node, scope: Scope) -> None:
        key = node.child_by_field_name("key")
        value = node.child_by_field_name("value")
        if key is None or value is None:
            return
        name = key_name(key)
        if name is None and key.type == "computed_property_name" and key.named_children:
            inner = key.named_children[0]
            name = self._constant(inner, scope) if inner.type == "identifier" else None
        if name is None:
            return
        if header_kind(name):
            self.m.sites.append(JsSite(name, key, value, scope, "dict", self.parent))
        if static_text(value) is not None:
            self.m.credentials.append(JsBinding(name, unwrap(value), scope))

    def _header_pair(self, node: Node, scope: Scope) -> None:
        """`['Authorization', v]` in a list of header pairs (`new Headers([[k, v]])`, `headers: [[k, v]]`)."""
        items = node.named_children
        if len(items) != 2 or items[0].type != "string":
            return
        name = static_text(items[0])
        if name is not None and header_kind(name):
            self.m.sites.append(JsSite(name, items[0], items[1], scope, "pairs", self.parent))

    def _constant(self, name_node: Node, scope: Scope) -> str | None:
        """The string a name is bound to by one `const NAME = "..."` seen so far."""
        bindings = _function_scope(scope).lookup(text(name_node)) or self.m.root.lookup(text(name_node))
        if len(bindings) == 1 and bindings[0].kind == "assign" and bindings[0].value is not None:
            return static_text(bindings[0].value)
        return None

    def _call(self, node: Node, scope: Scope) -> None:
        receiver, name = callee_parts(node)
        self.m.calls.append(JsCall(node, scope, name, receiver))
        if name not in HEADER_METHODS or receiver is None:
            return
        args = arguments(node)
        if len(args) < 2:
            return
        key = static_text(args[0])
        first = unwrap(args[0])
        if key is None and first is not None and first.type == "identifier":
            key = self._constant(first, scope)
        if key is not None and header_kind(key):
            self.m.sites.append(JsSite(key, args[0], args[1], scope, "method", node))

    # -- evidence ---------------------------------------------------------------------------

    def _word(self, word: str, scope: Scope) -> None:
        if "qonto" in word.lower() and mentions_qonto(word):
            scope.evidence.qonto = True

    def _string(self, node: Node, scope: Scope, content: str) -> None:
        self._word(content, scope)
        self.m.strings.append(JsString(node, scope, content))
        if "." in content:
            for ref in find_urls(content):
                if self.m.hosts.is_qonto(ref.host):
                    scope.evidence.qonto = True
                else:
                    scope.evidence.other_host = True

    def _template(self, node: Node, scope: Scope) -> None:
        """A template literal: its text up to the first substitution is what a URL starts with."""
        head = []
        for child in node.children:
            if child.type == "template_substitution":
                break
            if child.type == "string_fragment":
                head.append(text(child))
        for child in node.children:
            if child.type == "string_fragment":
                self._word(text(child), scope)
        self._string(node, scope, "".join(head))


def _pattern_names(pattern: Node) -> list[str]:
    """The names a destructuring pattern binds."""
    names = []
    stack = [pattern]
    while stack:
        node = stack.pop()
        if node.type in ("identifier", "shorthand_property_identifier_pattern"):
            names.append(text(node))
        elif node.type == "pair_pattern":
            value = node.child_by_field_name("value")
            if value is not None:
                stack.append(value)
        elif node.type == "assignment_pattern":
            left = node.child_by_field_name("left")
            if left is not None:
                stack.append(left)
        else:
            stack.extend(c for c in node.named_children if c.type != "type_annotation")
    return names


def _assigned_name(parent: Node | None) -> str:
    """`f` of `const f = () => ...`, `handler` of `{ handler: function () {} }`, from the
    function's parent."""
    if parent is not None and parent.type == "variable_declarator":
        name = parent.child_by_field_name("name")
        return text(name) if name is not None and name.type == "identifier" else ""
    if parent is not None and parent.type == "pair":
        key = parent.child_by_field_name("key")
        return (key_name(key) or "") if key is not None else ""
    return ""


def _function_scope(scope: Scope) -> Scope:
    return scope


def _class_of(scope: Scope) -> Scope | None:
    for candidate in scope.chain():
        if candidate.kind == "class":
            return candidate
    return None
