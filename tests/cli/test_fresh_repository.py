"""A fresh repository with a pyproject.toml and a .gitignore behaves as the README says.

The README's "Configuration" example is this test's pyproject.toml; each run below is
a real `qonto-lint` process started in the repository (or below it), as a user would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from ..helpers import run_cli
from ..samples import CLIENT, M101_FIXABLE, M107

SECRET = "k3v9q2m7x4t8b1n6c5z0r2w8y4p7s3d1"

PYPROJECT = """\
[project]
name = "payments-service"
version = "1.0.0"

[tool.qonto-lint]
extend-exclude = ["migrations", "tests/fixtures"]
ignore = ["QNT306"]

[tool.qonto-lint.per-file-ignores]
"tests/*" = ["QNT201"]

[tool.qonto-lint.extra-hosts]
production = ["bank-gw.acme.internal"]
"""
GITIGNORE = """\
.venv/
/generated/
*.local.py
"""
GATEWAY = """\
import requests


def balance(login, secret):
    headers = {"Authorization": f"Basic {login}:{secret}"}
    return requests.get("https://bank-gw.acme.internal/v2/balance", headers=headers)
"""
TEST = f'''\
from app.qonto_client import organization

QONTO_SECRET_KEY = "{SECRET}"
'''
LEGACY = """\
import requests

requests.get("https://thirdparty.qonto.eu/v2/organization")
"""
NOTEBOOK = json.dumps(
    {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Reconciliation\n"]},
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "execution_count": 1,
                "source": ["%load_ext autoreload\n", "import requests\n", "BASE = 'https://thirdparty.qonto.com/v2'\n"],
            },
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "execution_count": 2,
                "source": ["!pip list\n", "requests.get(BASE + '/transactions', auth=(login, secret))\n"],
            },
        ],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
)


@pytest.fixture
def repository(tmp_path):
    root = tmp_path / "payments-service"
    files = {
        "pyproject.toml": PYPROJECT,
        ".gitignore": GITIGNORE,
        "src/app/__init__.py": "",
        "src/app/qonto_client.py": CLIENT,
        "src/app/gateway.py": GATEWAY,
        "src/app/legacy.py": LEGACY,  # QNT306 only: ignored in the config
        "tests/test_client.py": TEST,  # QNT201 only: ignored for tests/*
        "tests/fixtures/qonto_recorded.py": CLIENT,  # extend-exclude
        "migrations/0001_qonto.py": CLIENT,  # extend-exclude
        "generated/qonto_api.py": CLIENT,  # .gitignore
        "src/app/scratch.local.py": CLIENT,  # .gitignore
        ".venv/lib/site-packages/qonto_sdk.py": CLIENT,  # .gitignore and the default excludes
        "notebooks/reconcile.ipynb": NOTEBOOK,
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    else:  # pragma: no cover - git is on every CI machine
        (root / ".git").mkdir()
    return root


def qonto_lint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return run_cli(*args, cwd=cwd, env=env, text=True, timeout=120)


def test_lint_the_repository_as_configured(repository):
    result = qonto_lint(repository)
    assert result.returncode == 1
    assert result.stdout == (
        f"notebooks/reconcile.ipynb:cell 3:2:43: {M107}\n"
        f"src/app/gateway.py:5:33: {M101_FIXABLE}\n"
        f"src/app/qonto_client.py:7:33: {M101_FIXABLE}\n"
        f"src/app/qonto_client.py:12:54: {M107}\n"
    )
    assert result.stderr == "Found 4 findings in 3 of 6 files (5 analysed).\n[*] 2 fixable with `--fix`.\n"


def test_configuration_is_found_from_a_subdirectory(repository):
    result = qonto_lint(repository / "src" / "app")
    assert result.returncode == 1
    assert result.stdout == (
        f"gateway.py:5:33: {M101_FIXABLE}\nqonto_client.py:7:33: {M101_FIXABLE}\nqonto_client.py:12:54: {M107}\n"
    )


def test_isolated_ignores_the_configuration_but_not_the_gitignore(repository):
    result = qonto_lint(repository, "--isolated", "--statistics", "-q")
    assert result.returncode == 1
    # migrations and tests/fixtures are linted again; generated/, *.local.py and .venv stay ignored;
    # the gateway's host is no longer Qonto's; QNT201 in tests and QNT306 are reported again
    assert result.stdout == (
        "    4\tQNT107\thttp-basic-auth-helper\n"
        "    3\tQNT101\tbasic-scheme-prefix\n"
        "    1\tQNT201\thardcoded-credential\n"
        "    1\tQNT306\tlegacy-qonto-host\n"
    )
    assert SECRET not in result.stdout + result.stderr


def test_pre_commit_style_invocation_honours_the_excludes(repository):
    result = qonto_lint(
        repository,
        "--force-exclude",
        "migrations/0001_qonto.py",
        "tests/fixtures/qonto_recorded.py",
        "src/app/gateway.py",
    )
    assert result.returncode == 1
    assert result.stdout == f"src/app/gateway.py:5:33: {M101_FIXABLE}\n"


def test_baseline_then_only_new_findings(repository):
    written = qonto_lint(repository, "--write-baseline", ".qonto-lint-baseline.json")
    assert (written.returncode, written.stdout) == (0, "")
    assert written.stderr == "Wrote 4 findings to the baseline .qonto-lint-baseline.json.\n"
    assert qonto_lint(repository, "--baseline", ".qonto-lint-baseline.json").returncode == 0
    with open(repository / "src" / "app" / "gateway.py", "a") as handle:
        handle.write(
            textwrap.dedent("""

            def statements(login, secret):
                return requests.get("https://bank-gw.acme.internal/v2/statements", auth=(login, secret))
        """)
        )
    result = qonto_lint(repository, "--baseline", ".qonto-lint-baseline.json", "--format", "github")
    assert result.returncode == 1
    assert result.stdout == (
        "::error title=qonto-lint (QNT107),file=src/app/gateway.py,line=10,col=77,endLine=10,endColumn=92::"
        f"{M107[7:]}\n"
    )
    assert result.stderr == "Found 1 finding in 1 of 6 files (5 analysed); 4 more in the baseline.\n"


def test_a_typo_in_the_configuration_stops_the_run(repository):
    (repository / "pyproject.toml").write_text(PYPROJECT.replace("extend-exclude", "extend_exclude"))
    result = qonto_lint(repository)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "qonto-lint: error: pyproject.toml: unknown key 'extend_exclude' in [tool.qonto-lint] "
        "(did you mean 'extend-exclude'?)\n"
    )
