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


#: a module that takes the engine through every phase (parse, facts, rules, positions, masking)
_WARM_UP = (
    "import requests\n"
    'requests.get("https://thirdparty.qonto.com/v2/x", headers={"Authorization": "Basic " + login + ":" + key})\n'
)


def warm_up() -> None:
    """Import and exercise the engine once, so that the first document opened pays for its own
    analysis only (libcst and the rules take longer to import than a small module to analyse)."""
    import gc

    from ..engine.parsing import plain_constructors

    lint_text(_WARM_UP, "<warm-up>", Options())
    plain_constructors()  # built now rather than during the first large document's parse
    # what is loaded now lives as long as the server: the collector need not look at it again
    gc.collect()
    gc.freeze()
