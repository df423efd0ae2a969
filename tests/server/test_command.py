"""`qonto-lint server` on the command line, and lint runs that never load the server."""

from __future__ import annotations

import subprocess
import sys

import pytest

from qonto_lint.server import USAGE

from ..helpers import run_cli

SOURCE = """\
import requests

QONTO_URL = "https://thirdparty.qonto.eu/v2"


def organization(login, secret):
    headers = {"Authorization": "Basic " + login + ":" + secret}
    return requests.get(QONTO_URL + "/organization", headers=headers)
"""


def test_help():
    result = run_cli("server", "--help", text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, USAGE, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "8080"], "qonto-lint server: unknown argument '--port' (try --help)\n"),
        (["--debounce-ms"], "qonto-lint server: --debounce-ms takes a number of milliseconds\n"),
        (["--debounce-ms=soon"], "qonto-lint server: --debounce-ms takes a number of milliseconds\n"),
    ],
)
def test_a_bad_command_line_is_one_line_and_exit_2(args, message):
    result = run_cli("server", *args, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_the_server_exits_when_its_input_closes():
    proc = run_cli("server", input=b"")
    assert (proc.returncode, proc.stdout) == (0, b"")


@pytest.mark.parametrize(
    "args",
    [
        ["client.py"],
        ["--format", "json", "client.py"],
        ["--fix", "client.py"],
        ["--diff", "--unsafe-fixes", "client.py"],
        ["doctor", "--help"],
    ],
)
def test_lint_runs_never_import_the_server(tmp_path, args):
    (tmp_path / "client.py").write_text(SOURCE, encoding="utf-8")
    script = (
        "import sys\nfrom qonto_lint.cli.entry import fast_path, _command\n"
        f"args = {args!r}\n"
        "status = fast_path(args)\n"
        "status = _command(args) if status is None else status\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')"
        " or m.startswith('qonto_lint.server'))\n"
        "sys.stderr.write(f'{status} {loaded}\\n')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.stderr.splitlines()[-1] in ("0 []", "1 []"), proc.stderr


SECRET = "62885d39e1f64f0c9c4ad2b0e2a9d3f1"


def test_internal_errors_and_log_lines_are_masked():
    import logging

    from lsprotocol import types

    from qonto_lint.server import masked_formatter
    from qonto_lint.server.features import create_server

    server = create_server()
    sent: list[types.LogMessageParams] = []
    server.window_log_message = sent.append  # type: ignore[method-assign]
    server.report_server_error(ValueError(f"cannot read 'pied-piper-7132:{SECRET}'\nsecond line"), None)
    assert [(m.type, m.message) for m in sent] == [
        (types.MessageType.Error, "internal error: ValueError: cannot read 'pied-piper-7132:6288…'")
    ]
    record = logging.LogRecord("pygls", logging.ERROR, __file__, 1, "bad header %s", (f"Basic login:{SECRET}",), None)
    assert masked_formatter().format(record) == "qonto-lint server: ERROR pygls: bad header Basic login:6288…"
    server.engine.shutdown()


def test_the_protocol_warm_up_sends_nothing_and_fails_on_nothing():
    """Before `initialize` is answered, the converter builds its functions for a document's
    messages from messages made up for it: none is sent, and none fails (a failure would be
    logged as an internal error)."""
    from qonto_lint.server.features import create_server

    server = create_server()
    written: list[bytes] = []
    server.protocol.set_writer(type("Writer", (), {"write": written.append, "close": lambda self: None})())
    logged: list = []
    server.window_log_message = logged.append  # type: ignore[method-assign]
    server._warm_up_protocol()
    assert (written, logged) == ([], [])
    server.engine.shutdown()


def test_the_server_analyses_a_document_without_the_command_line(tmp_path):
    """The command line (click and `qonto_lint.cli`) is not the server's: the first document
    opened would pay for importing it."""
    (tmp_path / "pyproject.toml").write_text('[tool.qonto-lint]\nignore = ["QNT306"]\n', encoding="utf-8")
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from qonto_lint.server.features import create_server\n"
        "from qonto_lint.server.analysis import warm_up\n"
        "server = create_server(0)\nserver.engine.submit(warm_up).result()\n"
        "path = Path('client.py').resolve()\n"
        f"text = {SOURCE!r}\n"
        "job = server.engine.submit(server._analyse_on_engine, path.as_uri(), 1, text, path)\n"
        "analysis, error, errors = job.result()\n"
        "server.engine.shutdown()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'click' or m.startswith('qonto_lint.cli'))\n"
        "print([f.code for f in analysis.findings], error, errors, loaded)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.stdout == "['QNT101'] None [] []\n", proc.stderr


def test_the_warm_up_analyses_a_large_module_through_every_phase():
    """The module the server analyses before answering `initialize`: as large as a large
    document (its analysis maps the memory the first one opened then reuses), past the text gate
    and through libcst's parse, the facts and the rules, with its one mistake reported and placed."""
    from qonto_lint.model import Options
    from qonto_lint.server.analysis import lint_text, warm_up_module

    text = warm_up_module()
    assert 1900 <= text.count("\n") <= 2000
    assert text.count("class Endpoint") == 71
    findings, errors = lint_text(text, "<warm-up>", Options())
    assert [(f.code, f.line, f.column) for f in findings] == [("QNT101", 9, 68)]
    assert errors == []
    assert warm_up_module(100).count("class Endpoint") == 3


def _frame(message: dict) -> bytes:
    import json

    body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _responses(stdout: bytes) -> dict:
    """The responses among the framed messages the server wrote, by id."""
    import json

    found = {}
    while stdout:
        header, _, rest = stdout.partition(b"\r\n\r\n")
        fields = dict(line.split(b":", 1) for line in header.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        message = json.loads(rest[:length])
        stdout = rest[length:]
        if "id" in message and "method" not in message:
            found[message["id"]] = message
    return found


def test_every_request_is_answered_and_errors_are_masked(tmp_path):
    """A request whose parameters do not deserialise gets its JSON-RPC error (a client waiting
    for the answer would otherwise wait forever); an error quoting the request is masked."""
    uri = (tmp_path / "a.py").as_uri()
    messages = [
        {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"method": "initialized", "params": {}},
        {
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": "x = 1\n"}},
        },
        {
            "id": 2,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}},
        },
        {
            "id": 3,
            "method": "textDocument/codeAction",
            "params": {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}},
                "context": {"diagnostics": []},
            },
        },
        {"id": 4, "method": "qonto/acme-corp-1234:6288a1f0c3d94b7e9a2b5c8d7e6f1a03", "params": {}},
        {"id": 5, "method": "shutdown"},
        {"method": "exit"},
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "qonto_lint", "server"],
        input=b"".join(_frame(m) for m in messages),
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    answers = _responses(proc.stdout)
    assert sorted(answers) == [1, 2, 3, 4, 5]
    assert [answers[i]["error"]["code"] for i in (2, 3, 4)] == [-32602, -32602, -32601]
    assert answers[4]["error"]["message"] == "Method Not Found: qonto/acme-corp-1234:6288…"
    assert b"6288a1f0c3d94b7e9a2b5c8d7e6f1a03" not in proc.stdout + proc.stderr
    assert proc.returncode == 0


def test_without_a_file_watcher_edits_recheck_the_project_every_few_seconds(monkeypatch):
    """An editor that reports no file changes: a module created by another tool is seen by the
    project view within RECHECK_PROJECT seconds of typing; with a watcher, edits keep its caches."""
    from qonto_lint.server import app
    from qonto_lint.server.features import create_server

    now = [1000.0]
    monkeypatch.setattr(app.time, "monotonic", lambda: now[0])
    server = create_server(0)
    server.stale_project, server.project_cleared_at = False, now[0]
    server.recheck_project()
    assert server.stale_project is False
    now[0] += app.RECHECK_PROJECT
    server.recheck_project()
    assert server.stale_project is True
    server.stale_project, server.watching_files = False, True
    now[0] += 10 * app.RECHECK_PROJECT
    server.recheck_project()
    assert server.stale_project is False
    server.engine.shutdown()
