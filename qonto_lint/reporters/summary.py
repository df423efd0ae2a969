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
