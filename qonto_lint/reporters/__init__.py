"""Reporters: each takes the sorted findings and writes them to a stream.

Nothing here sees a secret: messages are masked by the rules, and source lines
shown by the `full` format are masked here (`mask_line`).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from typing import Callable, TextIO

from .. import __version__
from ..engine import DOCS_URL, Finding
from ..facts.values import looks_real, mask

_CANDIDATE = re.compile(r"[A-Za-z0-9_.\-:+/=]{16,}")


def mask_line(line: str) -> str:
    """A source line with every real-looking credential masked (for `full` output and diffs)."""

    def replace(match: re.Match) -> str:
        text = match.group(0)
        if looks_real(text) or _looks_base64_secret(text):
            return mask(text)
        return text

    return _CANDIDATE.sub(replace, line)


def _looks_base64_secret(text: str) -> bool:
    from ..checks import _decodes_to_pair

    decoded = _decodes_to_pair(text.rstrip(":"))
    return decoded is not None and looks_real(decoded)


def location(finding: Finding) -> str:
    if finding.cell is not None:
        return f"{finding.path}:cell {finding.cell}:{finding.line}:{finding.column}"
    return f"{finding.path}:{finding.line}:{finding.column}"


def _colour(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def text_reporter(findings: list[Finding], stream: TextIO, *, color: bool = False, **_: object) -> None:
    for f in findings:
        where = _colour(location(f), "1", color)
        code = _colour(f.code, "1;31", color)
        stream.write(f"{where}: {code} {f.message}\n")


def full_reporter(findings: list[Finding], stream: TextIO, *, color: bool = False, sources: dict | None = None, **_: object) -> None:
    sources = sources or {}
    for f in findings:
        where = _colour(location(f), "1", color)
        stream.write(f"{where}: {_colour(f.code, '1;31', color)} {f.message}\n")
        lines = sources.get((f.path, f.cell))
        if lines and 1 <= f.line <= len(lines):
            source_line = mask_line(lines[f.line - 1].rstrip("\r\n"))
            gutter = f"{f.line} | "
            stream.write(f"  {gutter}{source_line}\n")
            caret_pad = " " * (len(gutter) + f.column - 1)
            stream.write(f"  {caret_pad}{_colour('^', '1;31', color)}\n")
        stream.write("\n")


def _json_object(f: Finding) -> dict:
    return {
        "cell": f.cell,
        "code": f.code,
        "end_location": {"column": f.end_column or f.column, "row": f.end_line or f.line},
        "filename": os.path.abspath(f.path) if f.path != "-" else f.path,
        "fix": f.fix if isinstance(f.fix, dict) and "edits" in f.fix else None,
        "location": {"column": f.column, "row": f.line},
        "message": f.message,
        "noqa_row": f.line,
        "url": f.url,
    }


def json_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    json.dump([_json_object(f) for f in findings], stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def json_lines_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    for f in findings:
        stream.write(json.dumps(_json_object(f), ensure_ascii=False) + "\n")


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    for f in findings:
        props = (
            f"file={_github_escape(f.path, True)},line={f.line},col={f.column},"
            f"endLine={f.end_line or f.line},endColumn={f.end_column or f.column},title={f.code}"
        )
        stream.write(f"::error {props}::{_github_escape(f'{f.code} {f.message}')}\n")


def sarif_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    from ..rules import ALL_RULES

    rules = [
        {
            "id": rule.CODE,
            "name": rule.NAME,
            "shortDescription": {"text": rule.SUMMARY},
            "fullDescription": {"text": rule.docs()},
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
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index.get(f.code, -1),
                "level": "error",
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                            "region": region,
                        }
                    }
                ],
            }
        )
    document = {
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
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _uri(path: str) -> str:
    from urllib.parse import quote

    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return quote(relative.replace(os.sep, "/"))


def statistics(findings: list[Finding], stream: TextIO) -> None:
    from ..rules import RULES_BY_CODE

    counts = Counter(f.code for f in findings)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = RULES_BY_CODE.get(code)
        name = rule.NAME if rule else ""
        stream.write(f"{count:>5}\t{code}\t{name}\n")


REPORTERS: dict[str, Callable[..., None]] = {
    "text": text_reporter,
    "full": full_reporter,
    "json": json_reporter,
    "json-lines": json_lines_reporter,
    "github": github_reporter,
    "sarif": sarif_reporter,
}
