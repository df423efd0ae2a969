"""Masking through the command line: names stay whole, diffs apply, every shape of a key is masked.

L and S below are a login and a secret key; the secret is derived, so that no key is written here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from qonto_lint.masking import mask_text

from ..helpers import run_cli

L = "hooli-labs-4410"
S = hashlib.sha256(b"qonto-lint masking tests: secret").hexdigest()[:32]
OTHER = "e" + hashlib.sha256(b"qonto-lint masking tests: other").hexdigest()[:31]  # starts with a letter
STAGING = "1EaOCgu5TestPj5lTMPI1pGzAzJ54kG9"  # a staging token that holds a placeholder word
ORY = "ory_at_AZ3hRpKEYxMYhkrvauHmfpq3NU87JBYP.MoCHNcGGm5GEFxXfSO3dzFQj90iyGZbG"
WINDOW = 8


def slices(secret: str) -> set[str]:
    return {secret[i : i + WINDOW] for i in range(len(secret) - WINDOW + 1)}


def b64_forms(text: str) -> set[str]:
    out = set()
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        encoded = encode(text.encode()).decode()
        out.update({encoded, encoded.rstrip("=")})
    return out


def leaks(text: str, *secrets: str) -> list[str]:
    lowered = text.lower()
    found = []
    for secret in secrets:
        for piece in slices(secret):
            if piece.lower() in lowered:
                found.append(piece)
    return found


def qonto_lint(
    *args: str, cwd: Path, input: bytes | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("QONTO")}
    full_env.update(env or {})
    proc = run_cli(*args, cwd=cwd, input=input, timeout=60, env=full_env)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc


# ---------------------------------------------------------------- N1: names are code, not keys

NAMES = """\
import requests

QONTO_API_V2_BASE_URL = "http://thirdparty.qonto.com/v2"


def get_bank_accounts_v2(session, oauth2_access_token):
    return requests.get(QONTO_API_V2_BASE_URL + "/bank_accounts", headers={"Authorization": oauth2_access_token})
"""


def test_names_are_never_masked_in_full_json_and_diff(tmp_path):
    (tmp_path / "qonto_client.py").write_text(NAMES)
    proc = qonto_lint("--isolated", "--format", "full", ".", cwd=tmp_path)
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert '  3 | QONTO_API_V2_BASE_URL = "http://thirdparty.qonto.com/v2"\n' in out
    assert (
        '  7 |     return requests.get(QONTO_API_V2_BASE_URL + "/bank_accounts", '
        'headers={"Authorization": oauth2_access_token})\n'
    ) in out

    proc = qonto_lint("--isolated", "--format", "json", "--unsafe-fixes", ".", cwd=tmp_path)
    contents = [edit["content"] for row in json.loads(proc.stdout) if row["fix"] for edit in row["fix"]["edits"]]
    assert '"Bearer " + oauth2_access_token' in contents
    for content in contents:
        compile(content, "<edit>", "eval")  # every edit is Python as it will be written

    proc = qonto_lint("--isolated", "--diff", "--unsafe-fixes", ".", cwd=tmp_path)
    assert proc.returncode == 1
    diff = proc.stdout.decode()
    assert (
        "-def get_bank_accounts_v2" not in diff and " def get_bank_accounts_v2(session, oauth2_access_token):\n" in diff
    )
    _applies(tmp_path, diff, "qonto_client.py")
    assert (tmp_path / "qonto_client.py").read_text() == NAMES.replace("http://", "https://").replace(
        '"Authorization": oauth2_access_token', '"Authorization": "Bearer " + oauth2_access_token'
    )


DATED = """\
import requests

API_URL_V20240115 = "http://thirdparty.qonto.com/v2"


def get_bank_accounts_v20240115(session, access_token_20231231):
    return requests.get(API_URL_V20240115 + "/bank_accounts", headers={"Authorization": access_token_20231231})
"""


def test_names_with_a_date_are_not_masked(tmp_path):
    # `v20240115` is a version, not key material: the line is shown whole and the diff is given
    (tmp_path / "qonto_client.py").write_text(DATED)
    proc = qonto_lint("--isolated", "--format", "full", ".", cwd=tmp_path)
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert '  3 | API_URL_V20240115 = "http://thirdparty.qonto.com/v2"\n' in out
    assert (
        '  7 |     return requests.get(API_URL_V20240115 + "/bank_accounts", '
        'headers={"Authorization": access_token_20231231})\n'
    ) in out
    assert "OAuth access token access_token_20231231 is sent without the 'Bearer ' prefix" in out
    proc = qonto_lint("--isolated", "--diff", ".", cwd=tmp_path)
    assert proc.returncode == 1
    diff = proc.stdout.decode()
    assert '+API_URL_V20240115 = "https://thirdparty.qonto.com/v2"\n' in diff
    _applies(tmp_path, diff, "qonto_client.py")
    assert (tmp_path / "qonto_client.py").read_text() == DATED.replace("http://", "https://")
    # a key with a date in it is still a key, and so is a password made of a word and a date
    assert leaks(mask_text(f'KEY = "{L}:{S[:8]}20240115{S[8:]}"'), S) == []
    for password in ("Welcome20240115", "XKQZPWVNRTMBFHGDLSJC20240115", "release20231231"):
        assert mask_text(f'auth=("admin", "{password}")') == f'auth=("admin", "{password[:4]}…")'
    assert mask_text("https://admin:Qonto20240115@db.internal/app") == "https://admin:Qont…@db.internal/app"


def _applies(tmp_path: Path, diff: str, name: str) -> None:
    """The diff applies with `git apply` (and with `patch` where it is installed); applied here."""
    if shutil.which("patch"):
        check = subprocess.run(
            ["patch", "--dry-run", "-p1"], input=diff.encode(), cwd=tmp_path, capture_output=True, timeout=60
        )
        assert check.returncode == 0, check.stdout.decode() + check.stderr.decode()
    subprocess.run(["git", "init", "-q", "."], cwd=tmp_path, check=True, timeout=60)
    applied = subprocess.run(["git", "apply", "-"], input=diff.encode(), cwd=tmp_path, capture_output=True, timeout=60)
    assert applied.returncode == 0, applied.stderr.decode()


SPLIT = f"""\
import requests

QONTO = "http://thirdparty.qonto.com/v2"







def one():
    return requests.get(QONTO, headers={{"Authorization": "Basic {L}:{S}"}})








def two(login, secret_key):
    return requests.get(QONTO, headers={{"Authorization": f"Basic {{login}}:{{secret_key}}"}})
"""


def test_a_diff_that_would_show_a_secret_names_the_change_and_the_rest_applies(tmp_path):
    (tmp_path / "qonto_client.py").write_text(SPLIT)
    proc = qonto_lint("--isolated", "--diff", ".", cwd=tmp_path)
    assert proc.returncode == 1
    diff = proc.stdout.decode()
    assert diff == (
        "# qonto-lint: 1 change to qonto_client.py not shown: the diff would print a secret (--fix applies it)\n"
        "--- a/qonto_client.py\n"
        "+++ b/qonto_client.py\n"
        "@@ -1,6 +1,6 @@\n"
        " import requests\n"
        " \n"
        '-QONTO = "http://thirdparty.qonto.com/v2"\n'
        '+QONTO = "https://thirdparty.qonto.com/v2"\n'
        " \n"
        " \n"
        " \n"
        "@@ -19,4 +19,4 @@\n"
        " \n"
        " \n"
        " def two(login, secret_key):\n"
        '-    return requests.get(QONTO, headers={"Authorization": f"Basic {login}:{secret_key}"})\n'
        '+    return requests.get(QONTO, headers={"Authorization": f"{login}:{secret_key}"})\n'
    )
    assert proc.stderr.decode() == "Would apply 3 fixes in 1 file.\n"
    _applies(tmp_path, diff, "qonto_client.py")
    fixed = (tmp_path / "qonto_client.py").read_text()
    assert f'"Basic {L}:{S}"' in fixed and 'f"{login}:{secret_key}"' in fixed and "https://" in fixed


# ---------------------------------------------------------------- D1 / D8: error lines


@pytest.mark.parametrize(
    "args, line",
    [
        ([f"{L}:{S}"], f"qonto-lint: error: {L}:{S[:4]}…: no such file or directory"),
        ([S], f"qonto-lint: error: {S[:4]}…: no such file or directory"),
        ([f"{S}:{L}"], f"qonto-lint: error: {S[:4]}…:{L}: no such file or directory"),
        (
            ["--write-baseline", f"/nonexistent/{L}:{S}", "."],
            f"qonto-lint: error: cannot write baseline /nonexistent/{L}:{S[:4]}…: No such file or directory",
        ),
        (["--format", f"{S}:{L}", "."], None),
        (["--jobs", f"{S}:{L}", "."], None),
        (["--explain", f"{S}:{L}"], None),
        (["--baseline", f"{S}:{L}", "."], None),
        ([f"--{S}:{L}"], None),
        (["--select", f"{S}:{L}", "."], None),
        (["--select", f"Authorization:{L}:{S}", "."], None),
    ],
    ids=[
        "pair",
        "secret",
        "swapped",
        "write-baseline",
        "format",
        "jobs",
        "explain",
        "baseline",
        "option",
        "select",
        "select-pasted",
    ],
)
def test_a_key_typed_as_an_argument_is_masked_on_the_error_line(tmp_path, args, line):
    proc = qonto_lint("--isolated", *args, cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b""
    assert err.count("\n") == 1 and err.startswith("qonto-lint: error: ")
    assert not leaks(err, S), err
    if line is not None:
        assert err == line + "\n"
    else:
        assert "…" in err  # the key is named, masked


# ---------------------------------------------------------------- D8: source shapes in every channel

SHAPES = {
    "pasted header": f'H = {{"Authorization": "Authorization:{L}:{S}"}}\n',
    "comment": f'H = {{"Authorization": "Basic " + key}}  # Authorization:{L}:{S}\n',
    "trailing colon": f'H = {{"Authorization": "Basic " + key}}  # {L}:{S}:\n',
    "split over lines": f'H = {{"Authorization": ("Basic {L}:{S[:20]}"\n    "{S[20:]}")}}\n',
    "implicit concatenation": f'H = {{"Authorization": "{L}:{S[:7]}" "{S[7:18]}" "{S[18:]}"}}\n',
    "base64 of a swapped pair": f'H = {{"Authorization": "Basic {base64.b64encode(f"{S}:{L}".encode()).decode()}"}}\n',
    "base64 split": 'H = {"Authorization": "Basic " "'
    + '" "'.join(
        (lambda t: [t[i : i + 14] for i in range(0, len(t), 14)])(base64.b64encode(f"{L}:{S}".encode()).decode())
    )
    + '"}\n',
    "ory split": f'H = {{"Authorization": "{ORY[:7]}" "{ORY[7:21]}" "{ORY[21:]}"}}\n',
    "staging token": f'H = {{"Authorization": key, "x-qonto-staging-token": "{STAGING}"}}\n',
    "swapped literal": f'H = {{"Authorization": "{S}:{L}"}}\n',
    "upper case": f'H = {{"Authorization": "Basic {L.upper()}:{S.upper()}"}}\n',
}


def _module(shape: str) -> str:
    return (
        'import requests\nimport os\nQONTO_URL = "http://thirdparty.qonto.com/v2"\nkey = os.environ["QONTO_KEY"]\n'
        + SHAPES[shape]
        + "requests.get(QONTO_URL, headers=H)\n"
    )


def _secrets_of(shape: str) -> tuple[str, ...]:
    if shape == "staging token":
        return (STAGING,)
    if shape == "ory split":
        return (ORY[len("ory_at_") :],)
    if shape.startswith("base64"):
        return (S, *b64_forms(f"{L}:{S}"), *b64_forms(f"{S}:{L}"))
    return (S,)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_is_masked_in_every_channel(tmp_path, shape):
    source = _module(shape)
    secrets = _secrets_of(shape)
    assert any(piece in source for s in secrets for piece in slices(s))  # the check is not vacuous
    (tmp_path / "qonto_client.py").write_text(source)
    runs = [
        ("--format", "full", "."),
        ("--format", "json", "--unsafe-fixes", "."),
        ("--format", "sarif", "."),
        ("--format", "github", "."),
        ("--diff", "--unsafe-fixes", "."),
        ("--format", "full", "--unsafe-fixes", "-", "--stdin-filename", "qonto_client.py"),
    ]
    for args in runs:
        proc = qonto_lint("--isolated", *args, cwd=tmp_path, input=source.encode())
        assert proc.returncode in (0, 1), proc.stderr.decode()
        shown = proc.stdout.decode() + proc.stderr.decode()
        assert not leaks(shown, *secrets), (args, shown)
    proc = qonto_lint("--isolated", "--fix", "--unsafe-fixes", "--format", "full", ".", cwd=tmp_path)
    assert not leaks(proc.stdout.decode() + proc.stderr.decode(), *secrets)


def test_a_base64_swapped_pair_is_not_printed_decoded(tmp_path):
    encoded = base64.b64encode(f"{S}:{L}".encode()).decode()
    (tmp_path / "qonto_client.py").write_text(_module("base64 of a swapped pair"))
    proc = qonto_lint("--isolated", "--format", "json", ".", cwd=tmp_path)
    rows = json.loads(proc.stdout)
    contents = [edit["content"] for row in rows if row["fix"] for edit in row["fix"]["edits"]]
    assert f'"Basic {S[:4]}…:{L}"' in contents  # the fix decodes it in place; its content is shown masked
    assert not leaks(proc.stdout.decode(), S, encoded)


def test_names_stay_whole_around_a_masked_key(tmp_path):
    source = (
        'import requests\nQONTO_API_V2_BASE_URL = "https://thirdparty.qonto.com/v2"\n'
        f'requests.get(QONTO_API_V2_BASE_URL, headers={{"Authorization": "{S}:{L}"}})\n'
    )
    (tmp_path / "qonto_client.py").write_text(source)
    proc = qonto_lint("--isolated", "--format", "full", ".", cwd=tmp_path)
    assert (
        f'  3 | requests.get(QONTO_API_V2_BASE_URL, headers={{"Authorization": "{S[:4]}…:{L}"}})\n'
        in proc.stdout.decode()
    )


# ---------------------------------------------------------------- D2: placeholders around a real key


@pytest.mark.parametrize(
    "value, quoted",
    [
        (f"{L}:<{OTHER}>", f"the value still holds the placeholder '<{OTHER[:4]}…>'"),
        (f"<{OTHER}>", f"the value still holds the placeholder '<{OTHER[:4]}…>'"),
        (f"{L}:{{{OTHER}}}", f"the value still holds the template '{{{OTHER[:4]}…}}'"),
        (f"{L}:your-{OTHER}-here", "the value still holds the placeholder 'your…'"),
    ],
    ids=["angle", "angle alone", "braces", "your-here"],
)
def test_placeholder_messages_mask_a_real_key(tmp_path, value, quoted):
    assert OTHER[0].isalpha()  # a key that starts with a letter reads as a placeholder name
    source = (
        'QONTO_URL = "https://thirdparty.qonto.com/v2"\nimport requests\n'
        f'H = {{"Authorization": "{value}"}}\nrequests.get(QONTO_URL, headers=H)\n'
    )
    (tmp_path / "qonto_client.py").write_text(source)
    proc = qonto_lint("qonto_client.py", cwd=tmp_path)  # the plain run (fast path)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    line = next(line for line in out.splitlines() if "QNT109" in line)
    assert line.startswith(f"qonto_client.py:3:23: QNT109 {quoted}")
    assert not leaks(out, OTHER)
    for output_format in ("json", "sarif", "github", "full"):
        proc = qonto_lint("--isolated", "--format", output_format, ".", cwd=tmp_path)
        assert not leaks(proc.stdout.decode(), OTHER), output_format
    proc = qonto_lint("doctor", "--from-env", "QA", cwd=tmp_path, env={"QA": value})
    assert proc.returncode == 1
    assert not leaks(proc.stdout.decode() + proc.stderr.decode(), OTHER), proc.stdout.decode()


# ---------------------------------------------------------------- D9: the doctor and echoing servers


class _Echo(BaseHTTPRequestHandler):
    mode = "trace"

    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        secret = auth.split(":")[-1]
        body: dict = {"errors": [{"code": "unauthorized", "detail": "invalid credentials"}]}
        trace = "0" * 8
        mode = type(self).mode
        if mode == "trace":
            trace = "y" * 70 + auth
        elif mode == "trace_id":
            body["trace_id"] = "t" * 70 + auth
        elif mode == "partial":
            body["errors"][0]["detail"] = f"bad secret {secret[:20]}..."
        elif mode == "upper":
            body["errors"][0]["detail"] = f"bad key {auth.upper()}"
        elif mode == "basic":
            trace = "y" * 80 + "Basic " + base64.b64encode(auth.encode()).decode()
        data = json.dumps(body).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Tyk-Trace-Id", trace)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def echo():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("mode", ["trace", "trace_id", "partial", "upper", "basic"])
def test_doctor_never_prints_an_echo_of_the_secret(tmp_path, echo, mode):
    _Echo.mode = mode
    url = f"http://127.0.0.1:{echo.server_address[1]}"
    proc = qonto_lint("doctor", "--from-env", "QA", "--live", "--base-url", url, cwd=tmp_path, env={"QA": f"{L}:{S}"})
    out = proc.stdout.decode()
    assert proc.returncode == 1, proc.stderr.decode()
    assert "answer: 401" in out
    assert not leaks(out + proc.stderr.decode(), S, *b64_forms(f"{L}:{S}")), out


def test_doctor_hides_a_proxy_password_on_the_test_call_line(tmp_path, echo):
    _Echo.mode = "plain"
    password = OTHER
    url = f"http://proxyuser:{password}@127.0.0.1:{echo.server_address[1]}"
    proc = qonto_lint("doctor", "--from-env", "QA", "--live", "--base-url", url, cwd=tmp_path, env={"QA": f"{L}:{S}"})
    lines = proc.stdout.decode().splitlines()
    assert lines[1] == f"test call: GET http://proxyuser:…@127.0.0.1:{echo.server_address[1]}/v2/bank_accounts"
    assert not leaks(proc.stdout.decode() + proc.stderr.decode(), S, password)


# ---------------------------------------------------------------- D13: control characters in file names

ESCAPES = "qonto_\x1b[2J\x1b[H\x1b]0;pwned\x07.py"
FORGED = "qonto_x.py:1:1: QNT900 x\npayments.py:12:5: QNT201 hardcoded Qonto credential 'FAKE' (injected)\nqonto_y.py"
CARRIAGE = "qonto_\rz.py"
C1 = "qonto_\x9b31m.py"


@pytest.mark.skipif(sys.platform == "win32", reason="such names are POSIX only")
@pytest.mark.parametrize(
    "name, shown",
    [
        (ESCAPES, "qonto_\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07.py"),
        (
            FORGED,
            "qonto_x.py:1:1: QNT900 x\\npayments.py:12:5: QNT201 hardcoded Qonto credential 'FAKE' "
            "(injected)\\nqonto_y.py",
        ),
        (CARRIAGE, "qonto_\\rz.py"),
        (C1, "qonto_\\x9b31m.py"),
    ],
    ids=["escape", "newline", "carriage return", "c1"],
)
def test_control_characters_in_file_names_are_escaped(tmp_path, name, shown):
    try:
        (tmp_path / name).write_text('QONTO_URL = "http://thirdparty.qonto.com/v2"\n')
    except OSError:
        pytest.skip("the file system refuses this name")
    message = (
        "QNT304 [*] http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// "
        "(plain HTTP calls fail and expose the key)"
    )
    for output_format in ("text", "full"):
        proc = qonto_lint("--isolated", "--format", output_format, ".", cwd=tmp_path)
        out = proc.stdout.decode()
        assert out.splitlines()[0] == f"{shown}:1:13: {message}"
        assert not any(c in out for c in "\x1b\r\x07\x9b")
    proc = qonto_lint("--isolated", "--format", "github", ".", cwd=tmp_path)
    out = proc.stdout.decode()
    assert out.count("\n") == 1 and not any(c in out for c in "\x1b\r\x07\x9b")
    proc = qonto_lint("--isolated", "--format", "json", ".", cwd=tmp_path)
    assert json.loads(proc.stdout)[0]["filename"] == str(tmp_path / name)  # JSON keeps the name as it is


def test_a_minified_notebook_diff_never_shows_its_outputs(tmp_path):
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "outputs": [
                    {"name": "stdout", "output_type": "stream", "text": [f"{S}:{L}\n", f"Authorization:{L}:{S}\n"]}
                ],
                "source": ['QONTO_URL = "http://thirdparty.qonto.com/v2"\n'],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "qonto.ipynb").write_text(json.dumps(notebook, separators=(",", ":")))  # one line
    proc = qonto_lint("--isolated", "--diff", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.decode() == (
        "# qonto-lint: 1 change to qonto.ipynb not shown: the diff would print a secret (--fix applies it)\n"
    )
    assert not leaks(proc.stdout.decode() + proc.stderr.decode(), S)


def test_remembered_token_spans_are_the_spans_of_reading_the_token_again():
    """`spans` remembers each short token's spans; a long token is read each time. Either way
    the text is hidden exactly as reading every token afresh hides it, wherever it stands."""
    from qonto_lint import masking

    key = f"{L}:{S}"
    lines = [
        f'headers = {{"Authorization": "{key}"}}  # {key}',
        f"token = '{base64.b64encode(key.encode()).decode()}' + session_id",
        "raise_for_status(); transactions_per_page = PAGE_SIZE",
        f"blob = '{S * 12}'",  # longer than a remembered token
        f"        {key}",
    ]
    text = "\n".join(lines * 3)

    def afresh(text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for match in masking._TOKEN.finditer(text):
            masking._token_spans(match.group(0), match.start(), out)
        masking._literal_group_spans(text, out)
        return masking._merged(out)

    masking._spans_of_token.cache_clear()
    assert masking.spans(text) == afresh(text)
    assert masking.spans(text) == afresh(text)  # remembered now
    assert S not in masking.mask_text(text)
    masking._spans_of_token.cache_clear()
    long = S * 12
    assert len(long) > masking._CACHED_TOKEN
    assert masking.spans(f"'{long}'") == [(1 + 4, 1 + len(long))]
    assert masking._spans_of_token.cache_info().currsize == 0  # a long token is not kept
    masking.spans(f"'{S}'")
    assert masking._spans_of_token.cache_info().currsize == 1
