"""The same input gives byte-identical output: whatever order the files were created in or named on the
command line, with one process or a pool, and whatever Python's hash seed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qonto_lint.runner import POOL_THRESHOLD

from ..helpers import run_cli

TEMPLATES = [
    'QONTO_URL = "http://thirdparty.qonto.com/v2"\nHEADERS = {{"Authorization": f"Basic {{LOGIN}}:{{SECRET_KEY}}"}}  # '
    "{n}\n",
    "import requests\n\ndef call_{n}(login, secret):\n"
    '    return requests.get("https://thirdparty.qonto.com/v2/organization", auth=(login, secret))\n',
    '# qonto {n}\nH = {{"Authorization": "Bearer northwind-traders-{n}:k3v9q2m7x4t8b1n6c5z0r2w8y4p7s3d{n}"}}\n',
    'SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2/{n}"\nLEGACY = "https://thirdparty.qonto.eu/v2"\n',
    '# qonto\nH = {{"x-qonto-staging-token": TOKEN, "Authorisation": f"{{SECRET_KEY}}:{{LOGIN}}"}}  # {n}\n',
    "# qonto {n}\ndef broken(:\n",  # QNT900
    "import stripe  # {n}\nH = {{'Authorization': 'Basic ' + STRIPE_KEY}}\n",  # gated: no finding
]
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Qonto export\n"]},
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ['H = {"Authorization": f"Basic {LOGIN}:{SECRET}"}\n'],
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ['URL = "http://thirdparty.qonto.com/v2"\n'],
        },
    ],
    "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _files() -> dict[str, str]:
    """42 files in nested folders, with names whose walk order is not their sorted order."""
    files = {}
    names = ["a.py", "a-b.py", "a_b.py", "A.py", "a/z.py", "a/b/c.py", "a0.py", "é.py", "z.py", "b/a.py"]
    for n in range(42):
        folder = ["", "pkg/", "pkg/sub/", "pkg-x/", "pkg.y/"][n % 5]
        name = names[n % len(names)]
        template = TEMPLATES[n % len(TEMPLATES)]
        files[f"{folder}{n:02}/{name}" if n % 3 else f"{folder}{name[:-3]}{n}.py"] = template.format(n=n)
    files["notebooks/export.ipynb"] = json.dumps(NOTEBOOK, indent=1) + "\n"
    files["notebooks/export-2.ipynb"] = json.dumps(NOTEBOOK) + "\n"
    return files


FILES = _files()


def _create(root: Path, order: list[str]) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    for relative in order:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FILES[relative], encoding="utf-8")


def qonto_lint(cwd: Path, *args: str, seed: str = "0") -> tuple[int, bytes, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = run_cli("--isolated", *args, cwd=cwd, env=env, timeout=120)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc.returncode, proc.stdout, proc.stderr


def test_the_tree_is_big_enough_for_the_pool(tmp_path):
    root = tmp_path / "tree"
    _create(root, list(FILES))
    analysed = int(qonto_lint(root, "--statistics", ".")[2].decode().split("(")[1].split()[0])
    assert analysed > POOL_THRESHOLD
    # and the pool is really used with --jobs 2 (and not with --jobs 1)
    script = textwrap.dedent(
        """
        import sys
        import concurrent.futures as futures
        real = futures.ProcessPoolExecutor
        class Counted(real):
            def __init__(self, *args, **kwargs):
                sys.stderr.write("pool of %d\\n" % kwargs["max_workers"])
                super().__init__(*args, **kwargs)
        futures.ProcessPoolExecutor = Counted  # the runner imports it when it makes a pool
        from qonto_lint.cli.entry import main
        sys.exit(main(["--isolated", "-q", "--jobs", sys.argv[1], "."]))
        """
    )
    for jobs, expected in (("2", "pool of 2\n"), ("1", "")):
        proc = subprocess.run(
            [sys.executable, "-c", script, jobs], cwd=root, capture_output=True, text=True, timeout=120
        )
        assert (proc.returncode, proc.stderr) == (1, expected)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_same_output_whatever_the_order_the_jobs_and_the_hash_seed(tmp_path, output_format):
    root = tmp_path / "tree"  # the same absolute path each time: JSON names files absolutely
    order = sorted(FILES)
    outputs = {}
    runs = [
        ("sorted, 1 job", order, ["--jobs", "1", "."], "0"),
        ("sorted, 2 jobs", order, ["--jobs", "2", "."], "1"),
        ("reversed, 2 jobs", order[::-1], ["--jobs", "2", "."], "2"),
        ("shuffled, 1 job", order[1::2] + order[::2], ["--jobs", "1", "."], "3"),
        # paths named on the command line, in other orders and overlapping
        ("arguments", order, ["--jobs", "2", "pkg.y", "notebooks", "pkg", ".", "pkg-x"], "4"),
        ("files as arguments", order[::-1], ["--jobs", "2", *order[::-1]], "5"),
    ]
    for label, creation, args, seed in runs:
        _create(root, creation)
        outputs[label] = qonto_lint(root, "--format", output_format, *args, seed=seed)
    reference = outputs["sorted, 1 job"]
    assert reference[0] == 1
    if output_format == "json":
        rows = json.loads(reference[1])
        assert len(rows) > 60
        assert len({row["filename"] for row in rows}) > POOL_THRESHOLD
        assert {row["code"] for row in rows} >= {"QNT101", "QNT102", "QNT107", "QNT201", "QNT900", "QNT303", "QNT108"}
    else:
        text = reference[1].decode()
        assert "notebooks/export-2.ipynb:cell 2:1:" in text and "pkg.y/" in text and "/é.py:" in text
        assert text.splitlines() == sorted(text.splitlines(), key=lambda line: line.split(":")[0])  # by path first
    for label, result in outputs.items():
        assert result == reference, f"{label} differs from a sorted run with one process"


def test_same_fixes_whatever_the_jobs(tmp_path):
    """--diff too: one process or a pool, the same diff, byte for byte."""
    results = []
    for jobs in ("1", "2"):
        root = tmp_path / f"tree{jobs}"
        _create(root, sorted(FILES))
        results.append(qonto_lint(root, "--diff", "--unsafe-fixes", "--jobs", jobs, ".", seed=jobs))
    assert results[0] == results[1]
    assert results[0][0] == 1 and results[0][1].startswith(b"--- a/")
