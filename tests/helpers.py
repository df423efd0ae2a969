"""Helpers shared by the test packages: where things are, and how to lint a snippet."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from qonto_lint import Options, lint_source

TESTS = Path(__file__).resolve().parent
CHECKOUT = TESTS.parent
DATA = TESTS / "data"
EXAMPLES = CHECKOUT / "examples"
# The shared corpus is not part of the repository: it sits beside the checkout unless named here.
SHARED_CORPUS = Path(os.environ.get("QONTO_LINT_SHARED", CHECKOUT.parent / "shared")) / "corpus"


def findings_of(source: str, path: str = "qonto_client.py", **options):
    """(line, column, code) of every finding in a snippet, in order."""
    result = lint_source(textwrap.dedent(source).lstrip("\n"), path, Options(**options))
    return [(f.line, f.column, f.code) for f in result.findings]


def codes_of(source: str, path: str = "qonto_client.py", **options):
    return sorted({code for _line, _col, code in findings_of(source, path, **options)})
