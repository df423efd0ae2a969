"""`# noqa` comments: which codes a line silences, and whether a report is silenced."""

from __future__ import annotations

import re

#: compiled on first use by `re`'s cache: only a file with findings reads its noqa comments
_NOQA = r"(?i)#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?"
#: the same in a JavaScript or TypeScript line comment: `// noqa: QNT102`
JS_NOQA = r"(?i)//\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?"


def noqa_codes(line: str, pattern: str = _NOQA) -> frozenset[str] | None:
    """None when the line has no noqa; an empty set for a bare `# noqa`."""
    match = re.search(pattern, line)
    if match is None:
        return None
    codes = match.group("codes")
    if not codes:
        return frozenset()
    return frozenset(code.upper() for code in re.split(r"[,\s]+", codes) if code)


def suppressed(lines: list[str], start: int, end: int, code: str, pattern: str = _NOQA) -> bool:
    """A `# noqa` on the first or the last line of the reported range silences it."""
    for number in {start, end}:
        if 1 <= number <= len(lines):
            codes = noqa_codes(lines[number - 1], pattern)
            if codes is None:
                continue
            if not codes or any(code.startswith(c) for c in codes):
                return True
    return False


def source_lines(module, data: bytes | None) -> list[str]:
    """The source lines for `# noqa`: decoded from the bytes when at hand (cheaper than regenerating)."""
    if data is not None:
        try:
            return data.decode(module.encoding).splitlines()
        except (UnicodeDecodeError, LookupError):
            pass
    return module.code.splitlines()
