"""`[tool.qonto-lint]`: where it is found, every key, the command line winning, bad input."""

from __future__ import annotations

import json
import textwrap

import pytest

from ..helpers import invoke
from ..samples import CLIENT, M101, M101_FIXABLE, M107

#: no word "qonto" anywhere: only a configured extra host makes it Qonto's
PROXY_CLIENT = """\
import requests


def organization(login, secret):
    headers = {"Authorization": f"Basic {login}:{secret}"}
    return requests.get("https://bank-gw.acme.internal/v2/organization", headers=headers)
"""
#: no URL and no word "qonto": only assume-qonto makes it Qonto's
BARE_CLIENT = """\
def headers(login, secret):
    return {"Authorization": f"Basic {login}:{secret}"}
"""


def write_config(directory, body: str, name: str = "pyproject.toml"):
    path = directory / name
    path.write_text(textwrap.dedent(body).lstrip())
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "qonto_client.py").write_text(CLIENT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_nearest_pyproject_found_upward(project, monkeypatch):
    write_config(
        project,
        """
        [project]
        name = "acme"

        [tool.qonto-lint]
        ignore = ["QNT107"]
    """,
    )
    monkeypatch.chdir(project / "src")
    result = invoke()
    assert (result.exit_code, result.stdout) == (1, f"qonto_client.py:7:33: {M101_FIXABLE}\n")


def test_pyproject_without_the_table_is_passed_over(project, monkeypatch):
    write_config(
        project,
        """
        [tool.qonto-lint]
        select = ["QNT107"]
    """,
    )
    write_config(
        project / "src",
        """
        [project]
        name = "inner"
    """,
    )
    monkeypatch.chdir(project / "src")
    assert invoke("-q").stdout == f"qonto_client.py:12:54: {M107}\n"


def test_isolated_ignores_the_file(project):
    write_config(
        project,
        """
        [tool.qonto-lint]
        select = ["QNT107"]
        typo-key = 1
    """,
    )
    result = invoke("-q", "--isolated")
    assert result.exit_code == 1
    assert result.stdout == f"src/qonto_client.py:7:33: {M101_FIXABLE}\nsrc/qonto_client.py:12:54: {M107}\n"


def test_config_names_a_file(project):
    write_config(
        project,
        """
        [tool.qonto-lint]
        select = ["QNT107"]
    """,
    )
    write_config(
        project,
        """
        [tool.qonto-lint]
        select = ["QNT101"]
    """,
        name="ci.toml",
    )
    assert invoke("-q", "--config", "ci.toml").stdout == f"src/qonto_client.py:7:33: {M101_FIXABLE}\n"
    # a dedicated file may hold the keys at its top level
    write_config(project, 'select = ["QNT107"]\n', name="qonto-lint.toml")
    assert invoke("-q", "--config", "qonto-lint.toml").stdout == f"src/qonto_client.py:12:54: {M107}\n"


def test_command_line_wins_over_the_file(project):
    write_config(
        project,
        """
        [tool.qonto-lint]
        select = ["QNT107"]
        format = "json"
        assume-qonto = true
    """,
    )
    # --select replaces the file's selection; --format replaces its format
    result = invoke("-q", "--select", "QNT101", "--format", "text")
    assert result.stdout == f"src/qonto_client.py:7:33: {M101_FIXABLE}\n"
    # the file's format applies when the command line says nothing
    as_json = invoke("-q")
    assert [f["code"] for f in json.loads(as_json.stdout)] == ["QNT107"]
    # --no-assume-qonto wins over assume-qonto = true
    (project / "src" / "headers.py").write_text(BARE_CLIENT)
    assert invoke("-q", "--select", "QNT101", "--format", "text", "src/headers.py").exit_code == 1
    assert invoke("-q", "--select", "QNT101", "--format", "text", "--no-assume-qonto", "src/headers.py").exit_code == 0


def test_command_line_select_wins_over_the_file_ignore(project):
    write_config(
        project,
        """
        [tool.qonto-lint]
        ignore = ["QNT101"]
    """,
    )
    assert invoke("-q").stdout == f"src/qonto_client.py:12:54: {M107}\n"
    assert invoke("-q", "--select", "QNT101").stdout == f"src/qonto_client.py:7:33: {M101_FIXABLE}\n"
    # --ignore adds to the file's ignore
    assert invoke("-q", "--ignore", "QNT107").stdout == ""


def test_extend_select_adds_to_select(project):
    write_config(
        project,
        """
        [tool.qonto-lint]
        select = ["QNT2"]
        extend-select = ["QNT107"]
    """,
    )
    assert invoke("-q").stdout == f"src/qonto_client.py:12:54: {M107}\n"
    assert invoke("-q", "--extend-select", "QNT101").stdout == (
        f"src/qonto_client.py:7:33: {M101_FIXABLE}\nsrc/qonto_client.py:12:54: {M107}\n"
    )


def test_per_file_ignores(project):
    (project / "tests").mkdir()
    (project / "tests" / "test_qonto.py").write_text(CLIENT)
    write_config(
        project,
        """
        [tool.qonto-lint.per-file-ignores]
        "tests/*" = ["QNT1"]
        "qonto_client.py" = ["QNT107"]
    """,
    )
    result = invoke("-q")
    assert result.stdout == f"src/qonto_client.py:7:33: {M101_FIXABLE}\n"


def test_per_file_ignores_are_relative_to_the_config_file(project, monkeypatch):
    write_config(
        project,
        """
        [tool.qonto-lint.per-file-ignores]
        "src/qonto_client.py" = ["QNT101"]
    """,
    )
    monkeypatch.chdir(project / "src")
    assert invoke("-q").stdout == f"qonto_client.py:12:54: {M107}\n"


def test_exclude_and_extend_exclude(project):
    (project / "generated").mkdir()
    (project / "generated" / "qonto_api.py").write_text(CLIENT)
    (project / "build").mkdir()
    (project / "build" / "qonto_api.py").write_text(CLIENT)
    write_config(
        project,
        """
        [tool.qonto-lint]
        select = ["QNT107"]
        extend-exclude = ["generated"]
    """,
    )
    # the defaults (build) still apply; generated is added
    assert invoke("-q").stdout == f"src/qonto_client.py:12:54: {M107}\n"
    # exclude replaces the defaults: build is linted again
    write_config(
        project,
        """
        [tool.qonto-lint]
        select = ["QNT107"]
        exclude = ["src"]
    """,
    )
    result = invoke("-q")
    assert result.stdout == (f"build/qonto_api.py:12:54: {M107}\ngenerated/qonto_api.py:12:54: {M107}\n")
    # --exclude on the command line replaces the file's exclude
    assert invoke("-q", "--exclude", "build,generated").stdout == f"src/qonto_client.py:12:54: {M107}\n"


def test_extra_hosts_reach_the_engine_and_the_text_gate(project):
    (project / "src" / "gateway.py").write_text(PROXY_CLIENT)
    # without configuration the file never passes the text gate
    plain = invoke("--isolated", "src/gateway.py")
    assert (plain.exit_code, plain.stdout) == (0, "")
    assert plain.stderr == "All checks passed: 1 file (0 analysed).\n"
    write_config(
        project,
        """
        [tool.qonto-lint.extra-hosts]
        production = ["BANK-GW.acme.internal"]
        sandbox = ["bank-gw-staging.acme.internal"]
    """,
    )
    result = invoke("src/gateway.py")
    assert result.exit_code == 1
    assert result.stdout == f"src/gateway.py:5:33: {M101_FIXABLE}\n"
    assert result.stderr == "Found 1 finding in 1 of 1 file (1 analysed).\n[*] 1 fixable with `--fix`.\n"


def test_assume_qonto_from_the_file(project):
    (project / "src" / "headers.py").write_text(BARE_CLIENT)
    assert invoke("-q", "src/headers.py").stdout == ""
    write_config(
        project,
        """
        [tool.qonto-lint]
        assume-qonto = true
    """,
    )
    # the context is assumed, not seen: the fix is unsafe, so the line has no [*]
    assert invoke("-q", "src/headers.py").stdout == f"src/headers.py:2:30: {M101}\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('selekt = ["QNT1"]', "unknown key 'selekt' in [tool.qonto-lint] (did you mean 'select'?)"),
        (
            'extend_exclude = ["x"]',
            "unknown key 'extend_exclude' in [tool.qonto-lint] (did you mean 'extend-exclude'?)",
        ),
        (
            "per-file-ignore = {}",
            "unknown key 'per-file-ignore' in [tool.qonto-lint] (did you mean 'per-file-ignores'?)",
        ),
        ("colour = true", "unknown key 'colour' in [tool.qonto-lint]"),
        ('select = ["QNT1O1"]', "unknown rule code or prefix 'QNT1O1' in 'select' (did you mean 'QNT101'?)"),
        (
            'select = "QNT101"',
            "'select' must be a list of rule codes or prefixes, not 'QNT101' (did you mean [\"QNT101\"]?)",
        ),
        ('ignore = ["E501"]', "unknown rule code or prefix 'E501' in 'ignore'"),
        ('exclude = "build"', "'exclude' must be a list of globs, not 'build' (did you mean [\"build\"]?)"),
        ('assume-qonto = "yes"', "'assume-qonto' must be true or false, not 'yes' (did you mean true?)"),
        (
            'format = "jsonl"',
            "'format' must be one of text, full, json, json-lines, github, sarif, not 'jsonl' (did you mean 'json'?)",
        ),
        (
            'format = "SARIF"',
            "'format' must be one of text, full, json, json-lines, github, sarif, not 'SARIF' (did you mean 'sarif'?)",
        ),
        ('extra-hosts = { prod = ["x.example"] }', "unknown key 'prod' in 'extra-hosts' (did you mean 'production'?)"),
        (
            'extra-hosts = { production = "gw.acme.internal" }',
            "'extra-hosts.production' must be a list of host names (did you mean [\"gw.acme.internal\"]?)",
        ),
        (
            'extra-hosts = { sandbox = ["https://gw.acme.internal:8443/v2"] }',
            "'extra-hosts.sandbox': 'https://gw.acme.internal:8443/v2' is not a host name (did you mean "
            '"gw.acme.internal"?)',
        ),
        (
            'per-file-ignores = { "tests/*" = "QNT201" }',
            "'per-file-ignores' value for \"tests/*\" must be a list of codes, not 'QNT201' (did you mean "
            '["QNT201"]?)',
        ),
        (
            'per-file-ignores = { "tests/*" = ["QNT2O1"] }',
            "unknown rule code or prefix 'QNT2O1' in 'per-file-ignores' for \"tests/*\" (did you mean 'QNT201'?)",
        ),
        ("max-file-size = -1", "'max-file-size' must be a positive number of bytes, not -1"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(project, body, message):
    write_config(project, f"[tool.qonto-lint]\n{body}\n")
    result = invoke()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"qonto-lint: error: pyproject.toml: {message}\n"


def test_invalid_toml_is_one_line_and_exit_2(project):
    write_config(project, "[tool.qonto-lint]\nselect = [\n")
    result = invoke()
    assert result.exit_code == 2
    assert result.stderr.startswith("qonto-lint: error: pyproject.toml is not valid TOML: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("depth", [20_000, 100_000])
def test_values_nested_too_deeply_are_one_line_and_exit_2(project, depth):
    # tomllib recurses once a level: past the interpreter's limit (which the engine raises to
    # 12,000 frames) it is a configuration error
    write_config(project, "[tool.qonto-lint]\nselect = " + "[" * depth + "]" * depth + "\n")
    result = invoke()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "qonto-lint: error: pyproject.toml is not valid TOML: its values are nested too deeply\n"


def test_bad_configuration_named_with_config_is_reported_with_its_path(project):
    write_config(project, "[tool.qonto-lint]\nformat = 3\n", name="ci.toml")
    result = invoke("--config", "ci.toml")
    assert (result.exit_code, result.stderr) == (
        2,
        "qonto-lint: error: ci.toml: 'format' must be one of text, full, json, json-lines, github, sarif, not 3\n",
    )


def test_per_file_ignores_apply_to_the_stdin_filename(project):
    write_config(
        project,
        """
        [tool.qonto-lint.per-file-ignores]
        "legacy/*" = ["QNT101"]
    """,
    )
    result = invoke("-q", "-", "--stdin-filename", "legacy/qonto_client.py", input=CLIENT)
    assert result.stdout == f"legacy/qonto_client.py:12:54: {M107}\n"
