"""`--fix` and `--diff` on notebooks through the command line: the fixed characters change,
every other byte of the file stays, whatever tool wrote the JSON and in whatever style."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from ..helpers import run_cli

NAME = "qonto_export.ipynb"  # the name passes the text gate, whatever the encoding
LINE = '    return {"Authorization": f"Bearer {login}:{secret}"}  # é\n'
SOURCE = ["def headers(login, secret):  # café\n", LINE, "x = 1"]


def notebook(
    source=SOURCE, *, before=(), order=("cell_type", "execution_count", "metadata", "outputs", "source")
) -> dict:
    cell = {
        "cell_type": "code",
        "execution_count": 2,
        "metadata": {"tags": ["é"]},
        "outputs": [{"name": "stdout", "output_type": "stream", "text": ["Résumé ok\n"]}],
        "source": source,
    }
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["Calls to the Qonto API: résumé\n", "Déjà vu"]},
        *before,
        {key: cell[key] for key in order},
    ]
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def fixed(source=SOURCE):
    return [piece.replace("Bearer ", "") for piece in source]


def nbformat(document) -> bytes:  # how Jupyter writes a notebook
    return (json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


def crlf(document) -> bytes:
    return nbformat(document).replace(b"\n", b"\r\n")


def compact(document) -> bytes:  # one line, no final newline
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def escaped(document) -> bytes:  # \u00e9 escapes, two-space indent
    return (json.dumps(document, indent=2) + "\n").encode()


def tabs(document) -> bytes:
    return json.dumps(document, indent="\t", ensure_ascii=False).encode()


def bom(document) -> bytes:
    return b"\xef\xbb\xbf" + nbformat(document)


def utf16(document) -> bytes:
    return nbformat(document).decode().encode("utf-16")


def slashes(document) -> bytes:  # a writer that escapes "/" and writes upper-case hex
    return escaped(document).replace(b"/", b"\\/").replace(b"\\u00e9", b"\\u00E9")


SPLIT = [
    "def headers(login, secret):  # café\n",
    '    return {"Authorization": f"Bea',
    'rer {login}:{secret}"}  # é\n',
    "x = 1",
]
SPLIT_FIXED = [
    "def headers(login, secret):  # café\n",
    '    return {"Authorization": f"',
    '{login}:{secret}"}  # é\n',
    "x = 1",
]
CR_SOURCE = [piece.replace("\n", "\r\n") for piece in SOURCE]
ODD_CELL = {
    "cell_type": "code",
    "execution_count": 1,
    "metadata": {},
    "outputs": [],
    "source": ["import requests\f\n", "SEPARATOR = '\u2028'  # \x0b \x1c\n", "y = 2\n"],
}

#: name: (notebook before, notebook after), each as the bytes of the file
STYLES = {
    "nbformat": (nbformat(notebook()), nbformat(notebook(fixed()))),
    "crlf": (crlf(notebook()), crlf(notebook(fixed()))),
    "compact": (compact(notebook()), compact(notebook(fixed()))),
    "ascii_escapes": (escaped(notebook()), escaped(notebook(fixed()))),
    "tabs_and_key_order": (
        tabs(notebook(order=("source", "outputs", "cell_type", "metadata", "execution_count"))),
        tabs(notebook(fixed(), order=("source", "outputs", "cell_type", "metadata", "execution_count"))),
    ),
    "utf8_bom": (bom(notebook()), bom(notebook(fixed()))),
    "utf16": (utf16(notebook()), utf16(notebook(fixed()))),
    "escaped_slash_upper_hex": (slashes(notebook()), slashes(notebook(fixed()))),
    "source_one_string": (nbformat(notebook("".join(SOURCE))), nbformat(notebook("".join(fixed())))),
    "source_split_inside_the_line": (nbformat(notebook(SPLIT)), nbformat(notebook(SPLIT_FIXED))),
    "crlf_inside_the_source": (nbformat(notebook(CR_SOURCE)), nbformat(notebook(fixed(CR_SOURCE)))),
    "form_feed_and_line_separators_in_an_earlier_cell": (
        nbformat(notebook(before=[ODD_CELL])),
        nbformat(notebook(fixed(), before=[ODD_CELL])),
    ),
}


def qonto_lint(cwd, *args):
    # the header is Qonto's only by the notebook's evidence, so its fix is unsafe: these tests are
    # about the notebook's bytes, not about fix safety
    return run_cli("--isolated", "--unsafe-fixes", *args, cwd=cwd, timeout=120)


def test_each_style_differs_only_in_the_fixed_line():
    for style, (before, after) in STYLES.items():
        old, new = before.split(b"\n"), after.split(b"\n")
        changed = sum(a != b for a, b in zip(old, new))
        # the line is one string in the JSON, or two when a writer split it
        assert len(old) == len(new) and changed == (2 if style == "source_split_inside_the_line" else 1), style


@pytest.mark.parametrize("style", sorted(STYLES))
def test_fix_changes_only_the_fixed_characters(tmp_path, style):
    before, after = STYLES[style]
    (tmp_path / NAME).write_bytes(before)
    proc = qonto_lint(tmp_path, "--fix", NAME)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"Fixed 1 finding (0 remaining).\n")
    assert (tmp_path / NAME).read_bytes() == after


@pytest.mark.skipif(shutil.which("git") is None, reason="git applies the diff")
@pytest.mark.parametrize("style", ["nbformat", "crlf", "compact", "ascii_escapes"])
def test_the_diff_applies_and_gives_the_fixed_file(tmp_path, style):
    before, after = STYLES[style]
    (tmp_path / NAME).write_bytes(before)
    proc = qonto_lint(tmp_path, "--diff", NAME)
    assert proc.returncode == 1
    (tmp_path / "fix.diff").write_bytes(proc.stdout)
    applied = subprocess.run(["git", "apply", "fix.diff"], cwd=tmp_path, capture_output=True, timeout=60)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / NAME).read_bytes() == after


def test_fix_from_stdin_fixes_the_cells_not_the_json(tmp_path):
    """A notebook read from standard input (an editor's way) is fixed like a notebook file, not
    as if its JSON were Python (which fixed a URL inside a JSON string and missed the rest)."""
    before, after = STYLES["crlf"]
    proc = run_cli(
        "--isolated", "--unsafe-fixes", "--fix", "-", "--stdin-filename", NAME, cwd=tmp_path, input=before, timeout=120
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, after, b"Fixed 1 finding (0 remaining).\n")
    proc = run_cli(
        "--isolated", "--unsafe-fixes", "--diff", "-", "--stdin-filename", NAME, cwd=tmp_path, input=before, timeout=120
    )
    assert proc.returncode == 1
    assert proc.stdout.decode().split("\n")[2:] == [  # the CRLF of the notebook's lines is kept in the diff
        "@@ -27,7 +27,7 @@",
        "    ],\r",
        '    "source": [\r',
        '     "def headers(login, secret):  # café\\n",\r',
        '-    "    return {\\"Authorization\\": f\\"Bearer {login}:{secret}\\"}  # é\\n",\r',
        '+    "    return {\\"Authorization\\": f\\"{login}:{secret}\\"}  # é\\n",\r',
        '     "x = 1"\r',
        "    ]\r",
        "   }\r",
        "",
    ]
    assert list(tmp_path.iterdir()) == []


def test_fix_from_stdin_of_a_notebook_that_cannot_be_read(tmp_path):
    proc = run_cli(
        "--isolated", "--fix", "-", "--stdin-filename", NAME, cwd=tmp_path, input=b'{"cells": [', timeout=120
    )
    assert (proc.returncode, proc.stdout) == (1, b'{"cells": [')
    assert proc.stderr.decode().splitlines() == [
        f"{NAME}:1:1: QNT900 cannot analyse this file: not a valid notebook: invalid JSON (Expecting value: line 1 "
        f"column 12 (char 11))",
        "Fixed 0 findings (1 remaining).",
    ]


def test_a_cell_with_ipython_lines_has_its_python_lines_fixed(tmp_path):
    """The fix is made on the cell with its IPython lines blanked; the blanked lines are written
    back as they were. (Such cells used to be skipped while the fix was still counted.)"""
    magic = ["%matplotlib inline\n", "files = !ls\n", *SOURCE[:2], "%time headers(1, 2)\n", "!pip install requests"]
    before, after = nbformat(notebook(magic)), nbformat(notebook(fixed(magic)))
    assert before.count(b"Bearer") == 1
    (tmp_path / NAME).write_bytes(before)
    proc = qonto_lint(tmp_path, "--fix", NAME)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"Fixed 1 finding (0 remaining).\n")
    assert (tmp_path / NAME).read_bytes() == after
