"""QNT106 whitespace-in-credentials: the credentials carry spaces, tabs or line breaks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ..authorization.shape import shape_of, whitespace_problem
from ..facts.values import Hole, Origin, Text, Value
from ._header_rule import HeaderRule
from .base import Example

if TYPE_CHECKING:
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

    Whatever the edit, a fix is safe only where Qonto is seen at the header: the request's URL is a Qonto host, or a part of the value or the client is qonto-named (`QONTO_SECRET_KEY`, `qonto_session`). Where the Qonto context is only inferred (the function's, class's or module's evidence, `qonto` in the path, `assume-qonto`) or the header is also sent to another host, the fix is unsafe: the header may be another service's, and the edit would break its call.
    """  # noqa: E501
    VALID = [
        Example("""
            def qonto_headers(path):
                key = path.read_text().strip()
                return {"Authorization": key}
            """),
        Example(
            """
            import { readFileSync } from "node:fs";
            const apiKey = readFileSync("/run/secrets/qonto_api_key", "utf8").trim();
            fetch("https://thirdparty.qonto.com/v2/organization", { headers: { Authorization: apiKey } });
            """,
            path="server.ts",
        ),
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
        Example(
            """
            const fs = require("fs");
            function readApiKey() {
              return fs.readFileSync("/run/secrets/qonto_api_key", "utf8");
            }
            fetch("https://thirdparty.qonto.com/v2/organization", { headers: { Authorization: readApiKey() } });
            """,
            5,
            83,
            path="server.js",
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        whitespace = whitespace_problem(reading.shape)
        if not whitespace:
            return None
        return Problem(self.CODE, f"{whitespace}: Qonto reads the key byte for byte, so strip it ({COST})")

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        if facts.edits is not None:  # the front end edits its own language's text
            return facts.edits.fix_whitespace(site.value, site.value_node)
        return fix_whitespace(site.value, site.value_node, facts.parents)


def fix_whitespace(value: Value, value_node, parents) -> Fix | None:
    """Strip the whitespace that is part of the credentials: at the start and the end of the
    whole value and around the colon between login and secret, plus `.strip()` on a file read.

    Nothing else in the value is touched (`login + ":" + key + " # a : b "` keeps its inner
    `" : "`). The edits are tried on the value first: when they would not clear the problem
    (a line break in the middle of the value, whitespace split over several literals), or a
    literal's source cannot be edited to the same effect, there is no fix."""
    from ..fixes.edits import Edit, Fix, within
    from ..fixes.whitespace import apply_text, edit_whitespace

    edits, parts, safe = _strip_file_reads(value, value_node, parents)
    wanted = _whitespace_to_lose(value, parts)
    simulated = list(parts)
    for index, ops in wanted.items():
        simulated[index] = Text(apply_text(parts[index].text, ops), parts[index].node)
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
        replacement = edit_whitespace(node, uses, parts)
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
