#!/usr/bin/env python3
"""`qonto-lint server` as an editor sees it: start-up, the first diagnostics of a 2,000-line Qonto
module, and the server's memory over many edits.

    python benchmarks/server.py            # 1,000 edits
    python benchmarks/server.py --quick    # 100 edits: CI keeps it working

The server runs in a child process, spoken to over stdio with the protocol's own framing (a
minimal client here, so that no client library's cost is measured). What is reported:

- start-up: spawn to the answer of `initialize`, then `initialized` sent;
- first diagnostics: `didOpen` of the 2,000-line module to its `publishDiagnostics` (target:
  300 ms), the first document of each of several fresh servers (`--servers`, the median is
  reported), then the same for other documents of the same size (the engine is warm). Each
  document is a file of a project (a pyproject.toml, and `SIBLINGS` other modules of the same
  kind, which define the same names), as a file opened in an editor is: the project view looks
  at the project for the modules that import the opened one;
- memory: the server's resident set (VmRSS) after each tenth of the edits of a 400-line module
  (the same generator); each edit (`didChange`, whole text) is analysed (`--debounce-ms 0`, and
  the client waits for that version's diagnostics), so every edit costs the engine a full pass.
  Flat memory: end/start stays near 1.

No time or memory is asserted: the numbers are for a person to read.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "qonto_client.py"
TARGET_MS = 300
LINES = 2000
#: the module edited in the memory part: smaller, so that 1,000 analysed edits take minutes, not an hour
EDITED_LINES = 400
#: the other modules of the project each document belongs to (2,000 lines each, the same names)
SIBLINGS = 4

ENDPOINT = '''

def call_{i}(session, login, secret_key, since):
    """Endpoint {i}: a page of transactions."""
    params = {{"updated_at_from": since.isoformat(), "per_page": PAGE_SIZE, "page": {i}}}
    response = session.get(
        f"{{PRODUCTION_URL}}/transactions", headers=client_headers(login, secret_key), params=params, timeout=30
    )
    response.raise_for_status()
    return response.json()["transactions"]
'''
OWN_HEADERS = '''

def call_{i}(session, login, secret_key, since):
    """Endpoint {i}: a page of transactions, with its own headers."""
    headers = {{"Authorization": {value}, "Accept": "application/json"}}
    params = {{"updated_at_from": since.isoformat(), "per_page": PAGE_SIZE, "page": {i}}}
    response = session.get(f"{{PRODUCTION_URL}}/transactions", headers=headers, params=params, timeout=30)
    response.raise_for_status()
    return response.json()["transactions"]
'''
HELPER = """

def client_headers(login, secret_key):
    return {"Authorization": f"{login}:{secret_key}", "Accept": "application/json"}
"""
VALUES = ('"Basic " + login + ":" + secret_key', 'f"{login}:{secret_key}"')


def qonto_module(lines: int = LINES, own_headers_every: int = 10) -> str:
    """A Qonto client module of `lines` lines: the benchmark fixture, a headers helper, then
    endpoints; one in `own_headers_every` builds its own Authorization header, and one in two of
    those carries a mistake the rules report (the Basic prefix, with a fix)."""
    text = FIXTURE.read_text(encoding="utf-8") + HELPER
    i = 0
    while True:
        if i % own_headers_every == 0:
            value = VALUES[i % (2 * own_headers_every) != 0]
            chunk = OWN_HEADERS.format(i=i, value=value)
        else:
            chunk = ENDPOINT.format(i=i)
        if text.count("\n") + chunk.count("\n") > lines:
            break
        text += chunk
        i += 1
    return text + "# end of the generated endpoints\n" * (lines - text.count("\n"))


class Client:
    """Just enough of a protocol client: framed JSON-RPC over the child's stdin and stdout."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def wait(self, matches, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if message is None:
                raise SystemExit("the server exited")
            if "method" in message and "id" in message:  # a request to the client: answer it
                self.send({"id": message["id"], "result": None})
            elif matches(message):
                return message

    def diagnostics(self, uri: str, version: int) -> dict:
        return self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )

    def cpu_ms(self) -> float:
        """The server's CPU time so far (user + system), from /proc."""
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def rss_kb(self) -> int:
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def close(self) -> None:
        self.request("shutdown", {})
        self.notify("exit", {})
        self.process.wait(timeout=30)


def open_document(client: Client, path: Path, text: str) -> tuple[float, float]:
    """didOpen of a file of the project to the document's diagnostics: (wall-clock ms, the
    server's CPU ms)."""
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    cpu = client.cpu_ms()
    started = time.perf_counter()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    published = client.diagnostics(uri, 1)
    elapsed = (time.perf_counter() - started) * 1000
    assert published["params"]["diagnostics"], "the module's mistakes were not reported"
    return elapsed, client.cpu_ms() - cpu


def engine_ms(text: str, path: Path, rounds: int = 3) -> float:
    """The engine alone on the same text, in this process (CPU ms, best of `rounds` after a warm-up)."""
    if str(HERE.parent) not in sys.path:
        sys.path.insert(0, str(HERE.parent))
    from qonto_lint.engine import lint_source

    data = text.encode("utf-8")
    lint_source(data, str(path))
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        lint_source(data, str(path))
        best = min(best, time.process_time() - started)
    return best * 1000


def edits(client: Client, path: Path, text: str, count: int) -> list[tuple[int, int]]:
    """`count` whole-text changes, each analysed: [(edits so far, RSS in kB)] every tenth of the way."""
    uri = path.as_uri()
    lines = text.split("\n")
    samples = [(0, client.rss_kb())]
    for version in range(2, count + 2):
        # a different line each time, typed as an editor sends it: the whole text, a new version
        edited = list(lines)
        row = 180 + (version * 7) % (len(lines) - 200)
        edited[row] = edited[row] + f"  # edit {version}"
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": "\n".join(edited)}],
            },
        )
        client.diagnostics(uri, version)
        if (version - 1) % max(1, count // 10) == 0:
            samples.append((version - 1, client.rss_kb()))
    return samples


def start(root: Path) -> tuple[Client, float]:
    """A server and its start-up time: spawn to the answer of `initialize` (the engine is loaded
    before that answer), in ms."""
    command = [sys.executable, "-m", "qonto_lint", "server", "--debounce-ms", "0"]
    started = time.perf_counter()
    client = Client(command, root)
    client.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    return client, (time.perf_counter() - started) * 1000


def report(
    text: str,
    startups: list[float],
    firsts: list[tuple[float, float]],
    warm: list[tuple[float, float]],
    engine: float,
    dense,
    references: list[float],
) -> None:
    startup = statistics.median(startups)
    first = statistics.median(w for w, _ in firsts)
    first_cpu = statistics.median(c for _, c in firsts)
    print(
        f"qonto-lint server, a {LINES}-line Qonto module ({len(text)} bytes, {text.count('Authorization')} headers),"
        f" each document a file of a project with {SIBLINGS} or more other modules of the same kind"
    )
    print(
        f"  the engine alone on that text, in this process before each server: {statistics.median(references):.0f} ms"
        f" of CPU (median; {min(references):.0f} to {max(references):.0f}): how fast the machine ran meanwhile"
    )
    print(f"  start-up (spawn to initialize answered, engine loaded): {startup:7.0f} ms (median of {len(startups)})")
    verdict = "meets" if first <= TARGET_MS else "misses"
    print(
        f"  didOpen -> first publishDiagnostics:   {first:7.0f} ms wall, {first_cpu:5.0f} ms server CPU"
        f" ({verdict} {TARGET_MS} ms; median of {len(firsts)} servers, each the first document after its"
        f" start-up: {', '.join(f'{w:.0f}' for w, _ in firsts)} ms)"
    )
    wall, cpu = statistics.median(w for w, _ in warm), statistics.median(c for _, c in warm)
    print(f"  the same, 5 more documents (median):   {wall:7.0f} ms wall, {cpu:5.0f} ms server CPU")
    print(f"  the engine alone on that text (lint_source in this process): {engine:5.0f} ms CPU")
    print(f"  server CPU / engine CPU: {first_cpu / engine:.2f}x (the protocol's share: the rest is the engine)")
    print(
        f"  a denser module (every endpoint builds its own Authorization, {dense[0]} headers): {dense[1]:.0f} ms wall"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="30 edits instead of 1,000")
    parser.add_argument("--edits", type=int, default=None)
    parser.add_argument(
        "--servers",
        type=int,
        default=None,
        help="fresh servers whose first document is timed (default 5; --quick: 2): the median is reported",
    )
    args = parser.parse_args()
    count = args.edits or (30 if args.quick else 1000)
    servers = max(1, args.servers or (2 if args.quick else 5))
    import tempfile

    with tempfile.TemporaryDirectory(prefix="qonto-lint-server-bench-") as tmp:
        root = Path(tmp)
        text, dense = qonto_module(), qonto_module(own_headers_every=1)
        (root / "pyproject.toml").write_text("[project]\nname = 'bench'\n", encoding="utf-8")
        for n in range(SIBLINGS):
            (root / f"module_{n}.py").write_text(text, encoding="utf-8")
        (root / "client_0.py").write_text(text, encoding="utf-8")  # the engine's reference reads it
        startups, firsts, references = [], [], []
        for n in range(servers - 1):  # the first document of each of these servers, then it stops
            references.append(engine_ms(text, root / "client_0.py", rounds=1))
            other, startup = start(root)
            startups.append(startup)
            firsts.append(open_document(other, root / f"first_{n}.py", text))
            other.close()
        references.append(engine_ms(text, root / "client_0.py", rounds=1))
        client, startup = start(root)
        startups.append(startup)
        opens = [open_document(client, root / f"client_{n}.py", text) for n in range(6)]
        firsts.append(opens[0])
        dense_wall, _ = open_document(client, root / "dense.py", dense)
        small = qonto_module(EDITED_LINES)
        open_document(client, root / "edited.py", small)
        samples = edits(client, root / "edited.py", small, count)
        client.close()
        engine = engine_ms(text, root / "client_0.py")
    report(text, startups, firsts, opens[1:], engine, (dense.count("Authorization"), dense_wall), references)
    for done, rss in samples:
        print(f"  RSS after {done:5d} analysed edits: {rss / 1024:7.1f} MB")
    first, last = samples[0][1], samples[-1][1]
    print(
        f"  RSS over {count} edits of a {EDITED_LINES}-line module: {first / 1024:.1f} MB -> {last / 1024:.1f} MB,"
        f" end/start = {last / first:.3f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
