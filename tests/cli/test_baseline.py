"""--write-baseline and --baseline: adopt qonto-lint in a repository with findings today."""

from __future__ import annotations

import json
import os
import re

import pytest

from ..helpers import invoke
from ..samples import M101, M101_FIXABLE, M107

SECRET = "k3v9q2m7x4t8b1n6c5z0r2w8y4p7s3d1"
CLIENT = f'''\
import requests

BASE = "https://thirdparty.qonto.com/v2"
QONTO_SECRET_KEY = "{SECRET}"


def organization(login, secret):
    headers = {{"Authorization": f"Basic {{login}}:{{secret}}"}}
    return requests.get(BASE + "/organization", headers=headers)
'''
NEW_CALL = """

def transactions(login, secret):
    return requests.get(BASE + "/transactions", auth=(login, secret))
"""


def run(*args):
    return invoke("--isolated", *args)


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "qonto_client.py").write_text(CLIENT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_baseline_records_path_code_and_hash_only(project):
    result = run("--write-baseline", "qonto-baseline.json")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Wrote 2 findings to the baseline qonto-baseline.json.\n"
    text = (project / "qonto-baseline.json").read_text()
    document = json.loads(text)
    assert set(document) == {"qonto-lint-baseline", "findings"}
    assert document["qonto-lint-baseline"] == 2
    entries = document["findings"]
    assert [(e["path"], e["code"], e["count"]) for e in entries] == [
        ("src/qonto_client.py", "QNT101", 1),
        ("src/qonto_client.py", "QNT201", 1),
    ]
    for entry in entries:
        assert set(entry) == {"path", "code", "hash", "count"}
        assert re.fullmatch(r"[0-9a-f]{20}", entry["hash"])
    # no secret, no source text, no line numbers, no timestamps
    assert SECRET not in text and SECRET[:8] not in text
    assert "Authorization" not in text and '"line"' not in text and '"row"' not in text
    again = run("--write-baseline", "qonto-baseline.json")
    assert again.exit_code == 0
    assert (project / "qonto-baseline.json").read_text() == text


def test_baseline_hides_recorded_findings(project):
    run("--write-baseline", "qonto-baseline.json")
    result = run("--baseline", "qonto-baseline.json")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "All checks passed: 1 file (1 analysed); 2 more in the baseline.\n"


def test_new_findings_are_reported(project):
    run("--write-baseline", "qonto-baseline.json")
    with open(project / "src" / "qonto_client.py", "a") as handle:
        handle.write(NEW_CALL)
    result = run("--baseline", "qonto-baseline.json")
    assert result.exit_code == 1
    assert result.stdout == f"src/qonto_client.py:13:54: {M107}\n"
    assert result.stderr == "Found 1 finding in 1 of 1 file (1 analysed); 2 more in the baseline.\n"


def test_moving_code_keeps_it_baselined(project):
    run("--write-baseline", "qonto-baseline.json")
    source = CLIENT.replace('BASE = "', '# a comment\n\n\nBASE = "')
    head, tail = source.split("\n\ndef organization", 1)
    # the function moves down and is re-indented inside a class
    moved = head + "\n\nclass Client:\n    pass\n\n\ndef organization" + tail
    (project / "src" / "qonto_client.py").write_text(moved)
    full = run("-q")
    assert [line.split(":")[1] for line in full.stdout.splitlines()] == ["7", "15"]  # lines changed
    result = run("--baseline", "qonto-baseline.json")
    assert (result.exit_code, result.stdout) == (0, "")


def test_editing_the_offending_expression_makes_it_new(project):
    run("--write-baseline", "qonto-baseline.json")
    source = CLIENT.replace('f"Basic {login}:{secret}"', 'f"Basic {login}:{secret.strip()}"')
    (project / "src" / "qonto_client.py").write_text(source)
    result = run("-q", "--baseline", "qonto-baseline.json", "--select", "QNT101")
    assert result.stdout == f"src/qonto_client.py:8:33: {M101_FIXABLE}\n"


def test_a_second_copy_of_a_recorded_finding_is_reported(project):
    run("--write-baseline", "qonto-baseline.json")
    source = CLIENT + '\n\ndef again(login, secret):\n    return {"Authorization": f"Basic {login}:{secret}"}\n'
    (project / "src" / "qonto_client.py").write_text(source)
    result = run("-q", "--baseline", "qonto-baseline.json")
    # no Qonto URL in that function: the fix is unsafe (Qonto only inferred), no [*]
    assert result.stdout == f"src/qonto_client.py:13:30: {M101}\n"


def test_baseline_paths_are_relative_to_the_baseline_file(project, monkeypatch):
    run("--write-baseline", "qonto-baseline.json")
    monkeypatch.chdir(project / "src")
    result = run("--baseline", "../qonto-baseline.json")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "All checks passed: 1 file (1 analysed); 2 more in the baseline.\n"


def test_a_file_moved_elsewhere_is_new(project):
    run("--write-baseline", "qonto-baseline.json")
    (project / "src" / "qonto_client.py").rename(project / "src" / "qonto_api.py")
    result = run("-q", "--baseline", "qonto-baseline.json", "--select", "QNT101")
    assert result.stdout == f"src/qonto_api.py:8:33: {M101_FIXABLE}\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline base.json does not exist (write one with --write-baseline)"),
        ("{oops", "baseline base.json is not valid JSON"),
        ('{"findings": []}', "base.json is not a qonto-lint baseline (no 'qonto-lint-baseline' key)"),
        (
            '{"qonto-lint-baseline": 9, "findings": []}',
            "baseline base.json has version 9; this qonto-lint reads versions 1 and 2 "
            "(write it again with --write-baseline)",
        ),
        (
            '{"qonto-lint-baseline": 1, "findings": [{"path": "a.py"}]}',
            "baseline base.json: each finding needs 'path', 'code' and 'hash'",
        ),
    ],
)
def test_a_bad_baseline_is_one_line_and_exit_2(project, content, message):
    if content is not None:
        (project / "base.json").write_text(content)
    result = run("--baseline", "base.json")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"qonto-lint: error: {message}\n")


def test_write_baseline_into_a_missing_directory_is_exit_2(project):
    result = run("--write-baseline", "no/such/dir/base.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("qonto-lint: error: cannot write baseline no/such/dir/base.json: ")
    assert result.stderr.count("\n") == 1


def test_baseline_with_json_output_and_a_notebook(project):
    cell = {
        "cell_type": "code",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
        "source": ["import requests\n", "requests.get('https://thirdparty.qonto.com/v2', auth=(a, b))\n"],
    }
    (project / "nb.ipynb").write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    run("--write-baseline", "qonto-baseline.json")
    cell["source"] = ["# moved down\n", "\n"] + cell["source"]
    (project / "nb.ipynb").write_text(
        json.dumps(
            {
                "cells": [{"cell_type": "markdown", "source": "x"}, cell],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    result = run("--format", "json", "--baseline", "qonto-baseline.json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


FORMATTED_LATER = """\
import requests
def organization(login,secret):
    headers={'Authorization':'Basic '+login+':'+secret, 'Accept' : 'application/json'}
    return requests.get('https://thirdparty.qonto.com/v2/organization',headers=headers)
def balance(login, secret):
    return requests.get('https://thirdparty.qonto.com/v2/organization', headers={'Authorization': 'Bearer '   +   \
login + ':' + secret, 'X-Request-Id': 'a-very-long-request-identifier-that-pushes-the-line-past-the-limit'})
"""


def test_a_baseline_survives_ruff_format(project):
    import shutil
    import subprocess
    import sys

    ruff = shutil.which("ruff", path=os.path.dirname(sys.executable)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("needs ruff (the lint extra) to reformat the file")
    source = project / "src" / "qonto_client.py"
    source.write_text(FORMATTED_LATER)
    assert (
        run("--write-baseline", "qonto-baseline.json").stderr
        == "Wrote 2 findings to the baseline qonto-baseline.json.\n"
    )
    subprocess.run([ruff, "format", "--isolated", "-q", str(source)], check=True)
    formatted = source.read_text()
    # quotes, spacing and line breaks changed, the findings moved
    assert "'" not in formatted and '"Authorization": "Bearer " + login + ":" + secret,\n' in formatted
    result = run("--baseline", "qonto-baseline.json")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "All checks passed: 1 file (1 analysed); 2 more in the baseline.\n"
    # a real new mistake still shows
    source.write_text(formatted + NEW_CALL)
    result = run("-q", "--baseline", "qonto-baseline.json")
    assert (result.exit_code, result.stdout) == (1, f"src/qonto_client.py:23:54: {M107}\n")


def test_a_version_1_baseline_is_still_read(project):
    (project / "src" / "qonto_client.py").write_text(CLIENT)
    run("--write-baseline", "qonto-baseline.json")
    # the same findings as version 1 wrote them: the hash of the text with whitespace runs collapsed
    from qonto_lint import Options, lint_source
    from qonto_lint.baseline import fingerprint

    findings = lint_source(CLIENT.encode(), "src/qonto_client.py", Options()).findings
    entries = [{"path": "src/qonto_client.py", "code": f.code, "hash": fingerprint(f, 1), "count": 1} for f in findings]
    assert all(e["hash"] not in (project / "qonto-baseline.json").read_text() for e in entries[:1])
    (project / "old.json").write_text(json.dumps({"qonto-lint-baseline": 1, "findings": entries}))
    result = run("--baseline", "old.json")
    assert (result.exit_code, result.stdout) == (0, "")


def test_write_baseline_never_replaces_what_is_not_a_regular_file(project):
    # a FIFO, a device or a directory is refused and left as it was (`/dev/stdout` as root would
    # otherwise become a regular file)
    os.mkfifo(project / "baseline.fifo")
    (project / "baseline.d").mkdir()
    for target in ("baseline.fifo", "baseline.d", os.devnull):
        result = run("--write-baseline", target)
        assert (result.exit_code, result.stdout) == (2, "")
        assert (
            result.stderr == f"qonto-lint: error: cannot write baseline {target}: it exists and is not a regular file\n"
        )
    assert (project / "baseline.fifo").is_fifo() and (project / "baseline.d").is_dir()
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_write_baseline_through_a_link_writes_the_shared_baseline_and_keeps_the_link(project):
    (project / "team").mkdir()
    assert run("--write-baseline", "team/shared.json").exit_code == 0
    os.symlink(os.path.join("team", "shared.json"), project / "baseline.json")
    (project / "src" / "qonto_client.py").write_text(CLIENT + NEW_CALL)
    result = run("--write-baseline", "baseline.json")
    assert (result.exit_code, result.stderr) == (0, "Wrote 3 findings to the baseline baseline.json.\n")
    assert os.path.islink(project / "baseline.json")
    assert [e["code"] for e in json.loads((project / "team" / "shared.json").read_text())["findings"]] == [
        "QNT101",
        "QNT107",
        "QNT201",
    ]
    assert run("--baseline", "baseline.json").exit_code == 0


@pytest.mark.parametrize("points_at", ["src/qonto_client.py", "nowhere.json", "/proc/self/fd/1"])
def test_write_baseline_refuses_a_link_to_anything_but_a_baseline(project, points_at):
    # a link planted where the baseline is written must not have another file overwritten
    os.symlink(points_at, project / "baseline.json")
    result = run("--write-baseline", "baseline.json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "qonto-lint: error: cannot write baseline baseline.json: "
        "it is a symbolic link to something else than a baseline\n"
    )
    assert (project / "src" / "qonto_client.py").read_text() == CLIENT
    assert os.readlink(project / "baseline.json") == points_at
