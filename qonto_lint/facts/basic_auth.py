"""Where a Python module makes an HTTP client send Basic auth: `auth=(login, secret)`,
`session.auth = (login, secret)` and the libraries' Basic auth helpers (`HTTPBasicAuth(...)`).

Each place is a `questions.BasicAuthUse`, the record the JavaScript front end produces too, so
that QNT107 decides on it the same way whichever language it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

import libcst as cst

from ..knowledge.http_clients import BASIC_AUTH_LABELS
from .questions import BasicAuthUse
from .values import Value

if TYPE_CHECKING:
    from .collect import AuthAssign, CallFact
    from .scopes import Binding, Scope

#: how messages name the two forms that are not a helper's call
AUTH_TUPLE = "an auth=(login, secret) tuple"
SESSION_AUTH = "session.auth = (login, secret)"


class BasicAuthQuestions:
    if TYPE_CHECKING:  # what `Facts` provides
        project: Any

        @property
        def requests(self) -> list[CallFact]: ...
        @property
        def auth_assigns(self) -> list[AuthAssign]: ...
        @property
        def basic_helpers(self) -> list[CallFact]: ...

        def binding_of(self, node: cst.CSTNode, scope: Scope) -> Binding | None: ...
        def qualname(self, node: cst.CSTNode, scope: Scope) -> str | None: ...
        def carriers(self, node: cst.CSTNode, scope: Scope, keyword: str = "headers") -> list[CallFact]: ...
        def requests_on(self, target: cst.CSTNode, scope: Scope) -> list[CallFact]: ...
        def exported_session_targets(self, target: cst.CSTNode, scope: Scope) -> list: ...
        def targets_of(self, facts_: list[CallFact]) -> list: ...
        def parent(self, node: cst.CSTNode | None) -> cst.CSTNode | None: ...
        def value(self, node: cst.BaseExpression, scope: Scope) -> Value: ...

    @cached_property
    def basic_auth_uses(self) -> list[BasicAuthUse]:
        return list(self._basic_auth_uses())

    def _basic_auth_uses(self) -> Iterator[BasicAuthUse]:
        seen: set = set()
        for fact in self.requests:
            for arg in fact.node.args:
                if arg.keyword is None or arg.keyword.value != "auth":
                    continue
                found = self._auth_pair(arg.value, fact)
                if found is None:
                    continue
                pair, pair_scope = found
                # a tuple written in another module (`auth=settings.QONTO_AUTH`) is reported
                # where it is sent: the `auth=` argument of this module
                here = pair if self.project is None or self.project.foreign(pair) is None else arg.value
                if here not in seen:
                    seen.add(here)
                    targets = self.targets_of(self.carriers(here, fact.scope, "auth") or [fact])
                    yield BasicAuthUse(here, AUTH_TUPLE, fact.scope, targets, self._arguments(pair, pair_scope))
        for assign in self.auth_assigns:
            value = assign.value_node
            if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == 2 and value not in seen:
                seen.add(value)
                targets = self.targets_of(self.requests_on(assign.target.value, assign.scope))
                targets = targets or self.exported_session_targets(assign.target.value, assign.scope)
                yield BasicAuthUse(value, SESSION_AUTH, assign.scope, targets, self._arguments(value, assign.scope))
        for helper in self.basic_helpers:
            label = self._helper_label(helper)
            if label is None:
                continue
            keyword = "headers" if "make_headers" in label else "auth"
            targets = self._helper_targets(helper, keyword)
            yield BasicAuthUse(helper.node, label, helper.scope, targets, self._arguments(helper.node, helper.scope))

    def _auth_pair(self, value: cst.BaseExpression, fact: CallFact):
        """The `(login, secret)` display an `auth=` value is, or names (in this module or, through
        the project's imports, in another), with the scope it is written in."""
        if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == 2:
            return value, fact.scope
        if isinstance(value, (cst.Name, cst.Attribute)):
            binding = self.binding_of(value, fact.scope)
            if (
                binding is not None
                and binding.kind == "assign"
                and isinstance(binding.value, (cst.Tuple, cst.List))
                and len(binding.value.elements) == 2
            ):
                return binding.value, binding.scope
        return None

    def _helper_label(self, helper: CallFact) -> str | None:
        qual = self.qualname(helper.node.func, helper.scope) or ""
        label = BASIC_AUTH_LABELS.get(qual)
        if label is None:
            return None
        if "make_headers" in qual and not any(
            a.keyword is not None and a.keyword.value == "basic_auth" for a in helper.node.args
        ):
            return None
        return label

    def _helper_targets(self, helper: CallFact, keyword: str) -> list:
        carriers = self.carriers(helper.node, helper.scope, keyword)
        if not carriers:
            parent = self.parent(helper.node)
            if (
                isinstance(parent, cst.Assign)
                and len(parent.targets) == 1
                and isinstance(parent.targets[0].target, cst.Attribute)
            ):
                target = parent.targets[0].target
                if target.attr.value == "auth":
                    carriers = self.requests_on(target.value, helper.scope)
                    if not carriers:  # `s.auth = HTTPBasicAuth(...)` in a session factory
                        return self.exported_session_targets(target.value, helper.scope)
        return self.targets_of(carriers)

    def _arguments(self, node: cst.CSTNode, scope: Scope) -> Callable[[], Value]:
        """What the tuple's elements or the helper's arguments carry, computed when asked."""

        def value() -> Value:
            if isinstance(node, (cst.Tuple, cst.List)):
                expressions = [e.value for e in node.elements]
            elif isinstance(node, cst.Call):
                expressions = [a.value for a in node.args]
            else:
                expressions = []
            parts: tuple = ()
            for expression in expressions:
                parts += self.value(expression, scope).parts
            return Value(parts, node)

        return value
