"""One JavaScript or TypeScript file: bytes -> tree -> facts -> rules -> `// noqa` -> findings.

The file has passed the same text gate as a Python file (the word `qonto`, or a configured
host, in its text or path): tree_sitter is imported only past it. Findings are the same
`Finding` values as Python's, so every reporter, baseline and exit status works unchanged; a
fix is placed as the same `TextFix`, and `--fix` applies its byte-exact edits (`fix_javascript`).
"""

from __future__ import annotations

from typing import Any

from ..engine.noqa import JS_NOQA, suppressed
from ..engine.parsing import OverBudget
from ..engine.running import run_rules, skip
from ..model import FileResult, Finding, Fix, Options, TextEdit, TextFix
from .evaluate import EvaluationBudgetExceeded


def lint_javascript(data: bytes, path: str, options: Options, result: FileResult) -> FileResult:
    kept = _kept_reports(data, path, options, result)
    if kept is not None:
        result.findings.extend(sorted(finding for _report, finding in kept))
    return result


def _kept_reports(data: bytes, path: str, options: Options, result: FileResult) -> list | None:
    """[(report, finding)] after `// noqa`; None when the file is skipped over a budget."""
    try:
        if data.count(b"\n") + (not data.endswith(b"\n")) > options.max_lines:
            raise OverBudget("lines", options.max_lines, "max-lines")
        facts = analyse(data, path, options)
        if len(facts.header_sites) > options.max_header_sites:
            raise OverBudget("header sites", options.max_header_sites, "max-header-sites")
        reports = run_rules(facts, options, result, (EvaluationBudgetExceeded,))
    except OverBudget as error:
        skip(result, error, options)
        return None
    return place(reports, data, path)


def analyse(data: bytes, path: str, options: Options):
    """The facts of one file."""
    from ..knowledge.qonto import mentions_qonto
    from .collect import collect
    from .facts import JsFacts
    from .parse import parse

    module = collect(parse(data, path), mentions_qonto(path), options.hosts)
    facts = JsFacts(module, data, assume_qonto=options.assume_qonto, evaluation_budget=options.max_evaluation_steps)
    facts.want_fixes = options.fixes
    return facts


def place(reports: list, data: bytes, path: str) -> list:
    """[(report, finding)] at the reported nodes, after `// noqa`; columns count characters."""
    from ..masking import EditMasker, mask_text

    raw_lines = data.split(b"\n")
    lines = [line.decode("utf-8", "replace") for line in raw_lines]
    masker = None
    kept = []
    seen = set()
    for report in reports:
        node = report.node
        line, column = _position(raw_lines, node.start_point)
        end_line, end_column = _position(raw_lines, node.end_point)
        if suppressed(lines, line, end_line, report.code, JS_NOQA):
            continue
        key = (report.code, line, column, report.message)
        if key in seen:
            continue
        seen.add(key)
        fix = None
        if report.fix is not None and report.fix.edits:
            masker = masker or EditMasker(lines)
            fix = _placed(report.fix, data, masker, mask_text)
        snippet = node.text.decode("utf-8", "replace")
        finding = Finding(path, line, column, report.code, report.message, end_line, end_column, fix, None, snippet)
        kept.append((report, finding))
    return kept


def _placed(fix: Fix, data: bytes, masker, mask_text) -> TextFix:
    edits = []
    for edit in fix.edits:
        span: Any = edit.node
        start_line, start_column = _offset_position(data, span.start)
        end_line, end_column = _offset_position(data, span.end)
        edits.append(TextEdit(masker(edit.replacement), start_line, start_column, end_line, end_column))
    return TextFix(mask_text(fix.message), tuple(edits), fix.safe)


def _position(lines: list[bytes], point) -> tuple[int, int]:
    """(1-based line, 1-based column in characters) of a tree-sitter point (row, byte column)."""
    row, byte_column = point
    text = lines[row] if row < len(lines) else b""
    return row + 1, len(text[:byte_column].decode("utf-8", "replace")) + 1


def _offset_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


#: a fix can make another applicable (a prefix removed, then the key renamed): passes until none applies
MAX_PASSES = 5


def fix_javascript(data: bytes, path: str, options: Options, unsafe: bool) -> tuple[bytes, int, str | None]:
    """(the fixed source, how many fixes were applied, why it was refused or None). Each pass
    applies the fixes whose edits do not overlap, from the end of the file backwards; a result
    that parses with errors where the original did not is refused, and the file left as it was."""
    from .parse import parse

    current, applied = data, 0
    had_errors = parse(data, path).root_node.has_error
    for _ in range(MAX_PASSES):
        kept = _kept_reports(current, path, options, FileResult(path)) or []
        spans = _chosen(kept, unsafe)
        if not spans:
            break
        new = current
        for start, end, replacement in sorted((s for fix in spans for s in fix), reverse=True):
            new = new[:start] + replacement.encode("utf-8") + new[end:]
        if new == current:
            break
        if parse(new, path).root_node.has_error and not had_errors:
            return data, 0, "the fixed source does not parse; the file is left as it was"
        current, applied = new, applied + len(spans)
    return current, applied, None


def _chosen(kept: list, unsafe: bool) -> list[list[tuple[int, int, str]]]:
    """The edits of the fixes to apply in one pass: each fix whole, none overlapping another."""
    chosen: list[list[tuple[int, int, str]]] = []
    taken: list[tuple[int, int]] = []
    for report, _finding in kept:
        fix = report.fix
        if fix is None or not fix.edits or not (fix.safe or unsafe):
            continue
        edits = [(e.node.start, e.node.end, e.replacement) for e in fix.edits]
        if any(s < t_end and t_start < e or s == e == t_start for s, e, _r in edits for t_start, t_end in taken):
            continue
        chosen.append(edits)
        taken.extend((s, e) for s, e, _r in edits)
    return chosen
