"""Scopes, bindings and imports of one module, collected in the single facts pass.

libcst's ScopeProvider and QualifiedNameProvider would answer the same questions,
but they need a MetadataWrapper (a deep copy of the tree plus several passes over
every node). The analyzer only asks about a handful of names per header, so one
light table built during the facts pass is enough, and much cheaper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import libcst as cst

ScopeKind = Literal["module", "class", "function"]
BindingKind = Literal["assign", "param", "import", "function", "class", "other"]


@dataclass(eq=False)
class Binding:
    name: str
    kind: BindingKind
    scope: "Scope"
    value: "cst.BaseExpression | None" = None  # the assigned expression, for kind == "assign"
    node: "cst.CSTNode | None" = None  # FunctionDef / ClassDef / the assignment statement
    qualname: str | None = None  # for imports: the dotted name imported


@dataclass
class Evidence:
    """What a scope says about the API it talks to (SPEC §2.3 rule 2)."""

    qonto: bool = False
    other_host: bool = False

    @property
    def any(self) -> bool:
        return self.qonto or self.other_host

    def merge(self, other: "Evidence") -> None:
        self.qonto = self.qonto or other.qonto
        self.other_host = self.other_host or other.other_host


@dataclass(eq=False)
class Scope:
    kind: ScopeKind
    node: "cst.CSTNode"
    parent: "Scope | None"
    name: str = ""
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    evidence: Evidence = field(default_factory=Evidence)
    #: for class scopes: `self.attr = value` assignments made in its methods
    self_attrs: dict[str, list[tuple["cst.BaseExpression | None", "Scope"]]] = field(default_factory=dict)
    #: for function scopes: the expressions of its `return` statements
    returns: list["cst.BaseExpression | None"] = field(default_factory=list)
    #: for function scopes: parameter names in order
    params: list[str] = field(default_factory=list)

    def bind(self, binding: Binding) -> None:
        self.bindings.setdefault(binding.name, []).append(binding)

    @property
    def enclosing_class(self) -> "Scope | None":
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
    def module(self) -> "Scope":
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope
