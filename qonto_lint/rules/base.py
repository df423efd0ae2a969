"""What a rule is: a code, a name, its documentation and examples, and a check over facts."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterator

if TYPE_CHECKING:
    from ..facts import Facts


@dataclass(frozen=True)
class Report:
    """A rule's finding before it has a position: the node it is about and the message."""

    code: str
    node: Any
    message: str
    fix: Any = None


@dataclass(frozen=True)
class Example:
    """A source snippet and, for INVALID examples, the (line, column) the rule reports (1-based)."""

    code: str
    line: int = 0
    column: int = 0
    path: str = "qonto_client.py"

    @property
    def source(self) -> str:
        return textwrap.dedent(self.code).lstrip("\n")


class Rule:
    CODE: ClassVar[str]
    NAME: ClassVar[str]
    SUMMARY: ClassVar[str]
    FIXABLE: ClassVar[bool] = False
    #: Markdown with the sections "## What it does", "## Why is this bad?", "## Example", "Use instead:"
    DOCS: ClassVar[str]
    VALID: ClassVar[list[Example]] = []
    INVALID: ClassVar[list[Example]] = []

    def check(self, facts: "Facts") -> Iterator[Report]:  # pragma: no cover - interface
        raise NotImplementedError

    def report(self, node: Any, message: str, fix: Any = None) -> Report:
        return Report(self.CODE, node, message, fix)

    @classmethod
    def docs(cls) -> str:
        return textwrap.dedent(cls.DOCS).strip() + "\n"
