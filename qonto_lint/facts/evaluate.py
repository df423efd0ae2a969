"""Evaluate a libcst expression into a `Value`, following single bindings."""

from __future__ import annotations

import re
import string
from collections.abc import Callable

import libcst as cst

from ..config import DEFAULT_MAX_EVALUATION_STEPS
from ..knowledge.http_clients import HEADER_CONSTANT_NAMES, URL_JOINERS
from .candidates import candidates
from .collect import ModuleFacts, dotted_name, field_default, last_name, string_value, subscript_key
from .hosts import find_urls
from .scopes import Binding, Scope
from .values import Hole, Origin, Text, Value

MAX_DEPTH = 24
#: evaluation work allowed for one expression (guards against exponential bindings)
MAX_STEPS = 4000
#: parts and literal characters one value keeps: a header or a URL is never near that (HTTP
#: servers refuse headers over 8-16 KB), while a doubling chain (`a1 = a0 + a0`, ...) would
#: grow without end. Beyond, the middle of the value becomes one hole.
MAX_PARTS = 64
MAX_TEXT = 20_000


class EvaluationBudgetExceeded(Exception):
    """The file needs more evaluation steps than its budget allows."""

    def __init__(self, budget: int) -> None:
        super().__init__(budget)
        self.budget = budget


BASE64_ENCODERS = frozenset(
    {
        "base64.b64encode",
        "base64.standard_b64encode",
        "base64.urlsafe_b64encode",
        "base64.encodebytes",
        "base64.encodestring",
        "base64.b32encode",
        "base64.b16encode",
        "base64.b85encode",
        "base64.a85encode",
    }
)
BASE64_CODECS = frozenset({"base64", "base_64", "base64_codec"})
ENV_GETTERS = frozenset({"os.getenv", "os.environ.get", "os.environ.__getitem__", "environ.get", "getenv"})
FILE_READS = frozenset({"read", "read_text", "readline", "read_bytes", "readlines"})
URLJOIN = URL_JOINERS
STRIPS = frozenset({"strip", "lstrip", "rstrip"})
CASE_CHANGES = {"lower": str.lower, "upper": str.upper}
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
#: a width never starts with 0 (that is the flag) and a key holds no `%`: no two quantifiers can
#: share a character, so a hostile template costs linear time
_PERCENT = re.compile(r"%(?:\(([^)%]*)\))?[-#0 +]*(?:\*|[1-9]\d*)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsab%])")

#: an environment for function-call substitution: parameter name -> (argument, caller scope, caller env)
Env = dict


class Evaluator:
    def __init__(
        self,
        facts: ModuleFacts,
        budget: int = DEFAULT_MAX_EVALUATION_STEPS,
        project=None,
        changed: Callable[[cst.Name], bool] = lambda name: True,
    ) -> None:
        # `budget`: steps for the whole file (`max-evaluation-steps`). Every value that does not
        # depend on a call's arguments is computed once and cached, so ordinary code stays far
        # below it; past it, EvaluationBudgetExceeded and the file is skipped.
        self.facts = facts
        #: the project view (`project.ProjectView`): what imported names are bound to; None
        #: when the module is not a file of a project (stdin, an example)
        self.project = project
        #: whether the module changes the dict a name is bound to after binding it: such a
        #: dict's display does not hold every candidate of `NAME[variable]` (candidates.py)
        self.changed = changed
        #: (node, scope) -> its value, for every evaluation that does not depend on a call's
        #: arguments: a binding is evaluated once however many sites reach it
        self._cache: dict = {}
        self._steps = 0
        #: values cut short so far (see `_evaluate`)
        self._cuts = 0
        #: steps taken for the whole file, against `budget`
        self.total_steps = 0
        self.budget = budget

    # -- helpers -----------------------------------------------------------------

    def qualname(self, node: cst.CSTNode, scope: Scope) -> str | None:
        """`b64encode` imported from base64 -> "base64.b64encode"; `os.environ.get` stays as is."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        for _ in range(4):  # `enc = base64.b64encode`, then `enc(x)`: follow a few aliases
            head, _, rest = dotted.partition(".")
            bindings = scope.lookup(head)
            for binding in bindings:
                if binding.kind == "import" and binding.qualname:
                    return binding.qualname + ("." + rest if rest else "")
            if (
                len(bindings) != 1
                or bindings[0].kind != "assign"
                or not isinstance(bindings[0].value, (cst.Name, cst.Attribute))
            ):
                return dotted
            alias = dotted_name(bindings[0].value)
            if alias is None:
                return dotted
            dotted, scope = alias + ("." + rest if rest else ""), bindings[0].scope
        return dotted

    def scope_for(self, node: cst.CSTNode, default: Scope) -> Scope:
        return self.scope_of(node) or default

    def scope_of(self, node) -> Scope | None:
        """The scope a FunctionDef / ClassDef opens, in this module or one read for its values."""
        found = self.facts.scope_of_node.get(node)
        if found is None and self.project is not None:
            found = self.project.scope_of_node(node)
        return found

    # -- other modules -------------------------------------------------------------------

    def binding_of(self, node, scope: Scope, hops: int = 0) -> Binding | None:
        """The single binding a name or a dotted reference stands for, following imports into
        the project's other modules (`settings.QONTO_URL`, `from .auth import api_key`), or None."""
        if hops > 8:
            return None
        if isinstance(node, cst.Name):
            bindings = scope.lookup(node.value)
            if not bindings and self.project is not None:  # `from .settings import *`
                target = self.project.star_member(scope, node.value)
                return target.binding if target is not None else None
            if len(bindings) != 1:
                return None
            binding = bindings[0]
            if binding.kind == "import":
                target = self.project.resolve_import(binding) if self.project is not None else None
                return target.binding if target is not None else None
            return binding
        if isinstance(node, cst.Attribute) and self.project is not None:
            target = self._module_target(node.value, scope)
            if target is not None:
                found = self.project.member(target, node.attr.value)
                return found.binding if found is not None else None
        return None

    def _module_target(self, node, scope: Scope):
        """The project module a name or dotted name refers to (`settings`, `app.config`), or None."""
        if isinstance(node, cst.Name):
            bindings = scope.lookup(node.value)
            if len(bindings) == 1 and bindings[0].kind == "import":
                target = self.project.resolve_import(bindings[0])
                if target is not None and target.binding is None:
                    return target
            return None
        if isinstance(node, cst.Attribute):
            owner = self._module_target(node.value, scope)
            if owner is not None:
                target = self.project.member(owner, node.attr.value)
                if target is not None and target.binding is None:
                    return target
        return None

    def class_of(self, node, scope: Scope, depth: int = 0) -> Scope | None:
        """The class scope an expression names (`Settings`, `config.Settings`), or None."""
        binding = self.binding_of(node, scope)
        if binding is not None and binding.kind == "class":
            return self.scope_of(binding.node)
        return None

    def instance_class(self, receiver, scope: Scope, depth: int = 0) -> Scope | None:
        """The class of the object a name holds, when every binding of the name says the same:
        `settings = Settings()`, `settings = get_settings()` (a function that returns
        `Settings()`), a parameter annotated `Settings | None`, `settings = settings or get_settings()`."""
        if not isinstance(receiver, cst.Name) or depth > 3:
            return None
        bindings = scope.lookup(receiver.value)
        if not bindings or len(bindings) > 4:
            return None
        found: set = set()
        for binding in bindings:
            classes = self._binding_classes(binding, receiver.value, depth)
            if not classes:
                return None
            found |= classes
        return found.pop() if len(found) == 1 else None

    def _binding_classes(self, binding: Binding, name: str, depth: int) -> set:
        classes: set = set()
        annotation = getattr(binding.node, "annotation", None)
        if (binding.kind == "param" or isinstance(binding.node, cst.AnnAssign)) and isinstance(
            annotation, cst.Annotation
        ):
            classes |= self._annotation_classes(annotation.annotation, binding.scope)
        if binding.kind == "assign" and binding.value is not None:
            classes |= self._value_classes(binding.value, binding.scope, name, depth)
        elif binding.kind == "import" and self.project is not None:
            target = self.project.resolve_import(binding)
            if target is not None and target.binding is not None and target.binding.kind == "assign":
                inner = target.binding
                if inner.value is not None:
                    classes |= self._value_classes(inner.value, inner.scope, name, depth)
        return classes

    def _annotation_classes(self, node, scope: Scope) -> set:
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            return self._annotation_classes(node.left, scope) | self._annotation_classes(node.right, scope)
        if isinstance(node, cst.Subscript) and last_name(node.value) == "Optional" and len(node.slice) == 1:
            element = node.slice[0].slice
            return self._annotation_classes(element.value, scope) if isinstance(element, cst.Index) else set()
        owner = self.class_of(node, scope)
        return {owner} if owner is not None else set()

    def _value_classes(self, value, scope: Scope, name: str, depth: int) -> set:
        if isinstance(value, cst.BooleanOperation):
            return self._value_classes(value.left, scope, name, depth) | self._value_classes(
                value.right, scope, name, depth
            )
        if isinstance(value, cst.Name) and value.value == name:
            return set()  # `settings = settings or get_settings()`: the parameter's own class
        if not isinstance(value, cst.Call):
            return set()
        owner = self.class_of(value.func, scope)
        if owner is not None:
            return {owner}
        function = self.binding_of(value.func, scope)
        if function is not None and function.kind == "function" and depth < 3:
            callee = self.scope_of(function.node)
            if callee is not None and len(callee.returns) == 1 and callee.returns[0] is not None:
                return self._value_classes(callee.returns[0], callee, "", depth + 1)
        return set()

    # -- entry ---------------------------------------------------------------------

    def evaluate(self, node: cst.BaseExpression, scope: Scope, env: Env | None = None, depth: int = 0) -> Value:
        self._steps = 0
        return self._evaluate(node, scope, env, depth)

    def charge(self, value: Value) -> None:
        """Count the text a value hands to the rules against the budget, one step per 64
        characters: each header site reads its value's text again (the same long literal behind
        thousands of sites would otherwise cost sites x length, within every other budget)."""
        chars = 0
        for part in value.parts:
            if isinstance(part, Text):
                chars += len(part.text)
        self.total_steps += chars // 64
        if self.total_steps > self.budget:
            raise EvaluationBudgetExceeded(self.budget)

    def _hole(self, node, origin: Origin = Origin.OTHER, name: str | None = None, **extra) -> Value:
        name = name if name is not None else (last_name(node) or type(node).__name__.lower())
        return Value.of_hole(Hole(name, origin, node, (name,), **extra))

    def _evaluate(self, node, scope: Scope, env: Env | None, depth: int) -> Value:
        self.total_steps += 1  # a cached value counts too: its caller copies its parts
        if self.total_steps > self.budget:
            raise EvaluationBudgetExceeded(self.budget)
        if env is None:
            key = (node, scope)
            cached = self._cache.get(key)
            # A value cut short (MAX_DEPTH, MAX_STEPS) serves only as deep or deeper a reach, so
            # that the order in which sites are read never changes what a shallower one sees.
            if cached is not None and (cached[1] is None or depth >= cached[1]):
                if cached[1] is not None:
                    self._cuts += 1
                return cached[0]
        self._steps += 1
        if depth > MAX_DEPTH or self._steps > MAX_STEPS:
            self._cuts += 1
            return self._hole(node)
        cuts = self._cuts
        value = self._bounded(self._compute(node, scope, env, depth + 1), node)
        if env is None:
            self._cache[key] = (value, None if self._cuts == cuts else depth)
        return value

    def _bounded(self, value: Value, node) -> Value:
        """`value`, or its head and tail around one hole when it is over MAX_PARTS or MAX_TEXT."""
        parts = value.parts
        if len(parts) <= MAX_PARTS:
            chars = 0
            for part in parts:
                if isinstance(part, Text):
                    chars += len(part.text)
            if chars <= MAX_TEXT:
                return value
        head = _take(parts, MAX_PARTS // 2, MAX_TEXT // 2)
        tail = _take(reversed(parts), MAX_PARTS // 2, MAX_TEXT // 2, from_end=True)
        tail.reverse()
        return Value((*head, *self._hole(node).parts, *tail), value.node)

    def _compact(self, parts: list, node) -> list:
        """`parts` while it is being built, kept within a few times MAX_PARTS (see `_bounded`)."""
        if len(parts) <= 4 * MAX_PARTS:
            return parts
        return list(self._bounded(Value(tuple(parts), node), node).parts)

    def _compute(self, node, scope: Scope, env: Env | None, depth: int) -> Value:
        compute = _COMPUTE.get(type(node))
        if compute is None:
            compute = _compute_for(type(node))
        return compute(self, node, scope, env, depth)

    def _simple_string(self, node: cst.SimpleString, scope: Scope, env: Env | None, depth: int) -> Value:
        text = string_value(node)
        if text is None:
            return self._hole(node, Origin.LITERAL, "string")
        return Value.of_text(text, node, template=True)

    def _concatenated(self, node: cst.ConcatenatedString, scope: Scope, env: Env | None, depth: int) -> Value:
        return Value(
            self._evaluate(node.left, scope, env, depth).parts + self._evaluate(node.right, scope, env, depth).parts,
            node,
        )

    def _await(self, node: cst.Await, scope: Scope, env: Env | None, depth: int) -> Value:
        return self._evaluate(node.expression, scope, env, depth)

    def _other(self, node, scope: Scope, env: Env | None, depth: int) -> Value:
        return self._hole(node)

    def _conditional(self, node: cst.IfExp, scope: Scope, env, depth) -> Value:
        """`a if cond else b`: the text both branches agree on; a file read without `.strip()` in
        either branch (the value may end with the file's newline); else a hole."""
        body = self._evaluate(node.body, scope, env, depth)
        orelse = self._evaluate(node.orelse, scope, env, depth)
        if body.is_literal and orelse.is_literal and body.literal() == orelse.literal():
            return Value(body.parts, node)
        for branch in (body, orelse):
            parts = branch.parts
            hole = parts[0] if len(parts) == 1 else None
            if isinstance(hole, Hole) and hole.origin is Origin.FILE and not hole.stripped:
                return Value(parts, node)
        return self._hole(node)

    # -- literals and operators ------------------------------------------------------

    def _fstring(self, node: cst.FormattedString, scope, env, depth) -> Value:
        raw = "r" in node.prefix.lower()
        parts: list = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                text = part.value.replace("{{", "{").replace("}}", "}")
                if not raw and "\\" in text:
                    text = _unescape(text)
                parts.append(Text(text, node))
            elif isinstance(part, cst.FormattedStringExpression):
                parts.extend(self._evaluate(part.expression, scope, env, depth).parts)
            parts = self._compact(parts, node)
        return Value(tuple(parts), node)

    def _binary(self, node: cst.BinaryOperation, scope, env, depth) -> Value:
        if isinstance(node.operator, cst.Add):
            left = self._evaluate(node.left, scope, env, depth)
            right = self._evaluate(node.right, scope, env, depth)
            return Value(left.parts + right.parts, node)
        if isinstance(node.operator, cst.Modulo):
            template = self._evaluate(node.left, scope, env, depth)
            if template.texts and isinstance(template.parts[0], Text):
                return self._percent(node, template, node.right, scope, env, depth)
        return self._hole(node)

    def _percent(self, node, template: Value, right, scope, env, depth) -> Value:
        if isinstance(right, cst.Tuple):
            positional = [e.value for e in right.elements]
            mapping = None
        elif isinstance(right, cst.Dict):
            positional = []
            mapping = {}
            for element in right.elements:
                if isinstance(element, cst.DictElement):
                    key = string_value(element.key)
                    if key is not None:
                        mapping[key] = element.value
        else:
            positional = [right]
            mapping = None
        parts: list = []
        index = 0
        for part in template.parts:
            if not isinstance(part, Text):
                parts.append(part)
                continue
            position = 0
            for match in _PERCENT.finditer(part.text):
                parts.append(Text(part.text[position : match.start()], part.node))
                position = match.end()
                if match.group(2) == "%":
                    parts.append(Text("%", part.node))
                    continue
                key = match.group(1)
                if key is not None and mapping is not None and key in mapping:
                    parts.extend(self._evaluate(mapping[key], scope, env, depth).parts)
                elif key is None and index < len(positional):
                    parts.extend(self._evaluate(positional[index], scope, env, depth).parts)
                    index += 1
                else:
                    parts.append(Hole(key or "%s", Origin.OTHER, right, (key or "%s",)))
                parts = self._compact(parts, node)
            parts.append(Text(part.text[position:], part.node))
        return Value(tuple(p for p in parts if not (isinstance(p, Text) and not p.text)), node)

    def _format(self, node: cst.Call, template: Value, scope, env, depth, args=None) -> Value:
        positional = []
        keywords = {}
        for arg in node.args if args is None else args:
            if arg.star:
                return self._hole(node)
            if arg.keyword is not None:
                keywords[arg.keyword.value] = arg.value
            else:
                positional.append(arg.value)
        parts: list = []
        auto = 0
        formatter = string.Formatter()
        for part in template.parts:
            if not isinstance(part, Text):
                parts.append(part)
                continue
            try:
                pieces = list(formatter.parse(part.text))
            except ValueError:
                return self._hole(node)
            for literal, field_name, _spec, _conversion in pieces:
                if literal:
                    parts.append(Text(literal, part.node))
                if field_name is None:
                    continue
                head = re.split(r"[.\[]", field_name, maxsplit=1)[0]
                plain = head == field_name
                target = None
                if head == "":
                    if auto < len(positional):
                        target = positional[auto]
                    auto += 1
                elif head.isdigit():
                    if int(head) < len(positional):
                        target = positional[int(head)]
                elif head in keywords:
                    target = keywords[head]
                if target is not None and plain:
                    parts.extend(self._evaluate(target, scope, env, depth).parts)
                else:
                    hole_name = re.split(r"[.\[\]]", field_name.rstrip("]"))[-1] or head or "field"
                    parts.append(Hole(hole_name, Origin.OTHER, target or node, (hole_name,)))
                parts = self._compact(parts, node)
        return Value(tuple(parts), node)

    # -- names ---------------------------------------------------------------------

    def _name(self, node: cst.Name, scope: Scope, env, depth) -> Value:
        name = node.value
        if env is not None and name in env:
            argument, caller_scope, caller_env = env[name]
            return self._evaluate(argument, caller_scope, caller_env, depth).with_names(name, visible=False)
        if name in ("None", "True", "False"):
            return self._hole(node, Origin.OTHER, name)
        bindings = scope.lookup(name)
        if len(bindings) > 1 or not bindings and self.project is None:
            return self._hole(node, Origin.NAME)
        binding = bindings[0] if bindings else None
        if binding is not None and binding.kind == "param":
            return self._hole(node, Origin.PARAM)
        if binding is None or binding.kind == "import":  # imported, or brought by `import *`
            imported = self.binding_of(node, scope)
            if imported is not None and imported.kind == "assign" and imported.value is not None:
                value = self._evaluate(field_default(imported.value), imported.scope, None, depth)
                return Value(value.with_names(name).through(node).parts, node)
            return self._hole(node, Origin.NAME)
        if binding.kind == "assign" and binding.value is not None:
            same = binding.scope is scope
            value = self._evaluate(binding.value, binding.scope, env if same else None, depth)
            return Value(value.with_names(name).through(node).parts, node)
        return self._hole(node, Origin.NAME)

    def _attribute(self, node: cst.Attribute, scope: Scope, env, depth) -> Value:
        attr = node.attr.value
        if attr == "access_token":
            return self._hole(node, Origin.OAUTH)
        owner = (
            self._self_class(node.value, scope)
            or self._named_class(node.value, scope)
            or self.instance_class(node.value, scope)
        )
        if owner is not None:
            assigned = list(owner.self_attrs.get(attr, ()))
            for binding in owner.bindings.get(attr, ()):
                if binding.kind == "assign":
                    default = field_default(binding.value)
                    # `qonto_secret_key: str = ""` in a settings class or a dataclass: a field left
                    # empty here is set at run time (the environment, the constructor), not ""
                    empty = isinstance(default, (cst.SimpleString, cst.ConcatenatedString)) and not string_value(
                        default
                    )
                    assigned.append((None if empty else default, owner))
                elif binding.kind == "function" and len(owner.bindings[attr]) == 1 and not assigned:
                    getter = self._property(binding.node)
                    if getter is not None:  # a @property that returns one expression
                        return Value(
                            self._evaluate(getter.returns[0], getter, None, depth)
                            .with_names(attr, visible=False)
                            .parts,
                            node,
                        )
                    assigned.append((None, owner))
                else:
                    assigned.append((None, owner))
            if len(assigned) == 1 and assigned[0][0] is not None:
                value, where = assigned[0]
                return Value(self._evaluate(value, where, None, depth).with_names(attr).through(node).parts, node)
            return self._hole(node, Origin.ATTRIBUTE)
        if attr in HEADER_CONSTANT_NAMES:
            return Value.of_text("Authorization", node)
        imported = self.binding_of(node, scope) if self.project is not None else None
        if imported is not None and imported.kind == "assign" and imported.value is not None:
            # `settings.QONTO_API_URL`: a constant of another module of the project
            constant = self._evaluate(field_default(imported.value), imported.scope, None, depth)
            return Value(constant.with_names(attr).through(node).parts, node)
        return self._hole(node, Origin.ATTRIBUTE)

    def _constant_item(self, node: cst.Subscript, scope: Scope):
        """`NAME["key"]` where NAME is assigned once, a dict display with that literal key."""
        key = subscript_key(node)
        if not isinstance(node.value, (cst.Name, cst.Attribute, cst.Subscript)) or key is None:
            return None
        wanted = string_value(key) if key is not None else None
        display = self._dict_display(node.value, scope, 0) if wanted is not None else None
        if display is None:
            return None
        for element in display[0].elements:
            if isinstance(element, cst.DictElement) and string_value(element.key) == wanted:
                return element.value, display[1]
        return None

    def _dict_display(self, node, scope: Scope, depth: int) -> tuple[cst.Dict, Scope] | None:
        """The dict display a name holds, here or in an imported module (`settings.QONTO`), or
        one entry of it that is a dict display itself (`CONFIG["qonto"]`)."""
        if depth > 4:
            return None
        if isinstance(node, cst.Subscript):
            outer = self._constant_item(node, scope)
            if outer is not None and isinstance(outer[0], cst.Dict):
                return outer[0], outer[1]
            return None
        binding = self.binding_of(node, scope)
        if binding is not None and binding.kind == "assign" and isinstance(binding.value, cst.Dict):
            return binding.value, binding.scope
        return None

    def _named_class(self, receiver, scope: Scope) -> Scope | None:
        """The class a receiver names: `QontoClient` in `QontoClient.BASE_URL`."""
        if not isinstance(receiver, (cst.Name, cst.Attribute)):
            return None
        return self.class_of(receiver, scope)

    def _property(self, function) -> Scope | None:
        """The scope of a `@property` (or cached property) that returns one expression."""
        if not isinstance(function, cst.FunctionDef) or not _decorators(function) & _PROPERTIES:
            return None
        getter = self.scope_of(function)
        if getter is None or len(getter.returns) != 1 or getter.returns[0] is None:
            return None
        return getter

    def _self_class(self, receiver, scope: Scope) -> Scope | None:
        """The class of `self` when `receiver` is a method's first parameter."""
        if not isinstance(receiver, cst.Name):
            return None
        for candidate in scope.chain():
            owner = candidate.enclosing_class
            if owner is not None:
                if candidate.params and candidate.params[0] == receiver.value:
                    return owner
                return None
        return None

    def _subscript(self, node: cst.Subscript, scope: Scope, env, depth) -> Value:
        key = last_name(node)
        if key == "access_token":
            return self._hole(node, Origin.OAUTH)
        element = self._constant_item(node, scope)
        if element is not None:  # ENDPOINTS["stripe"], ENDPOINTS = {"stripe": "https://..."}
            value, where = element
            return Value(self._evaluate(value, where, None, depth).with_names(key or "").parts, node)
        candidate = self._candidate_entry(node, scope, depth)
        if candidate is not None:
            return candidate
        base = dotted_name(node.value)
        if base is not None:
            qual = self.qualname(node.value, scope) or base
            if qual in ("os.environ", "environ"):
                return self._hole(node, Origin.ENV, key)
        return self._hole(node, Origin.ITEM, key)

    def _candidate_entry(self, node: cst.Subscript, scope: Scope, depth) -> Value | None:
        """A dict indexed by a variable: `URLS[env]`, `PROVIDERS[name]["base_url"]` (or
        `cfg["base_url"]` with `cfg = PROVIDERS[name]`). Every entry is a candidate; when they all
        say the same about where a request goes, so does the value:
        - all URLs of other services: the first of them;
        - all Qonto URLs with the same path (production and sandbox): a hole known to be a
          Qonto host (its names end with `qonto_url`), then that path.
        Otherwise None: the value stays unknown."""
        entries = candidates(node, scope, self.changed)
        if not entries or (len(entries) == 1 and entries[0][0] is node) or len(entries) > 16:
            return None
        values = [self._evaluate(entry, where, None, depth) for entry, where in entries]
        refs = [find_urls(value.prefix()) for value in values]
        if not all(found and found[0].start == 0 for found in refs):
            return None
        qonto = [self.facts.hosts.is_qonto(found[0].host) for found in refs]
        if not any(qonto):
            return Value(values[0].parts, node)
        paths = {found[0].path for found in refs}
        if all(qonto) and len(paths) == 1:
            name = last_name(node) or "url"
            hole = Hole(name, Origin.ITEM, node, (name, "qonto_url"))
            return Value((hole, Text(paths.pop(), node)), node)
        return None

    # -- calls ---------------------------------------------------------------------

    def _call(self, node: cst.Call, scope: Scope, env, depth) -> Value:
        func = node.func
        args = node.args
        if isinstance(func, cst.Attribute):
            value = self._method_call(node, func, scope, env, depth)
            if value is not None:
                return value
        qual = self.qualname(func, scope)
        if qual in BASE64_ENCODERS and args:
            inner = self._evaluate(args[0].value, scope, env, depth)
            return Value.of_hole(Hole(last_name(func), Origin.BASE64, node, (last_name(func),), inner=inner))
        if (
            qual in ("codecs.encode", "encode")
            and len(args) >= 2
            and (string_value(args[1].value) or "").lower() in BASE64_CODECS
        ):
            inner = self._evaluate(args[0].value, scope, env, depth)
            return Value.of_hole(Hole("encode", Origin.BASE64, node, ("encode",), inner=inner))
        if qual in URLJOIN and len(args) >= 2:
            base = self._evaluate(args[0].value, scope, env, depth)
            url = self._evaluate(args[1].value, scope, env, depth)
            if "://" in url.prefix():
                return url
            return Value(base.parts + url.parts, node)
        if (
            qual == "str"
            and args
            and not args[0].keyword
            and len(args) <= 3
            and all(a.keyword is None or a.keyword.value in ("encoding", "errors") for a in args[1:])
        ):  # str(x), and str(b, "ascii"), which decodes
            return self._evaluate(args[0].value, scope, env, depth)
        if qual in ("os.getenv", "os.environ.get", "getenv", "environ.get") and args:
            name = string_value(args[0].value)
            return self._hole(node, Origin.ENV, name or last_name(args[0].value) or "environ")
        if isinstance(func, cst.Attribute) and func.attr.value in ("get", "getattr") or qual in ("getattr",):
            strings = [string_value(a.value) for a in args if a.keyword is None]
            named = [s for s in strings if s and _IDENTIFIER.match(s)]
            if named:
                return self._hole(node, Origin.CONFIG, named[-1])
        target = self._callee(func, scope)
        if target is not None:
            return self._inline(node, target[0], target[1], scope, env, depth)
        return self._hole(node, Origin.CALL)

    def _method_call(self, node: cst.Call, func: cst.Attribute, scope: Scope, env, depth) -> Value | None:
        """`receiver.method(...)` for the string and file methods that say what the value is; None
        for other methods (then the call is evaluated as any other)."""
        args = node.args
        method = func.attr.value
        receiver = func.value
        if method == "format":
            return self._format_call(node, receiver, scope, env, depth)
        if method == "join" and len(args) == 1 and not args[0].keyword:
            return self._join(node, receiver, args[0].value, scope, env, depth)
        if method in ("encode", "decode") and self.qualname(func, scope) != "codecs.encode":
            return Value(self._evaluate(receiver, scope, env, depth).parts, node)
        if method in STRIPS:
            return self._strip(node, method, self._evaluate(receiver, scope, env, depth))
        if method in CASE_CHANGES and not args:
            return self._evaluate(receiver, scope, env, depth).mapped_text(CASE_CHANGES[method])
        if method in FILE_READS:
            return self._hole(node, Origin.FILE)
        return None

    def _format_call(self, node: cst.Call, receiver, scope: Scope, env, depth) -> Value:
        """`template.format(...)`, and the unbound form `str.format(template, ...)`."""
        args = node.args
        if (
            isinstance(receiver, cst.Name)
            and receiver.value == "str"
            and args
            and not args[0].keyword
            and not scope.lookup("str")
        ):
            template = self._evaluate(args[0].value, scope, env, depth)
            if template.texts:
                return self._format(node, template, scope, env, depth, args[1:])
            return self._hole(node)
        template = self._evaluate(receiver, scope, env, depth)
        if template.texts:
            return self._format(node, template, scope, env, depth)
        return self._hole(node)

    def _join(self, node, receiver, iterable, scope, env, depth) -> Value:
        sep = self._evaluate(receiver, scope, env, depth)
        if isinstance(iterable, cst.Name) and env is None:
            bindings = scope.lookup(iterable.value)
            if len(bindings) == 1 and bindings[0].kind == "assign":
                iterable = bindings[0].value
        if not isinstance(iterable, (cst.List, cst.Tuple, cst.Set)) or any(
            isinstance(e, cst.StarredElement) for e in iterable.elements
        ):
            return self._hole(node)
        parts: list = []
        for i, element in enumerate(iterable.elements):
            if i:
                parts.extend(Text(p.text, p.node) if isinstance(p, Text) else p for p in sep.parts)
            parts.extend(self._evaluate(element.value, scope, env, depth).parts)
            parts = self._compact(parts, node)
        return Value(tuple(parts), node)

    def _strip(self, node, method, value: Value) -> Value:
        parts = [p.replace(stripped=True) if isinstance(p, Hole) else p for p in value.parts]
        if method in ("strip", "lstrip"):
            while parts and isinstance(parts[0], Text):
                parts[0] = parts[0].replace(text=parts[0].text.lstrip())
                if parts[0].text:
                    break
                parts.pop(0)
        if method in ("strip", "rstrip"):
            while parts and isinstance(parts[-1], Text):
                parts[-1] = parts[-1].replace(text=parts[-1].text.rstrip())
                if parts[-1].text:
                    break
                parts.pop()
        return Value(tuple(parts), node)

    def _callee(self, func, scope: Scope) -> tuple[Scope, bool] | None:
        """The function or method a call runs (of this module, or a function of a project module it
        imports), when it returns one expression, and
        whether the call passes its first parameter implicitly (`self`, `cls`)."""
        target = None
        bound = False
        if isinstance(func, cst.Name):
            binding = self.binding_of(func, scope)
            if binding is not None and binding.kind == "function":
                target = binding.node
        elif isinstance(func, cst.Attribute):
            function = self.binding_of(func, scope) if self.project is not None else None
            if function is not None and function.kind == "function":
                target = function.node  # `auth.api_key()`: a function of another module
            owner = self._self_class(func.value, scope)
            via_instance = owner is not None
            owner = owner or self._named_class(func.value, scope) if target is None else None
            if owner is not None:
                bindings = owner.bindings.get(func.attr.value, [])
                if (
                    len(bindings) == 1
                    and bindings[0].kind == "function"
                    and isinstance(bindings[0].node, cst.FunctionDef)
                ):
                    target = bindings[0].node
                    decorators = _decorators(target)
                    if decorators & _PROPERTIES:
                        return None
                    # self.method(...): self is implicit unless static; Class.method(...): only cls is
                    bound = "classmethod" in decorators or (via_instance and "staticmethod" not in decorators)
        if target is None:
            return None
        callee = self.scope_of(target)
        if callee is None or len(callee.returns) != 1 or callee.returns[0] is None:
            return None
        return callee, bound

    def _inline(self, node: cst.Call, callee: Scope, bound: bool, scope: Scope, env, depth) -> Value:
        params = list(callee.params)
        if bound and params:
            params = params[1:]  # `self` / `cls`
        new_env: Env = {}
        starred = False
        for i, arg in enumerate(node.args):
            if arg.star:
                starred = True
                break
            if arg.keyword is not None:
                new_env[arg.keyword.value] = (arg.value, scope, env)
            elif i < len(params):
                new_env[params[i]] = (arg.value, scope, env)
        if not starred and isinstance(callee.node, cst.FunctionDef):  # parameters left to their defaults
            for param in (*callee.node.params.params, *callee.node.params.kwonly_params):
                name = param.name.value
                if param.default is not None and name not in new_env and callee.parent is not None:
                    new_env[name] = (param.default, callee.parent, None)
        returned = callee.returns[0]
        value = self._evaluate(returned, callee, new_env, depth)
        return Value(value.parts, node)


#: how `_compute` evaluates each class of expression, in the order the classes are tried for a
#: class that is none of them but derives from one; any other expression is a hole
_COMPUTED_CLASSES: tuple[tuple[type, Callable], ...] = (
    (cst.SimpleString, Evaluator._simple_string),
    (cst.ConcatenatedString, Evaluator._concatenated),
    (cst.FormattedString, Evaluator._fstring),
    (cst.BinaryOperation, Evaluator._binary),
    (cst.Call, Evaluator._call),
    (cst.Name, Evaluator._name),
    (cst.Attribute, Evaluator._attribute),
    (cst.Subscript, Evaluator._subscript),
    (cst.Await, Evaluator._await),
    (cst.IfExp, Evaluator._conditional),
)
#: expression class -> its evaluation, found once a class (an `isinstance` against libcst's
#: abstract classes per step cost more than the evaluation of most names)
_COMPUTE: dict[type, Callable] = dict(_COMPUTED_CLASSES)


def _compute_for(cls: type) -> Callable:
    compute = next((method for base, method in _COMPUTED_CLASSES if issubclass(cls, base)), Evaluator._other)
    _COMPUTE[cls] = compute
    return compute


_PROPERTIES = frozenset({"property", "cached_property"})


def _decorators(function: cst.FunctionDef) -> set[str]:
    """The last names of a function's decorators: `staticmethod`, `property`, `functools.cached_property`..."""
    return {
        last_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) for d in function.decorators
    }


def _take(parts, count: int, chars: int, from_end: bool = False) -> list:
    """The first parts (the last ones, `from_end`, in reverse order) within `count` parts and
    `chars` characters of text; a text that would cross the limit is cut to it."""
    out: list = []
    for part in parts:
        if len(out) >= count or chars <= 0:
            break
        if isinstance(part, Text):
            if len(part.text) > chars:
                out.append(part.replace(text=part.text[-chars:] if from_end else part.text[:chars]))
                break
            chars -= len(part.text)
        out.append(part)
    return out


def _unescape(text: str) -> str:
    try:
        return text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return text
