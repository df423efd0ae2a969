"""Files and streams under attack: planted symbolic links, closed standard streams, aliases of one file.

Through the command line, in real processes: a write never follows a link planted by someone else,
a closed stream is one line and exit 2 (never a traceback), and the output does not depend on the
order of the paths or on which name of a file sorts first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import run_cli

BAD = 'import requests\nrequests.get("http://thirdparty.qonto.com/v2/organization")\n'
FIXED = 'import requests\nrequests.get("https://thirdparty.qonto.com/v2/organization")\n'
M304 = (
    "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
    "expose the key)"
)
PRECIOUS = "IMPORTANT CONTENT\n"


def run(*args, cwd=None, **kwargs):
    return run_cli(*args, cwd=cwd, text=True, timeout=60, stdin=subprocess.DEVNULL, **kwargs)


def shell(script: str, cwd: Path) -> subprocess.CompletedProcess:
    """`script` in sh, with $PY the Python that runs qonto-lint (for `exec` at a known PID, closed streams)."""
    return subprocess.run(
        ["sh", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PY": sys.executable},
    )


# ------------------------------------------------------------------ the baseline's temporary file


def test_write_baseline_does_not_follow_a_link_planted_at_the_old_temporary_name(tmp_path):
    (tmp_path / "outside").mkdir()
    victim = tmp_path / "outside" / "precious.txt"
    victim.write_text(PRECIOUS)
    project = tmp_path / "project"
    project.mkdir()
    (project / "qonto_client.py").write_text(BAD)
    (project / "src.py").write_text(PRECIOUS)
    # `exec` keeps the shell's PID, so the name `.NAME.PID.tmp` is known before the run
    proc = shell(
        "ln -s ../outside/precious.txt .qonto-lint-baseline.json.$$.tmp; "
        "ln -s src.py .b2.json.$$.tmp; "
        'exec "$PY" -m qonto_lint --isolated --write-baseline qonto-lint-baseline.json .',
        project,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0,
        "",
        "Wrote 1 finding to the baseline qonto-lint-baseline.json.\n",
    )
    assert victim.read_text() == PRECIOUS
    baseline = project / "qonto-lint-baseline.json"
    assert not baseline.is_symlink()
    assert json.loads(baseline.read_text())["findings"][0]["path"] == "qonto_client.py"
    proc = shell(
        'ln -s src.py .b2.json.$$.tmp; exec "$PY" -m qonto_lint --isolated --write-baseline b2.json qonto_client.py',
        project,
    )
    assert proc.returncode == 0 and (project / "src.py").read_text() == PRECIOUS
    assert not (project / "b2.json").is_symlink()
    # no temporary file is left behind
    assert sorted(p.name for p in project.iterdir() if not p.is_symlink()) == [
        "b2.json",
        "qonto-lint-baseline.json",
        "qonto_client.py",
        "src.py",
    ]


def test_write_baseline_refuses_a_link_at_the_baseline_name_and_leaves_its_target_alone(tmp_path):
    # a link planted at the baseline's name, to a file that is no baseline: refused, the link and
    # its target left as they are (a link to a baseline writes that baseline: tests/cli/test_baseline.py)
    victim = tmp_path / "precious.txt"
    victim.write_text(PRECIOUS)
    (tmp_path / "qonto_client.py").write_text(BAD)
    (tmp_path / "baseline.json").symlink_to(victim)
    proc = run("--isolated", "--write-baseline", "baseline.json", "qonto_client.py", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (
        2,
        "qonto-lint: error: cannot write baseline baseline.json: "
        "it is a symbolic link to something else than a baseline\n",
    )
    assert victim.read_text() == PRECIOUS
    assert os.readlink(tmp_path / "baseline.json") == str(victim)


def test_write_baseline_creates_a_new_file_with_the_umask_s_permissions(tmp_path):
    (tmp_path / "qonto_client.py").write_text(BAD)
    proc = run("--isolated", "--write-baseline", "baseline.json", "qonto_client.py", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "Wrote 1 finding to the baseline baseline.json.\n")
    assert oct((tmp_path / "baseline.json").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ------------------------------------------------------------------ closed standard streams

CLOSED_STDOUT = "qonto-lint: error: internal error: OSError: [Errno 9] standard output is closed\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "qonto_m1.py").write_text(BAD)
    (tmp_path / "empty").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    "args", ["--isolated qonto_m1.py", "--isolated --format json qonto_m1.py", "--isolated --format sarif empty"]
)
def test_a_closed_stdout_is_one_error_line_and_exit_2(project, args):
    proc = shell(f'"$PY" -m qonto_lint {args} >&-', project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", CLOSED_STDOUT)


def test_a_closed_stdout_with_nothing_to_write_is_no_error(project):
    proc = shell('"$PY" -m qonto_lint --isolated empty >&-', project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "All checks passed: 0 files (0 analysed).\n")


def test_a_closed_stderr_keeps_the_output_and_the_exit_status(project):
    proc = shell('"$PY" -m qonto_lint --isolated qonto_m1.py 2>&-', project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, f"qonto_m1.py:2:14: QNT304 [*] {M304}\n", "")
    proc = shell('"$PY" -m qonto_lint --isolated empty 2>&-', project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    proc = shell('"$PY" -m qonto_lint --isolated --format json qonto_m1.py >&- 2>&-', project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", "")


def test_doctor_with_a_closed_stream_is_exit_2_without_a_traceback(project):
    proc = shell('echo "hooli-labs-4410:x" | "$PY" -m qonto_lint doctor - >&-', project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", "qonto-lint doctor: error: internal error: OSError\n")
    proc = shell('"$PY" -m qonto_lint doctor --from-env QONTO_NO_SUCH_VARIABLE 2>&-', project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", "")


def test_a_file_opened_while_stdout_is_closed_never_gets_its_descriptor(project):
    # with descriptors 1 and 2 closed, the next file opened would get them; a fix written there
    # must be the fixed source and nothing else
    proc = shell('"$PY" -m qonto_lint --isolated --fix qonto_m1.py >&- 2>&-', project)
    assert proc.returncode == 0
    assert (project / "qonto_m1.py").read_text() == FIXED


# ------------------------------------------------------------------ several names for one file

KNOWN = 'QONTO_URL = "http://thirdparty.qonto.com/v2"\n'


@pytest.fixture
def aliased(tmp_path):
    """30 files (more than a process pool needs) and aliases that sort before the real names."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    for n in range(30):
        (pkg / f"qonto_{n:02}.py").write_text(KNOWN)
    (tmp_path / "link_pkg").symlink_to("pkg")  # a directory alias, walked before pkg
    (tmp_path / "a_alias.py").symlink_to("pkg/qonto_00.py")
    (pkg / "a_alias.py").symlink_to("qonto_01.py")
    return tmp_path


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_the_name_reported_for_a_file_does_not_depend_on_path_order_or_jobs(aliased, output_format):
    outputs = set()
    for paths in (
        ["."],
        ["pkg", "a_alias.py", "link_pkg"],
        ["link_pkg", "a_alias.py", "pkg"],
        ["a_alias.py", "link_pkg/qonto_00.py", "pkg"],
        ["pkg/a_alias.py", "pkg/qonto_01.py", "link_pkg", "pkg"],
    ):
        for jobs in ("1", "2"):
            proc = run("--isolated", "--format", output_format, "--jobs", jobs, *paths, cwd=aliased)
            assert proc.returncode == 1, proc.stderr
            outputs.add((proc.stdout, proc.stderr))
    assert len(outputs) == 1
    stdout, stderr = outputs.pop()
    assert stderr == "Found 30 findings in 30 of 30 files (30 analysed).\n[*] 30 fixable with `--fix`.\n"
    if output_format == "text":
        assert stdout.splitlines() == [f"pkg/qonto_{n:02}.py:1:13: QNT304 [*] {M304}" for n in range(30)]


def test_a_file_and_its_alias_report_the_file_in_either_order(tmp_path):
    (tmp_path / "qonto_a.py").write_text(KNOWN)
    (tmp_path / "alias_qonto.py").symlink_to("qonto_a.py")
    for paths in (["qonto_a.py", "alias_qonto.py"], ["alias_qonto.py", "qonto_a.py"], ["."]):
        proc = run("--isolated", *paths, cwd=tmp_path)
        assert (proc.returncode, proc.stdout) == (1, f"qonto_a.py:1:13: QNT304 [*] {M304}\n")


# ------------------------------------------------------------------ --fix and links out of the tree

NOT_FIXED = "not fixed: a symbolic link leads out of the linted tree (name the file on the command line to fix it)"


@pytest.fixture
def linked_out(tmp_path):
    """proj/ holds a file link and a directory link to files outside it."""
    (tmp_path / "outside" / "lib").mkdir(parents=True)
    (tmp_path / "outside" / "qonto_client.py").write_text(BAD)
    (tmp_path / "outside" / "lib" / "qonto_lib.py").write_text(BAD)
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "qonto_client.py").symlink_to("../outside/qonto_client.py")
    (tmp_path / "proj" / "lib").symlink_to("../outside/lib")
    (tmp_path / "proj" / "qonto_own.py").write_text(BAD)
    return tmp_path


def test_fix_does_not_follow_links_out_of_the_linted_tree(linked_out):
    proc = run("--isolated", "--fix", "proj", cwd=linked_out)
    assert proc.stderr.splitlines() == [
        f"qonto-lint: error: proj/lib/qonto_lib.py: {NOT_FIXED}",
        f"qonto-lint: error: proj/qonto_client.py: {NOT_FIXED}",
        "Fixed 1 finding (2 remaining).",
    ]
    assert proc.stdout.splitlines() == [
        f"proj/lib/qonto_lib.py:2:14: QNT304 [*] {M304}",
        f"proj/qonto_client.py:2:14: QNT304 [*] {M304}",
    ]
    assert proc.returncode == 2
    assert (linked_out / "outside" / "qonto_client.py").read_text() == BAD
    assert (linked_out / "outside" / "lib" / "qonto_lib.py").read_text() == BAD
    assert (linked_out / "proj" / "qonto_own.py").read_text() == FIXED


def test_fix_follows_a_link_named_on_the_command_line_or_into_another_linted_tree(linked_out):
    proc = run("--isolated", "--fix", "proj/qonto_client.py", "proj/lib/qonto_lib.py", cwd=linked_out)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "Fixed 2 findings (0 remaining).\n")
    assert (linked_out / "outside" / "qonto_client.py").read_text() == FIXED
    assert (linked_out / "outside" / "lib" / "qonto_lib.py").read_text() == FIXED
    assert (linked_out / "proj" / "qonto_client.py").is_symlink()
    (linked_out / "outside" / "lib" / "qonto_lib.py").write_text(BAD)
    proc = run("--isolated", "--fix", "proj", "outside/lib", cwd=linked_out)
    assert (proc.returncode, proc.stderr) == (0, "Fixed 2 findings (0 remaining).\n")
    assert (linked_out / "outside" / "lib" / "qonto_lib.py").read_text() == FIXED


def test_diff_still_shows_the_fix_of_a_file_behind_a_link(linked_out):
    proc = run("--isolated", "--diff", "proj/qonto_client.py", cwd=linked_out)
    assert (
        proc.returncode == 1
        and '+requests.get("https://thirdparty.qonto.com/v2/organization")' in proc.stdout.splitlines()
    )
