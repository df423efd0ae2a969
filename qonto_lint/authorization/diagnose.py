"""The guide's diagnosis of one Authorization value, shared by the header rules and `doctor`.

`diagnose_authorization(value)` takes a `Value` (literal text and holes) and returns the
problems it carries, in code order: each header rule's `diagnose` (`rules/_header_rule.py`)
on the value read once. The rules run the same `diagnose` on the value a header site will
carry; `qonto-lint doctor` calls this on `Value.of_text(header)`.
"""

from __future__ import annotations

from functools import cache

from .. import rules
from ..facts.values import Value
from ..rules import HeaderRule
from .problem import Problem
from .shape import read_authorization


@cache
def header_rules() -> tuple[HeaderRule, ...]:
    """The Authorization value rules, in code order."""
    return tuple(rule() for rule in rules.HEADER_RULES)


def diagnose_authorization(value: Value, *, oauth_client: bool = False, glued: bool = False) -> list[Problem]:
    """Problems of an Authorization value sent to Qonto, in code order (`glued`: see shape_of)."""
    reading = read_authorization(value, oauth_client=oauth_client, glued=glued)
    problems = (rule.diagnose(reading) for rule in header_rules())
    return [problem for problem in problems if problem is not None]
