"""The text format: `path:line:col: CODE message`. Kept apart from the other reporters so that a
plain run imports nothing more than it prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..masking import for_terminal, visible

if TYPE_CHECKING:
    from ..model import Finding


def location(finding: Finding) -> str:
    """The path (control characters escaped: a file name cannot forge a line or drive the
    terminal), then the position."""
    path = visible(finding.path)
    if finding.cell is not None:
        return f"{path}:cell {finding.cell}:{finding.line}:{finding.column}"
    return f"{path}:{finding.line}:{finding.column}"


def colour(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def marker(f: Finding, unsafe_fixes: bool = False) -> str:
    """ruff's `[*] ` before the message of a finding that `--fix` would fix (with
    `--unsafe-fixes`, unsafe fixes count too)."""
    return "[*] " if f.fix is not None and f.fix.applies(unsafe_fixes) else ""


def headline(f: Finding, color: bool, unsafe_fixes: bool = False) -> str:
    code = colour(f.code, "1;31", color)
    return f"{colour(location(f), '1', color)}: {code} {marker(f, unsafe_fixes)}{for_terminal(f.message)}\n"


def text_reporter(
    findings: list[Finding], stream: TextIO, *, color: bool = False, unsafe_fixes: bool = False, **_: object
) -> None:
    """`path:line:col: CODE [*] message`, or `nb.ipynb:cell 3:line:col: CODE message`."""
    for f in findings:
        stream.write(headline(f, color, unsafe_fixes))
