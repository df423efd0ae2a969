"""The live test call (the guide's step 2, `GET /v2/bank_accounts`) with the standard
library, under one deadline, and the reading of Qonto's answer."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..knowledge.qonto import STAGING_HEADER
from .offline import OAUTH_METHOD, Diagnosis, counted, diagnosis_lines
from .secrets import shown_line

EXIT_OK, EXIT_WRONG, EXIT_ERROR = 0, 1, 2
PRODUCTION_URL = "https://thirdparty.qonto.com"
SANDBOX_URL = "https://thirdparty-sandbox.staging.qonto.co"
TEST_PATH = "/v2/bank_accounts"
TRACE_HEADER = "X-Tyk-Trace-Id"
DEFAULT_TIMEOUT = 10.0
MAX_BODY = 256 << 10  # bytes of a body read; Qonto's answers to the test call are a few KB at most
MAX_INTERIM = 20  # `100 Continue` answers skipped before the final one
THROTTLE = (
    "throttle: more than 200 responses with status 401 in one hour get the caller throttled; "
    "fix the value before trying again"
)


class DoctorError(Exception):
    """A usage, input or network error: one line on stderr, exit status 2."""


@dataclass
class Answer:
    status: int
    reason: str
    headers: dict  # lowercased names
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None

    @property
    def is_html(self) -> bool:
        content_type = (self.header("Content-Type") or "").lower()
        return "html" in content_type or self.body.lstrip()[:1] == b"<"


class _EndlessInterim(http.client.HTTPException):
    """More `100 Continue` interim answers than any server sends to a request that did not ask for one."""


class _Response(http.client.HTTPResponse):
    """http.client's answer, with a bound on the `100 Continue` interim answers it skips.

    http.client reads any number of them before the final status line: a server that
    sends them without end would keep the call busy (and a core at 100 %) until the deadline.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._interim = 0

    def _read_status(self):
        version, status, reason = super()._read_status()
        if status == http.client.CONTINUE:
            self._interim += 1
            if self._interim > MAX_INTERIM:
                raise _EndlessInterim()
        return version, status, reason


def _exchange(connection: http.client.HTTPConnection, path: str, headers: dict[str, str], state: dict) -> None:
    """The test call itself, in a worker thread: `state` says how far it got and holds its outcome."""
    try:
        connection.connect()
        state["sock"] = connection.sock
        connection.request("GET", path, headers=headers)
        state["phase"] = "answer"
        response = connection.getresponse()
        state["phase"] = "body"
        body = response.read(MAX_BODY)  # enough for any error body; the rest is not read
        found = {name.lower(): value for name, value in response.getheaders()}
        state["answer"] = Answer(response.status, response.reason or "", found, body)
    except BaseException as error:  # handed to the caller's thread, which reports it
        state["error"] = error
    finally:
        connection.close()


def _abandon(state: dict) -> None:
    """Wake the worker blocked on the socket, so that it ends now rather than at its own timeout."""
    sock = state.get("sock")
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, also under TLS
    except (OSError, ValueError):
        pass


def call(url: str, headers: dict[str, str], timeout: float) -> Answer:
    """`GET url` with the standard library; redirects are answers, not followed.

    `timeout` is a deadline for the whole call (name lookup, connection, TLS, status line,
    headers and body), not a limit per read: a server that trickles one byte a second, or
    sends `100 Continue` again and again, cannot keep the doctor waiting past it. The call
    runs in a daemon thread and this thread waits for it until the deadline.
    """
    parts = urlsplit(url)
    netloc = parts.netloc
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    state: dict = {"phase": "connect"}
    try:
        if parts.scheme == "https":
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                parts.hostname or "", parts.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)
        connection.response_class = _Response
        worker = threading.Thread(
            target=_exchange, args=(connection, path, headers, state), name="qonto-lint doctor test call", daemon=True
        )
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            _abandon(state)
            raise TimeoutError
        if "error" in state:
            raise state["error"]
        return state["answer"]
    except TimeoutError:  # socket.timeout is TimeoutError since Python 3.10
        if state["phase"] == "connect":
            raise DoctorError(f"no connection to {netloc} within {timeout:g} s (--timeout)") from None
        if state["phase"] == "body":
            raise DoctorError(f"the answer from {netloc} did not end within {timeout:g} s (--timeout)") from None
        raise DoctorError(f"no answer from {netloc} within {timeout:g} s (--timeout)") from None
    except _EndlessInterim:
        raise DoctorError(
            f"no answer from {netloc}: more than {MAX_INTERIM} '100 Continue' interim answers and no final one"
        ) from None
    except ConnectionRefusedError:
        raise DoctorError(f"cannot connect to {netloc}: connection refused") from None
    except socket.gaierror as error:
        raise DoctorError(f"cannot resolve {parts.hostname}: {shown_line(error.strerror or error)}") from None
    except ssl.SSLCertVerificationError as error:
        raise DoctorError(
            f"TLS certificate of {netloc} not accepted: {shown_line(error.verify_message or error)}"
        ) from None
    except ssl.SSLError as error:
        raise DoctorError(f"TLS error with {netloc}: {shown_line(error.reason or error)}") from None
    except http.client.HTTPException as error:
        raise DoctorError(f"no valid HTTP answer from {netloc}: {error.__class__.__name__}") from None
    except OSError as error:
        raise DoctorError(f"cannot connect to {netloc}: {shown_line(error.strerror or error)}") from None


def _location(answer: Answer) -> str:
    location = answer.header("Location")
    if not location:
        return "(no Location header)"
    parts = urlsplit(location)
    shown = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.scheme else parts.path
    return shown_line(shown)


def _trace_lines(answer: Answer) -> list[str]:
    header = answer.header(TRACE_HEADER)
    body = answer.json
    trace_id = body.get("trace_id") if isinstance(body, dict) else None
    lines = []
    if header:
        lines.append(f"{TRACE_HEADER}: {shown_line(header, 100)}")
    if trace_id:
        lines.append(f"trace_id: {shown_line(trace_id, 100)}")
    if lines:
        lines.append("support: still stuck? contact Qonto support and include this trace id in the request")
    else:
        lines.append(
            f"support: the answer carries no {TRACE_HEADER} header: it may not come from the Qonto API "
            "(check the URL and any proxy)"
        )
    return lines


def _error_detail(answer: Answer) -> str | None:
    body = answer.json
    if not isinstance(body, dict):
        return None
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        text = first.get("detail") or first.get("title") or first.get("code") or first.get("message")
        return shown_line(text, 160) if text else None
    message = body.get("message") or body.get("error")
    return shown_line(message, 160) if isinstance(message, str) else None


def read_answer(answer: Answer, diagnosis: Diagnosis, *, sandbox: bool, staging_sent: bool) -> tuple[list[str], int]:
    """Guide step 3: the lines that diagnose the answer, and the exit status."""
    lines = [f"answer: {answer.status} {shown_line(answer.reason, 60)}".rstrip()]
    status = answer.status
    if 200 <= status < 300 and not answer.is_html:
        body = answer.json
        accounts = body.get("bank_accounts") if isinstance(body, dict) else None
        how_many = f" ({counted(len(accounts), 'bank account')})" if isinstance(accounts, list) else ""
        lines.append(f"result: authenticated: Qonto accepted the Authorization header{how_many}")
        return lines, EXIT_OK
    # The sandbox turns away a request without the staging token before the API sees it:
    # a redirect to its SSO login, or the login page itself (an HTML answer).
    if 300 <= status < 400 or (answer.is_html and (status < 300 or (sandbox and status < 500))):
        _not_the_api(answer, lines, sandbox=sandbox, staging_sent=staging_sent)
        return lines, EXIT_WRONG
    detail = _error_detail(answer)
    if detail:
        lines.append(f"error: {detail}")
    if status in (401, 403):
        lines.extend(_refused(status, diagnosis, sandbox))
        lines.append(THROTTLE)
    elif status == 429:
        lines.append(
            "problem: Qonto is throttling this caller: wait before trying again "
            "(more than 200 responses with status 401 in one hour get the caller throttled)"
        )
    elif status == 404:
        lines.append("problem: GET /v2/bank_accounts was not found: check the URL (--base-url)")
    elif status >= 500:
        lines.append("problem: Qonto failed to answer the test call: try again later")
    lines.extend(_trace_lines(answer))
    lines.append(f"result: not authenticated: Qonto answered {status}")
    return lines, EXIT_WRONG


def _not_the_api(answer: Answer, lines: list[str], *, sandbox: bool, staging_sent: bool) -> None:
    """A redirect or an HTML page: the call did not reach the API (in the sandbox, the staging
    token was missing or wrong)."""
    status = answer.status
    if 300 <= status < 400:
        lines[0] += f", redirect to {_location(answer)}"
        what = "a redirect to a login page" if sandbox else "a redirect"
    else:
        what = "an HTML page instead of JSON" if status < 300 else f"an HTML page ({status}) instead of JSON"
    if sandbox and not staging_sent:
        lines.append(
            f"problem: staging token missing: the sandbox answers a request without the {STAGING_HEADER} header "
            f"with {what}; add the header (the token is in the developer portal) with --staging-token-from-env NAME"
        )
        result = "result: not authenticated: the sandbox needs the X-Qonto-Staging-Token header"
    elif sandbox:
        lines.append(
            f"problem: staging token wrong: the sandbox answered with {what} although {STAGING_HEADER} was sent; "
            "copy the token again from the developer portal"
        )
        result = "result: not authenticated: the sandbox did not accept the X-Qonto-Staging-Token header"
    else:
        lines.append(
            f"problem: the answer is {what}, not the Qonto API's JSON: check the URL (--base-url) and any proxy"
        )
        result = "result: not authenticated: the test call did not reach the Qonto API"
    if answer.header(TRACE_HEADER):
        lines.extend(_trace_lines(answer))
    lines.append(result)


def _refused(status: int, diagnosis: Diagnosis, sandbox: bool) -> list[str]:
    """Why Qonto answered 401 or 403: the value's own problems, else what is left to blame."""
    problems = diagnosis_lines(diagnosis)
    if problems:
        return problems
    if status == 401 and diagnosis.method == OAUTH_METHOD:
        return [
            "problem: the access token has the right shape but Qonto refused it: it has expired or was revoked; "
            "get a new one from the token endpoint"
        ]
    if status == 401:
        where = " (the sandbox has its own keys, in the developer portal)" if sandbox else ""
        return [
            "problem: the value has the shape Qonto expects, so the login or the secret key itself is wrong: "
            f"copy both again from your Qonto account{where}"
        ]
    return [
        "problem: Qonto knows these credentials but refuses this call: "
        "they lack the permission (or OAuth scope) for GET /v2/bank_accounts"
    ]
