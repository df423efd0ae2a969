"""The "ignore with `# noqa: CODE`" edit: a comment added to a finding's line, or a code added
to the noqa comment already there.

A `# noqa` silences a finding on the first or the last line of its range (engine/noqa.py). The
comment goes on the first of those lines that ends outside a string literal: a line inside a
triple-quoted string cannot hold a comment.
"""

from __future__ import annotations

import io
import re
import tokenize

#: a noqa comment with codes: the codes end where the new one goes
_NOQA_CODES = re.compile(r"(?i)#\s*noqa:\s?[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*")


def _line_comments(text: str) -> tuple[set[int], dict[int, tuple[int, str]]]:
    """(0-based lines that end outside a string, {line: (column, text) of its comment})."""
    ends: set[int] = set()
    comments: dict[int, tuple[int, str]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in (tokenize.NEWLINE, tokenize.NL):
                ends.add(token.start[0] - 1)
            elif token.type == tokenize.COMMENT:
                comments[token.start[0] - 1] = (token.start[1], token.string)
                ends.add(token.start[0] - 1)
            elif token.type == tokenize.ENDMARKER:
                ends.add(token.start[0] - 1)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass  # an unfinished buffer: the lines read so far are known
    return ends, comments


def noqa_edit(text: str, code: str, first: int, last: int) -> tuple[int, int, int, str] | None:
    """The edit that silences `code` for a finding on 0-based lines `first`..`last`:
    (line, start column, end column, new text), columns in code points; None when neither line
    can hold a comment."""
    from .text import split_lines

    lines = split_lines(text)
    ends, comments = _line_comments(text)
    for number in dict.fromkeys((first, last)):
        if number not in ends or number >= max(len(lines), 1):
            continue
        body = lines[number].rstrip("\r\n") if lines else ""
        comment = comments.get(number)
        if comment is not None:
            column, comment_text = comment
            match = _NOQA_CODES.search(comment_text)
            if match is not None:
                at = column + match.end()
                return (number, at, at, f", {code}")
        stripped = len(body.rstrip())
        return (number, stripped, len(body), f"  # noqa: {code}")
    return None
