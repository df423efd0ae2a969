"""The `sarif` format: SARIF 2.1.0 as GitHub code scanning reads it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..masking import mask_text
from ..model import DOCS_URL, Finding
from .github import relative_posix
from .json import json_text


def _rules() -> list[dict]:
    from ..rules import ALL_RULES

    return [
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


def sarif_document(findings: list[Finding]) -> dict:
    """SARIF 2.1.0 as GitHub code scanning reads it."""
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    root = repository_root()
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
                        "artifactLocation": _artifact(f.path, root),
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
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(root).as_uri().rstrip("/") + "/"}},
                "results": results,
            }
        ],
    }


def sarif_reporter(findings: list[Finding], stream: TextIO, **_: object) -> None:
    stream.write(json_text(sarif_document(findings), indent=2) + "\n")


def repository_root(start: str | None = None) -> str:
    """The top of the git work tree holding `start` (the current directory): code scanning
    resolves `%SRCROOT%` there, whichever directory CI ran from. Without git: `start` itself."""
    here = os.path.abspath(start or os.getcwd())
    for directory in (here, *map(str, Path(here).parents)):
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
    return here


def _artifact(path: str, root: str) -> dict:
    """A location relative to the repository root, with `uriBaseId`; a file outside it (or
    standard input) keeps its own path."""
    from urllib.parse import quote

    if path != "-":
        relative = os.path.relpath(os.path.abspath(path), root)
        if relative != ".." and not relative.startswith(".." + os.sep):
            # a name that is not UTF-8: its own bytes, %-encoded
            return {"uri": quote(os.fsencode(relative.replace(os.sep, "/"))), "uriBaseId": "%SRCROOT%"}
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(os.fsencode(relative_posix(path))), "uriBaseId": "%SRCROOT%"}
