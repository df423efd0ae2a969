"""`qonto-lint doctor`: the troubleshooting guide's steps, through the command line.

Guide step 1 (choose the method) is the `method:` line; step 2 (test call to
`GET /v2/bank_accounts`) is `--live` against a fake Qonto API on 127.0.0.1
(tests/fake_qonto.py); step 3 (diagnose the answer) is every case below: 2XX, the
sandbox's redirect or HTML page without the staging token, 4XX with the common
mistakes, and the trace id for support. Every run is also checked for leaks: no
secret, staging token, access token or base64 form of them in stdout or stderr.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from dataclasses import dataclass

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.authorization.correct import corrected_authorization
from qonto_lint.authorization.diagnose import diagnose_authorization
from qonto_lint.authorization.problem import COST
from qonto_lint.authorization.shape import split_glued
from qonto_lint.cli.entry import main
from qonto_lint.facts.values import SECRET_SHAPE, Value

from ..fake_qonto import FakeQonto, SilentServer, refusing_port
from ..helpers import cli_runner, run_cli


def _derived(label: str, n: int = 32) -> str:
    """Secret-shaped test values, derived so that no key is written in this file."""
    return hashlib.sha256(f"qonto-lint doctor tests: {label}".encode()).hexdigest()[:n]


def _b64url(label: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(label.encode()).digest()).decode().rstrip("=")


LOGIN = "pied-piper-7132"
SECRET = _derived("secret")
WRONG_SECRET = _derived("wrong secret")
STAGING_TOKEN = _derived("staging token", 40)
WRONG_STAGING_TOKEN = _derived("wrong staging token", 40)
ACCESS_TOKEN = f"ory_at_{_b64url('access-1')}.{_b64url('access-2')}"
KEY = f"{LOGIN}:{SECRET}"
SHOWN = f"{LOGIN}:{SECRET[:4]}…"  # the masked key
B64_KEY = base64.b64encode(KEY.encode()).decode()

STATIC = "method: static API key (Authorization: login:secret)"
OAUTH = "method: OAuth (Authorization: Bearer <access_token>)"
THROTTLE = (
    "throttle: more than 200 responses with status 401 in one hour get the caller throttled; "
    "fix the value before trying again"
)
SUPPORT = "support: still stuck? contact Qonto support and include this trace id in the request"
OK_NEXT = "next: add --live to make the guide's test call, GET /v2/bank_accounts"


def _forms(text: str) -> set[str]:
    raw = text.encode()
    out = {text}
    for encoded in (base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()):
        out.update({encoded, encoded.rstrip("=")})
    return out


FORBIDDEN = sorted(
    set().union(
        *(_forms(s) for s in (SECRET, WRONG_SECRET, STAGING_TOKEN, WRONG_STAGING_TOKEN, ACCESS_TOKEN)),
        _forms(KEY),
        _forms(f"{LOGIN}:{WRONG_SECRET}"),
        _forms(f"{SECRET}:{LOGIN}"),
    )
)


def assert_no_leak(data: bytes) -> None:
    for secret in FORBIDDEN:
        assert secret.encode() not in data, f"output leaks {secret[:4]}…"


@dataclass
class Run:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def doctor(*args: str, env: dict | None = None, input: str | bytes | None = None) -> Run:
    """`qonto-lint doctor ARGS` in this process (click's isolation for stdin, stdout, stderr, env)."""
    with cli_runner().isolation(input=input, env=env) as streams:
        status = main(["doctor", *args])
        out, err = streams[0].getvalue(), streams[1].getvalue()
    assert_no_leak(out + err)
    return Run(status, out.decode("utf-8"), err.decode("utf-8"))


def doctor_process(*args: str, env: dict | None = None, input: bytes | None = None) -> Run:
    """`python -m qonto_lint doctor ARGS` in a child process, as a user runs it."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("QONTO")}
    full_env.update(env or {})
    proc = run_cli("doctor", *args, input=input, env=full_env, timeout=60)
    assert_no_leak(proc.stdout + proc.stderr)
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def offline(value: str) -> Run:
    return doctor("--from-env", "QONTO_AUTH", env={"QONTO_AUTH": value})


def one_error_line(run: Run) -> str:
    """A usage or network error: nothing on stdout, one line on stderr, exit 2."""
    assert run.status == 2
    assert run.out == ""
    assert run.err.endswith("\n") and run.err.count("\n") == 1, run.err
    assert run.err.startswith("qonto-lint doctor: error: ")
    assert "Traceback" not in run.err
    return run.err.rstrip("\n")


@pytest.fixture
def qonto():
    """The production API (with an OAuth access token it also accepts)."""
    with FakeQonto(LOGIN, SECRET, access_token=ACCESS_TOKEN) as server:
        yield server


@pytest.fixture
def sandbox():
    with FakeQonto(LOGIN, SECRET, sandbox=True, staging_token=STAGING_TOKEN) as server:
        yield server


@pytest.fixture
def sandbox_html():
    with FakeQonto(LOGIN, SECRET, sandbox=True, staging_token=STAGING_TOKEN, gate="html") as server:
        yield server


def test_test_values_have_qonto_shapes():
    assert SECRET_SHAPE.match(SECRET) and SECRET_SHAPE.match(WRONG_SECRET)
    assert len(SECRET) == 32 and "/" not in B64_KEY


# ======================================================================== offline: step 1 and the common mistakes


def test_offline_basic_prefix_through_the_console_script():
    run = doctor_process("--from-env", "QONTO_AUTH", env={"QONTO_AUTH": f"Basic {KEY}"})
    assert run.lines == [
        STATIC,
        "QNT101 Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is "
        "(every 401 counts toward Qonto's 200-per-hour throttle)",
        f"corrected shape: {SHOWN}",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1 and run.err == ""


def test_offline_bearer_prefix_on_a_static_key():
    run = offline(f"Bearer {KEY}")
    assert run.lines == [
        STATIC,
        "QNT102 'Bearer' is for OAuth access tokens; a Qonto static API key is sent as 'login:secret' "
        f"with no prefix ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


def test_offline_base64_that_decodes_to_the_pair():
    run = offline(B64_KEY)
    assert run.lines == [
        STATIC,
        "QNT103 Qonto static API keys are not base64-encoded: send 'login:secret' as plain text, "
        f"not a base64 literal ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


def test_offline_what_http_basic_auth_sends():
    """`requests.get(url, auth=(login, secret))` sends `Basic base64(login:secret)`: two mistakes."""
    run = offline(f"Basic {B64_KEY}")
    assert [line.split(" ", 1)[0] for line in run.lines[1:3]] == ["QNT101", "QNT103"]
    assert run.lines[3:] == [
        f"corrected shape: {SHOWN}",
        "result: 2 problems: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


def test_offline_missing_colon():
    run = offline(f"{LOGIN}{SECRET}")
    assert run.lines == [
        STATIC,
        "QNT104 Qonto's API key needs a colon between login and secret, found nothing between login and secret: "
        f"send 'login:secret' ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


def test_offline_missing_colon_secret_first():
    run = offline(f"{SECRET}{LOGIN}")
    assert run.lines[1] == (
        "QNT104 Qonto's API key needs a colon between login and secret, found nothing between secret and login: "
        f"send 'login:secret' ({COST})"
    )
    assert run.lines[2] == f"corrected shape: {SHOWN}"
    assert run.status == 1


@pytest.mark.parametrize("separator", [";", "/", "|", ",", " "])
def test_offline_wrong_separator(separator):
    run = offline(f"{LOGIN}{separator}{SECRET}")
    assert run.lines == [
        STATIC,
        f"QNT104 Qonto's API key needs a colon between login and secret, found {separator!r} between 'pied…' and "
        f"'{SECRET[:4]}…': send 'login:secret' ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


def test_offline_swapped_login_and_secret():
    run = offline(f"{SECRET}:{LOGIN}")
    assert run.lines == [
        STATIC,
        f"QNT105 login and secret are swapped ('{SECRET[:4]}…' comes first): Qonto expects 'login:secret', "
        f"login first ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


@pytest.mark.parametrize(
    ("value", "what"),
    [
        (f"{KEY}\n", "the value contains a line break"),
        (f"{LOGIN}:\n{SECRET}", "the value contains a line break"),
        (f"{KEY}\r", "the value contains a carriage return"),  # $(cat key.txt) of a CRLF file
        (f"{KEY}\t", "the value contains a tab"),
        (f" {KEY}", "the value starts with whitespace"),
        (f"{KEY} ", "the value ends with whitespace"),
        (f"{LOGIN} : {SECRET}", "there is whitespace around the colon"),
    ],
    ids=["trailing-newline", "inner-newline", "crlf", "tab", "leading-space", "trailing-space", "around-colon"],
)
def test_offline_extra_spaces_or_line_breaks(value, what):
    run = offline(value)
    assert run.lines == [
        STATIC,
        f"QNT106 {what}: Qonto reads the key byte for byte, so strip it ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("your-login-here:your-secret-here", "the value still holds the placeholder 'your-login-here'"),
        ("<login>:<secret>", "the value still holds the placeholder '<login>'"),
        (
            "{login}:{secret}",
            "the value still holds the template '{login}', which is never formatted "
            "(a forgotten f prefix, .format or %)",
        ),
    ],
    ids=["guide-example", "angle-brackets", "template"],
)
def test_offline_placeholder(value, message):
    run = offline(value)
    assert run.lines == [
        STATIC,
        f"QNT109 {message}: put the real credentials in before calling Qonto ({COST})",
        "corrected shape: replace the placeholder with your own login and secret key",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


def test_offline_oauth_token_without_bearer():
    run = offline(ACCESS_TOKEN)
    assert run.lines == [
        OAUTH,
        "QNT110 OAuth access token 'ory_…' is sent without the 'Bearer ' prefix: "
        f"send 'Bearer <access_token>' ({COST})",
        "corrected shape: Bearer ory_…",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


def test_offline_pasted_header_name():
    run = offline(f"Authorization: {KEY}")
    assert (
        run.lines[1] == f"QNT108 the value repeats the header name 'Authorization:': send only the credentials ({COST})"
    )
    assert run.lines[2] == f"corrected shape: {SHOWN}"
    assert run.status == 1


def test_offline_correct_key():
    run = offline(KEY)
    assert run.lines == [STATIC, f"result: ok: the value has the shape Qonto expects: {SHOWN}", OK_NEXT]
    assert run.status == 0 and run.err == ""


def test_offline_correct_oauth_bearer():
    run = offline(f"Bearer {ACCESS_TOKEN}")
    assert run.lines == [OAUTH, "result: ok: the value has the shape Qonto expects: Bearer ory_…", OK_NEXT]
    assert run.status == 0


@pytest.mark.parametrize(
    ("value", "lines"),
    [
        (
            "lonely",
            [
                "problem: the value is neither 'login:secret' (static API key) nor 'Bearer <access_token>' (OAuth): "
                "Qonto cannot read it"
            ],
        ),
        ("", ["problem: the value is empty: Qonto expects 'login:secret' or 'Bearer <access_token>'"]),
        (
            "Token a:b",
            [
                "problem: the value is neither 'login:secret' (static API key) nor 'Bearer <access_token>' (OAuth): "
                "Qonto cannot read it"
            ],
        ),
    ],
    ids=["lone-word", "empty", "unknown-shape"],
)
def test_offline_unreadable_value(value, lines):
    run = offline(value)
    assert run.lines == [
        STATIC,
        *lines,
        "corrected shape: unknown: Qonto expects 'login:secret' (static API key) or 'Bearer <access_token>' (OAuth)",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


def test_offline_refresh_token_is_not_an_access_token():
    run = offline("ory_rt_" + _b64url("refresh"))
    assert run.lines[:2] == [
        OAUTH,
        "problem: this is an OAuth refresh token (ory_rt_…), which is never sent as Authorization: "
        "exchange it at the token endpoint and send 'Bearer <access_token>'",
    ]
    assert run.status == 1


def test_offline_invisible_character_pasted_with_the_key():
    run = offline(f"{KEY}\u200b")
    assert run.lines == [
        STATIC,
        f"problem: the value contains U+200B (ZERO WIDTH SPACE), an invisible character, at character {len(KEY) + 1} "
        "(pasted from a web page, a chat or a document): Qonto keys are plain ASCII and compared byte for byte, "
        f"so type the key again or copy it from Qonto as plain text ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 1 problem: fix the Authorization value before calling Qonto",
    ]
    assert run.status == 1


# ---------------------------------------------------------------- wrappers, look-alikes, other issuers

FIX_RESULT = "result: 1 problem: fix the Authorization value before calling Qonto"


@pytest.mark.parametrize(
    ("value", "quotes"),
    [(f'"{KEY}"', "double quotes"), (f"'{KEY}'", "single quotes"), (f"\u201c{KEY}\u201d", "typographic quotes")],
    ids=["double", "single", "typographic"],
)
def test_offline_quotes_kept_around_the_value(value, quotes):
    """`QONTO_AUTH="L:S"` in a docker --env-file: the quotes are part of the value, and of the header."""
    run = offline(value)
    assert run.lines == [
        STATIC,
        f"problem: the value is wrapped in {quotes}, which are sent as part of the header (docker --env-file and "
        f"some .env readers keep them): remove the quotes from the variable or the file ({COST})",
        f"corrected shape: {SHOWN}",
        FIX_RESULT,
    ]
    assert run.status == 1


def test_offline_quotes_around_a_value_with_another_mistake():
    run = offline(f"'Basic {KEY}'")
    assert run.lines[1].startswith(
        "problem: the value is wrapped in single quotes, which are sent as part of the header"
    )
    assert run.lines[2:] == [
        f"QNT101 Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 2 problems: fix the Authorization value before calling Qonto",
    ]


def test_offline_quotes_after_a_pasted_header_name():
    run = offline(f'Authorization: "{KEY}"')
    assert run.lines == [
        STATIC,
        f"problem: the credentials are wrapped in double quotes, which are sent as part of the header: "
        f"remove the quotes ({COST})",
        f"QNT108 the value repeats the header name 'Authorization:': send only the credentials ({COST})",
        f"corrected shape: {SHOWN}",
        "result: 2 problems: fix the Authorization value before calling Qonto",
    ]


def test_docker_env_file_quotes_through_the_console_script(tmp_path):
    """What `docker run --env-file` hands the program for `QONTO_AUTH="L:S"`: the quotes included."""
    run = doctor_process("--from-env", "QONTO_AUTH", env={"QONTO_AUTH": f'"{KEY}"'})
    assert run.lines[1].startswith("problem: the value is wrapped in double quotes")
    assert run.lines[2:] == [f"corrected shape: {SHOWN}", FIX_RESULT]
    assert run.status == 1 and run.err == ""


@pytest.mark.parametrize(
    "prefix",
    ["Authorization: ", "Authorization:", "authorization: ", "AUTHORIZATION:", "  Authorization :  "],
    ids=["title", "no-space", "lower", "upper", "spaces"],
)
def test_offline_pasted_header_name_in_any_case(prefix):
    run = offline(f"{prefix}{KEY}")
    assert run.lines == [
        STATIC,
        f"QNT108 the value repeats the header name 'Authorization:': send only the credentials ({COST})",
        f"corrected shape: {SHOWN}",
        FIX_RESULT,
    ]


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [
        ("Authorization=", "Authorization="),
        ("authorization = ", "authorization="),
        ("Authorization ", "Authorization "),
    ],
    ids=["equals", "equals-spaces", "space"],
)
def test_offline_pasted_header_name_without_a_colon(prefix, shown):
    """`Authorization=L:S` (an env-file line) and `Authorization L:S` were read as a login 'Authorization=…'."""
    run = offline(f"{prefix}{KEY}")
    assert run.lines == [
        STATIC,
        f"problem: the value starts with the header name {shown!r} (pasted from an env file or a command): "
        f"send only the credentials, without 'Authorization' ({COST})",
        f"corrected shape: {SHOWN}",
        FIX_RESULT,
    ]


def _look_alike(char: str, name: str, what: str, position: int) -> str:
    return (
        f"problem: the value contains U+{ord(char):04X} ({name}), {what}, at character {position} "
        "(pasted from a web page, a chat or a document): Qonto keys are plain ASCII and compared byte for byte, "
        f"so type the key again or copy it from Qonto as plain text ({COST})"
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (
            KEY.replace("a", "\u0430", 1),
            _look_alike("\u0430", "CYRILLIC SMALL LETTER A", "which looks like 'a'", KEY.index("a") + 1),
        ),
        (
            f"{LOGIN}:{SECRET[:9]}\u0435{SECRET[10:]}",
            _look_alike("\u0435", "CYRILLIC SMALL LETTER IE", "which looks like 'e'", len(LOGIN) + 11),
        ),
        (KEY.replace("-", "\u2011", 1), _look_alike("\u2011", "NON-BREAKING HYPHEN", "which looks like '-'", 5)),
        (KEY.replace(":", "\uff1a"), _look_alike("\uff1a", "FULLWIDTH COLON", "which looks like ':'", len(LOGIN) + 1)),
        (f"\ufeff{KEY}", _look_alike("\ufeff", "ZERO WIDTH NO-BREAK SPACE", "an invisible character", 1)),
        (
            f"{LOGIN}:\u200b{SECRET}",
            _look_alike("\u200b", "ZERO WIDTH SPACE", "an invisible character", len(LOGIN) + 2),
        ),
        (
            f"{LOGIN}\u00e9:{SECRET}",
            _look_alike("\u00e9", "LATIN SMALL LETTER E WITH ACUTE", "which is not ASCII", len(LOGIN) + 1),
        ),
    ],
    ids=[
        "cyrillic-a-in-login",
        "cyrillic-e-in-secret",
        "non-breaking-hyphen",
        "fullwidth-colon",
        "bom",
        "zero-width-space",
        "accent",
    ],
)
def test_offline_look_alike_characters_are_named(value, problem):
    run = offline(value)
    expected = [STATIC, problem]
    if "\u00e9" in value:  # no ASCII character stands for it: the corrected shape is unknown
        expected.append(
            "corrected shape: unknown: Qonto expects 'login:secret' (static API key) or 'Bearer <access_token>' (OAuth)"
        )
    else:
        expected.append(f"corrected shape: {SHOWN}")
    assert run.lines == [*expected, FIX_RESULT]
    assert run.status == 1


def test_offline_control_character_is_named():
    run = offline(f"{LOGIN}:\x1b{SECRET}")
    assert run.lines == [
        STATIC,
        f"problem: the value contains U+001B (a control character) at character {len(LOGIN) + 2} "
        "(pasted from a web page, a chat or a document): Qonto keys are plain ASCII and compared byte for byte, "
        f"so type the key again or copy it from Qonto as plain text ({COST})",
        "corrected shape: unknown: Qonto expects 'login:secret' (static API key) or 'Bearer <access_token>' (OAuth)",
        FIX_RESULT,
    ]


def test_offline_non_breaking_space_is_named_besides_the_whitespace():
    run = offline(f"{KEY}\u00a0")
    assert run.lines == [
        STATIC,
        f"QNT106 the value ends with whitespace: Qonto reads the key byte for byte, so strip it ({COST})",
        _look_alike("\u00a0", "NO-BREAK SPACE", "which looks like a space", len(KEY) + 1),
        f"corrected shape: {SHOWN}",
        "result: 2 problems: fix the Authorization value before calling Qonto",
    ]


def test_offline_several_look_alikes_are_counted():
    assert LOGIN.count("i") == 2 and "i" not in SECRET
    run = offline(KEY.replace("i", "\u0456"))  # both 'i' of the login, as Ukrainian 'і'
    assert run.lines == [
        STATIC,
        _look_alike("\u0456", "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", "which looks like 'i'", 2).replace(
            "at character 2 ", "at character 2 and 1 more such character "
        ),
        f"corrected shape: {SHOWN}",
        FIX_RESULT,
    ]


def test_offline_look_alike_in_an_oauth_token_keeps_the_method():
    run = offline(f"Bearer \u043e{ACCESS_TOKEN[1:]}")  # a Cyrillic 'о' in 'ory_at_'
    assert run.lines == [
        OAUTH,
        _look_alike("\u043e", "CYRILLIC SMALL LETTER O", "which looks like 'o'", len("Bearer ") + 1),
        "corrected shape: Bearer ory_…",
        FIX_RESULT,
    ]


def _jwt(claims: dict) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.{_b64url('signature')}"


FOREIGN = (
    "this is a bearer token from another issuer{}, not a Qonto access token: Qonto's access tokens start with "
    f"'ory_at_'; get one from Qonto's OAuth token endpoint, or send the static API key as 'login:secret' ({COST})"
)
FOREIGN_SHAPE = "corrected shape: Bearer ory_at_… (an access token from Qonto's OAuth token endpoint)"


@pytest.mark.parametrize(
    ("token", "what"),
    [
        (
            _jwt({"iss": "https://login.example.com/tenant-1", "sub": "u-1"}),
            " (a JWT issued by https://login.example.com/tenant-1)",
        ),
        (_jwt({"sub": "u-1"}), " (a JWT)"),
        ("gho_" + _b64url("github")[:36], ""),
        (_b64url("opaque")[:40], ""),
    ],
    ids=["jwt-with-issuer", "jwt", "github-token", "opaque"],
)
def test_offline_bearer_token_from_another_issuer(token, what):
    """Not a static API key, and not told it is not 'Bearer <access_token>': it is someone else's token."""
    run = offline(f"Bearer {token}")
    assert run.lines == [OAUTH, "problem: " + FOREIGN.format(what), FOREIGN_SHAPE, FIX_RESULT]
    assert run.status == 1
    assert token not in run.out and token[-12:] not in run.out


def test_live_401_bearer_token_from_another_issuer(qonto):
    token = _jwt({"iss": "https://login.example.com/tenant-1"})
    run = live(qonto, f"Bearer {token}")
    assert run.lines[:6] == [
        OAUTH,
        f"test call: GET {qonto.url}/v2/bank_accounts",
        "answer: 401 Unauthorized",
        "error: Invalid authorization header",
        "problem: " + FOREIGN.format(" (a JWT issued by https://login.example.com/tenant-1)"),
        FOREIGN_SHAPE,
    ]
    assert run.status == 1 and token not in run.out


def test_offline_bearer_before_a_qonto_secret_is_still_qnt102():
    run = offline(f"Bearer {SECRET}")
    assert run.lines[:2] == [
        STATIC,
        "QNT102 'Bearer' is for OAuth access tokens; a Qonto static API key is sent as "
        f"'login:secret' with no prefix ({COST})",
    ]


SCHEME = "problem: malformed 'Bearer' scheme: {}: send 'Bearer' (capital B), one space, then the access token ({})"


@pytest.mark.parametrize(
    ("value", "defect"),
    [
        (f"bearer {ACCESS_TOKEN}", "the scheme is written 'bearer'"),
        (f"BEARER {ACCESS_TOKEN}", "the scheme is written 'BEARER'"),
        (f"Bearer  {ACCESS_TOKEN}", "2 spaces separate it from the token"),
        (f"Bearer:{ACCESS_TOKEN}", "':' separates it from the token"),
        (f"bearer   {ACCESS_TOKEN}", "the scheme is written 'bearer' and 3 spaces separate it from the token"),
        (f"Authorization: bearer {ACCESS_TOKEN}", "the scheme is written 'bearer'"),
    ],
    ids=["lower-case", "upper-case", "two-spaces", "colon", "both", "after-header-name"],
)
def test_offline_oauth_token_with_a_malformed_scheme(value, defect):
    """An OAuth token: never told it is not 'login:secret'."""
    run = offline(value)
    assert run.lines[0] == OAUTH
    assert run.lines[-3:] == [SCHEME.format(defect, COST), "corrected shape: Bearer ory_…", run.lines[-1]]
    assert run.lines[1:-3] == (
        [f"QNT108 the value repeats the header name 'Authorization:': send only the credentials ({COST})"]
        if value.startswith("Authorization")
        else []
    )
    assert not any("login:secret" in line for line in run.lines)
    assert run.status == 1


def test_offline_oauth_token_after_another_scheme_word():
    run = offline(f"Token {ACCESS_TOKEN}")
    assert run.lines == [
        OAUTH,
        "problem: the access token is sent with the scheme 'Token': an OAuth access token is sent as "
        f"'Bearer <access_token>' ({COST})",
        "corrected shape: Bearer ory_…",
        FIX_RESULT,
    ]


def test_live_401_oauth_token_with_a_lower_case_scheme(qonto):
    run = live(qonto, f"bearer {ACCESS_TOKEN}")
    assert run.lines[2:6] == [
        "answer: 401 Unauthorized",
        "error: Invalid authorization header",
        SCHEME.format("the scheme is written 'bearer'", COST),
        "corrected shape: Bearer ory_…",
    ]
    assert run.status == 1


SHARED_CASES = [
    f"Basic {KEY}",
    f"Bearer {KEY}",
    B64_KEY,
    f"Basic {B64_KEY}",
    f"{LOGIN};{SECRET}",
    f"{SECRET}:{LOGIN}",
    f" {KEY}",
    f"{KEY}\n",
    f"{LOGIN} : {SECRET}",
    "your-login-here:your-secret-here",
    "<login>:<secret>",
    "{login}:{secret}",
    ACCESS_TOKEN,
    f"Bearer {ACCESS_TOKEN}",
    f"Authorization: {KEY}",
    KEY,
]


@pytest.mark.parametrize("value", SHARED_CASES, ids=range(len(SHARED_CASES)))
def test_doctor_reports_what_the_linter_reports(value):
    """One logic: the doctor's codes are diagnose_authorization's, which are the header rules' codes."""
    source = (
        "import requests\n"
        f"requests.get('https://thirdparty.qonto.com/v2/bank_accounts', headers={{'Authorization': {value!r}}})\n"
    )
    linted = {f.code for f in lint_source(source, "client.py", Options()).findings if f.code.startswith("QNT1")}
    shared = {p.code for p in diagnose_authorization(Value.of_text(value))}
    run = offline(value)
    printed = {line.split(" ", 1)[0] for line in run.lines if line.startswith("QNT")}
    assert printed == shared == linted
    assert run.status == (1 if printed else 0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (f"Basic {KEY}", KEY),
        (f"Bearer {KEY}", KEY),
        (B64_KEY, KEY),
        (f"Basic {B64_KEY}", KEY),
        (f"{LOGIN}{SECRET}", KEY),
        (f"{SECRET}{LOGIN}", KEY),
        (f"{LOGIN};{SECRET}", KEY),
        (f"{SECRET}:{LOGIN}", KEY),
        (f" {LOGIN} :\n{SECRET}\n", KEY),
        (f"Authorization: Basic {B64_KEY}", KEY),
        (f"{KEY}\u200b", KEY),
        (ACCESS_TOKEN, f"Bearer {ACCESS_TOKEN}"),
        (f"Bearer {ACCESS_TOKEN}", f"Bearer {ACCESS_TOKEN}"),
        (KEY, KEY),
        ("Token a:b", None),
        ("", None),
        ("lonely", None),
    ],
)
def test_repair_gives_the_corrected_shape(value, expected):
    assert corrected_authorization(value) == expected


def test_split_glued():
    assert split_glued(f"{LOGIN}{SECRET}") == (LOGIN, SECRET, False)
    assert split_glued(f"{SECRET}{LOGIN}") == (LOGIN, SECRET, True)
    assert split_glued(SECRET) is None
    assert split_glued("no-login-here" + "x" * 32) is None


# ======================================================================== inputs


NEWLINE_NOTE = (
    "note: the newline at the end of standard input was ignored; code that reads the key from a file "
    "must strip it too, or it is sent with the header and Qonto answers 401 (QNT106)"
)


def test_input_from_stdin_ignores_the_one_trailing_newline_and_says_so():
    """`doctor - < keyfile`: the value is right, but code reading that file gets the newline too."""
    run = doctor("-", input=f"{KEY}\n")
    assert run.lines == [STATIC, NEWLINE_NOTE, f"result: ok: the value has the shape Qonto expects: {SHOWN}", OK_NEXT]
    assert run.status == 0 and run.err == ""


def test_input_from_stdin_crlf_ending_is_named():
    run = doctor_process("-", input=f"{KEY}\r\n".encode())
    assert run.lines == [
        STATIC,
        NEWLINE_NOTE.replace("the newline", "the line break (CRLF)"),
        f"result: ok: the value has the shape Qonto expects: {SHOWN}",
        OK_NEXT,
    ]
    assert run.status == 0


def test_input_from_stdin_without_a_newline_has_no_note():
    run = doctor("-", input=KEY)
    assert run.lines == [STATIC, f"result: ok: the value has the shape Qonto expects: {SHOWN}", OK_NEXT]
    assert run.status == 0


def test_input_from_stdin_keeps_other_line_breaks():
    run = doctor("-", input=f"{KEY}\n\n")
    assert run.lines[1] == NEWLINE_NOTE
    assert run.lines[2].startswith("QNT106 the value contains a line break")
    assert run.status == 1


def test_input_from_stdin_in_a_child_process():
    run = doctor_process("-", input=f"Basic {KEY}\n".encode())
    assert run.lines[1] == NEWLINE_NOTE
    assert run.lines[2].startswith("QNT101 ") and run.status == 1


def test_input_from_stdin_note_in_a_live_call(qonto):
    run = doctor("-", "--live", "--base-url", qonto.url, input=f"{KEY}\n")
    assert run.lines == [
        STATIC,
        NEWLINE_NOTE,
        f"test call: GET {qonto.url}/v2/bank_accounts",
        "answer: 200 OK",
        "result: authenticated: Qonto accepted the Authorization header (2 bank accounts)",
    ]
    assert run.status == 0
    (request,) = qonto.requests
    assert request.header("Authorization") == KEY  # the newline was not sent


def test_input_login_and_secret_from_env():
    run = doctor("--login", LOGIN, "--secret-from-env", "QONTO_SECRET_KEY", env={"QONTO_SECRET_KEY": SECRET})
    assert run.lines == [STATIC, f"result: ok: the value has the shape Qonto expects: {SHOWN}", OK_NEXT]
    assert run.status == 0


def test_input_secret_from_env_with_a_trailing_newline():
    run = doctor("--login", LOGIN, "--secret-from-env", "QONTO_SECRET_KEY", env={"QONTO_SECRET_KEY": SECRET + "\n"})
    assert run.lines[1].startswith("QNT106 the value contains a line break") and run.status == 1


HISTORY_NOTE = (
    "qonto-lint doctor: note: a key on the command line stays in the shell history; prefer '-' or --from-env\n"
)


def test_input_argument_works_but_is_not_recommended():
    run = doctor(f"Basic {KEY}")
    assert run.lines[1].startswith("QNT101 ") and run.status == 1
    assert run.err == HISTORY_NOTE


@pytest.mark.parametrize(
    "value",
    [
        KEY,
        f"{LOGIN}{SECRET}",
        f"{LOGIN}:{SECRET[:12]}",
        f"{LOGIN}:short",
        f"{KEY}\n",
        f"'{KEY}'",
        f"bearer {ACCESS_TOKEN}",
        "your-login-here:your-secret-here",
        "<login>:<secret>",
        "Token a:b",
        "lonely",
        "",
    ],
    ids=[
        "key",
        "glued",
        "truncated-secret",
        "short-secret",
        "newline",
        "quoted",
        "lower-bearer",
        "guide-example",
        "angle-placeholder",
        "unknown-scheme",
        "lone-word",
        "empty",
    ],
)
def test_input_argument_of_any_shape_gets_the_history_note(value):
    """A mistyped key is still the key: every value given as an argument is in the history now."""
    run = doctor_process(value)
    assert run.err == HISTORY_NOTE
    assert run.status in (0, 1) and run.lines[0] in (STATIC, OAUTH)


def test_input_from_stdin_or_env_gets_no_history_note():
    assert doctor("-", input=KEY).err == ""
    assert offline(KEY).err == ""


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            [],
            {},
            "give the Authorization value: '-' (standard input), --from-env NAME, or --login LOGIN --secret-from-env "
            "NAME",
        ),
        (["a", "b"], {}, "give one VALUE (quote a value that holds spaces)"),
        (["-", "--from-env", "X"], {}, "give the Authorization value one way only, not VALUE and --from-env"),
        (
            ["--from-env", "QONTO_UNSET"],
            {"QONTO_UNSET": None},
            "environment variable QONTO_UNSET is not set (--from-env)",
        ),
        (["--login", LOGIN], {}, "--login needs --secret-from-env NAME (the secret never goes on the command line)"),
        (["--secret-from-env", "S"], {"S": SECRET}, "--secret-from-env needs --login LOGIN"),
        (["--from-env", "A", "--sandbox"], {"A": KEY}, "--sandbox is for the test call: add --live"),
        (
            ["--from-env", "A", "--base-url", "http://127.0.0.1:9"],
            {"A": KEY},
            "--base-url is for the test call: add --live",
        ),
        (
            ["--from-env", "A", "--live", "--staging-token-from-env", "T"],
            {"A": KEY, "T": STAGING_TOKEN},
            "production does not accept X-Qonto-Staging-Token: use --staging-token-from-env with --sandbox",
        ),
        (
            ["--from-env", "A", "--live", "--sandbox", "--staging-token-from-env", "QONTO_UNSET"],
            {"A": KEY, "QONTO_UNSET": None},
            "environment variable QONTO_UNSET is not set (--staging-token-from-env)",
        ),
        (
            ["--from-env", "A", "--live", "--base-url", "ftp://example.org"],
            {"A": KEY},
            "--base-url must be an http:// or https:// URL, not 'ftp://example.org'",
        ),
        (
            ["--from-env", "A", "--live", "--base-url", "http://[::1"],
            {"A": KEY},
            "--base-url is not a valid URL: 'http://[::1'",
        ),
        (
            ["--from-env", "A", "--live", "--base-url", "http://127.0.0.1:99999"],
            {"A": KEY},
            "--base-url has an invalid port: 'http://127.0.0.1:99999'",
        ),
        (
            ["--from-env", "A", "--live", "--base-url", "http://thirdparty.qonto.com"],
            {"A": KEY},  # noqa: QNT304
            "the Qonto API is HTTPS only: use https://thirdparty.qonto.com",
        ),
        (
            ["--from-env", "A", "--live", "--timeout", "0"],
            {"A": KEY},
            "Invalid value for '--timeout': 0.0 is not in the range 0<x<=600.",
        ),
        (["--bogus"], {}, "No such option: --bogus"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, env, message):
    assert one_error_line(doctor(*args, env=env)) == f"qonto-lint doctor: error: {message}"


def test_usage_error_in_a_child_process_has_no_traceback():
    run = doctor_process("--from-env", "QONTO_UNSET_FOR_SURE")
    assert (
        one_error_line(run)
        == "qonto-lint doctor: error: environment variable QONTO_UNSET_FOR_SURE is not set (--from-env)"
    )


def test_help():
    run = doctor_process("--help")
    assert run.status == 0 and run.err == ""
    assert run.lines[0] == "Usage: qonto-lint doctor [OPTIONS] [VALUE | -]"
    for option in (
        "--from-env NAME",
        "--login LOGIN",
        "--secret-from-env NAME",
        "--live",
        "--sandbox",
        "--staging-token-from-env NAME",
        "--base-url URL",
        "--timeout SECONDS",
    ):
        assert option in run.out
    assert "prefer standard input or the environment" in run.out


# ======================================================================== live: steps 2 and 3


def live(server, value: str, *more: str, env: dict | None = None) -> Run:
    return doctor(
        "--from-env", "QONTO_AUTH", "--live", "--base-url", server.url, *more, env={"QONTO_AUTH": value, **(env or {})}
    )


def test_live_2xx_authenticated(qonto):
    run = live(qonto, KEY)
    assert run.lines == [
        STATIC,
        f"test call: GET {qonto.url}/v2/bank_accounts",
        "answer: 200 OK",
        "result: authenticated: Qonto accepted the Authorization header (2 bank accounts)",
    ]
    assert run.status == 0
    (request,) = qonto.requests
    assert request.path == "/v2/bank_accounts"
    assert request.header("Authorization") == KEY
    assert request.header("X-Qonto-Staging-Token") is None


def test_live_2xx_with_an_oauth_access_token(qonto):
    run = live(qonto, f"Bearer {ACCESS_TOKEN}")
    assert run.lines == [
        OAUTH,
        f"test call: GET {qonto.url}/v2/bank_accounts",
        "answer: 200 OK",
        "result: authenticated: Qonto accepted the Authorization header (2 bank accounts)",
    ]
    assert run.status == 0


def test_live_401_wrong_secret_gives_the_trace_id(qonto):
    run = doctor_process(
        "--from-env", "QONTO_AUTH", "--live", "--base-url", qonto.url, env={"QONTO_AUTH": f"{LOGIN}:{WRONG_SECRET}"}
    )
    (trace_id,) = qonto.trace_ids
    assert run.lines == [
        STATIC,
        f"test call: GET {qonto.url}/v2/bank_accounts",
        "answer: 401 Unauthorized",
        "error: Invalid authorization header",
        "problem: the value has the shape Qonto expects, so the login or the secret key itself is wrong: "
        "copy both again from your Qonto account",
        THROTTLE,
        f"X-Tyk-Trace-Id: {trace_id}",
        f"trace_id: {trace_id}",
        SUPPORT,
        "result: not authenticated: Qonto answered 401",
    ]
    assert run.status == 1 and run.err == ""


def test_live_401_basic_prefix_runs_the_offline_checks(qonto):
    run = live(qonto, f"Basic {KEY}")
    (trace_id,) = qonto.trace_ids
    assert run.lines == [
        STATIC,
        f"test call: GET {qonto.url}/v2/bank_accounts",
        "answer: 401 Unauthorized",
        "error: Invalid authorization header",
        f"QNT101 Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is ({COST})",
        f"corrected shape: {SHOWN}",
        THROTTLE,
        f"X-Tyk-Trace-Id: {trace_id}",
        f"trace_id: {trace_id}",
        SUPPORT,
        "result: not authenticated: Qonto answered 401",
    ]
    assert run.status == 1


@pytest.mark.parametrize(
    "value",
    [f"{SECRET}:{LOGIN}", f"Basic {B64_KEY}", f"Bearer {KEY}", f"{LOGIN}{SECRET}", ACCESS_TOKEN],
    ids=["swapped", "requests-auth", "bearer", "glued", "oauth-no-bearer"],
)
def test_live_401_for_each_common_mistake(qonto, value):
    run = live(qonto, value)
    assert run.lines[2] == "answer: 401 Unauthorized"
    offline_lines = offline(value).lines[1:-1]  # the same problems and corrected shape as offline
    assert run.lines[4 : 4 + len(offline_lines)] == offline_lines
    assert THROTTLE in run.lines and run.status == 1


def test_live_401_expired_oauth_token(qonto):
    expired = f"ory_at_{_b64url('expired-1')}.{_b64url('expired-2')}"
    run = live(qonto, f"Bearer {expired}")
    assert run.lines[:5] == [
        OAUTH,
        f"test call: GET {qonto.url}/v2/bank_accounts",
        "answer: 401 Unauthorized",
        "error: Invalid authorization header",
        "problem: the access token has the right shape but Qonto refused it: it has expired or was revoked; "
        "get a new one from the token endpoint",
    ]
    assert expired not in run.out and expired[7:] not in run.out
    assert THROTTLE in run.lines and run.status == 1


def test_live_sandbox_redirect_without_the_staging_token(sandbox):
    run = doctor_process(
        "--from-env", "QONTO_AUTH", "--live", "--sandbox", "--base-url", sandbox.url, env={"QONTO_AUTH": KEY}
    )
    assert run.lines == [
        STATIC,
        f"test call: GET {sandbox.url}/v2/bank_accounts (sandbox, without X-Qonto-Staging-Token)",
        f"answer: 302 Found, redirect to {sandbox.sso_url}",
        "problem: staging token missing: the sandbox answers a request without the X-Qonto-Staging-Token header "
        "with a redirect to a login page; add the header (the token is in the developer portal) with "
        "--staging-token-from-env NAME",
        "result: not authenticated: the sandbox needs the X-Qonto-Staging-Token header",
    ]
    assert run.status == 1 and run.err == ""
    assert [r.path for r in sandbox.requests] == ["/v2/bank_accounts"], "the redirect must not be followed"


def test_live_sandbox_redirect_with_a_wrong_staging_token(sandbox):
    run = live(
        sandbox,
        KEY,
        "--sandbox",
        "--staging-token-from-env",
        "QONTO_STAGING_TOKEN",
        env={"QONTO_STAGING_TOKEN": WRONG_STAGING_TOKEN},
    )
    assert run.lines == [
        STATIC,
        f"test call: GET {sandbox.url}/v2/bank_accounts (sandbox, with X-Qonto-Staging-Token)",
        f"answer: 302 Found, redirect to {sandbox.sso_url}",
        "problem: staging token wrong: the sandbox answered with a redirect to a login page although "
        "X-Qonto-Staging-Token was sent; copy the token again from the developer portal",
        "result: not authenticated: the sandbox did not accept the X-Qonto-Staging-Token header",
    ]
    assert run.status == 1


def test_live_sandbox_html_page_without_the_staging_token(sandbox_html):
    run = live(sandbox_html, KEY, "--sandbox")
    assert run.lines == [
        STATIC,
        f"test call: GET {sandbox_html.url}/v2/bank_accounts (sandbox, without X-Qonto-Staging-Token)",
        "answer: 200 OK",
        "problem: staging token missing: the sandbox answers a request without the X-Qonto-Staging-Token header "
        "with an HTML page instead of JSON; add the header (the token is in the developer portal) with "
        "--staging-token-from-env NAME",
        "result: not authenticated: the sandbox needs the X-Qonto-Staging-Token header",
    ]
    assert run.status == 1


def test_live_sandbox_2xx_with_the_staging_token(sandbox):
    run = live(
        sandbox,
        KEY,
        "--sandbox",
        "--staging-token-from-env",
        "QONTO_STAGING_TOKEN",
        env={"QONTO_STAGING_TOKEN": STAGING_TOKEN},
    )
    assert run.lines == [
        STATIC,
        f"test call: GET {sandbox.url}/v2/bank_accounts (sandbox, with X-Qonto-Staging-Token)",
        "answer: 200 OK",
        "result: authenticated: Qonto accepted the Authorization header (2 bank accounts)",
    ]
    assert run.status == 0
    (request,) = sandbox.requests
    assert "X-Qonto-Staging-Token" in request.headers  # exactly that capitalisation
    assert request.header("X-Qonto-Staging-Token") == STAGING_TOKEN


def test_live_sandbox_401_with_the_staging_token(sandbox):
    run = live(
        sandbox,
        f"{LOGIN}:{WRONG_SECRET}",
        "--sandbox",
        "--staging-token-from-env",
        "QONTO_STAGING_TOKEN",
        env={"QONTO_STAGING_TOKEN": STAGING_TOKEN},
    )
    assert run.lines[4] == (
        "problem: the value has the shape Qonto expects, so the login or the secret key itself is wrong: "
        "copy both again from your Qonto account (the sandbox has its own keys, in the developer portal)"
    )
    assert run.status == 1


def test_live_production_redirect_is_not_the_api(sandbox):
    """A redirect outside sandbox mode: the URL is wrong, not the staging token."""
    run = live(sandbox, KEY)
    assert run.lines[2:] == [
        f"answer: 302 Found, redirect to {sandbox.sso_url}",
        "problem: the answer is a redirect, not the Qonto API's JSON: check the URL (--base-url) and any proxy",
        "result: not authenticated: the test call did not reach the Qonto API",
    ]
    assert run.status == 1


def test_live_other_error_gives_the_trace_id(qonto):
    run = doctor("--from-env", "QONTO_AUTH", "--live", "--base-url", qonto.url + "/proxy/", env={"QONTO_AUTH": KEY})
    (trace_id,) = qonto.trace_ids
    assert run.lines == [
        STATIC,
        f"test call: GET {qonto.url}/proxy/v2/bank_accounts",
        "answer: 404 Not Found",
        "error: Resource not found",
        "problem: GET /v2/bank_accounts was not found: check the URL (--base-url)",
        f"X-Tyk-Trace-Id: {trace_id}",
        f"trace_id: {trace_id}",
        SUPPORT,
        "result: not authenticated: Qonto answered 404",
    ]
    assert run.status == 1


def test_live_value_with_a_line_break_is_not_sent(qonto):
    run = live(qonto, f"{KEY}\n")
    assert run.lines == [
        STATIC,
        f"test call: GET {qonto.url}/v2/bank_accounts",
        f"QNT106 the value contains a line break: Qonto reads the key byte for byte, so strip it ({COST})",
        f"corrected shape: {SHOWN}",
        "problem: not sent: the Authorization value holds a line break or a character HTTP headers cannot carry",
        "result: not authenticated: fix the value first",
    ]
    assert run.status == 1
    assert qonto.requests == []


def test_live_staging_token_with_a_line_break_is_not_sent(sandbox):
    run = live(
        sandbox,
        KEY,
        "--sandbox",
        "--staging-token-from-env",
        "QONTO_STAGING_TOKEN",
        env={"QONTO_STAGING_TOKEN": STAGING_TOKEN + "\n"},
    )
    assert run.lines[2:] == [
        "problem: not sent: the X-Qonto-Staging-Token value holds a line break "
        "or a character HTTP headers cannot carry",
        "result: not authenticated: fix the value first",
    ]
    assert run.status == 1 and sandbox.requests == []


def test_live_timeout_is_one_line_and_exit_2():
    with SilentServer() as silent:
        started = time.monotonic()
        run = doctor_process(
            "--from-env", "QONTO_AUTH", "--live", "--base-url", silent.url, "--timeout", "0.5", env={"QONTO_AUTH": KEY}
        )
        elapsed = time.monotonic() - started
        host = silent.url.removeprefix("http://")
    assert one_error_line(run) == f"qonto-lint doctor: error: no answer from {host} within 0.5 s (--timeout)"
    assert elapsed < 20


def test_live_connection_refused_is_one_line_and_exit_2():
    with refusing_port() as port:
        run = doctor(
            "--from-env",
            "QONTO_AUTH",
            "--live",
            "--base-url",
            f"http://127.0.0.1:{port}",
            "--timeout",
            "5",
            env={"QONTO_AUTH": KEY},
        )
    assert one_error_line(run) == f"qonto-lint doctor: error: cannot connect to 127.0.0.1:{port}: connection refused"


# ======================================================================== no secret in any output


def test_no_secret_staging_token_or_base64_in_any_mode(qonto, sandbox):
    """Byte for byte, in child processes: every mode, every exit path."""
    env = {
        "QONTO_AUTH": KEY,
        "QONTO_SECRET_KEY": SECRET,
        "QONTO_STAGING_TOKEN": STAGING_TOKEN,
        "QONTO_WRONG_TOKEN": WRONG_STAGING_TOKEN,
    }
    runs = []
    for value in (
        KEY,
        f"Basic {KEY}",
        f"Basic {B64_KEY}",
        B64_KEY,
        f"{SECRET}:{LOGIN}",
        f"{LOGIN}{SECRET}",
        f"{SECRET}{LOGIN}",
        f"{LOGIN}:{WRONG_SECRET}",
        f"{KEY}\n",
        ACCESS_TOKEN,
        SECRET,
        f"Bearer {SECRET}",
    ):
        runs.append(doctor_process("--from-env", "QONTO_AUTH", env={**env, "QONTO_AUTH": value}))
        runs.append(
            doctor_process(
                "--from-env", "QONTO_AUTH", "--live", "--base-url", qonto.url, env={**env, "QONTO_AUTH": value}
            )
        )
    runs.append(doctor_process("-", input=f"Basic {B64_KEY}\n".encode()))
    runs.append(doctor_process(f"Basic {KEY}"))
    runs.append(doctor_process("--login", LOGIN, "--secret-from-env", "QONTO_SECRET_KEY", env=env))
    for token in ("QONTO_STAGING_TOKEN", "QONTO_WRONG_TOKEN"):
        runs.append(
            doctor_process(
                "--from-env",
                "QONTO_AUTH",
                "--live",
                "--sandbox",
                "--base-url",
                sandbox.url,
                "--staging-token-from-env",
                token,
                env=env,
            )
        )
    runs.append(
        doctor_process("--from-env", "QONTO_AUTH", "--live", "--staging-token-from-env", "QONTO_STAGING_TOKEN", env=env)
    )
    runs.append(doctor_process(KEY, "extra", SECRET))
    with refusing_port() as port:
        runs.append(
            doctor_process("--from-env", "QONTO_AUTH", "--live", "--base-url", f"http://127.0.0.1:{port}", env=env)
        )
    # doctor_process checked each run's bytes; make sure the runs covered every exit status
    assert {run.status for run in runs} == {0, 1, 2}


def test_no_secret_in_the_verdicts_on_wrapped_or_look_alike_values(qonto):
    """Quotes, pasted names, look-alikes and other issuers' tokens: masked offline and live."""
    jwt = _jwt({"iss": "https://login.example.com/tenant-1", "sub": SECRET})
    look_alike = f"{SECRET[:5]}\u0430{SECRET[6:]}"
    values = [
        f'"{KEY}"',
        f"'{SECRET}:{LOGIN}'",
        f"Authorization={KEY}",
        f'Authorization: "Basic {B64_KEY}"',
        f"{LOGIN}:{look_alike}",
        f"\u201c{LOGIN}\u200b{SECRET}\u201d",
        f"bearer  {ACCESS_TOKEN}",
        f"{SECRET[:20]} {ACCESS_TOKEN}",
        f"Bearer {jwt}",
        f"Authorization Bearer {SECRET}x",
    ]
    for value in values:
        for run in (offline(value), live(qonto, value)):
            assert run.status == 1, value
            for text in (look_alike, jwt, jwt.split(".")[2], SECRET[:20], f"{SECRET}x"):
                assert text not in run.out + run.err


@pytest.mark.parametrize("run", ["a" * 40000, "a-" * 20000, "Bearer " + "ab1" * 13000])
def test_a_long_value_without_a_login_is_read_in_linear_time(run):
    # logins were looked for from every character of a run of letters: 8,000 letters took 4 s,
    # 40,000 over a minute; the child process's timeout is the guard
    result = doctor_process("-", input=run.encode())
    assert result.status == 1
    assert result.out.splitlines()[-1] == "result: 1 problem: fix the Authorization value before calling Qonto"
