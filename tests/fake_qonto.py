"""A fake Qonto Business API on 127.0.0.1 for the doctor's live tests.

`FakeQonto` answers `GET /v2/bank_accounts` the way Qonto does:

- 200 with a `{"bank_accounts": [...], "meta": {...}}` JSON body for the right
  Authorization header (`login:secret`, or `Bearer <access_token>`);
- 401 with a JSON:API error body carrying `trace_id` and the same value in the
  `X-Tyk-Trace-Id` header for any other header;
- as the sandbox (`sandbox=True`), a request without the right
  `X-Qonto-Staging-Token` never reaches the API: it gets a 302 to the SSO login
  page (`/sso/login` on the same server), or with `gate="html"` the login page
  itself as a 200 HTML answer.

Every response of the API part carries `X-Tyk-Trace-Id`; `requests` records what
was asked (method, path, headers). `SilentServer` accepts connections and never
answers (timeouts); `refusing_port()` gives a port that refuses connections.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOOPBACK = "127.0.0.1"
TEST_PATH = "/v2/bank_accounts"
SSO_PATH = "/sso/login"

BANK_ACCOUNTS = [
    {
        "id": "018f7e4a-6c3b-7d8e-9f10-1a2b3c4d5e6f",
        "slug": "pied-piper-7132-bank-account-1",
        "iban": "FR7616958000013234567890123",
        "bic": "QNTOFRP1XXX",
        "currency": "EUR",
        "balance": 12842.5,
        "balance_cents": 1284250,
        "authorized_balance": 12842.5,
        "authorized_balance_cents": 1284250,
        "name": "Main account",
        "status": "active",
        "main": True,
    },
    {
        "id": "018f7e4a-6c3b-7d8e-9f10-6f5e4d3c2b1a",
        "slug": "pied-piper-7132-bank-account-2",
        "iban": "FR7616958000019876543210987",
        "bic": "QNTOFRP1XXX",
        "currency": "EUR",
        "balance": 310.0,
        "balance_cents": 31000,
        "authorized_balance": 310.0,
        "authorized_balance_cents": 31000,
        "name": "Taxes",
        "status": "active",
        "main": False,
    },
]


@dataclass
class Request:
    method: str
    path: str
    headers: dict  # as sent (case kept); look up with `header()`

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


@dataclass
class FakeQonto:
    login: str
    secret: str
    access_token: str | None = None
    sandbox: bool = False
    staging_token: str | None = None
    #: how the sandbox turns away a request without the staging token: "redirect" or "html"
    gate: str = "redirect"
    requests: list[Request] = field(default_factory=list)
    trace_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeQonto:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "FakeQonto/1.0"
            sys_version = ""

            def do_GET(self) -> None:
                fake._handle(self)

            def log_message(self, format, *args) -> None:
                pass

        self._server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeQonto:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "the fake server is not running"
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def sso_url(self) -> str:
        return f"{self.url}{SSO_PATH}"

    # ------------------------------------------------------------ answers

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        self.requests.append(Request("GET", handler.path, dict(handler.headers.items())))
        if path == SSO_PATH:
            self._send(handler, 200, _login_page(), "text/html; charset=utf-8")
            return
        if self.sandbox and handler.headers.get("X-Qonto-Staging-Token") != self.staging_token:
            if self.gate == "html":
                self._send(handler, 200, _login_page(), "text/html; charset=utf-8")
            else:
                location = f"{self.sso_url}?return_to={TEST_PATH}&state={uuid.uuid4().hex}"
                self._send(handler, 302, b"", "text/html; charset=utf-8", {"Location": location})
            return
        trace_id = uuid.uuid4().hex
        self.trace_ids.append(trace_id)
        headers = {"X-Tyk-Trace-Id": trace_id}
        if path != TEST_PATH:
            body = {
                "errors": [{"status": "404", "code": "not_found", "detail": "Resource not found"}],
                "trace_id": trace_id,
            }
            self._send(handler, 404, json.dumps(body).encode(), "application/json", headers)
            return
        authorization = handler.headers.get("Authorization")
        accepted = {f"{self.login}:{self.secret}"}
        if self.access_token:
            accepted.add(f"Bearer {self.access_token}")
        if authorization in accepted:
            meta = {
                "current_page": 1,
                "next_page": None,
                "prev_page": None,
                "total_pages": 1,
                "total_count": len(BANK_ACCOUNTS),
                "per_page": 100,
            }
            body = {"bank_accounts": BANK_ACCOUNTS, "meta": meta}
            self._send(handler, 200, json.dumps(body).encode(), "application/json", headers)
            return
        body = {
            "errors": [
                {
                    "status": "401",
                    "code": "unauthorized",
                    "title": "Unauthorized",
                    "detail": "Invalid authorization header",
                }
            ],
            "trace_id": trace_id,
        }
        self._send(handler, 401, json.dumps(body).encode(), "application/json", headers)

    @staticmethod
    def _send(handler, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)


def _login_page() -> bytes:
    return (
        b"<!DOCTYPE html><html><head><title>Sign in</title></head>"
        b'<body><form method="post" action="/sso/login"><input name="email"></form></body></html>'
    )


class SilentServer:
    """A loopback port that accepts TCP connections (the kernel's backlog) and never answers."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind((LOOPBACK, 0))
        self._socket.listen(16)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self._socket.getsockname()[1]}"

    def close(self) -> None:
        self._socket.close()

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextlib.contextmanager
def refusing_port():
    """A loopback port that refuses connections: bound (so nobody else takes it), not listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((LOOPBACK, 0))
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()
