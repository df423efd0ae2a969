"""Jupyter notebooks: found when walking, code cells analysed, findings located by cell."""

from __future__ import annotations

import json

import pytest

from qonto_lint import Options
from qonto_lint.notebook import lint_notebook, parse, python_source

from ..helpers import invoke
from ..samples import M101, M101_FIXABLE, M107


def code(source: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": source.splitlines(keepends=True),
    }


def markdown(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def notebook(*cells: dict, language: str = "python") -> str:
    metadata = {
        "kernelspec": {"display_name": "k", "language": language, "name": "k"},
        "language_info": {"name": language},
    }
    return json.dumps({"cells": list(cells), "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}, indent=1)


EXPLORE = notebook(
    markdown("# Exploring the bank API\n"),
    code('%matplotlib inline\nimport requests\n!pip install requests\nBASE = "https://thirdparty.qonto.com/v2"\n'),
    code(
        "%%time\nlogin, secret = load()\n"
        "r = requests.get(BASE + '/organization', headers={'Authorization': f'Basic {login}:{secret}'})\n"
    ),
    code("%%bash\ncurl -H 'Authorization: Basic x' https://thirdparty.qonto.com/v2\n"),
    markdown("Now the transactions"),
    code("files = !ls\nrequests.get?\nr = requests.get(BASE + '/transactions', auth=(login, secret))\n"),
)


def run(*args, input=None):
    return invoke("--isolated", *args, input=input)


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "analysis").mkdir()
    (tmp_path / "analysis" / "explore.ipynb").write_text(EXPLORE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_notebooks_are_found_and_located_by_cell(project):
    result = run()
    assert result.exit_code == 1
    assert result.stdout == (
        f"analysis/explore.ipynb:cell 3:3:68: {M101_FIXABLE}\nanalysis/explore.ipynb:cell 6:3:47: {M107}\n"
    )
    assert result.stderr == "Found 2 findings in 1 of 1 file (1 analysed).\n[*] 1 fixable with `--fix`.\n"


def test_json_carries_the_cell(project):
    result = run("--format", "json")
    data = json.loads(result.stdout)
    assert [(d["cell"], d["location"], d["end_location"], d["code"], d["noqa_row"]) for d in data] == [
        (3, {"row": 3, "column": 68}, {"row": 3, "column": 93}, "QNT101", 3),
        (6, {"row": 3, "column": 47}, {"row": 3, "column": 62}, "QNT107", 3),
    ]
    assert data[0]["filename"] == str(project / "analysis" / "explore.ipynb")
    # a fix's edits are located inside the cell too
    if data[0]["fix"]:
        assert all(edit["location"]["row"] == 3 for edit in data[0]["fix"]["edits"])


def test_full_shows_the_cell_line(project):
    result = run("--format", "full", "--select", "QNT107")
    line = "r = requests.get(BASE + '/transactions', auth=(login, secret))"
    assert result.stdout == (f"analysis/explore.ipynb:cell 6:3:47: {M107}\n  3 | {line}\n      {' ' * 46}^\n\n")


def test_github_and_sarif_name_the_cell(project):
    github = run("--format", "github", "--select", "QNT107")
    assert github.stdout == (
        "::error title=qonto-lint (QNT107),file=analysis/explore.ipynb,line=3,col=47,endLine=3,endColumn=62::"
        f"cell 6: {M107[7:]}\n"
    )
    sarif = json.loads(run("--format", "sarif", "--select", "QNT107").stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["properties"] == {"cell": 6}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "analysis/explore.ipynb"


def test_cells_share_one_module(project):
    """The URL of cell 1 is the evidence for the header of cell 2, as when the notebook runs."""
    (project / "analysis" / "split.ipynb").write_text(
        notebook(
            code('import requests\nURL = "https://thirdparty.qonto.com/v2/organization"\n'),
            code("def get(login, secret):\n    return requests.get(URL, auth=(login, secret))\n"),
        )
    )
    assert run("-q", "analysis/split.ipynb").stdout == f"analysis/split.ipynb:cell 2:2:35: {M107}\n"


def test_invalid_json_is_qnt900(project):
    (project / "analysis" / "broken.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "qonto"')
    result = run("-q", "analysis/broken.ipynb")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "analysis/broken.ipynb:1:1: QNT900 cannot analyse this file: not a valid notebook: invalid JSON ("
    )
    assert result.stdout.count("\n") == 1


def test_json_that_is_not_a_notebook_is_qnt900(project):
    (project / "analysis" / "list.ipynb").write_text('["qonto"]')
    result = run("-q", "analysis/list.ipynb")
    assert (
        result.stdout
        == "analysis/list.ipynb:1:1: QNT900 cannot analyse this file: not a valid notebook: the JSON is not an object\n"
    )


def test_a_broken_cell_is_qnt900_and_the_others_are_analysed(project):
    (project / "analysis" / "partly.ipynb").write_text(
        notebook(
            code('import requests\nURL = "https://thirdparty.qonto.com/v2/organization"\n'),
            code("def broken(:\n    pass\n"),
            code("requests.get(URL, auth=(login, secret))\n"),
        )
    )
    result = run("-q", "analysis/partly.ipynb")
    assert result.stdout == (
        "analysis/partly.ipynb:cell 2:1:1: QNT900 cannot analyse this cell: syntax error at line 1, column 12: invalid "
        "syntax\n"
        f"analysis/partly.ipynb:cell 3:1:24: {M107}\n"
    )


def test_a_notebook_in_another_language_is_skipped(project):
    (project / "analysis" / "r.ipynb").write_text(
        notebook(code('GET("https://thirdparty.qonto.com/v2", auth=c(a, b))\n'), language="R")
    )
    result = run("analysis/r.ipynb")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "All checks passed: 1 file (0 analysed).\n")


def test_a_notebook_that_never_mentions_qonto_is_not_analysed(project):
    (project / "analysis" / "plots.ipynb").write_text(notebook(code("def broken(:\n")))
    result = run("analysis/plots.ipynb")
    assert (result.exit_code, result.stderr) == (0, "All checks passed: 1 file (0 analysed).\n")


def test_stdin_filename_with_the_notebook_suffix(project):
    result = run("-q", "-", "--stdin-filename", "nb/explore.ipynb", "--select", "QNT101", input=EXPLORE)
    assert result.stdout == f"nb/explore.ipynb:cell 3:3:68: {M101_FIXABLE}\n"


def test_force_exclude_and_per_file_ignores_apply_to_notebooks(project):
    (project / "pyproject.toml").write_text('[tool.qonto-lint.per-file-ignores]\n"*.ipynb" = ["QNT107"]\n')
    result = invoke("-q")
    assert result.stdout == f"analysis/explore.ipynb:cell 3:3:68: {M101_FIXABLE}\n"
    excluded = run("--force-exclude", "--extend-exclude", "analysis", "analysis/explore.ipynb")
    assert (excluded.exit_code, excluded.stdout) == (0, "")


@pytest.mark.parametrize(
    ("source", "python"),
    [
        ("x = 1\n", "x = 1\n"),
        ("%time f()\nx = 1", "pass\nx = 1"),
        ("!ls -l\n!!pwd\nx = 1", "pass\npass\nx = 1"),
        ("files = !ls\nt = %timeit -o f()\nx = 1", "pass\npass\nx = 1"),
        ("f?\n??g\nx = 1", "pass\npass\nx = 1"),
        ("for i in range(3):\n    %time f(i)\n", "for i in range(3):\n    pass\n"),
        ("%%time\nx = 1\n", "\nx = 1\n"),
        ("%%timeit -n 3\nx = 1\n", "\nx = 1\n"),
        ("%%bash\necho hi\n", ""),
        ("%%writefile a.py\nx = 1\n", ""),
        ("%load_ext autoreload \\\n    more\nx = 1", "pass\n\nx = 1"),
        ("/print 1\nx = 1", "pass\nx = 1"),
        ("x = (1\n%2)\n", "x = (1\n%2)\n"),  # valid Python keeps its modulo
    ],
)
def test_ipython_syntax_is_blanked_line_for_line(source, python):
    blanked, error = python_source(source)
    assert (blanked, error) == (python, None)
    assert blanked.count("\n") == source.count("\n") or blanked == ""


def test_cell_numbers_count_every_cell():
    parsed = parse(EXPLORE)
    assert [cell.number for cell in parsed.cells] == [2, 3, 4, 6]


def test_nbformat_3_worksheets():
    document = {
        "nbformat": 3,
        "metadata": {},
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "markdown", "source": "qonto"},
                    {
                        "cell_type": "code",
                        "input": [
                            "import requests\n",
                            "requests.get('https://thirdparty.qonto.com/v2', auth=(a, b))\n",
                        ],
                    },
                ]
            }
        ],
    }
    result = lint_notebook(json.dumps(document).encode(), "old.ipynb", Options())
    assert [(f.cell, f.line, f.column, f.code) for f in result.findings] == [(2, 2, 54, "QNT107")]


def test_markdown_is_evidence_like_a_comment(project):
    """A module-level comment naming Qonto puts a module in Qonto context; so does a markdown cell."""
    cells = [code("def headers(login, secret):\n    return {'Authorization': f'Basic {login}:{secret}'}\n")]
    (project / "analysis" / "bank.ipynb").write_text(notebook(*cells))
    assert run("-q", "analysis/bank.ipynb").stdout == ""
    (project / "analysis" / "bank.ipynb").write_text(notebook(markdown("Calls to the Qonto API"), *cells))
    assert run("-q", "analysis/bank.ipynb").stdout == f"analysis/bank.ipynb:cell 2:2:30: {M101}\n"
