"""`doctor --live --timeout`: one deadline for the whole test call, whatever the server does.

Each server here is a socket on 127.0.0.1 in a thread of this test: it takes one
connection, reads the request, then answers by a script of (bytes, pause) steps. It stops
by itself when the client goes away, when the test ends, or after LIFETIME seconds. The
doctor runs as a child process with --timeout 2; the subprocess timeout is only a guard
against a hang (before the deadline was total, these calls never ended).
"""

from __future__ import annotations

import itertools
import os
import socket
import threading
import time

from ..helpers import run_cli
from .test_doctor import KEY, Run, assert_no_leak, one_error_line

LIFETIME = 20.0  # seconds a server thread may live, whatever happens
HANG_GUARD = 30  # seconds before the child process is called hung


class ScriptedServer:
    """An HTTP server that answers one request with `script()`: (bytes, pause in seconds) steps."""

    def __init__(self, script) -> None:
        self.script = script
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(LIFETIME)
        self.stop = threading.Event()
        self.sent = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.host = f"127.0.0.1:{self.listener.getsockname()[1]}"

    def _serve(self) -> None:
        end = time.monotonic() + LIFETIME
        try:
            connection, _ = self.listener.accept()
        except OSError:
            return
        with connection:
            connection.settimeout(5)
            request = b""
            try:
                while b"\r\n\r\n" not in request and len(request) < 65536:
                    data = connection.recv(4096)
                    if not data:
                        return
                    request += data
                for data, pause in self.script():
                    if self.stop.is_set() or time.monotonic() > end:
                        return
                    connection.sendall(data)
                    self.sent += len(data)
                    if pause and self.stop.wait(pause):
                        return
            except OSError:  # the client gave up: the point of the test
                return

    def __enter__(self) -> ScriptedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.listener.close()
        self.thread.join(LIFETIME)


def live(server: ScriptedServer) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QONTO")}
    env["QONTO_AUTH"] = KEY
    proc = run_cli(
        "doctor",
        "--from-env",
        "QONTO_AUTH",
        "--live",
        "--base-url",
        f"http://{server.host}",
        "--timeout",
        "2",
        env=env,
        timeout=HANG_GUARD,
    )
    assert_no_leak(proc.stdout + proc.stderr)
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def one_byte_a_second(data: bytes):
    for byte in data:
        yield bytes([byte]), 1.0


CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n"


def test_status_line_one_byte_a_second():
    """Slow-loris: every read gets a byte before the per-read timeout, so only a total deadline ends it."""

    def script():
        yield from one_byte_a_second(b"HTTP/1.1 200 OK\r\n")
        yield from one_byte_a_second(itertools.cycle(b"X-Slow: y\r\n"))

    with ScriptedServer(script) as server:
        run = live(server)
    assert one_error_line(run) == f"qonto-lint doctor: error: no answer from {server.host} within 2 s (--timeout)"


def test_huge_body_one_byte_a_second():
    def script():
        yield HEADERS, 0
        yield from one_byte_a_second(itertools.cycle(b"{}"))

    with ScriptedServer(script) as server:
        run = live(server)
    assert one_error_line(run) == (
        f"qonto-lint doctor: error: the answer from {server.host} did not end within 2 s (--timeout)"
    )


def test_endless_100_continue_as_fast_as_possible():
    """Any number of interim answers was accepted, at 100 % of a core, for ever."""

    def script():
        for _ in itertools.count():
            yield CONTINUE * 64, 0

    with ScriptedServer(script) as server:
        run = live(server)
    assert one_error_line(run) == (
        f"qonto-lint doctor: error: no answer from {server.host}: more than 20 '100 Continue' interim answers "
        "and no final one"
    )


def test_100_continue_once_a_second():
    def script():
        for _ in itertools.count():
            yield CONTINUE, 1.0

    with ScriptedServer(script) as server:
        run = live(server)
    assert one_error_line(run) == f"qonto-lint doctor: error: no answer from {server.host} within 2 s (--timeout)"


def test_a_few_100_continue_then_the_answer():
    """Interim answers within the bound are skipped, as HTTP says."""
    body = b'{"bank_accounts": []}'

    def script():
        yield CONTINUE * 3, 0
        yield (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body),
            0,
        )

    with ScriptedServer(script) as server:
        run = live(server)
    assert run.lines[2:] == [
        "answer: 200 OK",
        "result: authenticated: Qonto accepted the Authorization header (0 bank accounts)",
    ]
    assert run.status == 0 and run.err == ""


def test_huge_body_sent_fast_is_read_only_in_part():
    """The doctor reads the start of the body and hangs up: the server never gets to send it all."""

    def script():
        yield HEADERS, 0
        for _ in itertools.count():
            yield b" " * 65536, 0

    with ScriptedServer(script) as server:
        run = live(server)
    assert run.lines[2:] == ["answer: 200 OK", "result: authenticated: Qonto accepted the Authorization header"]
    assert run.status == 0 and run.err == ""
    assert server.sent < 64 << 20
