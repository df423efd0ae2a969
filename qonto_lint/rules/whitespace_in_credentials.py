"""QNT106 whitespace-in-credentials: the credentials carry spaces, tabs or line breaks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ..authorization.shape import shape_of, whitespace_problem
from ..facts.values import Hole, Origin, Text, Value
from ._header_rule import HeaderRule
from .base import Example

if TYPE_CHECKING:
    import libcst as cst

    from ..authorization.shape import Reading
    from ..facts.analysis import Facts
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix


class WhitespaceInCredentials(HeaderRule):
    CODE = "QNT106"
    NAME = "whitespace-in-credentials"
    SUMMARY = "The credentials carry spaces, tabs or line breaks"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` value sent to Qonto with leading or trailing whitespace,
    whitespace around the colon, any line break or tab, or a part read from a file
    (`read()`, `read_text()`, `readline()`) without `.strip()`.

    ## Why is this bad?
    Qonto compares the key byte for byte: a space or the newline at the end of a key
    file makes it a different key, and every call a 401 toward the throttle.

    ## Example
    ```python
    key = Path("qonto.key").read_text()
    headers = {"Authorization": key}
    ```

    Use instead:
    ```python
    key = Path("qonto.key").read_text().strip()
    headers = {"Authorization": key}
    ```

    ## Fix safety
    The fix removes only the whitespace that is part of the credentials: at the start and the end of the whole value and around the colon between login and secret (spaces, `\\n`, `\\r`, `\\t`). Other text in the value is left as written; when that would leave the problem in place (a line break in the middle of the value, whitespace split over several literals) there is no fix. Editing string literals inside the header value is safe, a constant defined elsewhere is unsafe. Adding `.strip()` to a file read is safe inside the header value and unsafe when the read feeds a variable.
    """  # noqa: E501
    VALID = [
        Example("""
            def qonto_headers(path):
                key = path.read_text().strip()
                return {"Authorization": key}
            """),
    ]
    INVALID = [
        Example(
            """
            def qonto_headers(path):
                key = path.read_text()
                return {"Authorization": key}
            """,
            3,
            30,
        ),
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorization": f"{login} : {secret}"}
            """,
            2,
            30,
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        whitespace = whitespace_problem(reading.shape)
        if not whitespace:
            return None
        return Problem(self.CODE, f"{whitespace}: Qonto reads the key byte for byte, so strip it ({COST})")

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        return fix_whitespace(site.value, site.value_node, facts.parents)


def fix_whitespace(value: Value, value_node, parents) -> Fix | None:
    """Strip the whitespace that is part of the credentials: at the start and the end of the
    whole value and around the colon between login and secret, plus `.strip()` on a file read.

    Nothing else in the value is touched (`login + ":" + key + " # a : b "` keeps its inner
    `" : "`). The edits are tried on the value first: when they would not clear the problem
    (a line break in the middle of the value, whitespace split over several literals), or a
    literal's source cannot be edited to the same effect, there is no fix."""
    from ..fixes.edits import Edit, Fix, within

    edits, parts, safe = _strip_file_reads(value, value_node, parents)
    wanted = _whitespace_to_lose(value, parts)
    simulated = list(parts)
    for index, ops in wanted.items():
        simulated[index] = Text(_apply_text(parts[index].text, ops), parts[index].node)
    if whitespace_problem(shape_of(Value(tuple(simulated)), glued=True)) is not None:
        return None  # these edits would not clear it: whitespace we cannot tell apart
    by_node: dict = {}
    for index, ops in wanted.items():
        if simulated[index].text == parts[index].text:
            continue
        node = parts[index].node
        if node is None:
            return None
        by_node.setdefault(node, []).append((index, ops))
    for node, uses in by_node.items():
        replacement = _edit_whitespace(node, uses, parts)
        if replacement is None:
            return None
        edits.append(Edit(node, replacement))
        if not within(node, value_node, parents):
            safe = False  # a constant defined elsewhere: other code may use it as it is
    if not edits:
        return None
    return Fix("Strip the whitespace from the credentials", tuple(edits), safe)


def _strip_file_reads(value: Value, value_node, parents) -> tuple[list, list, bool]:
    """`.strip()` added to each file read of the value that lacks it: (edits, the value's parts
    as they will be, whether the edits stay inside the header value)."""
    import libcst as cst

    from ..fixes.edits import Edit, within

    edits: list[Edit] = []
    safe = True
    parts = list(value.parts)
    for index, hole in enumerate(parts):
        if (
            isinstance(hole, Hole)
            and hole.origin is Origin.FILE
            and not hole.stripped
            and isinstance(hole.node, cst.Call)
        ):
            call = hole.node
            stripped = cst.Call(
                func=cst.Attribute(value=call.with_changes(lpar=(), rpar=()), attr=cst.Name("strip")),
                lpar=call.lpar,
                rpar=call.rpar,
            )
            edits.append(Edit(call, stripped))
            parts[index] = hole.replace(stripped=True)
            if not within(call, value_node, parents):
                safe = False
    return edits, parts, safe


def _whitespace_to_lose(value: Value, parts: list) -> dict[int, set[str]]:
    """What each literal has to lose, by the index of its part in the value."""
    wanted: dict[int, set[str]] = {}
    if parts and isinstance(parts[0], Text):
        wanted.setdefault(0, set()).add("lead")
    if parts and isinstance(parts[-1], Text):
        wanted.setdefault(len(parts) - 1, set()).add("trail")
    shape = shape_of(value, glued=True)
    if not shape.pasted and shape.separators and ":" in shape.separators[0]:
        colon = next((i for i, p in enumerate(parts) if isinstance(p, Text) and ":" in p.text), None)
        if colon is not None:
            wanted.setdefault(colon, set()).add("colon")
    return wanted


def _apply_text(text: str, ops) -> str:
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
    from ..fixes.edits import literal_text

    before = literal_text(prefix, quote, body)
    if before is None or ("colon" in ops and before.count(":") != 1):
        return None
    new_body = _edit_body(body, raw, ops)
    return new_body if literal_text(prefix, quote, new_body) == _apply_text(before, ops) else None


def _edit_whitespace(node, uses, parts) -> cst.CSTNode | None:
    """The literal `node` with the whitespace edits of its parts made in its source; None when
    the source edit would not have exactly the effect worked out on the text."""
    import libcst as cst

    from ..fixes.edits import string_body

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
