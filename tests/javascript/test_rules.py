"""Every rule on JavaScript and TypeScript: the same codes, positions and messages as Python."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qonto_lint import lint_source
from qonto_lint.model import Options

DATA = Path(__file__).resolve().parent / "data"
COST = "(every 401 counts toward Qonto's 200-per-hour throttle)"

EVERY_RULE = [
    (3, 68, "QNT101", f"Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is {COST}"),
    (
        4,
        68,
        "QNT102",
        f"'Bearer' is for OAuth access tokens; a Qonto static API key is sent as 'login:secret' with no prefix {COST}",
    ),
    (
        5,
        68,
        "QNT103",
        f"Qonto static API keys are not base64-encoded: send 'login:secret' as plain text, not btoa() {COST}",
    ),
    (
        6,
        68,
        "QNT104",
        "Qonto's API key needs a colon between login and secret, found nothing between login and secretKey: "
        f"send 'login:secret' {COST}",
    ),
    (
        7,
        68,
        "QNT105",
        f"login and secret are swapped (secretKey comes first): Qonto expects 'login:secret', login first {COST}",
    ),
    (
        8,
        68,
        "QNT106",
        f"the value starts with whitespace: Qonto reads the key byte for byte, so strip it {COST}",
    ),
    (
        9,
        52,
        "QNT107",
        "axios' auth: { username, password } sends 'Basic base64(login:secret)', which Qonto rejects: send "
        f"the header 'Authorization: login:secret' instead {COST}",
    ),
    (
        10,
        53,
        "QNT108",
        "header name 'Autorization' is not 'Authorization': Qonto never reads the credentials under it; "
        f"name the header 'Authorization' {COST}",
    ),
    (
        11,
        68,
        "QNT109",
        "the value still holds the template '{login}', which is never formatted (a forgotten f prefix, "
        f".format or %): put the real credentials in before calling Qonto {COST}",
    ),
    (
        12,
        68,
        "QNT110",
        f"OAuth access token accessToken is sent without the 'Bearer ' prefix: send 'Bearer <access_token>' {COST}",
    ),
    (
        13,
        68,
        "QNT201",
        "hardcoded Qonto credential 'acme-corp-1234:6288…' (Authorization): anyone with the source can call "
        "Qonto as you; load it from the environment or a secret store, and rotate it",
    ),
    (
        14,
        93,
        "QNT302",
        "'X-Qonto-Staging-Token' is only for Qonto's sandbox, but this request goes to production: drop the "
        "header there (or call the sandbox host)",
    ),
    (
        14,
        93,
        "QNT303",
        "header 'x-qonto-staging-token' should be spelled 'X-Qonto-Staging-Token', exactly as Qonto documents it",
    ),
    (
        15,
        15,
        "QNT301",
        "thirdparty-sandbox.staging.qonto.co is Qonto's sandbox, and a request made to it here does not send "
        "the 'X-Qonto-Staging-Token' header it requires: the sandbox answers with an HTML page or an SSO "
        "redirect instead of JSON",
    ),
    (
        16,
        15,
        "QNT304",
        "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls "
        "fail and expose the key)",
    ),
    (
        17,
        15,
        "QNT305",
        "api.qonto.com is not a Qonto API host: use thirdparty.qonto.com (production) or "
        "thirdparty-sandbox.staging.qonto.co (sandbox); calls to it fail",
    ),
    (18, 15, "QNT306", "thirdparty.qonto.eu is Qonto's legacy host, no longer documented: use thirdparty.qonto.com"),
]


def _found(source: bytes, path: str, options: Options | None = None):
    result = lint_source(source, path, options or Options(fixes=False))
    assert result.errors == []
    return [(f.line, f.column, f.code, f.message) for f in result.findings]


@pytest.mark.parametrize("suffix", [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"])
def test_every_rule_in_each_suffix(suffix):
    source = (DATA / "every_rule.ts").read_bytes()
    if suffix not in (".ts", ".tsx"):
        source = source.replace(b": string", b"")  # the same file in plain JavaScript
    assert _found(source, "client" + suffix) == EVERY_RULE


def test_credentials_to_another_host_and_noqa():
    assert _found((DATA / "foreign_and_noqa.js").read_bytes(), "upload.js") == [
        (
            4,
            83,
            "QNT202",
            "Qonto credentials are sent to files.example-cdn.net, which is not Qonto: the key leaks to a third "
            "party (and pre-signed storage URLs reject a second authentication); send this request without "
            "the Qonto Authorization header",
        ),
        (7, 72, "QNT102", EVERY_RULE[1][3]),
    ]


def test_a_file_read_without_trim_names_trim_not_strip():
    source = (
        b'const fs = require("fs");\n'
        b'const key = fs.readFileSync("/run/secrets/qonto_key", "utf8");\n'
        b'fetch("https://thirdparty.qonto.com/v2/organization", { headers: { Authorization: key } });\n'
    )
    assert _found(source, "q.js") == [
        (
            3,
            83,
            "QNT106",
            "key is read from a file without .trim() and keeps its trailing newline: Qonto reads the key byte "
            f"for byte, so strip it {COST}",
        )
    ]


def test_columns_count_characters_not_bytes():
    source = "const é = 'ü'; fetch('https://thirdparty.qonto.eu/v2');\n".encode()
    assert [(line, column, code) for line, column, code, _ in _found(source, "x.js")] == [(1, 22, "QNT306")]


def test_select_and_the_text_gate():
    source = (DATA / "every_rule.ts").read_bytes()
    assert [code for _, _, code, _ in _found(source, "x.ts", Options(select=frozenset({"QNT305"})))] == ["QNT305"]
    gated = lint_source(b"fetch(url, { headers: { Authorization: 'Basic ' + k } });", "x.js")
    assert (gated.skipped, gated.findings) == (True, [])


OTHER_APIS = (DATA / "other_apis.js").read_text()


@pytest.mark.parametrize("path", ["reconcile.js", "reconcile.ts"])
def test_silent_on_other_apis_in_a_file_that_calls_qonto(path):
    assert _found(OTHER_APIS.encode(), path) == []


def test_the_same_mistakes_toward_qonto_are_reported():
    """The silence above comes from the hosts: the same forms toward Qonto are reported."""
    source = OTHER_APIS.replace("https://api.stripe.com/v1", "https://thirdparty.qonto.com/v2")
    assert [(line, code) for line, _, code, _ in _found(source.encode(), "x.js")] == [(8, "QNT102"), (9, "QNT107")]


def test_command_line_json_and_exit_status(tmp_path):
    client = tmp_path / "client.ts"
    client.write_bytes((DATA / "foreign_and_noqa.js").read_bytes())
    proc = subprocess.run(
        [sys.executable, "-m", "qonto_lint", "--format", "json", "client.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    rows = json.loads(proc.stdout)
    assert [(r["code"], r["filename"], r["location"], r["end_location"], r["fix"]) for r in rows] == [
        ("QNT202", str(client), {"row": 4, "column": 83}, {"row": 4, "column": 143}, None),
        (
            "QNT102",
            str(client),
            {"row": 7, "column": 72},
            {"row": 7, "column": 109},
            {
                "applicability": "safe",
                "message": "Remove the 'Bearer ' prefix",
                "edits": [
                    {"content": "", "location": {"row": 7, "column": 73}, "end_location": {"row": 7, "column": 80}}
                ],
            },
        ),
    ]
    clean = tmp_path / "clean.js"
    clean.write_text("fetch('https://thirdparty.qonto.com/v2/x', { headers: { Authorization: `${a}:${b}` } });\n")
    proc = subprocess.run(
        [sys.executable, "-m", "qonto_lint", "clean.js"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert (proc.returncode, proc.stdout) == (0, "")


def test_baseline_records_and_filters_javascript_findings(tmp_path):
    client = tmp_path / "client.ts"
    client.write_bytes((DATA / "foreign_and_noqa.js").read_bytes())

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "qonto_lint", *args, "client.ts"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run("--write-baseline", "baseline.json").returncode == 0
    assert (run("--baseline", "baseline.json").returncode, run("--baseline", "baseline.json").stdout) == (0, "")
    client.write_bytes(client.read_bytes() + b"fetch(QONTO_API, { headers: { Authorization: '{login}:{secret}' } });\n")
    proc = run("--baseline", "baseline.json")
    assert (proc.returncode, [line.split(": ")[0] for line in proc.stdout.splitlines()]) == (1, ["client.ts:9:46"])
