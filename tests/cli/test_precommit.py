"""pre-commit for real: a temporary repository uses this checkout's hook.

pre-commit clones this checkout and installs it into the hook's own virtual
environment with pip (libcst and click come from the package index), so this takes
a few seconds per install; deselect with `-m "not precommit"`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ..helpers import CHECKOUT
from ..samples import M107

pytestmark = pytest.mark.precommit

BAD = """\
import requests


def organization(login, secret):
    return requests.get("https://thirdparty.qonto.com/v2/organization", auth=(login, secret))
"""
CLEAN = """\
import os

import requests


def organization():
    key = f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"
    return requests.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": key})
"""


def _requirements():
    if importlib.util.find_spec("pre_commit") is None:
        if os.environ.get("CI"):
            pytest.fail("pre-commit is a test dependency: install the project with its [test] extra")
        pytest.skip("pre-commit is not installed")
    if shutil.which("git") is None or not (CHECKOUT / ".git").exists():
        pytest.skip("needs git and a git checkout of qonto-lint")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    """One cache for the module: each revision's hook environment is installed once."""
    _requirements()
    return tmp_path_factory.mktemp("pre-commit-home")


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return env


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=_env(Path("/nonexistent"))
    ).stdout


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def repo(tmp_path):
    path = tmp_path / "service"
    path.mkdir()
    git(path, "init", "-q")
    (path / "pyproject.toml").write_text(
        textwrap.dedent("""
        [project]
        name = "service"

        [tool.qonto-lint]
        extend-exclude = ["legacy"]
    """).lstrip()
    )
    (path / "legacy").mkdir()
    (path / "legacy" / "old_qonto.py").write_text(BAD)  # excluded by the config: skipped even when named
    (path / "build").mkdir()
    (path / "build" / "generated_qonto.py").write_text(BAD)  # a default exclude
    (path / "clean_qonto.py").write_text(CLEAN)
    (path / "README.md").write_text("not Python\n")
    return path


def _hook_output(process: subprocess.CompletedProcess) -> str:
    return process.stdout + process.stderr


def test_hook_from_pre_commit_config_fails_on_a_mistake_and_passes_when_clean(repo, pre_commit_home):
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=CHECKOUT, check=True, capture_output=True, text=True
    ).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(f"""
        repos:
          - repo: {CHECKOUT}
            rev: {head}
            hooks:
              - id: qonto-lint
    """).lstrip()
    )
    (repo / "bad_qonto.py").write_text(BAD)
    git(repo, "add", "-A")

    failing = pre_commit(repo, pre_commit_home, "run", "--all-files")
    output = _hook_output(failing)
    assert failing.returncode == 1, output
    assert "qonto-lint" in output and "Failed" in output
    assert f"bad_qonto.py:5:78: {M107}" in output
    assert "legacy/" not in output and "build/" not in output  # --force-exclude with the project's config

    git(repo, "rm", "-q", "--cached", "bad_qonto.py")
    (repo / "bad_qonto.py").unlink()
    passing = pre_commit(repo, pre_commit_home, "run", "--all-files")
    output = _hook_output(passing)
    assert passing.returncode == 0, output
    assert "qonto-lint" in output and "Passed" in output


def test_try_repo_runs_the_working_tree(repo, pre_commit_home):
    (repo / "bad_qonto.py").write_text(BAD)
    git(repo, "add", "-A")
    failing = pre_commit(
        repo, pre_commit_home, "try-repo", str(CHECKOUT), "qonto-lint", "--files", "bad_qonto.py", "clean_qonto.py"
    )
    output = _hook_output(failing)
    assert failing.returncode == 1, output
    assert f"bad_qonto.py:5:78: {M107}" in output
    passing = pre_commit(
        repo, pre_commit_home, "try-repo", str(CHECKOUT), "qonto-lint", "--files", "clean_qonto.py", "README.md"
    )
    output = _hook_output(passing)
    assert passing.returncode == 0, output
    assert "Passed" in output


def test_fix_hook_rewrites_the_file(repo, pre_commit_home):
    target = repo / "fixable_qonto.py"
    target.write_text('QONTO_API = "http://thirdparty.qonto.com/v2"\n')
    git(repo, "add", "-A")
    run = pre_commit(repo, pre_commit_home, "try-repo", str(CHECKOUT), "qonto-lint-fix", "--files", "fixable_qonto.py")
    output = _hook_output(run)
    assert run.returncode == 1, output  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in output
    assert target.read_text() == 'QONTO_API = "https://thirdparty.qonto.com/v2"\n'
    again = pre_commit(
        repo, pre_commit_home, "try-repo", str(CHECKOUT), "qonto-lint-fix", "--files", "fixable_qonto.py"
    )
    assert again.returncode == 0, _hook_output(again)


def test_the_readme_pre_commit_example_works_as_written(repo, pre_commit_home):
    """The README's `.pre-commit-config.yaml`, copied as it is, with qonto-lint installed beside pre-commit."""
    import re

    readme = (CHECKOUT / "README.md").read_text()
    section = readme[readme.index("## Use with pre-commit") :]
    example = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert example is not None
    (repo / ".pre-commit-config.yaml").write_text(example.group(1))
    (repo / "bad_qonto.py").write_text(BAD)
    git(repo, "add", "-A")
    env_path = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env={**_env(pre_commit_home), "PATH": env_path},
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    output = _hook_output(run)
    assert run.returncode == 1, output
    assert f"bad_qonto.py:5:78: {M107}" in output
    assert "legacy/" not in output and "build/" not in output  # --force-exclude with the project's config
