"""Scopes, bindings and imports of one module, collected in the single facts pass.

libcst's ScopeProvider and QualifiedNameProvider would answer the same questions,
but they need a MetadataWrapper (a deep copy of the tree plus several passes over
every node). The analyzer only asks about a handful of names per header, so one
light table built during the facts pass is enough, and much cheaper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..record import MutableRecord, Record

if TYPE_CHECKING:
    import libcst as cst

ScopeKind = Literal["module", "class", "function"]
BindingKind = Literal["assign", "param", "import", "function", "class", "other"]


class Binding(Record):
    __slots__ = ("name", "kind", "scope", "value", "node", "qualname")

    def __init__(
        self,
        name: str,
        kind: BindingKind,
        scope: Scope,
        value: cst.BaseExpression | None = None,
        node: cst.CSTNode | None = None,
        qualname: str | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.scope = scope
        self.value = value  # the assigned expression, for kind == "assign"
        self.node = node  # FunctionDef / ClassDef / the assignment statement
        self.qualname = qualname  # for imports: the dotted name imported


class Evidence(MutableRecord):
    """What a scope says about the API it talks to: Qonto named or called in it, or another
    service's host (the innermost scope with evidence decides)."""

    __slots__ = ("qonto", "other_host")

    def __init__(self, qonto: bool = False, other_host: bool = False) -> None:
        self.qonto = qonto
        self.other_host = other_host

    @property
    def any(self) -> bool:
        return self.qonto or self.other_host

    def merge(self, other: Evidence) -> None:
        self.qonto = self.qonto or other.qonto
        self.other_host = self.other_host or other.other_host


class Scope(Record):
    __slots__ = ("kind", "node", "parent", "name", "bindings", "evidence", "self_attrs", "returns", "params")

    def __init__(self, kind: ScopeKind, node: cst.CSTNode, parent: Scope | None, name: str = "") -> None:
        self.kind = kind
        self.node = node
        self.parent = parent
        self.name = name
        self.bindings: dict[str, list[Binding]] = {}
        self.evidence = Evidence()
        #: for class scopes: `self.attr = value` assignments made in its methods
        self.self_attrs: dict[str, list[tuple[cst.BaseExpression | None, Scope]]] = {}
        #: for function scopes: the expressions of its `return` statements
        self.returns: list[cst.BaseExpression | None] = []
        #: for function scopes: parameter names in order
        self.params: list[str] = []

    def bind(self, binding: Binding) -> None:
        self.bindings.setdefault(binding.name, []).append(binding)

    @property
    def enclosing_class(self) -> Scope | None:
        """For a method: the class it is defined in."""
        if self.kind == "function" and self.parent is not None and self.parent.kind == "class":
            return self.parent
        return None

    def lookup(self, name: str) -> list[Binding]:
        """The bindings a name refers to here, following Python's scoping rules."""
        scope: Scope | None = self
        first = True
        while scope is not None:
            # Class bodies are not visible from the functions nested in them.
            if first or scope.kind != "class":
                found = scope.bindings.get(name)
                if found:
                    return found
            first = False
            scope = scope.parent
        return []

    def chain(self):
        scope: Scope | None = self
        while scope is not None:
            yield scope
            scope = scope.parent

    @property
    def module(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope
