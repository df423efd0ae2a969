"""One document's analysis with the engine, and the edits its fixes make; no pygls here.

The findings are the engine's (`lint_source`), on the text of the editor's buffer, saved or not.
The edits of a fix are computed by the fix machinery (`fixing.fix_one`, `fixing.fix_source`)
on the same text and given back as text edits: the server never writes a file.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from ..model import Finding, Options
from .text import Edit, text_edits


class Analysis(NamedTuple):
    """A document's text at one version, and what the engine found in it."""

    uri: str
    version: int | None
    text: str
    path: str
    options: Options
    findings: tuple[Finding, ...]


def source_bytes(text: str) -> tuple[bytes, str]:
    """The buffer as the file would hold it: in the encoding its coding cookie declares (the
    engine reads columns from the decoded bytes), else UTF-8. Returns (bytes, encoding)."""
    import tokenize

    data = text.encode("utf-8", "surrogatepass")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return data, "utf-8"
    if encoding in ("utf-8", "utf-8-sig"):
        return data, "utf-8"
    try:
        return text.encode(encoding), encoding
    except (LookupError, UnicodeError):
        return data, "utf-8"


def lint_text(text: str, path: str, options: Options) -> tuple[list[Finding], list[tuple[str, str]]]:
    """(findings, internal errors) of the buffer's text; the errors are one masked line each.

    The cyclic garbage collector is paused meanwhile: a module's syntax tree is hundreds of
    thousands of objects that the collector would traverse again and again while they are built;
    the server collects once the diagnostics are out (`collect_garbage`)."""
    import gc

    from ..engine import lint_source

    data, _encoding = source_bytes(text)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        result = lint_source(data, path, options)
    finally:
        if was_enabled:
            gc.enable()
    return list(result.findings), list(result.errors)


def collect_garbage() -> None:
    """The collection `lint_text` put off: the syntax trees of earlier analyses hold cycles."""
    import gc

    gc.collect()


def fix_edits(analysis: Analysis, finding: Finding, encoding: str) -> list[Edit] | None:
    """The text edits of one finding's fix; None when it cannot be applied to this text."""
    from ..fixing import FixError, fix_one

    data, charset = source_bytes(analysis.text)
    try:
        fixed = fix_one(data, analysis.path, analysis.options, finding.code, finding.line, finding.column)
    except FixError:
        return None
    if fixed is None:
        return None
    return text_edits(analysis.text, fixed.decode(charset), encoding)


def fix_all_edits(analysis: Analysis, encoding: str) -> list[Edit] | None:
    """The text edits of every safe fix (`qonto-lint --fix`); None when there is nothing to apply."""
    from ..fixing import FixError, fix_source

    data, charset = source_bytes(analysis.text)
    try:
        outcome = fix_source(data, analysis.path, analysis.options, unsafe=False)
    except FixError:
        return None
    if not outcome.changed:
        return None
    return text_edits(analysis.text, outcome.fixed.decode(charset), encoding)


#: the opening of the warm-up module: it names Qonto (the engine skips a module that does not),
#: and its one mistake takes the engine through every phase (facts, rules, positions, masking)
_WARM_UP_HEAD = """\
from __future__ import annotations

import dataclasses
import os

import requests

BASE_URL = "https://thirdparty.qonto.com/v2"
requests.get(BASE_URL + "/organization", headers={"Authorization": "Basic " + login + ":" + key})
"""

#: one block of the warm-up module, repeated with its number: the syntax of everyday client code
_WARM_UP_BLOCK = '''

@dataclasses.dataclass(frozen=True)
class Page{i}:
    """Resource {i}: one page of it."""

    rows: list[dict[str, object]]
    total: int = 0


class Endpoint{i}:
    def __init__(self, session, login: str, secret_key: str) -> None:
        self.session = session
        self.headers = {{"Authorization": f"{{login}}:{{secret_key}}", "Accept": "application/json"}}

    async def fetch(self, since, *, page: int = {i}, **extra) -> Page{i}:
        params = {{"updated_at_from": since.isoformat(), "page": page, **extra}}
        try:
            response = self.session.get(f"{{BASE_URL}}/transactions", headers=self.headers, params=params, timeout=30)
        except (TimeoutError, ValueError) as error:
            raise RuntimeError(str(error)) from error
        else:
            rows = [row for row in response.json()["transactions"] if row.get("amount", 0) > {i} and not row["x"]]
        finally:
            await self.session.aclose()
        with open(os.devnull, "w", encoding="utf-8") as sink:
            print(f"{{len(rows)!r:>8}} rows", file=sink)
        return Page{i}(sorted(rows, key=lambda row: (row["id"], -row["amount"])), total=len(rows) * 2 - 1)
'''

#: the warm-up module's length: that of a large module, so that the first one opened finds the
#: memory its analysis needs already mapped (a first analysis otherwise takes 10,000 page faults)
_WARM_UP_LINES = 2000


def warm_up_module(lines: int = _WARM_UP_LINES) -> str:
    """A Qonto client module of about `lines` lines, made up for the warm-up."""
    blocks = max(1, (lines - _WARM_UP_HEAD.count("\n")) // _WARM_UP_BLOCK.count("\n"))
    return _WARM_UP_HEAD + "".join(_WARM_UP_BLOCK.format(i=i) for i in range(blocks))


def warm_up() -> None:
    """Import and exercise the engine once, so that the first document opened pays for its own
    analysis only: libcst and the rules take longer to import than a small module to analyse, and
    the first analysis of a large module in a process is a third slower than the next one (it maps
    the memory that later analyses reuse, and takes each path of the engine for the first time).
    The warm-up analyses a large module made up for it (`warm_up_module`)."""
    import gc

    from ..engine.parsing import plain_constructors

    plain_constructors()  # built before the warm-up's parse, which then uses them
    lint_text(warm_up_module(), "<warm-up>", Options())
    # what is loaded now lives as long as the server: the collector need not look at it again
    gc.collect()
    gc.freeze()
