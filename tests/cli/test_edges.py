"""Command-line edges: what a mistyped argument, a closed stdin, a symlink or an ASCII terminal
must not do (print a key, lint the whole tree, overwrite a source file, replace a link, crash)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..helpers import run_cli

KEY = "acme-robotics-2231:62885d39f3a0ddedd3d3ee0432a43cca"
BAD = 'import requests\nrequests.get("http://thirdparty.qonto.com/v2/organization")\n'


def run(*args, cwd=None, stdin=subprocess.DEVNULL, env=None, **kwargs):
    return run_cli(*args, cwd=cwd, stdin=stdin, text=True, timeout=60, env={**os.environ, **(env or {})}, **kwargs)


@pytest.mark.parametrize(
    "args",
    [
        ["doctor", "--from-env", KEY],
        ["doctor", "--login", "acme-robotics-2231", "--secret-from-env", KEY.split(":")[1]],
        ["doctor", "--timeout", KEY, "-"],
        [f"--{KEY}"],
    ],
)
def test_a_key_typed_where_a_name_was_expected_is_masked_in_the_error(args):
    proc = run(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert KEY.split(":")[1][:8] not in proc.stderr and "6288…" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1


def test_an_empty_path_is_an_error_not_the_current_directory(tmp_path):
    (tmp_path / "qonto_client.py").write_text(BAD)
    proc = run("--isolated", "--fix", "", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "qonto-lint: error: '': no such file or directory (an empty path)\n"
    assert (tmp_path / "qonto_client.py").read_text() == BAD
    proc = run("--isolated", "--stdin-filename", "", cwd=tmp_path, input=BAD, stdin=None)
    assert (proc.returncode, proc.stderr) == (
        2,
        "qonto-lint: error: --stdin-filename needs a file name, not an empty one\n",
    )


def test_the_baseline_never_overwrites_a_source_file(tmp_path):
    (tmp_path / "qonto_client.py").write_text(BAD)
    proc = run("--isolated", "--write-baseline", "qonto_client.py", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == (
        "qonto-lint: error: refusing to write the baseline over qonto_client.py: it is a source file (use a .json "
        "name)\n"
    )
    proc = run("--isolated", "--write-baseline", ".", ".", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (2, "qonto-lint: error: cannot write baseline '.': not a file name\n")
    assert (tmp_path / "qonto_client.py").read_text() == BAD


def test_fix_writes_through_a_symlink(tmp_path):
    # named on the command line: the link leads out of proj, but the user asked for this file
    (tmp_path / "real").mkdir()
    (tmp_path / "proj").mkdir()
    (tmp_path / "real" / "qonto_client.py").write_text(BAD)
    os.symlink("../real/qonto_client.py", tmp_path / "proj" / "qonto_client.py")
    proc = run("--isolated", "--fix", "proj/qonto_client.py", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "Fixed 1 finding (0 remaining).\n")
    assert os.path.islink(tmp_path / "proj" / "qonto_client.py")
    assert (tmp_path / "real" / "qonto_client.py").read_text() == BAD.replace("http://", "https://")


def test_fix_writes_through_a_symlink_met_by_the_walk_when_its_target_is_in_the_tree(tmp_path):
    (tmp_path / "proj" / "build").mkdir(parents=True)  # excluded by default: reached only by the link
    (tmp_path / "proj" / "build" / "qonto_client.py").write_text(BAD)
    os.symlink("build/qonto_client.py", tmp_path / "proj" / "qonto_client.py")
    proc = run("--isolated", "--fix", "proj", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "Fixed 1 finding (0 remaining).\n")
    assert os.path.islink(tmp_path / "proj" / "qonto_client.py")
    assert (tmp_path / "proj" / "build" / "qonto_client.py").read_text() == BAD.replace("http://", "https://")


def test_a_closed_stdin_is_one_clear_line(tmp_path):
    for args, prog in ((["--isolated", "-"], "qonto-lint"), (["doctor", "-"], "qonto-lint doctor")):
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                "import os, sys; os.close(0); from qonto_lint.cli.entry import main; sys.exit(main(sys.argv[1:]))",
                *args,
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (proc.returncode, proc.stderr) == (2, f"{prog}: error: cannot read standard input: it is closed\n")


def test_an_excluded_stdin_name_with_fix_gives_the_source_back(tmp_path):
    proc = run(
        "--isolated",
        "--fix",
        "--force-exclude",
        "-",
        "--stdin-filename",
        ".venv/qonto_client.py",
        cwd=tmp_path,
        input=BAD,
        stdin=None,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, BAD, "")


def test_an_excluded_stdin_name_over_max_file_size_with_fix_gives_all_of_the_source_back(tmp_path):
    # only max-file-size + 1 bytes are read before deciding; the rest must follow them out
    (tmp_path / "pyproject.toml").write_text('[tool.qonto-lint]\nmax-file-size = 100\nexclude = ["skip_*.py"]\n')
    source = BAD * 20
    proc = run(
        "--fix", "--force-exclude", "--stdin-filename", "skip_me.py", "-", cwd=tmp_path, input=source, stdin=None
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, source, "")


def test_an_ascii_terminal_gets_escaped_characters_not_a_crash(tmp_path):
    (tmp_path / "qonto_client.py").write_text(
        f'import requests\nrequests.get("http://{KEY}@thirdparty.qonto.com/v2")\n'
    )
    env = {"LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}
    for args, masked in (
        (["qonto_client.py"], False),
        (["--format", "json", "qonto_client.py"], False),
        (["--format", "full", "qonto_client.py"], True),
    ):
        proc = run_cli("--isolated", *args, cwd=tmp_path, timeout=60, env={**os.environ, **env})
        assert (proc.returncode, proc.stderr) == (1, b"Found 1 finding in 1 of 1 file (1 analysed).\n")
        assert proc.stdout.count(b"QNT304") == 1 and b"62885d39" not in proc.stdout
        assert (b"6288\\u2026" in proc.stdout) is masked  # the snippet's mask character, escaped


def test_a_directory_that_cannot_be_listed_is_qnt900_not_a_silent_pass(tmp_path, monkeypatch, capsys):
    from qonto_lint.cli.entry import main

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.py").write_text("x = 1\n")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "qonto_client.py").write_text(BAD)
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(str(path)) == "locked":  # what chmod 000 does to a user without root's override
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    assert main(["--isolated", "."]) == 1
    out, err = capsys.readouterr()
    assert out == "locked:1:1: QNT900 cannot analyse this file: cannot list this directory: Permission denied\n"
    assert err == "Found 1 finding in 1 of 2 files (1 analysed).\n"  # counted like an unreadable file
