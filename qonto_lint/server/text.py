"""Text positions and edits as the Language Server Protocol counts them, without pygls.

The engine counts lines from 1 and columns in code points from 1; the protocol counts both
from 0, and columns in the code units the client chose (UTF-16 unless it offered UTF-8 or
UTF-32). Lines end at `\\n`, `\\r\\n` or `\\r` only, as for Python and the protocol: str.splitlines
would also break at form feeds and U+2028, which are inside a Python line.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str) -> list[str]:
    """The lines of `text`, each with its line ending."""
    return _LINE.findall(text)


def units(text: str, encoding: str) -> int:
    """How many code units of `encoding` ("utf-8", "utf-16" or "utf-32") `text` takes."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _body(line: str) -> str:
    return line.rstrip("\r\n")


class Positions:
    """Conversions between code-point offsets and protocol positions for one text."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.lines = split_lines(text)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def line(self, index: int) -> str:
        """Line `index` (0-based) without its ending; "" past the end."""
        return _body(self.lines[index]) if 0 <= index < len(self.lines) else ""

    def position(self, line: int, column: int) -> tuple[int, int]:
        """A 0-based line and a 0-based code-point column as a protocol (line, character)."""
        if line >= len(self.lines):
            if not self.lines:
                return (0, 0)
            last = self.lines[-1]
            if last.endswith(("\n", "\r")):
                return (len(self.lines), 0)
            return (len(self.lines) - 1, units(last, self.encoding))
        body = self.line(line)
        return (line, units(body[: max(0, column)], self.encoding))

    def finding_range(self, line: int, column: int, end_line: int, end_column: int) -> tuple[tuple[int, int], ...]:
        """A finding's 1-based (line, column, end line, end column) as a protocol range."""
        start = self.position(line - 1, column - 1)
        if end_line <= 0:  # no end: the rest of the line
            end = self.position(line - 1, len(self.line(line - 1)))
        else:
            end = self.position(end_line - 1, end_column - 1)
        return (start, max(start, end))

    def offset(self, line: int, character: int) -> int:
        """The code-point offset in the text of a protocol (line, character)."""
        if line >= len(self.lines):
            return len(self.text)
        body = self.line(max(0, line))
        count = 0
        for index, char in enumerate(body):
            if count >= character:
                return self.starts[line] + index
            count += units(char, self.encoding)
        return self.starts[line] + len(body)

    def at(self, offset: int) -> tuple[int, int]:
        """The protocol (line, character) of a code-point offset."""
        import bisect

        line = max(0, bisect.bisect_right(self.starts, offset) - 1)
        if line >= len(self.lines):
            return self.position(line, 0)
        return self.position(line, offset - self.starts[line])


Edit = tuple[tuple[int, int], tuple[int, int], str]


def text_edits(before: str, after: str, encoding: str = "utf-16") -> list[Edit]:
    """Edits ((line, character), (line, character), new text) that turn `before` into `after`:
    one per changed run of lines, each cut down to the characters that differ."""
    import difflib

    if before == after:
        return []
    positions = Positions(before, encoding)
    old, new = positions.lines, split_lines(after)
    edits: list[Edit] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = positions.starts[i1], positions.starts[i2]
        removed, added = before[start:end], "".join(new[j1:j2])
        prefix = _common_prefix(removed, added)
        suffix = _common_prefix(removed[prefix:][::-1], added[prefix:][::-1])
        edits.append(
            (
                positions.at(start + prefix),
                positions.at(end - suffix),
                added[prefix : len(added) - suffix],
            )
        )
    return edits


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b):
        if x != y:
            break
        size += 1
    return size


def apply_edits(text: str, edits: list[Edit], encoding: str = "utf-16") -> str:
    """`text` with protocol edits applied (what a client does with a WorkspaceEdit)."""
    positions = Positions(text, encoding)
    spans = sorted(((positions.offset(*start), positions.offset(*end), new) for start, end, new in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
