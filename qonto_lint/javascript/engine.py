"""One JavaScript or TypeScript file: bytes -> tree -> facts -> rules -> `// noqa` -> findings.

The file has passed the same text gate as a Python file (the word `qonto`, or a configured
host, in its text or path): tree_sitter is imported only past it. Findings are the same
`Finding` values as Python's, so every reporter, baseline and exit status works unchanged.
"""

from __future__ import annotations

from ..engine.noqa import JS_NOQA, suppressed
from ..engine.parsing import OverBudget
from ..engine.running import run_rules, skip
from ..model import FileResult, Finding, Options


def lint_javascript(data: bytes, path: str, options: Options, result: FileResult) -> FileResult:
    try:
        if data.count(b"\n") + (not data.endswith(b"\n")) > options.max_lines:
            raise OverBudget("lines", options.max_lines, "max-lines")
        facts = analyse(data, path, options)
        if len(facts.header_sites) > options.max_header_sites:
            raise OverBudget("header sites", options.max_header_sites, "max-header-sites")
        reports = run_rules(facts, options, result)
    except OverBudget as error:
        skip(result, error, options)
        return result
    result.findings.extend(place(reports, data, path))
    return result


def analyse(data: bytes, path: str, options: Options):
    """The facts of one file."""
    from .collect import collect
    from .facts import JsFacts
    from .parse import parse

    module = collect(parse(data, path), "qonto" in path.lower(), options.hosts)
    facts = JsFacts(module, assume_qonto=options.assume_qonto, evaluation_budget=options.max_evaluation_steps)
    facts.want_fixes = False
    return facts


def place(reports: list, data: bytes, path: str) -> list[Finding]:
    """Findings (sorted) at the reported nodes, after `// noqa`; columns count characters."""
    raw_lines = data.split(b"\n")
    lines = [line.decode("utf-8", "replace") for line in raw_lines]
    findings = []
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
        snippet = node.text.decode("utf-8", "replace")
        findings.append(
            Finding(path, line, column, report.code, report.message, end_line, end_column, None, None, snippet)
        )
    return sorted(findings)


def _position(lines: list[bytes], point) -> tuple[int, int]:
    """(1-based line, 1-based column in characters) of a tree-sitter point (row, byte column)."""
    row, byte_column = point
    text = lines[row] if row < len(lines) else b""
    return row + 1, len(text[:byte_column].decode("utf-8", "replace")) + 1
