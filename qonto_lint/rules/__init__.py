"""The rule registry: every rule of this package, discovered, ordered by code.

A rule is one module named after the rule (`basic_scheme_prefix.py` for QNT101
`basic-scheme-prefix`) holding one `Rule` subclass with a `CODE`. Every public module of this
package is imported and searched, so a new rule module is registered by being there; modules
whose name starts with `_` hold what several rules share.

`HEADER_RULES` are the Authorization value rules (`_header_rule.HeaderRule`), in code order:
`doctor` runs their `diagnose` on a pasted value (`authorization.diagnose`).

`ALL_RULES`, `RULES_BY_CODE` and `HEADER_RULES` are built on first use: importing one rule module does not
import the others. Loading the rules does not import libcst either: the prefilter reads every
rule's `NEEDS` to decide whether a module is worth libcst at all, so rule modules import libcst,
the facts' libcst helpers and the fix builders (`qonto_lint.fixes.edits`) inside the functions that
use them (tests/rules/test_registry.py checks it).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TYPE_CHECKING, Any

from ._header_rule import HeaderRule
from .base import Example, Need, Report, Rule


@cache
def _discover() -> tuple[type[Rule], ...]:
    found: list[type[Rule]] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(
            obj
            for obj in vars(module).values()
            if isinstance(obj, type)
            and issubclass(obj, Rule)
            and obj.__module__ == module.__name__
            and "CODE" in vars(obj)
        )
    return tuple(sorted(found, key=lambda rule: rule.CODE))


@cache
def _by_code() -> dict[str, type[Rule]]:
    return {rule.CODE: rule for rule in _discover()}


@cache
def _header_rules() -> tuple[type[HeaderRule], ...]:
    return tuple(rule for rule in _discover() if issubclass(rule, HeaderRule))


if TYPE_CHECKING:
    ALL_RULES: tuple[type[Rule], ...]
    RULES_BY_CODE: dict[str, type[Rule]]
    HEADER_RULES: tuple[type[HeaderRule], ...]


def __getattr__(name: str) -> Any:
    if name == "ALL_RULES":
        return _discover()
    if name == "RULES_BY_CODE":
        return _by_code()
    if name == "HEADER_RULES":
        return _header_rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ALL_RULES", "HEADER_RULES", "RULES_BY_CODE", "Example", "HeaderRule", "Need", "Report", "Rule"]
