"""The `json` and `json-lines` formats, shaped like ruff's `--output-format json`."""

from __future__ import annotations

import json
import os
import re
from typing import TextIO

from ..masking import mask_text
from ..model import Finding

_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(document, **kwargs) -> str:
    """JSON with non-ASCII text as it is, except a lone surrogate (from a file name that is not
    UTF-8), which becomes its `\\u` escape: the output stays valid UTF-8 and reads back the same."""
    text = json.dumps(document, ensure_ascii=False, **kwargs)
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _json_object(f: Finding) -> dict:
    return {
        "cell": f.cell,
        "code": f.code,
        "end_location": {"column": f.end_column or f.column, "row": f.end_line or f.line},
        "filename": os.path.abspath(f.path) if f.path != "-" else f.path,
        "fix": None if f.fix is None else f.fix.json(),
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
