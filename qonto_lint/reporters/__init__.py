"""Reporters: each takes the sorted findings and writes them to a stream.

Nothing here prints a secret: messages, fix edits and source lines go through
`masking` (the one masking module) on their way out.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable
from typing import TextIO

from .. import __version__
from ..engine import DOCS_URL, Finding
from ..masking import MaskedLines, mask_text, visible

_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(document, **kwargs) -> str:
    """JSON with non-ASCII text as it is, except a lone surrogate (from a file name that is not
    UTF-8), which becomes its `\\u` escape: the output stays valid UTF-8 and reads back the same."""
    text = json.dumps(document, ensure_ascii=False, **kwargs)
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def mask_line(line: str) -> str:
    """A source line with every real-looking credential masked (for `full` output and diffs)."""
    return mask_text(line)


from ..textout import _colour, _headline, text_reporter  # noqa: E402 (the text format lives apart: cheap to import)


def full_reporter(
    findings: list[Finding], stream: TextIO, *, color: bool = False, sources: dict | None = None, **_: object
) -> None:
    """The text line, then the source line (secrets masked) with a caret under the column."""
    sources = sources or {}
    # Each source is masked once, as a whole (a key split over lines is found), and each line is
    # built once, however many findings it has: per finding, masking a long line again would
    # cost findings x line length.
    masked: dict = {}
    shown_lines: dict = {}
    for f in findings:
        stream.write(_headline(f, color))
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
            stream.write(f"  {' ' * len(gutter)}{pad}{_colour('^', '1;31', color)}\n")
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


def _masked_fix(fix) -> dict | None:
    if not (isinstance(fix, dict) and "edits" in fix):
        return None
    edits = [
        dict(edit, content=mask_text(edit["content"])) if isinstance(edit.get("content"), str) else edit
        for edit in fix["edits"]
    ]
    return dict(
        fix,
        message=mask_text(fix["message"]) if isinstance(fix.get("message"), str) else fix.get("message"),
        edits=edits,
    )


def _json_object(f: Finding) -> dict:
    return {
        "cell": f.cell,
        "code": f.code,
        "end_location": {"column": f.end_column or f.column, "row": f.end_line or f.line},
        "filename": os.path.abspath(f.path) if f.path != "-" else f.path,
        "fix": _masked_fix(f.fix),
        "location": {"column": f.column, "row": f.line},
        "message": mask_text(f.message),
        "noqa_row": f.line,
        "url": f.url,
    }


def json_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    """A JSON list shaped like ruff's `--output-format json`."""
    stream.write(json_text([_json_object(f) for f in findings], indent=2) + "\n")


def json_lines_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    """One JSON object (as in `json`) a line."""
    for f in findings:
        stream.write(json_text(_json_object(f)) + "\n")


def _github_escape(text: str, property_value: bool = False) -> str:
    # CR and LF as the workflow command syntax escapes them; any other control character
    # (ESC...) escaped visibly, so that nothing reaches the log raw
    text = visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=QNT…::message`."""
    for f in findings:
        path = _github_escape(_relative_posix(f.path), True)
        message = mask_text(f.message) if f.cell is None else f"cell {f.cell}: {mask_text(f.message)}"
        stream.write(f"::error file={path},line={f.line},col={f.column},title={f.code}::{_github_escape(message)}\n")


def sarif_document(findings: list[Finding]) -> dict:
    """SARIF 2.1.0 as GitHub code scanning reads it."""
    from ..rules import ALL_RULES

    rules = [
        {
            "id": rule.CODE,
            "name": rule.NAME,
            "shortDescription": {"text": rule.SUMMARY},
            "fullDescription": {"text": rule.SUMMARY},
            "help": {"text": rule.docs(), "markdown": rule.docs()},
            "helpUri": f"{DOCS_URL}#{rule.CODE.lower()}",
            "defaultConfiguration": {"level": "error"},
            "properties": {"fixable": rule.FIXABLE},
        }
        for rule in ALL_RULES
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for f in findings:
        region = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line or f.line,
            "endColumn": f.end_column or f.column,
        }
        result = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, -1),
            "level": "error",
            "message": {"text": mask_text(f.message)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }
            ],
        }
        if f.cell is not None:
            result["properties"] = {"cell": f.cell}
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "qonto-lint",
                        "version": __version__,
                        "informationUri": DOCS_URL,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }


def sarif_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    stream.write(json_text(sarif_document(findings), indent=2) + "\n")


def _relative_posix(path: str) -> str:
    if path == "-":
        return path
    relative = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    return relative.replace(os.sep, "/")


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(os.fsencode(_relative_posix(path)))  # a name that is not UTF-8: its own bytes, %-encoded


def statistics(findings: list[Finding], stream: TextIO, output_format: str = "text") -> None:
    """The number of findings per code, most frequent first."""
    from ..rules import RULES_BY_CODE

    counts = Counter(f.code for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if output_format in ("json", "json-lines"):
        objects = [
            {"code": code, "name": RULES_BY_CODE[code].NAME if code in RULES_BY_CODE else "", "count": count}
            for code, count in rows
        ]
        if output_format == "json":
            stream.write(json.dumps(objects, indent=2) + "\n")
        else:
            stream.writelines(json.dumps(o) + "\n" for o in objects)
        return
    for code, count in rows:
        rule = RULES_BY_CODE.get(code)
        stream.write(f"{count:>5}\t{code}\t{rule.NAME if rule else ''}\n")


REPORTERS: dict[str, Callable[..., None]] = {
    "text": text_reporter,
    "full": full_reporter,
    "json": json_reporter,
    "json-lines": json_lines_reporter,
    "github": github_reporter,
    "sarif": sarif_reporter,
}
