"""The summary line on stderr (cheap to import: the fast path prints it)."""

from __future__ import annotations


def summary(findings: int, files_with_findings: int, files: int, analysed: int, baselined: int = 0) -> str:
    """The summary line on stderr."""
    files_text = f"{files} file{'' if files == 1 else 's'} ({analysed} analysed)"
    also = f"; {baselined} more in the baseline" if baselined else ""
    if findings:
        noun = "finding" if findings == 1 else "findings"
        return f"Found {findings} {noun} in {files_with_findings} of {files_text}{also}.\n"
    return f"All checks passed: {files_text}{also}.\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 'es' if noun.endswith('x') else 's'}"


def fixable_line(findings, unsafe_fixes: bool) -> str:
    """ruff's second summary line: how many findings `--fix` fixes, and how many more it would
    with `--unsafe-fixes` ("" when there is no fix at all)."""
    safe = unsafe = 0
    for f in findings:
        fix = f.fix
        if fix is None or not fix.edits:
            continue
        if fix.safe or unsafe_fixes:
            safe += 1
        else:
            unsafe += 1
    hidden = f"{_plural(unsafe, 'unsafe fix')} available with `--fix --unsafe-fixes`"
    if safe and unsafe:
        return f"[*] {safe} fixable with `--fix` ({hidden}).\n"
    if safe:
        return f"[*] {safe} fixable with `--fix`.\n"
    return f"{hidden[0].upper()}{hidden[1:]}.\n" if unsafe else ""


def diff_line(would: int, files: int, hidden: int) -> str:
    """After `--diff`: what `--fix` would apply, and the unsafe fixes the diff leaves out."""
    also = f" ({_plural(hidden, 'additional fix')} available with `--unsafe-fixes`)" if hidden else ""
    return f"Would apply {_plural(would, 'fix')} in {files} file{'' if files == 1 else 's'}{also}.\n"
