"""Whitespace taken out of string literals in their source: leading, trailing, around the colon
between login and secret. The source of a literal is edited, not its value, so escapes
(`\\t`, `\\n`), raw strings and f-string pieces keep their spelling; an edit that would not have
exactly the effect worked out on the value is refused (None).
"""

from __future__ import annotations

import libcst as cst

from ..facts.values import Text
from .edits import literal_text, string_body


def apply_text(text: str, ops) -> str:
    """The text of one part with the whitespace named by `ops` removed."""
    if "colon" in ops:
        text = _collapse_colon(text)
    if "lead" in ops:
        text = text.lstrip()
    if "trail" in ops:
        text = text.rstrip()
    return text


def _space_width(body: str, raw: bool, forward: bool):
    """A function telling the width of the whitespace (or `\\n`-style escape) at a position of a
    literal's source, reading forward or backward; 0 when there is none."""

    def width(i: int) -> int:
        if forward:
            if i < len(body) and body[i].isspace():
                return 1
            if not raw and body[i : i + 1] == "\\" and body[i + 1 : i + 2] in ("n", "r", "t") and i + 2 <= len(body):
                return 2
            return 0
        if i > 0 and body[i - 1].isspace():
            return 1
        if not raw and i >= 2 and body[i - 1] in "nrt" and _escapes(body, i - 2):
            return 2
        return 0

    return width


def _escapes(body: str, index: int) -> bool:
    """The backslash at `index` starts an escape (it is not itself escaped: `\\\\n`)."""
    start = index
    while start >= 0 and body[start] == "\\":
        start -= 1
    return (index - start) % 2 == 1


def _strip_body(body: str, raw: bool, lead: bool, trail: bool) -> str:
    start, end = 0, len(body)
    if lead:
        forward = _space_width(body, raw, True)
        while start < end and forward(start):
            start += forward(start)
    if trail:
        backward = _space_width(body, raw, False)
        while end > start and backward(end):
            end -= backward(end)
    return body[start:end]


def _collapse_colon(text: str) -> str:
    """`text` with the whitespace on both sides of its first colon removed (linear)."""
    colon = text.find(":")
    if colon < 0:
        return text
    return text[:colon].rstrip() + ":" + text[colon + 1 :].lstrip()


def _collapse_colon_body(body: str, raw: bool) -> str:
    colon = body.find(":")
    if colon < 0:
        return body
    backward, forward = _space_width(body, raw, False), _space_width(body, raw, True)
    left = colon
    while left > 0 and backward(left):
        left -= backward(left)
    right = colon + 1
    while right < len(body) and forward(right):
        right += forward(right)
    return body[:left] + ":" + body[right:]


def _edit_body(body: str, raw: bool, ops) -> str:
    if "colon" in ops:
        body = _collapse_colon_body(body, raw)
    return _strip_body(body, raw, "lead" in ops, "trail" in ops)


def _edited_body(prefix: str, quote: str, body: str, raw: bool, ops) -> str | None:
    """A literal's source `body` with the whitespace edits `ops` made; None when the edit would not
    have exactly the effect worked out on its text (or a colon edit meets more than one colon)."""
    before = literal_text(prefix, quote, body)
    if before is None or ("colon" in ops and before.count(":") != 1):
        return None
    new_body = _edit_body(body, raw, ops)
    return new_body if literal_text(prefix, quote, new_body) == apply_text(before, ops) else None


def edit_whitespace(node, uses, parts) -> cst.CSTNode | None:
    """The literal `node` with the whitespace edits of its parts made in its source; None when
    the source edit would not have exactly the effect worked out on the text."""
    ops = set().union(*(o for _i, o in uses))
    if isinstance(node, cst.SimpleString):
        opening, body, quote = string_body(node)
        prefix = node.prefix
        raw = "r" in prefix.lower()
        new_body = _edited_body(prefix, quote, body, raw, ops)
        return None if new_body is None else node.with_changes(value=f"{opening}{new_body}{quote}")
    if isinstance(node, cst.FormattedString):
        pieces = [i for i, p in enumerate(node.parts) if isinstance(p, cst.FormattedStringText)]
        texts = [i for i, p in enumerate(parts) if isinstance(p, Text) and p.node is node]
        if len(pieces) != len(texts):
            return None  # the f-string is used more than once in the value: which piece is which?
        prefix = node.prefix.lower().replace("f", "")
        raw = "r" in prefix
        quote = node.start[len(node.prefix) :]
        new_parts = list(node.parts)
        for index, piece_ops in uses:
            piece = pieces[texts.index(index)]
            text = node.parts[piece]
            assert isinstance(text, cst.FormattedStringText)  # `pieces` are the text parts
            new_body = _edited_body(prefix, quote, text.value, raw, piece_ops)
            if new_body is None:
                return None
            new_parts[piece] = text.with_changes(value=new_body)
        return node.with_changes(
            parts=[p for p in new_parts if not (isinstance(p, cst.FormattedStringText) and not p.value)]
        )
    return None
