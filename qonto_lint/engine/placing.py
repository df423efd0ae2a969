"""Reports (a node, a message, a node-level fix) become findings (lines, columns, a placed
fix whose text is masked), after `# noqa`."""

from __future__ import annotations

from ..masking import EditMasker, mask_text
from ..model import Finding, Fix, TextEdit, TextFix
from .noqa import source_lines, suppressed
from .positions import Range, node_ranges


def place(
    reports: list, module, path: str, data: bytes | None = None, parents: dict | None = None, tree=None
) -> tuple[list[Finding], list]:
    """Findings (sorted) and the kept reports with their ranges, after noqa (`parents` and
    `tree`, CPython's AST of the text: see `node_ranges`)."""
    wanted = [r.node for r in reports]
    for report in reports:
        if report.fix is not None:
            wanted.extend(edit.node for edit in report.fix.edits)
    ranges = node_ranges(module, wanted, parents, tree)
    lines = source_lines(module, data)
    placer = _FixPlacer(module, ranges, lines)
    findings = []
    kept = []
    seen = set()
    for report in reports:
        start_line, start_col, end_line, end_col = ranges.get(report.node, (1, 0, 1, 0))
        if suppressed(lines, start_line, end_line, report.code):
            continue
        key = (report.code, start_line, start_col, report.message)
        if key in seen:
            continue
        seen.add(key)
        kept.append((report, (start_line, start_col, end_line, end_col)))
        findings.append(
            Finding(
                path,
                start_line,
                start_col + 1,
                report.code,
                report.message,
                end_line,
                end_col + 1,
                placer(report.fix),
                None,
                module.code_for_node(report.node),
            )
        )
    return sorted(findings), kept


class _FixPlacer:
    """Node-level fixes placed in one module's text, masked once here for every output."""

    def __init__(self, module, ranges: dict[object, Range], lines: list[str]) -> None:
        self.module = module
        self.ranges = ranges
        self.lines = lines
        self._mask: EditMasker | None = None  # built on the first fix: most files have none

    def __call__(self, fix: Fix | None) -> TextFix | None:
        if fix is None or any(edit.node not in self.ranges for edit in fix.edits):
            return None
        if self._mask is None:
            self._mask = EditMasker(self.lines)
        edits = []
        for edit in fix.edits:
            start_line, start_col, end_line, end_col = self.ranges[edit.node]
            content = self._mask(self.module.code_for_node(edit.replacement))
            edits.append(TextEdit(content, start_line, start_col + 1, end_line, end_col + 1))
        return TextFix(mask_text(fix.message), tuple(edits), fix.safe)
