"""What a lint run found, as the reports and `--fix` read it."""

from __future__ import annotations

from ..model import FileResult, Finding


class Linted:
    """What a run found: the files' results, the findings kept (sorted, per-file-ignores
    applied), the internal errors, and what `--fix` needs."""

    def __init__(self) -> None:
        self.results: list[FileResult] = []
        self.findings: list[Finding] = []
        self.errors: list[tuple[str, str, str]] = []  # (path, rule code, one-line reason)
        self.baselined = 0
        #: source lines by (path, cell), for the `full` format
        self.sources: dict | None = None
        self.stdin: StdinInput | None = None
        #: files reached through a link out of the linted tree: --fix leaves them
        self.outside: set = set()


class StdinInput:
    """Standard input as it was read: --fix gives it back (unchanged when excluded or skipped)."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.data = data
        self.excluded = False  # --force-exclude matched --stdin-filename
        self.over_budget = False  # skipped (QNT900) for its cost


def order(finding: Finding):
    return (finding.path, finding.cell or 0, finding.line, finding.column, finding.code, finding.message)
