"""`qonto-lint doctor`: Qonto's troubleshooting guide, run on one Authorization value.

The guide is three steps: choose the authentication method, make a test call to
`GET /v2/bank_accounts`, diagnose the response. Offline, the doctor names the
method and runs the checks the linter's header rules run
(`authorization.diagnose_authorization`, the same function), then prints the corrected
shape (`authorization.corrected_authorization`), masked. With `--live` it also makes the
test call (standard-library HTTP, redirects not followed) and reads the answer
the way the guide does.

Exit status: 0 the value looks right / Qonto authenticated it, 1 something is
wrong, 2 usage error, timeout or connection error (one line on stderr).
Nothing it prints contains the secret, the staging token or their base64 forms.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

import click

from .. import __version__
from ..cli.errors import UsageProblem, guarded, read_stdin
from ..facts.hosts import is_qonto_domain
from ..masking import Scrubber, mask_text, visible
from .live import (
    DEFAULT_TIMEOUT,
    EXIT_OK,
    EXIT_WRONG,
    PRODUCTION_URL,
    SANDBOX_URL,
    STAGING_HEADER,
    TEST_PATH,
    DoctorError,
    call,
    read_answer,
)
from .offline import counted, diagnose, diagnosis_lines
from .secrets import (
    logins,
    masked,
    scrubbed,
    sensitive_strings,
    shown_line,
    shown_url,
    shown_url_or,
    url_password,
    use_scrubber,
)

PROG = "qonto-lint doctor"


#: the most the doctor reads of one value: an Authorization header is a few hundred bytes, and
#: servers refuse headers over 8-16 KB (standard input is read no further than this)
MAX_VALUE_BYTES = 64 * 1024


def _capped(text: str, where: str) -> str:
    if len(text) > MAX_VALUE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_VALUE_BYTES:
        raise DoctorError(f"{where} is over the {MAX_VALUE_BYTES}-byte limit of an Authorization value")
    return text


def _env(name: str, option: str) -> str:
    if not name:
        raise DoctorError(f"{option} needs the name of an environment variable")
    value = os.environ.get(name)
    if value is None:
        raise DoctorError(f"environment variable {name} is not set ({option})")
    return _capped(value, f"environment variable {name} ({option})")


def _stdin() -> tuple[str, str]:
    """The value on standard input, and the one line ending taken off its end ("" if none)."""
    data = read_stdin(MAX_VALUE_BYTES + 3)  # room for the line ending taken off below
    body = data[:-2] if data.endswith(b"\r\n") else data[:-1] if data.endswith(b"\n") else data
    if len(body) > MAX_VALUE_BYTES:
        raise DoctorError(f"standard input is over the {MAX_VALUE_BYTES}-byte limit of an Authorization value")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DoctorError("standard input is not UTF-8 text") from None
    # `echo "$KEY" | qonto-lint doctor -` adds one newline: that one is not the key's.
    # A file's last line ends with one too, and code that reads the file keeps it: say so.
    for ending in ("\r\n", "\n"):
        if text.endswith(ending):
            return text[: -len(ending)], ending
    return text, ""


def _unsendable(text: str) -> bool:
    """A header value an HTTP client refuses to send (requests and http.client alike)."""
    return any(c in text for c in "\r\n\0") or any(ord(c) > 0xFF for c in text)


def _base_url(base_url: str | None, sandbox: bool) -> str:
    url = (base_url or (SANDBOX_URL if sandbox else PRODUCTION_URL)).rstrip("/")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise DoctorError(f"--base-url is not a valid URL: {shown_line(shown_url_or(url), 80)!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DoctorError(f"--base-url must be an http:// or https:// URL, not {shown_line(shown_url_or(url), 80)!r}")
    try:
        _ = parts.port
    except ValueError:
        raise DoctorError(f"--base-url has an invalid port: {shown_line(shown_url_or(url), 80)!r}") from None
    if parts.query or parts.fragment:
        raise DoctorError("--base-url takes no query or fragment")
    if parts.scheme == "http" and is_qonto_domain(parts.hostname):
        raise DoctorError(f"the Qonto API is HTTPS only: use https://{parts.netloc}")
    return url


HELP_EPILOG = """\b
Input (one of them; prefer standard input or the environment, so that the
secret stays out of the shell history and the process list):
  qonto-lint doctor -  < key.txt                 (one trailing newline is ignored)
  qonto-lint doctor --from-env QONTO_AUTH
  qonto-lint doctor --login pied-piper-7132 --secret-from-env QONTO_SECRET_KEY
  qonto-lint doctor 'Basic ...'                  (allowed, not recommended)

\b
Live test call (the guide's step 2: GET /v2/bank_accounts):
  qonto-lint doctor --from-env QONTO_AUTH --live
  qonto-lint doctor --from-env QONTO_AUTH --live --sandbox --staging-token-from-env QONTO_STAGING_TOKEN

\b
Exit status: 0 the value looks right (offline) or Qonto authenticated it (--live),
1 something is wrong, 2 usage error, timeout or connection error.
"""


@click.command(
    name="doctor",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=HELP_EPILOG,
)
@click.argument("values", nargs=-1, metavar="[VALUE | -]")
@click.option(
    "--from-env", "from_env", metavar="NAME", help="Read the Authorization value from this environment variable."
)
@click.option(
    "--login", metavar="LOGIN", help="The login (organization slug); the secret comes from --secret-from-env."
)
@click.option(
    "--secret-from-env",
    "secret_env",
    metavar="NAME",
    help="Read the secret key from this environment variable (with --login).",
)
@click.option(
    "--live", is_flag=True, help="Make the guide's test call, GET /v2/bank_accounts, and diagnose the answer."
)
@click.option(
    "--sandbox", is_flag=True, help=f"Call the sandbox ({SANDBOX_URL}) instead of production ({PRODUCTION_URL})."
)
@click.option(
    "--staging-token-from-env",
    "staging_env",
    metavar="NAME",
    help=f"Send {STAGING_HEADER} from this environment variable (sandbox only).",
)
@click.option("--base-url", metavar="URL", help="Call this URL instead of Qonto's (a proxy, a test server).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True, max=600),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Give up when the test call (connection, answer and body) has not ended after this many seconds.",
)
def doctor(values, from_env, login, secret_env, live, sandbox, staging_env, base_url, timeout) -> int:
    """Diagnose one Qonto Authorization value the way Qonto's troubleshooting guide does.

    Names the authentication method, checks the value for the guide's common
    mistakes (the linter's own checks) and prints the corrected shape, masked.
    With --live, also makes the test call and reads Qonto's answer.
    """
    password = url_password(base_url)
    use_scrubber(Scrubber([password] if password else []))
    value = _one_input(values, from_env, login, secret_env)
    if not live:
        for option, given in (
            ("--sandbox", sandbox),
            ("--staging-token-from-env", staging_env is not None),
            ("--base-url", base_url is not None),
        ):
            if given:
                raise DoctorError(f"{option} is for the test call: add --live")
    url = _base_url(base_url, sandbox) if live else ""
    if live and not sandbox and (urlsplit(url).hostname or "").endswith(".staging.qonto.co"):
        sandbox = True
    if staging_env is not None and not sandbox:
        raise DoctorError(f"production does not accept {STAGING_HEADER}: use --staging-token-from-env with --sandbox")
    text, ending, secret = _read_value(value, from_env, login, secret_env)
    staging_token = _env(staging_env, "--staging-token-from-env") if staging_env is not None else None
    diagnosis = diagnose(text, login)
    secrets: set[str] = set()
    encoded: set[str] = set()
    for judged in dict.fromkeys(diagnosis.judged or [text]):
        more_secrets, more_encoded = sensitive_strings(judged, staging_token, secret)
        secrets |= more_secrets
        encoded |= more_encoded
    if password:
        secrets.add(password)
    use_scrubber(Scrubber(secrets, encoded, keep=logins(login, text, diagnosis.corrected)))
    lines = [f"method: {diagnosis.method}"]
    if ending:
        what = "newline" if ending == "\n" else "line break (CRLF)"
        lines.append(
            f"note: the {what} at the end of standard input was ignored; code that reads the key from a file "
            "must strip it too, or it is sent with the header and Qonto answers 401 (QNT106)"
        )
    if live:
        more, status = _test_call(url + TEST_PATH, text, staging_token, diagnosis, sandbox, timeout)
    else:
        more, status = _offline(diagnosis, text, login)
    lines.extend(more)
    sys.stdout.write(scrubbed("\n".join(lines) + "\n"))
    sys.stdout.flush()
    return status


def _one_input(values, from_env, login, secret_env) -> str | None:
    """The VALUE argument (None when the value comes another way), once the value is given one way."""
    if len(values) > 1:
        raise DoctorError("give one VALUE (quote a value that holds spaces)")
    value = values[0] if values else None
    sources = [
        name
        for name, given in (
            ("VALUE", value is not None),
            ("--from-env", from_env is not None),
            ("--login/--secret-from-env", login is not None or secret_env is not None),
        )
        if given
    ]
    if not sources:
        raise DoctorError(
            "give the Authorization value: '-' (standard input), --from-env NAME, "
            "or --login LOGIN --secret-from-env NAME"
        )
    if len(sources) > 1:
        raise DoctorError(f"give the Authorization value one way only, not {' and '.join(sources)}")
    if login is not None and secret_env is None:
        raise DoctorError("--login needs --secret-from-env NAME (the secret never goes on the command line)")
    if secret_env is not None and login is None:
        raise DoctorError("--secret-from-env needs --login LOGIN")
    return value


def _read_value(value, from_env, login, secret_env) -> tuple[str, str, str | None]:
    """(the Authorization value, the line ending taken off standard input, the secret read alone)."""
    ending = ""
    text = ""
    if value == "-":
        text, ending = _stdin()
    elif value is not None:
        text = _capped(value, "the VALUE argument")
        # whatever its shape: a key with a typo or a prefix is still the key
        sys.stderr.write(
            f"{PROG}: note: a key on the command line stays in the shell history; prefer '-' or --from-env\n"
        )
    elif from_env is not None:
        text = _env(from_env, "--from-env")
    secret = _env(secret_env, "--secret-from-env") if secret_env is not None else None
    if secret is not None:
        text = f"{login}:{secret}"
    return text, ending, secret


def _offline(diagnosis, text: str, login: str | None) -> tuple[list[str], int]:
    lines = diagnosis_lines(diagnosis)
    if diagnosis.ok:
        shown = diagnosis.corrected or masked(text, login)
        lines.append(f"result: ok: the value has the shape Qonto expects: {shown}")
        lines.append("next: add --live to make the guide's test call, GET /v2/bank_accounts")
        return lines, EXIT_OK
    problems = counted(len(diagnosis.problems), "problem")
    lines.append(f"result: {problems}: fix the Authorization value before calling Qonto")
    return lines, EXIT_WRONG


def _test_call(target: str, text: str, staging_token, diagnosis, sandbox: bool, timeout: float):
    """The lines of the live test call (what was sent, the answer read), and the exit status."""
    suffix = ""
    if sandbox:
        with_or_without = "with" if staging_token is not None else "without"
        suffix = f" (sandbox, {with_or_without} {STAGING_HEADER})"
    lines = [f"test call: GET {shown_url(target)}{suffix}"]
    unsendable = _unsendable(text)
    if unsendable or (staging_token is not None and _unsendable(staging_token)):
        what = "the Authorization value" if unsendable else f"the {STAGING_HEADER} value"
        lines.extend(diagnosis_lines(diagnosis) if unsendable else [])
        lines.append(f"problem: not sent: {what} holds a line break or a character HTTP headers cannot carry")
        lines.append("result: not authenticated: fix the value first")
        return lines, EXIT_WRONG
    headers = {
        "Authorization": text,
        "Accept": "application/json",
        "User-Agent": f"qonto-lint-doctor/{__version__}",
    }
    if staging_token is not None:
        headers[STAGING_HEADER] = staging_token
    answer = call(target, headers, timeout)
    more, status = read_answer(answer, diagnosis, sandbox=sandbox, staging_sent=staging_token is not None)
    return lines + more, status


def doctor_main(argv: list[str]) -> int:
    """`qonto-lint doctor ARGS`: the exit status; every error is one line on stderr."""
    use_scrubber(None)
    return guarded(
        lambda: doctor.main(list(argv), prog_name=PROG, standalone_mode=False),
        prog=PROG,
        fail=_fail,
        expected=(DoctorError, UsageProblem),
        # never a traceback, and never a value: only the error's class
        internal=lambda error: _fail(f"internal error: {error.__class__.__name__}"),
    )


def _fail(message: str) -> None:
    # an error may quote what was typed (a key given where a variable name was expected) or
    # what a server answered
    line = " ".join(str(message).split())
    line = visible(mask_text(scrubbed(line))) or "error"
    click.echo(f"{PROG}: error: {line}", err=True)
