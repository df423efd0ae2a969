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

BAD = 'import requests\nrequests.get("http://thirdparty.qonto.com/v2/organization")\n'
FIXED = 'import requests\nrequests.get("https://thirdparty.qonto.com/v2/organization")\n'
M304 = "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and expose the key)"
PRECIOUS = "IMPORTANT CONTENT\n"


def run(*args, cwd=None, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "qonto_lint", *args], cwd=cwd, capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL, **kwargs,
    )


def shell(script: str, cwd: Path) -> subprocess.CompletedProcess:
    """`script` in sh, with $PY the Python that runs qonto-lint (for `exec` at a known PID, closed streams)."""
    return subprocess.run(
        ["sh", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
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
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "Wrote 1 finding to the baseline qonto-lint-baseline.json.\n")
    assert victim.read_text() == PRECIOUS
    baseline = project / "qonto-lint-baseline.json"
    assert not baseline.is_symlink()
    assert json.loads(baseline.read_text())["findings"][0]["path"] == "qonto_client.py"
    proc = shell('ln -s src.py .b2.json.$$.tmp; exec "$PY" -m qonto_lint --isolated --write-baseline b2.json qonto_client.py', project)
    assert proc.returncode == 0 and (project / "src.py").read_text() == PRECIOUS
    assert not (project / "b2.json").is_symlink()
    # no temporary file is left behind
    assert sorted(p.name for p in project.iterdir() if not p.is_symlink()) == ["b2.json", "qonto-lint-baseline.json", "qonto_client.py", "src.py"]


def test_write_baseline_replaces_a_link_at_the_baseline_name_and_leaves_its_target_alone(tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text(PRECIOUS)
    (tmp_path / "qonto_client.py").write_text(BAD)
    (tmp_path / "baseline.json").symlink_to(victim)
    proc = run("--isolated", "--write-baseline", "baseline.json", "qonto_client.py", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "Wrote 1 finding to the baseline baseline.json.\n")
    assert victim.read_text() == PRECIOUS
    assert not (tmp_path / "baseline.json").is_symlink()
    assert oct((tmp_path / "baseline.json").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
