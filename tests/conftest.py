"""What the tests need from the machine they run on.

Most tests under cli/ and robustness/ run `python -m qonto_lint` in a child process (helpers.run_cli),
as a user would. The child must import the package of this checkout: `pip install -e ".[test]"` does
that. Where the package is not installed, or installed from somewhere else, the child processes get
this checkout on PYTHONPATH instead, and the report header says so.

Two kinds of test need a real installation and say so when it is missing:
- the `qonto-lint` console script (cli/test_lint_command.py::test_python_dash_m_and_the_script_agree)
  is skipped when the script is not installed next to the interpreter;
- the pre-commit tests (cli/test_precommit.py, marker `precommit`) need pre-commit, git and a git
  checkout: pre-commit installs this checkout's committed HEAD into a fresh environment with pip,
  from the package index. They are skipped without pre-commit (failed on CI) or git.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from .helpers import CHECKOUT, codes_of, findings_of

#: the projects linted by tests/cli/test_projects.py hold test modules of their own (they mock
#: Qonto with respx or responses): they are data, not tests of this package
collect_ignore = ["projects"]

__all__ = ["codes_of", "findings_of"]

_PROBE = "import importlib.util as u, sys; spec = u.find_spec('qonto_lint'); sys.stdout.write(spec.origin or '')"
_CHILD_PACKAGE = pytest.StashKey[str]()


def _package_of_child_processes() -> str:
    """Where a child `python` started outside the checkout finds qonto_lint ('' when it does not)."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=tempfile.gettempdir(), capture_output=True, text=True, timeout=60
    )
    return proc.stdout if proc.returncode == 0 else ""


def pytest_configure(config: pytest.Config) -> None:
    found = _package_of_child_processes()
    ours = str(CHECKOUT / "qonto_lint" / "__init__.py")
    config.stash[_CHILD_PACKAGE] = found
    if found != ours:
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CHECKOUT), os.environ.get("PYTHONPATH")]))


def pytest_report_header(config: pytest.Config) -> str:
    found = config.stash.get(_CHILD_PACKAGE, "")
    if found == str(CHECKOUT / "qonto_lint" / "__init__.py"):
        return f"qonto_lint in child processes: installed from this checkout ({CHECKOUT})"
    where = f"installed from {found}" if found else "not installed"
    return f"qonto_lint in child processes: {where}; PYTHONPATH={CHECKOUT} is set for them"


@pytest.fixture
def lint():
    return findings_of
