"""Every output format through the command line: exact text, JSON shapes, SARIF field by field."""

from __future__ import annotations

import json

import pytest

from qonto_lint import __version__
from qonto_lint.config import FORMATS
from qonto_lint.model import DOCS_URL
from qonto_lint.rules import ALL_RULES

from ..helpers import invoke

SECRET = "k3v9q2m7x4t8b1n6c5z0r2w8y4p7s3d1"
KEY = f"northwind-traders-5120:{SECRET}"
MASKED = "northwind-traders-5120:k3v9…"
SOURCE = f'''\
import requests

QONTO_URL = "https://thirdparty.qonto.com/v2"


def organization():
\theaders = {{"Authorization": "Basic {KEY}"}}
\treturn requests.get(QONTO_URL + "/organization", headers=headers)


KEY = "{KEY}"; x = {{"Authorization": f"Basic {{KEY}}"}}
'''
M101 = (
    "Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is "
    "(every 401 counts toward Qonto's 200-per-hour throttle)"
)


def M201(name):
    return (
        f"hardcoded Qonto credential '{MASKED}' ({name}): anyone with the source can call Qonto as you; "
        "load it from the environment or a secret store, and rotate it"
    )


FINDINGS = [  # (line, column, end line, end column, code, message)
    (7, 30, 7, 93, "QNT101", M101),
    (7, 30, 7, 93, "QNT201", M201("Authorization")),
    (11, 7, 11, 64, "QNT201", M201("KEY")),
    (11, 88, 11, 102, "QNT101", M101),
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "qonto_keys.py").write_text(SOURCE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return invoke("--isolated", "-q", *args)


def marker(code: str, line: int) -> str:
    """ruff's `[*]`: the QNT101 on line 7 has a safe fix (the one inside the f-string on line 11 has none)."""
    return "[*] " if (code, line) == ("QNT101", 7) else ""


def test_text(project):
    result = run("--format", "text")
    assert result.exit_code == 1
    assert result.stdout == "".join(
        f"src/qonto_keys.py:{line}:{c}: {code} {marker(code, line)}{m}\n" for line, c, _, _, code, m in FINDINGS
    )


def test_full_shows_the_masked_line_with_a_caret(project):
    result = run("--format", "full")
    assert result.exit_code == 1
    line7 = f'\theaders = {{"Authorization": "Basic {MASKED}"}}'
    line11 = f'KEY = "{MASKED}"; x = {{"Authorization": f"Basic {{KEY}}"}}'
    caret11 = " " * (len("  11 | ") + line11.index('f"Basic')) + "^"
    assert result.stdout == (
        f"src/qonto_keys.py:7:30: QNT101 [*] {M101}\n"
        f"  7 | {line7}\n"
        f"      \t                            ^\n"
        "\n"
        f"src/qonto_keys.py:7:30: QNT201 {M201('Authorization')}\n"
        f"  7 | {line7}\n"
        f"      \t                            ^\n"
        "\n"
        f"src/qonto_keys.py:11:7: QNT201 {M201('KEY')}\n"
        f"  11 | {line11}\n"
        f"             ^\n"
        "\n"
        f"src/qonto_keys.py:11:88: QNT101 {M101}\n"
        f"  11 | {line11}\n"
        f"{caret11}\n"
        "\n"
    )
    assert SECRET not in result.stdout and SECRET[4:12] not in result.stdout


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_format_prints_the_secret(project, output_format):
    result = run("--format", output_format)
    assert result.exit_code == 1
    assert SECRET not in result.stdout + result.stderr
    assert SECRET[4:] not in result.stdout + result.stderr


def _expected_json(project):
    out = []
    for line, column, end_line, end_column, code, message in FINDINGS:
        out.append(
            {
                "cell": None,
                "code": code,
                "end_location": {"column": end_column, "row": end_line},
                "filename": str(project / "src" / "qonto_keys.py"),
                "location": {"column": column, "row": line},
                "message": message,
                "noqa_row": line,
                "url": f"{DOCS_URL}#{code.lower()}",
            }
        )
    return out


def test_json_is_shaped_like_ruffs(project):
    result = run("--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    fixes = [item.pop("fix") for item in data]
    assert data == _expected_json(project)
    # a fix is null or an object with edits (contents masked like every other output)
    for fix in fixes:
        assert fix is None or (isinstance(fix, dict) and isinstance(fix["edits"], list))
        if fix:
            for edit in fix["edits"]:
                assert set(edit) == {"content", "location", "end_location"}
    assert fixes[1] is None and fixes[2] is None
    assert result.stdout.startswith("[\n  {\n")


def test_json_with_no_findings_is_an_empty_list(project):
    result = run("--format", "json", "--select", "QNT306")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_json_lines(project):
    result = run("--format", "json-lines")
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    objects = [json.loads(line) for line in lines]
    as_list = json.loads(run("--format", "json").stdout)
    assert objects == as_list


def test_github_workflow_commands(project):
    result = run("--format", "github")
    assert result.exit_code == 1
    assert result.stdout == "".join(
        f"::error title=qonto-lint ({code}),file=src/qonto_keys.py,line={line},col={c},endLine={end_line},"
        f"endColumn={end_c}::{m}\n"
        for line, c, end_line, end_c, code, m in FINDINGS
    )


def test_github_escapes_properties_and_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b:qonto.py").write_text(SOURCE)
    result = run("--format", "github", "--select", "QNT101")
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "::error title=qonto-lint (QNT101),file=a%2Cb%3Aqonto.py,line=7,col=30,endLine=7,endColumn=93::Qonto static"
    )


def test_sarif_field_by_field(project):
    result = run("--format", "sarif")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["version"] == "2.1.0"
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(document["runs"]) == 1
    run_ = document["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "qonto-lint"
    assert driver["version"] == __version__
    assert driver["informationUri"] == DOCS_URL
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [rule.CODE for rule in ALL_RULES]
    for rule, entry in zip(ALL_RULES, rules, strict=True):
        assert entry["name"] == rule.NAME
        assert entry["shortDescription"] == {"text": rule.SUMMARY}
        assert entry["helpUri"] == f"{DOCS_URL}#{rule.CODE.lower()}"
        assert entry["help"]["markdown"] == rule.docs()
        assert entry["defaultConfiguration"] == {"level": "error"}
    results = run_["results"]
    assert len(results) == len(FINDINGS)
    for (line, column, end_line, end_column, code, message), item in zip(FINDINGS, results, strict=True):
        assert item["ruleId"] == code
        assert rules[item["ruleIndex"]]["id"] == code
        assert item["level"] == "error"
        assert item["message"] == {"text": message}
        assert len(item["locations"]) == 1
        physical = item["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "src/qonto_keys.py", "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
        }


def test_sarif_uri_is_relative_even_for_an_absolute_argument(project):
    result = run("--format", "sarif", "--select", "QNT201", str(project / "src"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(result.stdout)["runs"][0]["results"]
    }
    assert uris == {"src/qonto_keys.py"}


def test_sarif_with_no_findings_still_lists_the_rules(project):
    result = run("--format", "sarif", "--select", "QNT306")
    document = json.loads(result.stdout)
    assert result.exit_code == 0
    assert document["runs"][0]["results"] == []
    assert len(document["runs"][0]["tool"]["driver"]["rules"]) == len(ALL_RULES)


def test_format_from_the_config_file(project):
    (project / "pyproject.toml").write_text('[tool.qonto-lint]\nformat = "github"\n')
    result = invoke("-q", "--select", "QNT201")
    assert result.stdout.startswith(
        "::error title=qonto-lint (QNT201),file=src/qonto_keys.py,line=7,col=30,endLine=7,endColumn=93::"
    )


def test_full_from_standard_input(project):
    source = (project / "src" / "qonto_keys.py").read_text()
    args = ["--isolated", "-q", "--format", "full", "--select", "QNT201", "-", "--stdin-filename", "app/keys.py"]
    result = invoke(*args, input=source)
    assert result.stdout.splitlines()[:3] == [
        f"app/keys.py:7:30: QNT201 {M201('Authorization')}",
        f'  7 | \theaders = {{"Authorization": "Basic {MASKED}"}}',
        "      \t                            ^",
    ]
    assert SECRET not in result.stdout
