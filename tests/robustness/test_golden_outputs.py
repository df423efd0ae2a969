"""Recorded outputs: what qonto-lint reports and fixes on fixed inputs, byte for byte.

A restructure of the package must not change behaviour. These tests run the command line on
sets of realistic inputs (the bundled examples, the audit modules in tests/data, and the shared
corpus when it sits beside the checkout) and compare the JSON report, fixes included with
`--unsafe-fixes`, and the unified diff of `--diff --unsafe-fixes` with the files recorded in
tests/golden/. A change of behaviour that is meant shows up here as a diff to review; record it
again with

    QONTO_LINT_RECORD_GOLDEN=1 .venv/bin/python -m pytest tests/robustness/test_golden_outputs.py

The shared corpus is not part of this repository: its recording keeps a hash of the files it was
made from, and the test is skipped (saying why) when the corpus has changed since.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from ..helpers import CHECKOUT, TESTS, run_cli

HERE = TESTS
ROOT = CHECKOUT
GOLDEN = HERE / "golden"
RECORD = os.environ.get("QONTO_LINT_RECORD_GOLDEN") == "1"

SETS = {
    "examples": ROOT / "examples",
    "audit": HERE / "data",
    "corpus": ROOT.parent / "shared" / "corpus",
}

RUNS = {
    "json": ["--format", "json", "--unsafe-fixes"],
    "diff": ["--diff", "--unsafe-fixes"],
}


def _inputs_hash(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _run(directory: Path, args: list[str]) -> subprocess.CompletedProcess:
    return run_cli(
        "--isolated", "--jobs", "1", *args, ".", cwd=directory, timeout=300, env={**os.environ, "NO_COLOR": "1"}
    )


@pytest.mark.parametrize("run", sorted(RUNS))
@pytest.mark.parametrize("name", sorted(SETS))
def test_output_is_as_recorded(name: str, run: str) -> None:
    directory = SETS[name]
    if not directory.is_dir():
        pytest.skip(f"{directory} is not there (the shared corpus sits beside the checkout)")
    recorded = GOLDEN / f"{name}.{run}"
    meta = GOLDEN / f"{name}.inputs"
    proc = _run(directory, RUNS[run])
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    output = proc.stdout
    if run == "json":  # stable, reviewable: one finding per line; file names absolute, as ruff's
        report = json.loads(output)
        for finding in report:
            finding["filename"] = os.path.relpath(os.path.realpath(finding["filename"]), os.path.realpath(directory))
        output = (json.dumps(report, indent=1, sort_keys=True) + "\n").encode()
    if RECORD:
        GOLDEN.mkdir(exist_ok=True)
        recorded.write_bytes(output)
        meta.write_text(_inputs_hash(directory) + "\n")
        return
    if not recorded.exists():
        pytest.fail(f"no recording {recorded.name}: run with QONTO_LINT_RECORD_GOLDEN=1 once")
    if meta.read_text().strip() != _inputs_hash(directory):
        pytest.skip(f"the inputs of {name} changed since {recorded.name} was recorded")
    assert output.decode() == recorded.read_text()
