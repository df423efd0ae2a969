"""What a rule is: a code, a name, its documentation and examples, what it needs, and a check over facts."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from ..record import ValueRecord

if TYPE_CHECKING:
    from ..facts.analysis import Facts


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

    @property
    def language(self) -> str:
        """`python`, `javascript` or `typescript`: the front end that reads it, by the path's suffix
        (the fence of its code block in docs/rules.md)."""
        suffix = self.path.rsplit(".", 1)[-1].lower()
        if suffix in ("ts", "tsx"):
            return "typescript"
        if suffix in ("js", "jsx", "mjs", "cjs"):
            return "javascript"
        return "python"


class Need(Enum):
    """What a module must hold for a rule to report anything in it, as CPython's AST shows it.

    The prefilter (`prefilter.may_report`) hands a module to libcst only when it holds one of the
    needs of the rules: a rule that reports where its declared needs are absent would be silently
    skipped on real files (tests/rules/test_prefilter_soundness.py runs every example both ways).
    """

    #: a header key: a string naming or misspelling `Authorization` or `X-Qonto-Staging-Token`,
    #: a keyword of that name, or `hdrs.AUTHORIZATION`
    HEADER_KEY = "header key"
    #: an `auth=` / `basic_auth=` keyword, an `.auth =` assignment or a Basic auth helper's name
    AUTH_HELPER = "auth helper"
    #: a string literal that looks like a real credential (`masking.looks_real`)
    REAL_LITERAL = "real-looking literal"
    #: a string holding a Qonto domain or a configured extra host
    QONTO_HOST = "Qonto host"
    #: a `headers=` keyword whose value names Qonto's headers (`qonto.headers`, `QONTO_HEADERS`)
    QONTO_HEADERS = "Qonto headers"


class Rule:
    CODE: ClassVar[str]
    NAME: ClassVar[str]
    SUMMARY: ClassVar[str]
    FIXABLE: ClassVar[bool] = False
    #: Markdown with the sections "## What it does", "## Why is this bad?", "## Example", "Use instead:"
    DOCS: ClassVar[str]
    VALID: ClassVar[list[Example]] = []
    INVALID: ClassVar[list[Example]] = []
    #: what a module must hold for this rule to report in it (every rule declares it in its own class)
    NEEDS: ClassVar[frozenset[Need]]

    def check(self, facts: Facts) -> Iterator[Report]:  # pragma: no cover - interface
        raise NotImplementedError

    def report(self, node: Any, message: str, fix: Any = None) -> Report:
        return Report(self.CODE, node, message, fix)

    @classmethod
    def docs(cls) -> str:
        return textwrap.dedent(cls.DOCS).strip() + "\n"
