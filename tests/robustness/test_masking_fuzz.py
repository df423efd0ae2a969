"""Property test: whatever shape a credential takes in the source, no output channel shows it.

Each example writes one module that holds a random key in a generated shape: login and secret
in either order or the secret alone, pasted after `Authorization:`, after `Basic `, with a
trailing colon, base64 of the pair or of one part, wrapped in a placeholder (`<…>`, `{…}`,
`your-…-here`), upper-cased, split over adjacent literals (one line, several lines, or `+`), in
a header or in a comment. Then every channel runs through the command line, in this process:
the six formats, `--diff`, `--fix` output, `--fix -` on standard input, the baseline file, an
error line that quotes the value, and the doctor. None may hold the secret, any 8 characters
of it in any case, or 8 characters of a base64 text from the source; names in the code stay as
they are.

Bounded so that it runs in seconds. A longer run:

    QONTO_LINT_FUZZ_EXAMPLES=300 .venv/bin/python -m pytest tests/robustness/test_masking_fuzz.py
"""

from __future__ import annotations

import base64
import os
import random
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qonto_lint.cli.entry import main

from ..helpers import cli_runner

pytestmark = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")

EXAMPLES = int(os.environ.get("QONTO_LINT_FUZZ_EXAMPLES", "8"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
WINDOW = 8
LOGINS = ("hooli-labs-4410", "pied-piper-7132", "acme-2", "northwind-traders-7301")
ALPHABETS = {
    "hex": "0123456789abcdef",
    "base62": string.ascii_letters + string.digits,
}


def _secret(seed: int, alphabet: str, length: int) -> str:
    """A key as keys are: random (hypothesis shrinks the seed, never the key into a word)."""
    rng = random.Random(seed)
    chars = ALPHABETS[alphabet]
    while True:
        secret = "".join(rng.choice(chars) for _ in range(length))
        if any(c.isdigit() for c in secret) and any(c.isalpha() for c in secret):
            return secret


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def credential(
    secret: str,
    login: str,
    placeholder: str,
    order: str,
    encode: str,
    prefix: str,
    colon: bool,
    upper: bool,
    cuts: list[int],
    joiner: str,
    where: str,
):
    """(secret, value, literal pieces, joiner, where, base64 texts) for one shape."""
    shown_secret = placeholder.format(secret) if placeholder else secret
    encoded = []  # base64 texts the source holds: no 8 characters of them may be shown either
    if encode == "part":
        shown_secret = _b64(shown_secret)
        encoded.append(shown_secret)
    value = {
        "login:secret": f"{login}:{shown_secret}",
        "secret:login": f"{shown_secret}:{login}",
        "secret": shown_secret,
    }[order]
    if encode == "whole":
        value = _b64(value)
        encoded.append(value)
    value = prefix + value + (":" if colon else "")
    if upper:
        value = value.upper()
    cuts = sorted({c for c in cuts if 0 < c < len(value)})
    pieces = [value[i:j] for i, j in zip([0, *cuts], [*cuts, len(value)])]
    return secret, value, pieces, joiner, where, encoded


@st.composite
def credentials(draw):
    secret = _secret(draw(st.integers(0, 2**32)), draw(st.sampled_from(sorted(ALPHABETS))), draw(st.integers(24, 40)))
    return credential(
        secret,
        draw(st.sampled_from(LOGINS)),
        draw(st.sampled_from(["", "<{}>", "{{{}}}", "your-{}-here"])),
        draw(st.sampled_from(["login:secret", "secret:login", "secret"])),
        draw(st.sampled_from(["", "whole", "part"])),
        draw(st.sampled_from(["", "Basic ", "Authorization:", "Bearer "])),
        draw(st.booleans()),
        draw(st.booleans()),
        draw(st.lists(st.integers(1, 200), max_size=4, unique=True)),
        draw(st.sampled_from(['" "', '"\n        "', '" + "'])),
        draw(st.sampled_from(["header", "comment", "constant"])),
    )


HEX = _secret(7, "hex", 32)
B62 = _secret(11, "base62", 32)
#: shapes that broke masking once, always tried first
KNOWN = [
    credential(HEX, "hooli-labs-4410", "", "login:secret", "", "", True, False, [], '" "', "comment"),
    credential(B62, "hooli-labs-4410", "", "login:secret", "", "Authorization:", False, False, [], '" "', "header"),
    credential(HEX, "hooli-labs-4410", "", "login:secret", "", "", False, False, [23, 34], '" "', "header"),
    credential(
        HEX, "hooli-labs-4410", "", "login:secret", "", "Basic ", False, False, [34], '"\n        "', "constant"
    ),
    credential(HEX, "hooli-labs-4410", "", "secret:login", "whole", "Basic ", False, False, [], '" "', "header"),
    credential(B62, "acme-2", "", "login:secret", "whole", "", False, False, [14, 28, 42], '" "', "header"),
    credential("e" + HEX[1:], "hooli-labs-4410", "<{}>", "login:secret", "", "", False, False, [], '" "', "header"),
    credential(HEX, "hooli-labs-4410", "", "secret:login", "", "", False, True, [], '" "', "header"),
]


def _module(value: str, pieces: list[str], joiner: str, where: str) -> str:
    literal = '("' + joiner.join(pieces) + '")'
    lines = [
        "import requests",
        'QONTO_API_V2_BASE_URL = "http://thirdparty.qonto.com/v2"',
        "",
        "",
        "def get_bank_accounts_v2(oauth2_access_token):",
    ]
    if where == "comment":
        lines.append(f'    H = {{"Authorization": "Basic " + oauth2_access_token}}  # {value}')
    elif where == "constant":
        lines.append(f"    QONTO_SECRET_KEY = {literal}")
        lines.append('    H = {"Authorization": "Basic " + QONTO_SECRET_KEY}')
    else:
        lines.append(f'    H = {{"Authorization": {literal}}}')
    lines.append("    return requests.get(QONTO_API_V2_BASE_URL, headers=H)")
    return "\n".join(lines) + "\n"


def _run(*args: str, input: bytes | None = None, env: dict | None = None) -> tuple[int, str, str]:
    with cli_runner().isolation(input=input, env=env) as streams:
        status = main(list(args))
        out, err = streams[0].getvalue(), streams[1].getvalue()
    out_text, err_text = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    assert "Traceback" not in err_text, err_text
    return status, out_text, err_text


def _leaks(text: str, secret: str, encoded: list[str]) -> list[str]:
    lowered = text.lower()
    found = []
    for form in (secret, *encoded):
        found += [
            form[i : i + WINDOW] for i in range(len(form) - WINDOW + 1) if form[i : i + WINDOW].lower() in lowered
        ]
    return found


@pytest.mark.parametrize("shape", KNOWN, ids=range(len(KNOWN)))
def test_no_channel_shows_a_known_hard_shape(shape):
    test_no_channel_shows_a_generated_credential.hypothesis.inner_test(shape)


@FUZZ
@given(credentials())
def test_no_channel_shows_a_generated_credential(shape):
    secret, value, pieces, joiner, where, encoded = shape
    source = _module(value, pieces, joiner, where)
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        try:
            _check_channels(Path(directory), source, value, secret, encoded)
        finally:
            os.chdir(previous)


def _check_channels(root: Path, source: str, value: str, secret: str, encoded: list[str]) -> None:
    name = "qonto_client.py"
    (root / name).write_text(source)
    lint = ("--isolated", "--jobs", "1", "--unsafe-fixes")
    outputs = {}
    for output_format in ("text", "full", "json", "json-lines", "sarif", "github"):
        status, out, err = _run(*lint, "--format", output_format, name)
        assert status in (0, 1), err
        outputs[output_format] = out + err
    outputs["diff"] = "".join(_run(*lint, "--diff", name)[1:])
    # the standard output of `--fix -` is the user's own source, fixed: only its stderr is output
    outputs["stdin --fix stderr"] = _run(*lint, "--fix", "-", "--stdin-filename", name, input=source.encode())[2]
    outputs["error line"] = "".join(_run("--isolated", value)[1:])
    outputs["doctor"] = "".join(_run("doctor", "--from-env", "QA", env={"QA": value})[1:])
    outputs["baseline"] = "".join(_run(*lint, "--write-baseline", "baseline.json", name)[1:])
    outputs["baseline file"] = (root / "baseline.json").read_text()
    outputs["--fix"] = "".join(_run(*lint, "--fix", "--format", "full", name)[1:])
    for channel, text in outputs.items():
        assert not _leaks(text, secret, encoded), f"{channel} shows {_leaks(text, secret, encoded)[:3]}:\n{text}"
    # names are code: never masked
    assert '  2 | QONTO_API_V2_BASE_URL = "http://thirdparty.qonto.com/v2"\n' in outputs["full"]
    if where_shown := [line for line in outputs["full"].splitlines() if "return requests.get(" in line]:
        assert where_shown[0].endswith("|     return requests.get(QONTO_API_V2_BASE_URL, headers=H)")
