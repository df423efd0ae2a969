"""The `full` format: the text line, then the source line (secrets masked) with a caret."""

from __future__ import annotations

from typing import TextIO

from ..masking import MaskedLines, visible
from ..model import Finding
from .text import colour, headline


def full_reporter(
    findings: list[Finding],
    stream: TextIO,
    *,
    color: bool = False,
    sources: dict | None = None,
    unsafe_fixes: bool = False,
    **_: object,
) -> None:
    """The text line, then the source line (secrets masked) with a caret under the column."""
    sources = sources or {}
    # Each source is masked once, as a whole (a key split over lines is found), and each line is
    # built once, however many findings it has: per finding, masking a long line again would
    # cost findings x line length.
    masked: dict = {}
    shown_lines: dict = {}
    for f in findings:
        stream.write(headline(f, color, unsafe_fixes))
        lines = sources.get((f.path, f.cell))
        if lines and 1 <= f.line <= len(lines):
            key = (f.path, f.cell)
            if key not in masked:
                masked[key] = MaskedLines([line.rstrip("\r\n") for line in lines])
            source = masked[key]
            if (key, f.line) not in shown_lines:
                shown_lines[(key, f.line)] = source.line(f.line - 1)
            # Masking shortens the line: place the caret under the masked text before the column,
            # and keep tabs so it lines up in a terminal.
            shown, before = _window(shown_lines[(key, f.line)], source.column(f.line - 1, f.column - 1))
            gutter = f"{f.line} | "
            pad = "".join(c if c == "\t" else " " for c in visible(before, keep_tabs=True))
            stream.write(f"  {gutter}{visible(shown, keep_tabs=True)}\n")
            stream.write(f"  {' ' * len(gutter)}{pad}{colour('^', '1;31', color)}\n")
        stream.write("\n")


#: a longer line (once masked) is shown as this many characters around the caret: the whole
#: line under every finding of a minified file would make the output findings x line length
_WINDOW = 200


def _window(shown: str, caret: int) -> tuple[str, str]:
    """(the text shown, the text before the caret), cut around the caret when the line is long."""
    caret = min(caret, len(shown))
    if len(shown) <= _WINDOW:
        return shown, shown[:caret]
    first = max(0, min(caret - _WINDOW // 2, len(shown) - _WINDOW))
    last = first + _WINDOW
    lead = "…" if first else ""
    return lead + shown[first:last] + ("…" if last < len(shown) else ""), lead + shown[first:caret]
