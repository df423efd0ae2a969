"""What a rule is: a code, a name, its documentation and examples, and a check over facts."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from ..record import ValueRecord

if TYPE_CHECKING:
    from ..facts import Facts


class Report(ValueRecord):
    """A rule's finding before it has a position: the node it is about and the message."""

    __slots__ = ("code", "node", "message", "fix")

    def __init__(self, code: str, node: Any, message: str, fix: Any = None) -> None:
        self.code = code
        self.node = node
        self.message = message
        self.fix = fix


class Example(ValueRecord):
    """A source snippet and, for INVALID examples, the (line, column) the rule reports (1-based)."""

    __slots__ = ("code", "line", "column", "path")

    def __init__(self, code: str, line: int = 0, column: int = 0, path: str = "qonto_client.py") -> None:
        self.code = code
        self.line = line
        self.column = column
        self.path = path

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

    def check(self, facts: Facts) -> Iterator[Report]:  # pragma: no cover - interface
        raise NotImplementedError

    def report(self, node: Any, message: str, fix: Any = None) -> Report:
        return Report(self.CODE, node, message, fix)

    @classmethod
    def docs(cls) -> str:
        return textwrap.dedent(cls.DOCS).strip() + "\n"
