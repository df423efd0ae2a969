"""What string a JavaScript or TypeScript expression will carry: the Python evaluator's model
(`facts.values.Value` of `Text` and `Hole`) for template literals, `+`, constants, `process.env`,
`import.meta.env`, `Deno.env.get`, same-file helpers, class fields, `.trim()`, `btoa`,
`Buffer.from(x).toString("base64")` and `fs.readFileSync`.

Evaluation never runs code; what it cannot follow is a hole named after the expression.
"""

from __future__ import annotations

from typing import Any

from ..facts.scopes import Scope
from ..facts.values import JAVASCRIPT_FILE_READS, Hole, Origin, Text, Value
from .collect import JsModule
from .syntax import (
    FUNCTION_TYPES,
    GLOBAL_OBJECTS,
    Node,
    arguments,
    callee_parts,
    dotted,
    escape,
    last_name,
    pairs,
    static_text,
    string_content,
    text,
    unwrap,
)

#: how deep helper calls, names and nested expressions are followed
_MAX_DEPTH = 24
#: a value of more parts than this is not a header anyone writes: it is a hole
_MAX_PARTS = 64
_TRIMS = {"trim": "strip", "trimStart": "lstrip", "trimLeft": "lstrip", "trimEnd": "rstrip", "trimRight": "rstrip"}
_FILE_READS = JAVASCRIPT_FILE_READS  # node:fs, Deno
_ENV_ROOTS = ("process.env", "import.meta.env", "Bun.env")
Env = dict[str, Value]


class EvaluationBudgetExceeded(Exception):
    """More evaluation steps than `max-evaluation-steps`: the file is skipped (QNT900), as in Python."""

    def __init__(self, budget: int) -> None:
        super().__init__(budget)
        self.budget = budget


class JsEvaluator:
    def __init__(self, module: JsModule, budget: int) -> None:
        self.m = module
        self.budget = budget
        self.steps = 0
        self._names: dict = {}  # a name's binding -> its value (a constant is read once)

    def value(self, node: Node, scope: Scope) -> Value:
        return self._eval(node, scope, {}, 0)

    def _eval(self, node: Node | None, scope: Scope, env: Env, depth: int) -> Value:
        self.steps += 1
        if self.steps > self.budget:
            raise EvaluationBudgetExceeded(self.budget)
        if node is None:
            return Value()
        if depth > _MAX_DEPTH:
            return _hole(node)
        kind = node.type
        if kind in (
            "parenthesized_expression",
            "as_expression",
            "satisfies_expression",
            "non_null_expression",
            "await_expression",
        ):
            inner = node.named_children
            return self._eval(inner[0], scope, env, depth + 1) if inner else _hole(node)
        if kind == "string":
            return Value.of_text(string_content(node) or "", node, template=True)
        if kind == "template_string":
            return self._template(node, scope, env, depth)
        if kind == "number":
            return Value.of_text(text(node), node)
        if kind == "binary_expression":
            return self._binary(node, scope, env, depth)
        if kind == "ternary_expression":
            return self._conditional(node, scope, env, depth)
        if kind == "identifier":
            return self._name(node, scope, env, depth)
        if kind in ("member_expression", "subscript_expression"):
            return self._member(node, scope, env, depth)
        if kind == "call_expression":
            return self._call(node, scope, env, depth)
        if kind == "new_expression":
            return self._new(node, scope, env, depth)
        return _hole(node)

    # -- literals and operators ---------------------------------------------------------------

    def _template(self, node: Node, scope: Scope, env: Env, depth: int) -> Value:
        parts: list = []
        for child in node.children:
            if child.type == "string_fragment":
                parts.append(Text(text(child), node))
            elif child.type == "escape_sequence":
                parts.append(Text(escape(text(child)), node))
            elif child.type == "template_substitution":
                inner = child.named_children
                parts.extend(self._eval(inner[0], scope, env, depth + 1).parts if inner else ())
        return Value(_merged(parts), node) if len(parts) <= _MAX_PARTS else _hole(node)

    def _binary(self, node: Node, scope: Scope, env: Env, depth: int) -> Value:
        operator = node.child_by_field_name("operator")
        op = text(operator) if operator is not None else ""
        left = node.child_by_field_name("left")
        if op == "+":
            value = self._eval(left, scope, env, depth + 1) + self._eval(
                node.child_by_field_name("right"), scope, env, depth + 1
            )
            return Value(_merged(list(value.parts)), node) if len(value.parts) <= _MAX_PARTS else _hole(node)
        if op in ("??", "||"):
            return Value(self._eval(left, scope, env, depth + 1).parts, node)  # the fallback is for absence
        return _hole(node)

    def _conditional(self, node: Node, scope: Scope, env: Env, depth: int) -> Value:
        """`c ? a : b`: the text both branches agree on; a file read without `.trim()` in either
        branch; else a hole."""
        body = self._eval(node.child_by_field_name("consequence"), scope, env, depth + 1)
        orelse = self._eval(node.child_by_field_name("alternative"), scope, env, depth + 1)
        if body.is_literal and orelse.is_literal and body.literal() == orelse.literal():
            return Value(body.parts, node)
        for branch in (body, orelse):
            hole = branch.parts[0] if len(branch.parts) == 1 else None
            if isinstance(hole, Hole) and hole.origin is Origin.FILE and not hole.stripped:
                return Value(branch.parts, node)
        return _hole(node)

    # -- names, properties ----------------------------------------------------------------------

    def _name(self, node: Node, scope: Scope, env: Env, depth: int) -> Value:
        name = text(node)
        if name in env:
            return env[name].with_names(name, visible=False)
        bindings = scope.lookup(name)
        if len(bindings) == 1 and name not in self.m.reassigned:
            binding = bindings[0]
            bound: Any = binding.value
            if binding.kind == "assign" and bound is not None and bound.type not in FUNCTION_TYPES:
                value = self._names.get(bound)
                if value is None:
                    value = self._eval(bound, binding.scope, {}, depth + 1)
                    if depth < _MAX_DEPTH // 2:  # a value cut short by depth is not kept
                        self._names[bound] = value
                return value.with_names(name).through(node)
            if binding.kind == "param":
                return Value.of_hole(Hole(name, Origin.PARAM, node, (name,)))
        return Value.of_hole(Hole(name, Origin.NAME, node, (name,)))

    def _member(self, node: Node, scope: Scope, env: Env, depth: int) -> Value:
        obj = node.child_by_field_name("object")
        field = last_name(node)
        head = dotted(obj)
        if head in _ENV_ROOTS and field:
            return Value.of_hole(Hole(field, Origin.ENV, node, (field,)))
        inner = unwrap(obj)
        if inner is not None and inner.type == "this" and node.type == "member_expression":
            found = self._field(node, field, scope, depth)
            if found is not None:
                return found
        if inner is not None and inner.type == "identifier":
            element = self._object_element(inner, node, scope)
            if element is not None:
                element_node, element_scope = element
                return self._eval(element_node, element_scope, {}, depth + 1).with_names(field).through(node)
        name = field or last_name(obj)
        origin = Origin.ATTRIBUTE if node.type == "member_expression" else Origin.ITEM
        return Value.of_hole(Hole(name or node.type, origin, node, (name,) if name else ()))

    def _field(self, node: Node, field: str, scope: Scope, depth: int) -> Value | None:
        """`this.field`: the one value the class gives it (a field initialiser or `this.field = v`),
        or the value its getter returns."""
        owner = next((s for s in scope.chain() if s.kind == "class"), None)
        if owner is None:
            return None
        assigned = owner.self_attrs.get(field, [])
        if len(assigned) == 1 and assigned[0][0] is not None:
            value_node, value_scope = assigned[0]
            return self._eval(value_node, value_scope, {}, depth + 1).with_names(field).through(node)
        getter = self._method(owner, field, getter=True)
        if getter is not None and not assigned:
            return self._returned(getter, [], {}, depth)
        return None

    def _object_element(self, name: Node, node: Node, scope: Scope) -> tuple[Node, Scope] | None:
        """`HOSTS.production`, `HOSTS["production"]`: the element of an object literal bound once."""
        bindings = scope.lookup(text(name))
        if len(bindings) != 1 or text(name) in self.m.reassigned or bindings[0].kind != "assign":
            return None
        obj = unwrap(bindings[0].value)
        if (
            obj is not None
            and obj.type == "call_expression"
            and dotted(obj.child_by_field_name("function")) in ("Object.freeze",)
        ):
            args = arguments(obj)
            obj = unwrap(args[0]) if args else None
        if obj is None or obj.type != "object":
            return None
        if node.type == "subscript_expression":
            key = static_text(node.child_by_field_name("index"))
        else:
            key = last_name(node)
        element = pairs(obj).get(key) if key is not None else None
        return (element, bindings[0].scope) if element is not None else None

    # -- calls ------------------------------------------------------------------------------------

    def _call(self, node: Node, scope: Scope, env: Env, depth: int) -> Value:
        receiver, method = callee_parts(node)
        args = arguments(node)
        if receiver is not None and dotted(receiver) in GLOBAL_OBJECTS:
            receiver = None  # `window.btoa(x)` is `btoa(x)`
        if receiver is not None:
            found = self._method_call(node, receiver, method, args, scope, env, depth)
            if found is not None:
                return found
        elif method:
            found = self._function_call(node, method, args, scope, env, depth)
            if found is not None:
                return found
        return _hole(node, Origin.CALL)

    def _method_call(self, node, receiver, method, args, scope, env, depth) -> Value | None:
        if method in _TRIMS:
            return _strip(node, _TRIMS[method], self._eval(receiver, scope, env, depth + 1))
        if method == "toString":
            return self._to_string(node, receiver, args, scope, env, depth)
        if method in _FILE_READS:
            return Value.of_hole(Hole(method, Origin.FILE, node, (method,)))
        if method == "join":
            return self._join(node, receiver, args, scope, env, depth)
        if method == "concat":
            value = self._eval(receiver, scope, env, depth + 1)
            for arg in args:
                value = value + self._eval(arg, scope, env, depth + 1)
            return Value(value.parts, node)
        if method == "get" and dotted(receiver) == "Deno.env" and args:
            name = static_text(args[0]) or "env"
            return Value.of_hole(Hole(name, Origin.ENV, node, (name,)))
        inner = unwrap(receiver)
        if inner is not None and inner.type == "this":
            owner = next((s for s in scope.chain() if s.kind == "class"), None)
            function = self._method(owner, method) if owner is not None else None
            if function is not None:
                return self._returned(function, args, scope, depth, env)
        return None

    def _to_string(self, node, receiver, args, scope, env, depth) -> Value:
        encoding = (static_text(args[0]) or "").lower() if args else ""
        inner = unwrap(receiver)
        if inner is not None and inner.type == "call_expression":
            obj, method = callee_parts(inner)
            source = arguments(inner)
            if method == "from" and dotted(obj) == "Buffer" and source:
                decoding = len(source) > 1 and (static_text(source[1]) or "").lower().startswith("base64")
                if encoding.startswith("base64") and not decoding:
                    encoded = self._eval(source[0], scope, env, depth + 1)
                    return Value.of_hole(Hole("base64", Origin.BASE64, node, ("base64",), inner=encoded))
                if not decoding:
                    return Value(self._eval(source[0], scope, env, depth + 1).parts, node)
                return _hole(node, Origin.CALL)
        return Value(self._eval(receiver, scope, env, depth + 1).parts, node)

    def _join(self, node, receiver, args, scope, env, depth) -> Value | None:
        array = unwrap(receiver)
        if array is None or array.type != "array":
            return None
        separator = static_text(args[0]) if args else ","
        if separator is None:
            return None
        parts: list = []
        for i, element in enumerate(array.named_children):
            if i:
                parts.append(Text(separator, None))
            parts.extend(self._eval(element, scope, env, depth + 1).parts)
        return Value(_merged(parts), node)

    def _function_call(self, node, name, args, scope, env, depth) -> Value | None:
        if name == "btoa" and args:
            encoded = self._eval(args[0], scope, env, depth + 1)
            return Value.of_hole(Hole("btoa", Origin.BASE64, node, ("btoa",), inner=encoded))
        if name == "String" and args:
            return Value(self._eval(args[0], scope, env, depth + 1).parts, node)
        if name in _FILE_READS:
            return Value.of_hole(Hole(name, Origin.FILE, node, (name,)))
        function = self._function(name, scope)
        if function is not None:
            return self._returned(function, args, scope, depth, env)
        return None

    def _function(self, name: str, scope: Scope) -> Node | None:
        """The function a name is bound to once: `function f() {}`, `const f = () => ...`."""
        bindings = scope.lookup(name)
        if len(bindings) != 1 or name in self.m.reassigned:
            return None
        binding = bindings[0]
        if binding.kind == "function":
            return binding.node
        value = unwrap(binding.value) if binding.kind == "assign" else None
        return value if value is not None and value.type in FUNCTION_TYPES else None

    def _method(self, owner: Scope, name: str, getter: bool = False) -> Node | None:
        owner_node: Any = owner.node
        body = owner_node.child_by_field_name("body")
        found = []
        for member in body.named_children if body is not None else []:
            if member.type != "method_definition":
                continue
            member_name = member.child_by_field_name("name")
            is_getter = any(c.type == "get" for c in member.children)
            if member_name is not None and text(member_name) == name and is_getter == getter:
                found.append(member)
        return found[0] if len(found) == 1 else None

    def _returned(self, function: Node, args: list, scope: Any, depth: int, env: Env | None = None) -> Value | None:
        """What a helper returns, its parameters bound to the call's arguments: only for a
        function with one `return` of an expression."""
        inner = self.m.scope_of.get(function)
        if inner is None or len(inner.returns) != 1 or inner.returns[0] is None:
            return None
        bound: Env = {}
        for name, arg in zip(inner.params, args):
            if name and isinstance(scope, Scope):
                bound[name] = self._eval(arg, scope, env or {}, depth + 1)
        return self._eval(inner.returns[0], inner, bound, depth + 1)

    def _new(self, node: Node, scope: Scope, env: Env, depth: int) -> Value:
        """`new URL(path, base)`: the base, then the path."""
        constructor = node.child_by_field_name("constructor")
        args = arguments(node)
        if constructor is not None and text(constructor) == "URL" and args:
            if len(args) > 1:
                base = self._eval(args[1], scope, env, depth + 1)
                return Value(base.parts + self._eval(args[0], scope, env, depth + 1).parts, node)
            return Value(self._eval(args[0], scope, env, depth + 1).parts, node)
        return _hole(node, Origin.CALL)


def _hole(node: Node, origin: Origin = Origin.OTHER) -> Value:
    name = last_name(node) or node.type
    return Value.of_hole(Hole(name, origin, node, (name,)))


def _strip(node: Node, method: str, value: Value) -> Value:
    parts = [p.replace(stripped=True) if isinstance(p, Hole) else p for p in value.parts]
    if method in ("strip", "lstrip") and parts and isinstance(parts[0], Text):
        parts[0] = parts[0].replace(text=parts[0].text.lstrip())
    if method in ("strip", "rstrip") and parts and isinstance(parts[-1], Text):
        parts[-1] = parts[-1].replace(text=parts[-1].text.rstrip())
    return Value(tuple(parts), node)


def _merged(parts: list) -> tuple:
    """Adjacent texts stay separate parts (each keeps its literal), empty texts are dropped."""
    return tuple(p for p in parts if not (isinstance(p, Text) and p.text == ""))
