"""--fix and --diff through the command line: what changes, what never does, and the exit status."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from qonto_lint.fixer import FixError, write_atomically

SHARED_CORPUS = Path(os.environ.get("QONTO_LINT_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "corpus"
SECRET = "k3v9Qw7Zp2Lm8Xr4Tn6Yb1Hc5Jd0Fs3A"


def qonto_lint(*args, cwd, input=None):
    return subprocess.run([sys.executable, "-m", "qonto_lint", *args], cwd=cwd, capture_output=True, input=input)


def findings(cwd, *extra):
    proc = qonto_lint("--format", "json", *extra, ".", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_over_a_copy_of_the_corpus(tmp_path, unsafe):
    tree = tmp_path / "corpus"
    shutil.copytree(SHARED_CORPUS, tree)
    for path in tree.rglob("*"):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    before = {p: p.read_bytes() for p in tree.rglob("*.py")}
    flags = ["--unsafe-fixes"] if unsafe else []
    edit_rows = {}
    for row in findings(tree, *flags):
        if row["fix"] and (unsafe or row["fix"]["applicability"] == "safe"):
            for edit in row["fix"]["edits"]:
                rows = range(edit["location"]["row"], edit["end_location"]["row"] + 1)
                edit_rows.setdefault(Path(row["filename"]).resolve(), set()).update(rows)

    first = qonto_lint("--fix", *flags, ".", cwd=tree)
    assert first.returncode == 1  # findings without a fix remain
    assert first.stderr.decode().startswith("Fixed ")

    left = findings(tree, *flags)
    assert [r for r in left if r["fix"] and (unsafe or r["fix"]["applicability"] == "safe")] == []
    changed = 0
    for path, old in before.items():
        new = path.read_bytes()
        cst.parse_module(new)  # still parses
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        assert len(old_lines) == len(new_lines)
        for number, (a, b) in enumerate(zip(old_lines, new_lines), start=1):
            if a != b:
                changed += 1
                assert number in edit_rows.get(path.resolve(), set()), f"{path.name}:{number} changed without a fix there"
    assert changed > 0

    snapshot = {p: p.read_bytes() for p in tree.rglob("*.py")}
    second = qonto_lint("--fix", *flags, ".", cwd=tree)
    assert second.stderr.decode().startswith("Fixed 0 findings")
    assert {p: p.read_bytes() for p in tree.rglob("*.py")} == snapshot


def test_diff_changes_nothing_and_masks_secrets(tmp_path):
    source = (
        'QONTO = "https://thirdparty.qonto.com/v2"\n'
        f'HEADERS = {{"Authorization": "Basic acme-robotics-2231:{SECRET}"}}\n'
    )
    target = tmp_path / "client.py"
    target.write_text(source)
    proc = qonto_lint("--diff", "client.py", cwd=tmp_path)
    assert proc.returncode == 1
    assert target.read_text() == source
    out = proc.stdout.decode()
    # a masked line would not apply: the change that shows the key is named, not printed
    assert out == "# qonto-lint: 1 change to client.py not shown: the diff would print a secret (--fix applies it)\n"
    assert SECRET not in out and SECRET not in proc.stderr.decode()
    assert proc.stderr.decode() == "Would apply 1 fix in 1 file.\n"

    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "client.py").write_text('QONTO = "https://thirdparty.qonto.com/v2"\n')
    proc = qonto_lint("--diff", ".", cwd=clean)
    assert (proc.returncode, proc.stdout) == (0, b"")


def test_fix_exit_status_and_summary(tmp_path):
    (tmp_path / "client.py").write_text('QONTO = "http://thirdparty.qonto.com/v2"\n')
    proc = qonto_lint("--fix", ".", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"Fixed 1 finding (0 remaining).\n")
    assert (tmp_path / "client.py").read_text() == 'QONTO = "https://thirdparty.qonto.com/v2"\n'

    (tmp_path / "client.py").write_text('QONTO = "http://thirdparty.qonto.com/v2"\n')
    proc = qonto_lint("--fix", "--exit-non-zero-on-fix", ".", cwd=tmp_path)
    assert proc.returncode == 1

    (tmp_path / "client.py").write_text('QONTO = "http://api.qonto.com/v2"\n')  # QNT305 has no fix
    proc = qonto_lint("--fix", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith("client.py:1:9: QNT305 ")
    assert proc.stderr == b"Fixed 1 finding (1 remaining).\n"


@pytest.mark.parametrize(
    ("label", "raw"),
    [
        ("crlf", b'# qonto\r\nH = {"Authorization": f"Basic {LOGIN}:{SECRET}"}\r\nX = 1\r\n'),
        ("bom", b'\xef\xbb\xbf# qonto\nH = {"Authorization": f"Basic {LOGIN}:{SECRET}"}\n'),
        ("latin-1", '# -*- coding: latin-1 -*-\n# qonto: café\nH = {"Authorization": f"Basic {LOGIN}:{SECRET}"}  # é\n'.encode("latin-1")),
    ],
)
def test_fix_keeps_encoding_and_line_endings(tmp_path, label, raw):
    target = tmp_path / "client.py"
    target.write_bytes(raw)
    target.chmod(0o640)
    proc = qonto_lint("--fix", "client.py", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes() == raw.replace(b'f"Basic {LOGIN}', b'f"{LOGIN}')
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["client.py"]  # no temporary file left behind


def test_read_only_file_is_not_rewritten(tmp_path):
    raw = b'# qonto\nH = {"Authorization": f"Basic {LOGIN}:{SECRET}"}\n'
    target = tmp_path / "client.py"
    target.write_bytes(raw)
    target.chmod(0o444)
    proc = qonto_lint("--fix", "client.py", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines()[0] == "qonto-lint: error: client.py is read-only; not fixed"
    assert target.read_bytes() == raw


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    target = tmp_path / "client.py"
    target.write_bytes(b"new content\n")
    with pytest.raises(FixError, match="changed on disk"):
        write_atomically(str(target), b"old content\n", b"fixed content\n")
    assert target.read_bytes() == b"new content\n"


def test_a_fix_that_does_not_parse_leaves_the_file_untouched(tmp_path, monkeypatch):
    from qonto_lint import Options
    from qonto_lint import fixer

    real = cst.parse_module
    calls = {"n": 0}

    def flaky(source, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:  # the check of the fixed source
            raise cst.ParserSyntaxError("boom", lines=["x"], raw_line=1, raw_column=0)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(cst, "parse_module", flaky)
    with pytest.raises(FixError, match="does not parse"):
        fixer.fix_source(b'# qonto\nH = {"Authorization": f"Basic {A}:{B}"}\n', "client.py", Options())


def test_notebook_cells_are_fixed_and_everything_else_kept(tmp_path):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Qonto export\n"]},
            {
                "cell_type": "code",
                "execution_count": 3,
                "metadata": {"tags": ["keep"]},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": ["ok\n"]}],
                "source": ["import requests\n", 'H = {"Authorization": f"Bearer {LOGIN}:{SECRET}"}'],
            },
            {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": ["%timeit 1\n", "x = 1"]},
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    target = tmp_path / "export.ipynb"
    target.write_text(json.dumps(notebook, indent=1) + "\n")
    proc = qonto_lint("--fix", "export.ipynb", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = json.loads(target.read_text())
    expected = json.loads(json.dumps(notebook))
    expected["cells"][1]["source"] = ["import requests\n", 'H = {"Authorization": f"{LOGIN}:{SECRET}"}']
    assert written == expected
    assert target.read_text() == json.dumps(expected, indent=1) + "\n"


def test_fix_from_stdin_prints_the_fixed_source(tmp_path):
    proc = qonto_lint("--fix", "-", "--stdin-filename", "client.py", cwd=tmp_path, input=b'QONTO = "http://thirdparty.qonto.com"\n')
    assert (proc.returncode, proc.stdout) == (0, b'QONTO = "https://thirdparty.qonto.com"\n')
    assert proc.stderr == b"Fixed 1 finding (0 remaining).\n"
    assert list(tmp_path.iterdir()) == []
    proc = qonto_lint("--diff", "-", cwd=tmp_path, input=b'QONTO = "http://thirdparty.qonto.com"\n')
    assert proc.returncode == 1
    assert b'+QONTO = "https://thirdparty.qonto.com"' in proc.stdout
