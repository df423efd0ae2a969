from __future__ import annotations

import textwrap

import pytest

from qonto_lint import Options, lint_source


def findings_of(source: str, path: str = "qonto_client.py", **options):
    """(line, column, code) of every finding in a snippet, in order."""
    result = lint_source(textwrap.dedent(source).lstrip("\n"), path, Options(**options))
    return [(f.line, f.column, f.code) for f in result.findings]


def codes_of(source: str, path: str = "qonto_client.py", **options):
    return sorted({code for _line, _col, code in findings_of(source, path, **options)})


@pytest.fixture
def lint():
    return findings_of
