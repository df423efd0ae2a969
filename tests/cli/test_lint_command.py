"""The command line as a user meets it: output, exit status, options, rule documentation.

Everything runs through click's CliRunner with stdout and stderr kept apart, or as a
real process where the behaviour belongs to processes (terminals, pipes).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qonto_lint import __version__
from qonto_lint.docs import rule_section
from qonto_lint.rules import ALL_RULES, RULES_BY_CODE

from ..helpers import invoke, run_cli
from ..samples import CLIENT, M101, M101_FIXABLE, M107

CLEAN = """\
import os

import requests


def organization():
    key = f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"
    return requests.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": key})
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A directory with one faulty and one clean module, as the current directory."""
    (tmp_path / "qonto_client.py").write_text(CLIENT)
    (tmp_path / "clean_qonto.py").write_text(CLEAN)
    (tmp_path / "notes.py").write_text("print('nothing about the bank here')\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_output_and_exit_status_1(project):
    result = invoke()
    assert result.exit_code == 1
    assert result.stdout == f"qonto_client.py:7:33: {M101_FIXABLE}\nqonto_client.py:12:54: {M107}\n"
    assert result.stderr == "Found 2 findings in 1 of 3 files (2 analysed).\n[*] 1 fixable with `--fix`.\n"


def test_clean_file_exit_status_0(project):
    result = invoke("clean_qonto.py")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "All checks passed: 1 file (1 analysed).\n"


def test_quiet_prints_findings_only(project):
    result = invoke("--quiet", "qonto_client.py")
    assert result.exit_code == 1
    assert result.stdout == f"qonto_client.py:7:33: {M101_FIXABLE}\nqonto_client.py:12:54: {M107}\n"
    assert result.stderr == ""
    clean = invoke("-q", "clean_qonto.py")
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "", "")


def test_exit_zero_keeps_the_output(project):
    result = invoke("--exit-zero", "qonto_client.py")
    assert result.exit_code == 0
    assert result.stdout == f"qonto_client.py:7:33: {M101_FIXABLE}\nqonto_client.py:12:54: {M107}\n"


def test_statistics_counts_per_code(project):
    (project / "more_qonto.py").write_text(CLIENT)
    result = invoke("--statistics", "-q", "--ignore", "QNT107")
    assert result.exit_code == 1
    assert result.stdout == "    2\tQNT101\tbasic-scheme-prefix\n"
    as_json = invoke("--statistics", "-q", "--format", "json")
    assert json.loads(as_json.stdout) == [
        {"code": "QNT101", "name": "basic-scheme-prefix", "count": 2},
        {"code": "QNT107", "name": "http-basic-auth-helper", "count": 2},
    ]


def test_select_ignore_and_prefixes(project):
    assert invoke("-q", "--select", "QNT107", "qonto_client.py").stdout == f"qonto_client.py:12:54: {M107}\n"
    assert invoke("-q", "--select", "QNT1", "--ignore", "QNT10", "qonto_client.py").stdout == ""
    result = invoke("-q", "--select", "QNT2", "--extend-select", "QNT101", "qonto_client.py")
    assert result.stdout == f"qonto_client.py:7:33: {M101_FIXABLE}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "QNT1O1"], "unknown rule code or prefix 'QNT1O1' in --select (did you mean 'QNT101'?)"),
        (["--ignore", "QNT999"], "unknown rule code or prefix 'QNT999' in --ignore (did you mean 'QNT900'?)"),
        (["missing.py"], "missing.py: no such file or directory"),
        (
            ["--format", "xml"],
            "Invalid value for '--format': 'xml' is not one of "
            "'text', 'full', 'json', 'json-lines', 'github', 'sarif'.",
        ),
        (["--jobs", "0"], "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1."),
        (["--explain", "QNT11"], "unknown rule 'QNT11' for --explain (did you mean 'QNT110'?)"),
        (["--config", "nowhere.toml"], "config file nowhere.toml does not exist"),
        (["--config", "."], "config file . is not a regular file"),
        (["--config", os.devnull], f"config file {os.devnull} is not a regular file"),
        (["--show-settings", "missing.py"], "missing.py: no such file or directory"),
        (["--select", ""], "Invalid value for '--select': '' names no rule code or prefix"),
        (["--select", " , "], "Invalid value for '--select': ' , ' names no rule code or prefix"),
        (["--baseline", "nowhere.json"], "baseline nowhere.json does not exist (write one with --write-baseline)"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(project, args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"qonto-lint: error: {message}\n"


def test_unknown_option_is_one_line(project):
    result = invoke("--colour")
    assert result.exit_code == 2
    # click words it differently from one version to the next
    assert result.stderr.startswith("qonto-lint: error: No such option")
    assert "--colour" in result.stderr
    assert result.stderr.count("\n") == 1


def test_version():
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"qonto-lint {__version__}\n")


def test_stdin_with_stdin_filename(project):
    result = invoke("-", "--stdin-filename", "src/qonto_client.py", input=CLIENT)
    assert result.exit_code == 1
    assert result.stdout == f"src/qonto_client.py:7:33: {M101_FIXABLE}\nsrc/qonto_client.py:12:54: {M107}\n"
    # --stdin-filename alone reads standard input too, as ruff does
    alone = invoke("-q", "--stdin-filename", "app/qonto.py", "--select", "QNT107", input=CLIENT)
    assert alone.stdout == f"app/qonto.py:12:54: {M107}\n"
    # without a name the path is `-`; the source itself says qonto, so it is analysed
    bare = invoke("-q", "--select", "QNT101", "-", input=CLIENT)
    assert bare.stdout == f"-:7:33: {M101_FIXABLE}\n"


def test_stdin_filename_takes_part_in_excludes_only_with_force_exclude(project):
    result = invoke("-q", "-", "--stdin-filename", "build/qonto_client.py", "--select", "QNT101", input=CLIENT)
    assert result.stdout == f"build/qonto_client.py:7:33: {M101_FIXABLE}\n"
    forced = invoke("-", "--stdin-filename", "build/qonto_client.py", "--force-exclude", input=CLIENT)
    assert (forced.exit_code, forced.stdout) == (0, "")
    assert forced.stderr == "All checks passed: 0 files (0 analysed).\n"


# --- rule documentation ------------------------------------------------------------------


def test_explain_prints_the_rule_documentation():
    result = invoke("--explain", "qnt101")
    assert result.exit_code == 0
    assert result.stdout == rule_section(RULES_BY_CODE["QNT101"], level=1)
    assert result.stdout.startswith(
        "# QNT101\n\n**basic-scheme-prefix** · The Authorization value starts with 'Basic '"
    )
    assert "## What it does\n" in result.stdout and "Use instead:" in result.stdout
    by_name = invoke("--explain", "basic-scheme-prefix")
    assert by_name.stdout == result.stdout


def test_list_rules_text():
    result = invoke("--list-rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [rule.CODE for rule in ALL_RULES]
    width = max(len(rule.NAME) for rule in ALL_RULES)
    rule = RULES_BY_CODE["QNT201"]
    assert f"QNT201  {rule.NAME:<{width}}  -        {rule.SUMMARY}" in lines
    rule = RULES_BY_CODE["QNT101"]
    assert lines[0] == f"QNT101  {rule.NAME:<{width}}  {'fixable' if rule.FIXABLE else '-      '}  {rule.SUMMARY}"


def test_list_rules_json():
    result = invoke("--list-rules", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {"code": r.CODE, "name": r.NAME, "fixable": r.FIXABLE, "summary": r.SUMMARY} for r in ALL_RULES
    ]
    assert json.loads(result.stdout)[0]["code"] == "QNT101"


# --- colour: only on a terminal, never with --no-color or NO_COLOR ------------------------


def _run_on_terminal(args, cwd, env_extra=None):
    """Run qonto-lint with its standard output on a pseudo-terminal; what it printed there."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(env_extra or {})
    master, slave = pty.openpty()
    try:
        process = run_cli(
            *args, cwd=cwd, env=env, stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.returncode, b"".join(chunks).decode().replace("\r\n", "\n")


BOLD_101 = f"\x1b[1mqonto_client.py:7:33\x1b[0m: \x1b[1;31mQNT101\x1b[0m [*] {M101[7:]}\n"


def test_colour_on_a_terminal(project):
    status, output = _run_on_terminal(["--select", "QNT101", "qonto_client.py"], project)
    assert (status, output) == (1, BOLD_101)


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--no-color"], {}), ([], {"NO_COLOR": "1"})],
    ids=["--no-color", "NO_COLOR"],
)
def test_no_colour_when_asked(project, args, env):
    status, output = _run_on_terminal([*args, "--select", "QNT101", "qonto_client.py"], project, env)
    assert (status, output) == (1, f"qonto_client.py:7:33: {M101_FIXABLE}\n")


def test_no_colour_into_a_pipe(project):
    process = run_cli(
        "--select",
        "QNT101",
        "qonto_client.py",
        cwd=project,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "NO_COLOR"},
    )
    assert (process.returncode, process.stdout) == (1, f"qonto_client.py:7:33: {M101_FIXABLE}\n")
    assert process.stderr == "Found 1 finding in 1 of 1 file (1 analysed).\n[*] 1 fixable with `--fix`.\n"


def test_closed_pipe_is_not_a_traceback(project):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = run_cli(
            "--format",
            "sarif",
            "qonto_client.py",
            cwd=project,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (process.returncode, process.stderr) == (1, "")


def test_python_dash_m_and_the_script_agree(project):
    script = Path(sys.executable).with_name("qonto-lint")
    if not script.exists():
        pytest.skip("needs the package installed (pip install -e .): no qonto-lint script next to this interpreter")
    a = subprocess.run([str(script), "-q", "qonto_client.py"], cwd=project, capture_output=True, text=True, timeout=60)
    b = run_cli("-q", "qonto_client.py", cwd=project, text=True, timeout=60)
    assert (
        (a.returncode, a.stdout, a.stderr)
        == (b.returncode, b.stdout, b.stderr)
        == (1, invoke("-q", "qonto_client.py").stdout, "")
    )


def test_help_mentions_every_option_of_the_issue():
    result = invoke("--help")
    assert result.exit_code == 0
    for option in textwrap.dedent("""
        --format --select --extend-select --ignore --exclude --extend-exclude --force-exclude
        --stdin-filename --config --isolated --assume-qonto --baseline --write-baseline
        --statistics --quiet --exit-zero --no-color --explain --list-rules
    """).split():
        assert option in result.stdout
