"""The conventions a ruff user expects, through the command line: the `[*]` marker and the fixable
summary, `--diff` naming the unsafe fixes it leaves out, GitHub annotations with end positions, SARIF
locations relative to the repository root, `qonto-lint check`, and the default excludes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ..helpers import lint_status as lint

CLIENT = """\
import requests

BASE = "http://thirdparty.qonto.com/v2"


def organization(login, secret):
    return requests.get(BASE + "/organization", headers={"Authorization": f"Basic {login}:{secret}"})


def me(access_token):
    return requests.get(BASE + "/me", headers={"Authorization": access_token})
"""
M304 = (
    "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
    "expose the key)"
)
M101 = (
    "Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is (every 401 counts toward Qonto's "
    "200-per-hour throttle)"
)
M110 = (
    "OAuth access token access_token is sent without the 'Bearer ' prefix: send 'Bearer <access_token>' (every 401 "
    "counts toward Qonto's 200-per-hour throttle)"
)


def test_text_output_marks_fixable_findings_and_counts_them_as_ruff_does(tmp_path):
    (tmp_path / "qonto_client.py").write_text(CLIENT)
    expected_out = (
        f"qonto_client.py:3:8: QNT304 [*] {M304}\n"
        f"qonto_client.py:7:75: QNT101 [*] {M101}\n"
        f"qonto_client.py:11:65: QNT110 {M110}\n"
    )
    expected_err = (
        "Found 3 findings in 1 of 1 file (1 analysed).\n"
        "[*] 2 fixable with `--fix` (1 unsafe fix available with `--fix --unsafe-fixes`).\n"
    )
    # the fast path (no options) and the full command line print the same
    assert lint("qonto_client.py", cwd=tmp_path) == (1, expected_out, expected_err)
    assert lint("--isolated", "qonto_client.py", cwd=tmp_path) == (1, expected_out, expected_err)
    assert lint("--isolated", "--format", "full", "qonto_client.py", cwd=tmp_path)[1].splitlines()[0] == (
        f"qonto_client.py:3:8: QNT304 [*] {M304}"
    )
    # with --unsafe-fixes every fix is applied by --fix: every one is marked and counted
    status, out, err = lint("--isolated", "--unsafe-fixes", "qonto_client.py", cwd=tmp_path)
    assert (status, out.splitlines()[2]) == (1, f"qonto_client.py:11:65: QNT110 [*] {M110}")
    assert err == "Found 3 findings in 1 of 1 file (1 analysed).\n[*] 3 fixable with `--fix`.\n"
    # only unsafe fixes: ruff's wording for them alone
    status, out, err = lint("--isolated", "--select", "QNT110", "qonto_client.py", cwd=tmp_path)
    assert (status, out) == (1, f"qonto_client.py:11:65: QNT110 {M110}\n")
    assert err == (
        "Found 1 finding in 1 of 1 file (1 analysed).\n1 unsafe fix available with `--fix --unsafe-fixes`.\n"
    )
    # no fix at all: the summary line alone
    (tmp_path / "other.py").write_text('requests.get("https://thirdparty-sandbox.qonto.com/v2")\n')
    status, _out, err = lint("--isolated", "other.py", cwd=tmp_path)
    assert (status, err) == (1, "Found 1 finding in 1 of 1 file (1 analysed).\n")


def test_diff_says_when_unsafe_fixes_exist_that_it_did_not_show(tmp_path):
    (tmp_path / "qonto_client.py").write_text(CLIENT)
    status, out, err = lint("--isolated", "--diff", "qonto_client.py", cwd=tmp_path)
    assert status == 1
    assert '+        return requests.get(BASE + "/me", headers={"Authorization": f"Bearer' not in out
    assert '+BASE = "https://thirdparty.qonto.com/v2"' in out
    assert err == "Would apply 2 fixes in 1 file (1 additional fix available with `--unsafe-fixes`).\n"
    status, out, err = lint("--isolated", "--diff", "--unsafe-fixes", "qonto_client.py", cwd=tmp_path)
    assert (status, err) == (1, "Would apply 3 fixes in 1 file.\n")
    status, out, err = lint("--isolated", "--diff", "--select", "QNT110", "qonto_client.py", cwd=tmp_path)
    assert (status, out, err) == (
        0,
        "",
        "Would apply 0 fixes in 0 files (1 additional fix available with `--unsafe-fixes`).\n",
    )
    assert (tmp_path / "qonto_client.py").read_text() == CLIENT


def test_github_annotations_carry_the_end_line_and_column(tmp_path):
    (tmp_path / "qonto_client.py").write_text(CLIENT)
    status, out, _err = lint("--isolated", "--format", "github", "qonto_client.py", cwd=tmp_path)
    assert status == 1
    assert out.splitlines() == [
        f"::error title=qonto-lint (QNT304),file=qonto_client.py,line=3,col=8,endLine=3,endColumn=40::{M304}",
        "::error title=qonto-lint (QNT101),file=qonto_client.py,line=7,col=75,endLine=7,endColumn=100::" + M101,
        f"::error title=qonto-lint (QNT110),file=qonto_client.py,line=11,col=65,endLine=11,endColumn=77::{M110}",
    ]


def test_sarif_locations_are_relative_to_the_repository_root_whichever_directory_ci_runs_from(tmp_path):
    repo = tmp_path / "repo"
    (repo / "services" / "billing").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, capture_output=True)
    (repo / "services" / "billing" / "qonto_client.py").write_text(CLIENT)
    documents = [
        json.loads(lint("--isolated", "--format", "sarif", ".", cwd=cwd)[1])
        for cwd in (repo, repo / "services", repo / "services" / "billing")
    ]
    for document in documents:
        run = document["runs"][0]
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
        assert [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]] == [
            {"uri": "services/billing/qonto_client.py", "uriBaseId": "%SRCROOT%"}
        ] * 3
    # outside any git repository: relative to the current directory
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "qonto_client.py").write_text(CLIENT)
    run = json.loads(lint("--isolated", "--format", "sarif", ".", cwd=tmp_path / "loose")[1])["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (tmp_path / "loose").as_uri() + "/"
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "qonto_client.py"


def test_check_subcommand_is_accepted_as_in_ruff_and_doctor_and_plain_paths_keep_working(tmp_path):
    (tmp_path / "qonto_client.py").write_text(CLIENT)
    plain = lint("qonto_client.py", cwd=tmp_path)
    assert plain[0] == 1
    assert lint("check", "qonto_client.py", cwd=tmp_path) == plain
    assert lint("check", "--isolated", "--format", "json", "qonto_client.py", cwd=tmp_path)[0] == 1
    assert lint("check", cwd=tmp_path) == plain  # `check` alone: the current directory
    status, out, _err = lint("doctor", "--help", cwd=tmp_path)
    assert (status, out.splitlines()[0]) == (0, "Usage: qonto-lint doctor [OPTIONS] [VALUE | -]")
    # the same through the console script
    script = os.path.join(os.path.dirname(sys.executable), "qonto-lint")
    proc = subprocess.run([script, "check", "qonto_client.py"], cwd=tmp_path, capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == plain


def test_default_excludes_skip_environments_and_the_top_level_build_only(tmp_path):
    sample = 'BASE = "http://thirdparty.qonto.com/v2"\n'
    for relative in (
        "src/app/build/qonto_api.py",  # a package named build: source
        "src/env/qonto_api.py",
        "src/.env/qonto_api.py",
        "env/qonto_api.py",
        "build/lib/app/qonto_api.py",  # what `setup.py build` leaves at the top: a copy
        "dist/qonto_api.py",
        ".venv/lib/python3.11/site-packages/qonto/api.py",
        "env/lib/python3.11/site-packages/qonto/api.py",  # a virtual environment named env
        "node_modules/x/qonto_api.py",
    ):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample)
    status, out, _err = lint("--isolated", "-q", ".", cwd=tmp_path)
    assert status == 1
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "env/qonto_api.py",
        "src/.env/qonto_api.py",
        "src/app/build/qonto_api.py",
        "src/env/qonto_api.py",
    ]
    # a directory named explicitly is walked whatever its name; the excludes below it still apply
    status, out, _err = lint("--isolated", "-q", "build", cwd=tmp_path)
    assert (status, out.split(":")[0]) == (1, "build/lib/app/qonto_api.py")
