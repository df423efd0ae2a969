"""Helpers shared by the test packages: where things are, how to lint a snippet, how to run the command line.

Two ways to run the command line, one helper each: `run_cli` starts `python -m qonto_lint` in a child
process, as a user runs it (exit status, real streams, signals, terminals); `invoke` runs the `lint`
command in this process through click's CliRunner, which is faster and keeps stdout and stderr apart.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from qonto_lint import Options, lint_source
from qonto_lint.cli.lint import lint

TESTS = Path(__file__).resolve().parent
CHECKOUT = TESTS.parent
DATA = TESTS / "data"
EXAMPLES = CHECKOUT / "examples"
# The shared corpus is not part of the repository: it sits beside the checkout unless named here.
SHARED_CORPUS = Path(os.environ.get("QONTO_LINT_SHARED", CHECKOUT.parent / "shared")) / "corpus"


def findings_of(source: str, path: str = "qonto_client.py", **options):
    """(line, column, code) of every finding in a snippet, in order."""
    result = lint_source(textwrap.dedent(source).lstrip("\n"), path, Options(**options))
    return [(f.line, f.column, f.code) for f in result.findings]


def codes_of(source: str, path: str = "qonto_client.py", **options):
    return sorted({code for _line, _col, code in findings_of(source, path, **options)})


# A guard against a hang, not a measure of speed: well above what any run here takes.
HANG_GUARD = 120


def run_cli(*args: str, timeout: float = HANG_GUARD, **kwargs: Any) -> subprocess.CompletedProcess:
    """`python -m qonto_lint ARGS` in a child process; stdout and stderr captured apart (bytes unless
    text=True) unless given; other keywords (cwd, input, env, stdin, text, ...) go to subprocess.run."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "qonto_lint", *args], timeout=timeout, **kwargs)


def lint_status(*args: str, cwd) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `python -m qonto_lint ARGS` run in `cwd`, as text."""
    proc = run_cli(*args, cwd=cwd, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def cli_runner() -> CliRunner:
    """click's CliRunner with stdout and stderr kept apart: the default from click 8.2, an option before it."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def invoke(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """`qonto-lint ARGS` in this process; an exception in the command fails the test with its traceback."""
    return cli_runner().invoke(lint, list(args), input=input, env=env, catch_exceptions=False)


def parsed_modules(monkeypatch) -> list[str]:
    """The paths the project view parses with libcst (reads them as a module), in order, each
    relative to the current directory."""
    import qonto_lint.facts.project as project

    parsed: list[str] = []
    read = project._read

    def counting(path, hosts, parse):
        def parsing(data):
            parsed.append(os.path.relpath(path))
            return parse(data)

        return read(path, hosts, parsing)

    monkeypatch.setattr(project, "_read", counting)
    return parsed
