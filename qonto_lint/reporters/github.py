"""The `github` format: GitHub Actions workflow commands."""

from __future__ import annotations

import os
from typing import TextIO

from ..masking import mask_text, visible
from ..model import Finding


def _github_escape(text: str, property_value: bool = False) -> str:
    # CR and LF as the workflow command syntax escapes them; any other control character
    # (ESC...) escaped visibly, so that nothing reaches the log raw
    text = visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    """GitHub Actions workflow commands, as ruff writes them:
    `::error title=qonto-lint (QNT…),file=…,line=…,col=…,endLine=…,endColumn=…::message`."""
    for f in findings:
        path = _github_escape(relative_posix(f.path), True)
        message = mask_text(f.message) if f.cell is None else f"cell {f.cell}: {mask_text(f.message)}"
        title = _github_escape(f"qonto-lint ({f.code})", True)
        place = f"line={f.line},col={f.column},endLine={f.end_line or f.line},endColumn={f.end_column or f.column}"
        stream.write(f"::error title={title},file={path},{place}::{_github_escape(message)}\n")


def relative_posix(path: str) -> str:
    if path == "-":
        return path
    relative = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    return relative.replace(os.sep, "/")
