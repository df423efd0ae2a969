"""The `sarif` format: SARIF 2.1.0 as GitHub code scanning reads it."""

from __future__ import annotations

import os
from typing import TextIO

from .. import __version__
from ..masking import mask_text
from ..model import DOCS_URL, Finding
from .github import relative_posix
from .json import json_text


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


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(os.fsencode(relative_posix(path)))  # a name that is not UTF-8: its own bytes, %-encoded
