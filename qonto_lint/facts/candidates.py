"""Every expression a value can come from, when the source names a few and not one.

`config["base_url"]` with `config = PROVIDERS[name]` and `PROVIDERS` a dict display of dict
displays: `name` is not known, so every entry is a candidate and `config["base_url"]` is one of
the entries' `base_url` values. The evaluator follows one binding to one value; this follows a
value to all of its candidates, so that a request can be decided by what all of them say (every
candidate another service's URL: not Qonto's request).

Only what the module writes is followed (names bound by assignment, dict displays, `x[key]`,
`x.get(key[, default])`, `a if c else b`); anything else makes the answer unknown (None), and so
does a dict the module changes after writing it (`PROVIDERS["qonto"] = {...}`): its display
would not hold every candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import libcst as cst

from .collect import string_value, subscript_key

if TYPE_CHECKING:
    from .scopes import Scope

#: how many names, subscripts and conditionals a candidate search goes through
MAX_DEPTH = 6
#: more candidates than this and the answer is unknown (a table of hosts, not a choice of a few)
MAX_CANDIDATES = 32

Candidate = tuple[cst.BaseExpression, "Scope"]


def candidates(
    node: cst.BaseExpression, scope: Scope, changed: Callable[[cst.Name], bool] = lambda name: True
) -> list[Candidate] | None:
    """The expressions `node` may stand for (each with the scope it is written in), or None when
    one of them cannot be told. An expression that is none of the forms followed stands for
    itself. `changed(name)` says whether the module changes the dict a name is bound to after
    binding it (an item set, `.update(...)`): such a dict's display is not all it holds."""
    found = _Search(changed).candidates(node, scope, 0)
    if found is None or not found or len(found) > MAX_CANDIDATES:
        return None
    return found


class _Search:
    def __init__(self, changed: Callable[[cst.Name], bool]) -> None:
        self.changed = changed

    def candidates(self, node: cst.BaseExpression, scope: Scope, depth: int) -> list[Candidate] | None:
        if depth > MAX_DEPTH:
            return None
        if isinstance(node, cst.Name):
            return self._name(node, scope, depth)
        if isinstance(node, cst.IfExp):
            return self._union([(node.body, scope), (node.orelse, scope)], depth)
        if isinstance(node, cst.Subscript):
            key = subscript_key(node)
            return None if key is None else self._items(node.value, key, None, scope, depth)
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "get"
            and 1 <= len(node.args) <= 2
            and all(a.keyword is None and not a.star for a in node.args)
        ):
            default = node.args[1].value if len(node.args) == 2 else None
            return self._items(node.func.value, node.args[0].value, default, scope, depth)
        return [(node, scope)]

    def _name(self, node: cst.Name, scope: Scope, depth: int) -> list[Candidate] | None:
        bindings = scope.lookup(node.value)
        if not bindings or any(b.kind != "assign" or b.value is None for b in bindings):
            return None  # a parameter, an import, a loop variable: not written here
        if any(isinstance(b.value, cst.Dict) for b in bindings) and self.changed(node):
            return None
        return self._union([(b.value, b.scope) for b in bindings if b.value is not None], depth)

    def _union(self, expressions: list[Candidate], depth: int) -> list[Candidate] | None:
        found: list[Candidate] = []
        for expression, where in expressions:
            more = self.candidates(expression, where, depth + 1)
            if more is None:
                return None
            found.extend(more)
            if len(found) > MAX_CANDIDATES:
                return None  # a large table: no use following it further
        return found

    def _items(
        self,
        mapping: cst.BaseExpression,
        key: cst.BaseExpression,
        default: cst.BaseExpression | None,
        scope: Scope,
        depth: int,
    ) -> list[Candidate] | None:
        """The values `mapping[key]` (or `mapping.get(key, default)`) may take."""
        tables = self.candidates(mapping, scope, depth + 1)
        if tables is None:
            return None
        wanted = string_value(key)
        chosen: list[Candidate] = []
        for table, where in tables:
            if not isinstance(table, cst.Dict):
                return None
            elements = [e for e in table.elements if isinstance(e, cst.DictElement)]
            if len(elements) != len(table.elements):
                return None  # {**OTHER, ...}: entries written elsewhere
            # indexed by a variable: every entry is a candidate
            values = [e.value for e in elements if wanted is None or string_value(e.key) == wanted]
            if not values and default is None:
                return None
            chosen.extend((value, where) for value in values)
        if default is not None:
            chosen.append((default, scope))
        return self._union(chosen, depth)
