"""`# noqa` with flake8's parsing rules, through the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from qonto_lint.cli.lint import lint

from .samples import M101, M107

HEADER = 'import requests\n\nBASE = "https://thirdparty.qonto.com/v2"\n\n\ndef call(login, secret):\n'
LINE = '    h = {"Authorization": f"Basic {login}:{secret}"}'  # QNT101 at column 27
AUTH = "    requests.get(BASE, auth=(login, secret))"  # QNT107 at column 29


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def lint_lines(tmp_path, *lines: str):
    (tmp_path / "qonto_calls.py").write_text(HEADER + "".join(line + "\n" for line in lines))
    return runner().invoke(lint, ["--isolated", "-q", str(tmp_path / "qonto_calls.py")], catch_exceptions=False)


def at(line: int, column: int, message: str, tmp_path) -> str:
    return f"{tmp_path / 'qonto_calls.py'}:{line}:{column}: {message}\n"


@pytest.mark.parametrize(
    "comment",
    [
        "  # noqa: QNT101",
        "  # noqa:QNT101",
        "  #noqa:QNT101",
        "  # NOQA: qnt101",
        "  # noqa: QNT107, QNT101",
        "  # noqa: QNT107,QNT101",
        "  # noqa: QNT107 QNT101",
        "  # noqa: QNT1",  # a prefix, as flake8 matches codes with startswith
        "  # noqa",
        "  # NoQA",
        "  # noqa : QNT107",  # not the `noqa:` form, so flake8 reads a bare noqa
        "  # noqa-QNT101",  # likewise
        "  # type: ignore  # noqa: QNT101 -- the legacy client",
    ],
)
def test_noqa_forms_that_suppress(tmp_path, comment):
    result = lint_lines(tmp_path, LINE + comment)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    "comment",
    [
        "  # noqa: QNT107",  # another code: left alone, and no finding about the comment itself
        "  # noqa: QNT102, QNT201",
        "  # noqa: QNT1010",
        "  # no qa",
        "  # qa",
    ],
)
def test_noqa_forms_that_do_not_suppress(tmp_path, comment):
    result = lint_lines(tmp_path, LINE + comment)
    assert (result.exit_code, result.stdout) == (1, at(7, 27, M101, tmp_path))


def test_noqa_on_another_line_does_not_suppress(tmp_path):
    result = lint_lines(tmp_path, "    # noqa: QNT101", LINE, AUTH + "  # noqa: QNT101")
    assert result.exit_code == 1
    assert result.stdout == at(8, 27, M101, tmp_path) + at(9, 29, M107, tmp_path)


def test_noqa_suppresses_only_the_codes_it_names(tmp_path):
    result = lint_lines(tmp_path, LINE + "  # noqa: QNT101", AUTH + "  # noqa: QNT101")
    assert result.stdout == at(8, 29, M107, tmp_path)


def test_noqa_in_a_notebook_cell(tmp_path):
    import json

    source = [HEADER, LINE + "  # noqa: QNT101\n", LINE + "\n"]
    notebook = {
        "cells": [{"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "qonto.ipynb").write_text(json.dumps(notebook))
    result = runner().invoke(lint, ["--isolated", "-q", str(tmp_path / "qonto.ipynb")], catch_exceptions=False)
    assert result.stdout == f"{tmp_path / 'qonto.ipynb'}:cell 1:8:27: {M101}\n"
