"""Fake HTTP servers in tests: which calls register an answer with a mock library.

A registration (`responses.add(GET, url, ...)`, `respx.get(url)`, `m.get(url, ...)` on a
`requests_mock.Mocker()`, `httpserver.expect_request(...)`) names a URL the test pretends to
serve and, often, headers to match or to answer with: neither is a request the code sends.
The libraries are data (`knowledge/http_clients.py`, `MOCKS`).
"""

from __future__ import annotations

import libcst as cst

from ..knowledge.http_clients import MOCK_CONSTRUCTORS, MOCK_FIXTURES, MOCK_MODULES
from .collect import last_name
from .scopes import Scope

#: how far a mock object is followed through names (`with Mocker() as m`, `router = respx.mock()`)
_MAX_DEPTH = 4


class MockCalls:
    """Answers, for one module, whether a call (or a node inside one) registers a fake answer."""

    def __init__(self, scopes: tuple[Scope, ...], parents: dict[cst.CSTNode, cst.CSTNode]) -> None:
        self._parents = parents
        self._cache: dict[cst.CSTNode, bool] = {}
        # Most modules import no mock library and take no mock fixture: every answer is then no.
        self.possible = any(_mentions_mocks(scope) for scope in scopes)

    def is_mock(self, call: cst.Call, scope: Scope) -> bool:
        """`call` registers a fake answer (or makes the object that does)."""
        if not self.possible:
            return False
        if call not in self._cache:
            self._cache[call] = False  # cycle guard
            self._cache[call] = self._is_mock(call.func, scope, 0)
        return self._cache[call]

    def within(self, node: cst.CSTNode, scope: Scope) -> bool:
        """`node` is an argument of a registration, or part of one (`f"{SANDBOX}/v2"` in `respx.get(...)`)."""
        if not self.possible:
            return False
        current = self._parents.get(node)
        while current is not None and not isinstance(current, (cst.BaseStatement, cst.BaseSmallStatement)):
            if isinstance(current, cst.Call) and self.is_mock(current, scope):
                return True
            current = self._parents.get(current)
        return False

    def _is_mock(self, func: cst.BaseExpression, scope: Scope, depth: int) -> bool:
        root = func
        while isinstance(root, cst.Attribute):
            root = root.value
        if isinstance(root, cst.Call):  # `respx.get(url).mock(...)`, `requests_mock.Mocker().get(...)`
            return depth < _MAX_DEPTH and self._is_mock(root.func, scope, depth + 1)
        if not isinstance(root, cst.Name):
            return False
        bindings = scope.lookup(root.value)
        if len(bindings) != 1:
            return False
        binding = bindings[0]
        if binding.kind == "import":
            return (binding.qualname or "").split(".")[0] in MOCK_MODULES
        if binding.kind == "param":
            if func is not root and self._self_attribute_is_mock(func, root, binding.scope, depth):
                return True
            return func is not root and self._mock_param(root.value, binding.scope)
        if binding.kind == "assign" and isinstance(binding.value, cst.Call) and depth < _MAX_DEPTH:
            # `with requests_mock.Mocker() as m`, `rsps = responses.RequestsMock()`
            value = binding.value
            return last_name(value.func) in MOCK_CONSTRUCTORS and self._is_mock(value.func, binding.scope, depth + 1)
        return False

    def _self_attribute_is_mock(self, func: cst.BaseExpression, root: cst.Name, scope: Scope, depth: int) -> bool:
        """`self.rsps.add(...)` where a method did `self.rsps = responses.RequestsMock()`."""
        owner = scope.enclosing_class
        if owner is None or not scope.params or scope.params[0] != root.value or depth >= _MAX_DEPTH:
            return False
        attribute = func
        while isinstance(attribute, cst.Attribute) and attribute.value is not root:
            attribute = attribute.value
        if not isinstance(attribute, cst.Attribute) or attribute is func:
            return False  # `self.method(...)`: a call on the instance itself
        assigned = owner.self_attrs.get(attribute.attr.value, [])
        if len(assigned) != 1:
            return False
        value, where = assigned[0]
        if not isinstance(value, cst.Call):
            return False
        return last_name(value.func) in MOCK_CONSTRUCTORS and self._is_mock(value.func, where, depth + 1)

    def _mock_param(self, name: str, scope: Scope) -> bool:
        """A fixture of a mock library (`respx_mock`), or the mock a decorator passes to the test it
        wraps (`@requests_mock.Mocker()` then `def test(self, m)`: the last parameter)."""
        if name in MOCK_FIXTURES:
            return True
        function = scope.node
        if not isinstance(function, cst.FunctionDef) or not scope.params or scope.params[-1] != name:
            return False
        for decorator in function.decorators:
            made = decorator.decorator
            if (
                isinstance(made, cst.Call)
                and last_name(made.func) in MOCK_CONSTRUCTORS
                and self._is_mock(made.func, scope.parent or scope, _MAX_DEPTH - 1)
            ):
                return True
        return False


def _mentions_mocks(scope: Scope) -> bool:
    for bindings in scope.bindings.values():
        for binding in bindings:
            if binding.kind == "import" and (binding.qualname or "").split(".")[0] in MOCK_MODULES:
                return True
            if binding.kind == "param" and binding.name in MOCK_FIXTURES:
                return True
    return False
