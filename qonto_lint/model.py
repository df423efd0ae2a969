"""The values that cross layers: what the engine is told (`Options`), what it finds (`Finding`,
`FileResult`) and the two forms of a fix.

A rule's fix is node-level (`Fix` of `Edit`s: libcst nodes and their replacements), which is
what `--fix` applies. A finding carries the same fix placed in the file (`TextFix` of
`TextEdit`s: rows, columns and masked replacement text), which is what the reporters print.

Imported by the console script's fast path: no libcst, no dataclasses here.
"""

from __future__ import annotations

from .config import (
    DEFAULT_MAX_EVALUATION_STEPS,
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_HEADER_SITES,
    DEFAULT_MAX_LINES,
    DEFAULT_MAX_SYNTAX_NODES,
)
from .facts.hosts import HostTable
from .record import MutableRecord, ValueRecord

TYPE_CHECKING = False  # typing costs a fast run milliseconds to import; annotations only
if TYPE_CHECKING:
    from typing import Any

    import libcst as cst

DOCS_URL = "https://github.com/qonto-lint/qonto-lint/blob/main/docs/rules.md"


class Edit(ValueRecord):
    """One node of the module replaced by another."""

    __slots__ = ("node", "replacement")

    def __init__(self, node: cst.CSTNode, replacement: cst.CSTNode) -> None:
        self.node = node
        self.replacement = replacement


class Fix(ValueRecord):
    """A rule's fix: edits applied together. *Safe* fixes change literal text inside the
    reported value only; the others are applied with `--unsafe-fixes` only."""

    __slots__ = ("message", "edits", "safe")

    def __init__(self, message: str, edits: tuple[Edit, ...], safe: bool = True) -> None:
        self.message = message
        self.edits = edits
        self.safe = safe


class TextEdit(ValueRecord):
    """An edit placed in the file: 1-based rows and columns, the replacement text masked."""

    __slots__ = ("content", "row", "column", "end_row", "end_column")

    def __init__(self, content: str, row: int, column: int, end_row: int, end_column: int) -> None:
        self.content = content
        self.row = row
        self.column = column
        self.end_row = end_row
        self.end_column = end_column

    def json(self) -> dict:
        return {
            "content": self.content,
            "location": {"row": self.row, "column": self.column},
            "end_location": {"row": self.end_row, "column": self.end_column},
        }


class TextFix(ValueRecord):
    """A fix as a finding carries it (ruff's JSON shape); message and edits already masked."""

    __slots__ = ("message", "edits", "safe")

    def __init__(self, message: str, edits: tuple[TextEdit, ...], safe: bool = True) -> None:
        self.message = message
        self.edits = edits
        self.safe = safe

    @property
    def applicability(self) -> str:
        return "safe" if self.safe else "unsafe"

    def applies(self, unsafe: bool) -> bool:
        """`--fix` (with `--unsafe-fixes` when `unsafe`) would apply it."""
        return bool(self.edits) and (self.safe or unsafe)

    def moved_up(self, lines: int) -> TextFix:
        """The same fix with rows counted `lines` further down (rows inside a notebook cell)."""
        edits = tuple(
            edit.replace(row=max(1, edit.row - lines), end_row=max(1, edit.end_row - lines)) for edit in self.edits
        )
        return self.replace(edits=edits)

    def json(self) -> dict:
        return {"applicability": self.applicability, "message": self.message, "edits": [e.json() for e in self.edits]}


class Finding(ValueRecord):
    """A finding at a 1-based line and a 1-based column. Equal, hashed and ordered by
    (path, line, column, code, message, end_line, end_column)."""

    __slots__ = ("path", "line", "column", "code", "message", "end_line", "end_column", "fix", "cell", "snippet")
    _compared = ("path", "line", "column", "code", "message", "end_line", "end_column")
    #: the reported source text (for baselines and `full` output) is never printed unmasked
    _hidden = ("snippet",)

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        code: str,
        message: str,
        end_line: int = 0,
        end_column: int = 0,
        fix: TextFix | None = None,
        cell: int | None = None,
        snippet: str = "",
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.code = code
        self.message = message
        self.end_line = end_line
        self.end_column = end_column
        self.fix = fix
        self.cell = cell
        self.snippet = snippet

    def __lt__(self, other: Any) -> bool:
        return self._key() < other._key() if other.__class__ is self.__class__ else NotImplemented

    def __le__(self, other: Any) -> bool:
        return self._key() <= other._key() if other.__class__ is self.__class__ else NotImplemented

    def __gt__(self, other: Any) -> bool:
        return self._key() > other._key() if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self, other: Any) -> bool:
        return self._key() >= other._key() if other.__class__ is self.__class__ else NotImplemented

    @property
    def url(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}"


class Options(ValueRecord):
    """What the engine needs to know beyond the source."""

    __slots__ = (
        "select",
        "assume_qonto",
        "hosts",
        "fixes",
        "max_syntax_nodes",
        "max_evaluation_steps",
        "max_lines",
        "max_header_sites",
        "max_file_size",
    )

    def __init__(
        self,
        select: frozenset[str] | None = None,
        assume_qonto: bool = False,
        hosts: HostTable | None = None,
        fixes: bool = True,
        max_syntax_nodes: int = DEFAULT_MAX_SYNTAX_NODES,
        max_evaluation_steps: int = DEFAULT_MAX_EVALUATION_STEPS,
        max_lines: int = DEFAULT_MAX_LINES,
        max_header_sites: int = DEFAULT_MAX_HEADER_SITES,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    ) -> None:
        self.select = select  # None: every rule
        self.assume_qonto = assume_qonto
        self.hosts = HostTable() if hosts is None else hosts
        #: compute fixes (False where nothing will show or apply them: plain text output)
        self.fixes = fixes
        #: budgets of one file (`max-syntax-nodes`, `max-evaluation-steps`, `max-lines`,
        #: `max-header-sites`, `max-file-size` in bytes): past one, the file is skipped with
        #: one QNT900 finding
        self.max_syntax_nodes = max_syntax_nodes
        self.max_evaluation_steps = max_evaluation_steps
        self.max_lines = max_lines
        self.max_header_sites = max_header_sites
        self.max_file_size = max_file_size

    def selected(self, code: str) -> bool:
        return self.select is None or code in self.select

    def gate_words(self) -> tuple[bytes, ...]:
        words = [b"qonto"]
        for host in (*self.hosts.extra_production, *self.hosts.extra_sandbox):
            words.append(host.lower().encode("ascii", "ignore"))
        return tuple(words)


class FileResult(MutableRecord):
    __slots__ = ("path", "findings", "errors", "skipped", "over_budget")

    def __init__(
        self,
        path: str,
        findings: list[Finding] | None = None,
        errors: list[tuple[str, str]] | None = None,
        skipped: bool = False,
        over_budget: bool = False,
    ) -> None:
        self.path = path
        self.findings = [] if findings is None else findings
        #: internal errors: (rule code, one-line reason)
        self.errors = [] if errors is None else errors
        self.skipped = skipped  # did not pass the text gate
        #: skipped for its cost (one of the budgets of `Options`), with a QNT900 finding that says so
        self.over_budget = over_budget
