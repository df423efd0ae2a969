"""Two `--fix` runs on the same tree at once never corrupt a file.

Each write is atomic (a temporary file in the same directory, then `os.replace`) and checked against
what was read, so whichever run gets there first writes the fixed file and the other leaves it alone
(or writes the very same bytes). Afterwards every file parses, equals what one run alone makes of it,
and no temporary file is left behind.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..helpers import run_cli

ROUNDS = int(os.environ.get("QONTO_LINT_PARALLEL_ROUNDS", "6"))

SOURCES = {
    "client_qonto.py": (
        'import base64\nimport requests\n\nQONTO_URL = "http://thirdparty.qonto.com/v2"\n\n'
        "def organization(login, secret_key):\n"
        '    headers = {"Authorization": f"Basic {login}:{secret_key}"}\n'
        '    return requests.get(QONTO_URL + "/organization", headers=headers)\n\n'
        "def encoded(login, secret):\n"
        '    token = base64.b64encode(f"{login}:{secret}".encode()).decode()\n'
        '    return requests.get(QONTO_URL + "/labels", headers={"Authorization": token})\n'
    ),
    "swapped_qonto.py": (
        "class QontoClient:\n"
        "    def headers(self):\n"
        '        return {"Authorization": "{}:{}".format(self.secret_key, self.organization_slug)}\n'
    ),
    "hosts_qonto.py": (
        'LEGACY = "https://thirdparty.qonto.eu/v2"\nPLAIN = "http://thirdparty.qonto.com/v2/transactions"\n'
        'H = {"x-qonto-staging-token": TOKEN, "Authorisation": f"{LOGIN}:{SECRET_KEY}"}\n'
    ),
    "whitespace_qonto.py": (
        "from pathlib import Path\n"
        'H = {"Authorization": Path("qonto.key").read_text()}\n'
        'O = {"Authorization": tokens["access_token"]}\n'
    ),
    "crlf_qonto.py": '# qonto\r\nH = {"Authorization": f"Bearer {LOGIN}:{SECRET_KEY}"}\r\n',
    "unfixable_qonto.py": 'import requests\nrequests.get("https://thirdparty.qonto.com/v2", auth=(LOGIN, SECRET))\n',
    "notebook_qonto.ipynb": json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "metadata": {},
                    "outputs": [],
                    "source": [
                        'H = {"Authorization": f"Basic {LOGIN}:{SECRET}"}\n',
                        'U = "http://thirdparty.qonto.com/v2"',
                    ],
                },
            ],
            "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )
    + "\n",
}
#: the other run found the file changed under it: it is left to the run that wrote it
LOST_RACE = re.compile(r"qonto-lint: error: \S+ changed on disk while it was being fixed; not written")
SUMMARY = re.compile(r"Fixed \d+ findings? \(\d+ remaining\)\.")
COMMAND = [sys.executable, "-m", "qonto_lint", "--isolated", "--fix", "--unsafe-fixes", "--jobs", "1", "."]


def _copies(root: Path, count: int) -> None:
    """The sources, several times over, so that the two runs overlap for long."""
    for n in range(count):
        for name, text in SOURCES.items():
            path = root / f"copy{n}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode())


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _parses(name: str, data: bytes) -> None:
    if name.endswith(".ipynb"):
        for cell in json.loads(data)["cells"]:
            ast.parse("".join(cell["source"]))
    else:
        ast.parse(data)


def test_two_fix_runs_at_once(tmp_path):
    alone = tmp_path / "alone"
    _copies(alone, 4)
    proc = subprocess.run(COMMAND, cwd=alone, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr  # QNT107 has no fix
    expected = _snapshot(alone)
    assert all(
        expected[f"copy0/{name}"] != text.encode() for name, text in SOURCES.items() if name != "unfixable_qonto.py"
    )

    for round_ in range(ROUNDS):
        tree = tmp_path / f"round{round_}"
        _copies(tree, 4)
        runs = [
            subprocess.Popen(COMMAND, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert run.returncode in (1, 2), err
            *errors, summary = err.splitlines()
            assert SUMMARY.fullmatch(summary), err
            assert all(LOST_RACE.fullmatch(line) for line in errors), err
            assert (run.returncode == 2) == bool(errors), err
            assert "Traceback" not in out + err
        after = _snapshot(tree)
        assert sorted(after) == sorted(expected), "a temporary file was left behind, or a file went missing"
        for name, data in after.items():
            _parses(name, data)
            assert data == expected[name], f"round {round_}: {name} differs from a single --fix run"
        shutil.rmtree(tree)


def test_a_fix_run_beside_a_lint_run(tmp_path):
    """A reader never sees half a file: a lint run during a fix reports either the old or the new file."""
    _copies(tmp_path, 4)
    fix = subprocess.Popen(COMMAND, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lint = run_cli("--isolated", "--select", "QNT900", ".", cwd=tmp_path, text=True, timeout=120)
    fix.communicate(timeout=120)
    assert (lint.returncode, lint.stdout) == (0, "")  # no file was ever unparsable
    assert fix.returncode == 1
