"""The test suite on every supported Python: `nox` (all of them), `nox -s tests-3.12` (one).

Each session installs the project with its test extra in a fresh virtual environment and runs
the README's test command, `python -m pytest` (arguments after `--` go to pytest). An interpreter
that cannot be found is an error, not a skipped session: CI must not pass on fewer Pythons.
"""

from __future__ import annotations

import glob
import os

import nox

#: requires-python is >= 3.10: every minor version since, up to the newest released
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]

nox.options.sessions = ["tests"]
nox.options.error_on_missing_interpreters = True
nox.options.default_venv_backend = "venv"


def _pyenv_interpreters_on_path() -> None:
    """pyenv's shims answer `python3.10` only for the versions `pyenv global` names: put each
    installed version's own directory on PATH, where nox looks for `python3.X`."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = []
    for version in PYTHONS:
        # the newest patch release installed of each minor version (3.10.13 after 3.10.9)
        candidates = glob.glob(os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}"))
        candidates.sort(key=lambda path: [int(part) for part in path.split(os.sep)[-3].split(".") if part.isdigit()])
        if candidates:
            found.append(os.path.dirname(candidates[-1]))
    if found:
        os.environ["PATH"] = os.pathsep.join([*found, os.environ.get("PATH", "")])


_pyenv_interpreters_on_path()


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    # the lint extra too: a test reformats a file with ruff (baselines that survive formatting)
    session.install("-q", "-e", ".[test,lint]")
    session.run("python", "-m", "pytest", *session.posargs)
