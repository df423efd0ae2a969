"""No secret ever printed: every output format, diffs, fixes and baselines over a corpus of known secrets.

The corpus holds real-looking Qonto credentials in the shapes the linter meets: a `login:secret`
pair, a 32-character secret key constant, a staging token, an OAuth access token, an OAuth client
secret, a base64-encoded pair behind `Basic `, and the same secrets inside URLs (user info, query
string). Each run goes through the command line in a real process; no byte of its stdout, its stderr
or any file it writes (the fixed source files aside: they are the user's own code) may hold a secret,
any 8 characters of one, or its base64 forms (standard and urlsafe, with and without padding).
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest

from qonto_lint.config import FORMATS

from ..helpers import run_cli

LOGIN = "northwind-traders-7301"
PAIR_SECRET = "toGDFmQ2fvNjAQQdAUPpf5qXk2mDuuWw"
SECRET_KEY = "80a9ffef5c6faee4d1b5984424700c90"  # the 32-character shape of a Qonto secret key
STAGING_TOKEN = "1EaOCgu5TaeN5Pj5lTMPI1pGzAzJ54kG"
OAUTH_BODY = "AZ3hRpKEYxMYhkrvauHmfpq3NU87JBYP.MoCHNcGGm5GEFxXfSO3dzFQj90iyGZbG"
OAUTH_TOKEN = "ory_at_" + OAUTH_BODY
CLIENT_SECRET = "d8S8Wyg9jZI7XKEHGN5DXifweNsQedOo"
B64_LOGIN = "bluebird-logistics-4410"
B64_SECRET = "ayfLQgM2LVFmDNnVxdDY4hg4i96qNM42"
B64_PAIR = base64.b64encode(f"{B64_LOGIN}:{B64_SECRET}".encode()).decode()

#: what is secret in each credential (a login alone is not)
SECRETS = {
    "pair secret": PAIR_SECRET,
    "secret key": SECRET_KEY,
    "staging token": STAGING_TOKEN,
    "OAuth token": OAUTH_BODY,
    "client secret": CLIENT_SECRET,
    "base64 pair secret": B64_SECRET,
}
#: whole credentials: their base64 forms must not appear either
CREDENTIALS = {
    "pair": f"{LOGIN}:{PAIR_SECRET}",
    "base64 pair": f"{B64_LOGIN}:{B64_SECRET}",
    "secret key": SECRET_KEY,
    "staging token": STAGING_TOKEN,
    "OAuth token": OAUTH_TOKEN,
    "client secret": CLIENT_SECRET,
}
WINDOW = 8  # the masked form keeps 4 characters; any 8 consecutive ones are a leak


def _base64_forms(text: str) -> set[str]:
    forms = set()
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        encoded = encode(text.encode()).decode()
        forms.update({encoded, encoded.rstrip("=")})
    return forms


def _forbidden() -> dict[str, str]:
    """Every string that must not appear, mapped to what it is (for the failure message)."""
    out = {}
    for label, secret in SECRETS.items():
        out[secret] = label
        for i in range(len(secret) - WINDOW + 1):
            out.setdefault(secret[i : i + WINDOW], f"8 characters of the {label}")
    for label, credential in CREDENTIALS.items():
        for form in _base64_forms(credential):
            out[form] = f"base64 of the {label}"
            for i in range(len(form) - WINDOW + 1):
                out.setdefault(form[i : i + WINDOW], f"8 characters of the base64 of the {label}")
    return out


FORBIDDEN = _forbidden()


def assert_no_secret(data: bytes, where: str) -> None:
    text = data.decode("utf-8", "replace")
    leaks = sorted({f"{label} ({needle!r})" for needle, label in FORBIDDEN.items() if needle in text})
    assert not leaks, f"{where} leaks: {leaks[:5]}"


CLIENT = f'''\
"""Qonto API client."""
import requests

QONTO_URL = "http://thirdparty.qonto.com/v2"
QONTO_SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"
QONTO_SECRET_KEY = "{SECRET_KEY}"


def organization():
    headers = {{"Authorization": "Basic {LOGIN}:{PAIR_SECRET}"}}
    return requests.get(QONTO_URL + "/organization", headers=headers)


def sandbox():
    headers = {{"Authorization": "Basic {B64_PAIR}", "X-Qonto-Staging-Token": "{STAGING_TOKEN}"}}
    return requests.get(QONTO_SANDBOX + "/organization", headers=headers)


def transactions():
    return requests.get(QONTO_URL + "/transactions", headers={{"Authorization": "{OAUTH_TOKEN}"}})


def swapped():
    return requests.get(QONTO_URL + "/labels", headers={{"Authorization": "{PAIR_SECRET}:{LOGIN} "}})


def token(code):
    data = {{"client_id": "northwind", "client_secret": "{CLIENT_SECRET}", "code": code}}
    return requests.post("https://oauth.qonto.com/oauth2/token", data=data)
'''

URLS = f"""\
import requests

MIRROR = "http://{LOGIN}:{PAIR_SECRET}@thirdparty.qonto.com/v2"
EXPORT = "http://thirdparty.qonto.com/v2/statements?secret_key={SECRET_KEY}&token={STAGING_TOKEN}"
LEGACY = "https://thirdparty.qonto.eu/v2?auth={B64_PAIR}"
"""

LEGACY = f'''\
# qonto, the 2017 way
print "{LOGIN}:{PAIR_SECRET}"
'''

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Qonto export\n"]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [],
            "source": [
                "import requests\n",
                f'H = {{"Authorization": "Basic {B64_PAIR}"}}\n',
                f'r = requests.get("http://thirdparty.qonto.com/v2/organization?key={SECRET_KEY}", headers=H)',
            ],
        },
    ],
    "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

#: the user's own code: rewritten by --fix, never scanned for secrets
SOURCES = {
    "src/qonto_client.py": CLIENT.encode(),
    "src/qonto_urls.py": URLS.encode(),
    "src/qonto_legacy.py": LEGACY.encode(),
    "notebooks/export.ipynb": (json.dumps(NOTEBOOK, indent=1) + "\n").encode(),
}

M101 = (
    "Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is (every 401 counts toward Qonto's "
    "200-per-hour throttle)"
)
M103 = (
    "Qonto static API keys are not base64-encoded: send 'login:secret' as plain text, not a base64 literal "
    "(every 401 counts toward Qonto's 200-per-hour throttle)"
)
M304 = (
    "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
    "expose the key)"
)


def M201(masked: str, where: str) -> str:
    return (
        f"hardcoded Qonto credential '{masked}' ({where}): anyone with the source can call Qonto as you; "
        "load it from the environment or a secret store, and rotate it"
    )


EXPECTED_TEXT = [
    f"notebooks/export.ipynb:cell 2:2:23: QNT101 [*] {M101}",
    f"notebooks/export.ipynb:cell 2:2:23: QNT103 [*] {M103}",
    f"notebooks/export.ipynb:cell 2:2:23: QNT201 {M201('bluebird-logistics-4410:ayfL…', 'Authorization')}",
    f"notebooks/export.ipynb:cell 2:3:18: QNT304 [*] {M304}",
    f"src/qonto_client.py:4:13: QNT304 [*] {M304}",
    f"src/qonto_client.py:6:20: QNT201 {M201('80a9…', 'QONTO_SECRET_KEY')}",
    f"src/qonto_client.py:10:33: QNT101 [*] {M101}",
    f"src/qonto_client.py:10:33: QNT201 {M201('northwind-traders-7301:toGD…', 'Authorization')}",
    f"src/qonto_client.py:15:33: QNT101 [*] {M101}",
    f"src/qonto_client.py:15:33: QNT103 [*] {M103}",
    f"src/qonto_client.py:15:33: QNT201 {M201('bluebird-logistics-4410:ayfL…', 'Authorization')}",
    f"src/qonto_client.py:15:144: QNT201 {M201('1EaO…', 'X-Qonto-Staging-Token')}",
    "src/qonto_client.py:20:80: QNT110 [*] OAuth access token 'ory_…' is sent without the 'Bearer ' prefix: "
    "send 'Bearer <access_token>' (every 401 counts toward Qonto's 200-per-hour throttle)",
    f"src/qonto_client.py:20:80: QNT201 {M201('ory_…', 'Authorization')}",
    "src/qonto_client.py:24:74: QNT105 [*] login and secret are swapped ('toGD…' comes first): Qonto expects "
    "'login:secret', login first (every 401 counts toward Qonto's 200-per-hour throttle)",
    "src/qonto_client.py:24:74: QNT106 [*] the value ends with whitespace: Qonto reads the key byte for byte, "
    "so strip it (every 401 counts toward Qonto's 200-per-hour throttle)",
    f"src/qonto_client.py:24:74: QNT201 {M201('toGD…:nort…', 'Authorization')}",
    f"src/qonto_client.py:28:56: QNT201 {M201('d8S8…', 'client_secret')}",
    "src/qonto_legacy.py:1:1: QNT900 cannot analyse this file: syntax error at line 2, column 1: "
    "Missing parentheses in call to 'print'. Did you mean print(...)?",
    f"src/qonto_urls.py:3:10: QNT304 {M304}",  # credentials in the URL's user info: masked, the host still read
    f"src/qonto_urls.py:4:10: QNT304 [*] {M304}",
    "src/qonto_urls.py:5:10: QNT306 [*] thirdparty.qonto.eu is Qonto's legacy host, no longer documented: use "
    "thirdparty.qonto.com",
]


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "project"
    for relative, data in SOURCES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def qonto_lint(tree: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run in a real process; check its stdout, its stderr and every file it wrote.

    Without --fix, nothing but a --write-baseline file is written: the tree is the same afterwards."""
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    proc = run_cli("--isolated", *args, cwd=tree, input=input, timeout=60)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    label = " ".join(args)
    assert_no_secret(proc.stdout, f"stdout of `qonto-lint {label}`")
    assert_no_secret(proc.stderr, f"stderr of `qonto-lint {label}`")
    for path in sorted(tree.rglob("*")):
        relative = path.relative_to(tree).as_posix()
        if path.is_file() and relative not in SOURCES:
            assert_no_secret(path.read_bytes(), f"{relative}, written by `qonto-lint {label}`")
    if "--fix" not in args:
        after = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
        if "--write-baseline" in args:
            after.pop(tree / args[args.index("--write-baseline") + 1])
        assert after == before, f"`qonto-lint {label}` wrote to the tree"
    return proc


def test_the_forbidden_strings_are_in_the_corpus():
    """The check is not vacuous: every secret and the base64 pair are in the sources as written."""
    corpus = b"".join(SOURCES.values()).decode()
    assert B64_PAIR in corpus and B64_SECRET not in corpus
    for secret in SECRETS.values():
        assert secret in corpus or secret in base64.b64decode(B64_PAIR).decode()
    with pytest.raises(AssertionError, match="pair secret"):
        assert_no_secret(f"x {PAIR_SECRET[10:20]} y".encode(), "a leaky line")
    with pytest.raises(AssertionError, match="base64 of the base64 pair"):
        assert_no_secret(B64_PAIR.rstrip("=").encode(), "a leaky line")


def test_text_output_is_masked_and_complete(tree):
    proc = qonto_lint(tree, "--format", "text", ".")
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == EXPECTED_TEXT
    assert proc.stderr == (
        f"Found {len(EXPECTED_TEXT)} findings in 4 of 4 files (4 analysed).\n[*] 12 fixable with `--fix`.\n".encode()
    )


@pytest.mark.parametrize("output_format", [f for f in FORMATS if f != "text"])
def test_every_format(tree, output_format):
    proc = qonto_lint(tree, "--format", output_format, ".")
    assert proc.returncode == 1
    assert proc.stderr == (
        f"Found {len(EXPECTED_TEXT)} findings in 4 of 4 files (4 analysed).\n[*] 12 fixable with `--fix`.\n".encode()
    )
    if output_format in ("json", "json-lines"):
        rows = (
            json.loads(proc.stdout)
            if output_format == "json"
            else [json.loads(line) for line in proc.stdout.splitlines()]
        )
        assert len(rows) == len(EXPECTED_TEXT)
        # the fixes' edit contents are shown, masked
        contents = [edit["content"] for row in rows if row["fix"] for edit in row["fix"]["edits"]]
        assert '"https://thirdparty.qonto.com/v2/statements?secret_key=80a9…&token=1EaO…"' in contents
        assert '"northwind-traders-7301:toGD…"' in contents
    if output_format == "full":
        out = proc.stdout.decode()
        assert '  3 | MIRROR = "http://northwind-traders-7301:toGD…@thirdparty.qonto.com/v2"' in out  # user info masked
        assert '  4 | EXPORT = "http://thirdparty.qonto.com/v2/statements?secret_key=80a9…&token=1EaO…"' in out
        assert '  5 | LEGACY = "https://thirdparty.qonto.eu/v2?auth=Ymx1…"' in out


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_statistics(tree, output_format):
    proc = qonto_lint(tree, "--statistics", "--format", output_format, ".")
    assert proc.returncode == 1
    counts = {"QNT201": 8, "QNT304": 4, "QNT101": 3, "QNT103": 2}
    if output_format == "json":
        assert [(row["code"], row["count"]) for row in json.loads(proc.stdout)][:4] == list(counts.items())
    else:
        assert proc.stdout.decode().splitlines()[0] == "    8\tQNT201\thardcoded-credential"


@pytest.mark.parametrize("unsafe", [[], ["--unsafe-fixes"]], ids=["safe", "unsafe"])
def test_diff(tree, unsafe):
    proc = qonto_lint(tree, "--diff", *unsafe, ".")
    assert proc.returncode == 1
    # every change here has a secret in its lines: a masked diff would not apply, so each is named
    assert proc.stdout.decode().splitlines() == [
        f"# qonto-lint: 1 change to {name} not shown: the diff would print a secret (--fix applies it)"
        for name in ("notebooks/export.ipynb", "src/qonto_client.py", "src/qonto_urls.py")
    ]
    assert proc.stderr.decode().startswith("Would apply ")
    for relative, data in SOURCES.items():
        assert (tree / relative).read_bytes() == data


@pytest.mark.parametrize("output_format", FORMATS)
def test_fix_output_and_summary(tree, output_format):
    proc = qonto_lint(tree, "--fix", "--unsafe-fixes", "--format", output_format, ".")
    assert proc.returncode == 1  # the hardcoded credentials remain
    assert proc.stderr.decode().startswith("Fixed ")
    fixed = (tree / "src" / "qonto_client.py").read_text()
    assert f'"Authorization": "{LOGIN}:{PAIR_SECRET}"' in fixed  # the user's own file is rewritten as it should be
    assert f'"Authorization": "{B64_LOGIN}:{B64_SECRET}"' in fixed  # the base64 literal decoded in place
    assert not list(tree.rglob(".qonto-lint-*"))


def test_baseline_files_hold_no_secret(tree):
    proc = qonto_lint(tree, "--write-baseline", "qonto-lint-baseline.json", ".")
    assert (proc.returncode, proc.stdout) == (0, b"")
    assert proc.stderr == f"Wrote {len(EXPECTED_TEXT)} findings to the baseline qonto-lint-baseline.json.\n".encode()
    written = json.loads((tree / "qonto-lint-baseline.json").read_text())
    assert sum(entry["count"] for entry in written["findings"]) == len(EXPECTED_TEXT)
    proc = qonto_lint(tree, "--baseline", "qonto-lint-baseline.json", ".")
    assert (proc.returncode, proc.stdout) == (0, b"")


def test_standard_input(tree):
    source = SOURCES["src/qonto_client.py"]
    proc = qonto_lint(tree, "--format", "full", "-", "--stdin-filename", "app/qonto.py", input=source)
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[0] == f"app/qonto.py:4:13: QNT304 [*] {M304}"
    proc = qonto_lint(tree, "--diff", "-", "--stdin-filename", "app/qonto.py", input=source)
    assert proc.returncode == 1
    # with --fix, standard output is the user's fixed source; stderr still holds no secret
    proc = run_cli("--isolated", "--fix", "-", "--stdin-filename", "app/qonto.py", cwd=tree, input=source, timeout=60)
    assert proc.returncode == 1
    assert f'"Authorization": "{LOGIN}:{PAIR_SECRET}"'.encode() in proc.stdout
    assert_no_secret(proc.stderr, "stderr of `qonto-lint --fix -`")
    assert proc.stderr.decode().splitlines()[-1].startswith("Fixed ")
