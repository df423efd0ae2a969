"""The text gate: files that cannot be in Qonto context are never parsed, and the gate changes no result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.engine.gates import _LEADS, _TRIES, in_lowered, passes_gate, text_gate
from qonto_lint.facts.hosts import HostTable

from ..helpers import SHARED_CORPUS, run_cli


def test_gate_decisions():
    options = Options()
    assert passes_gate(b"x = 'QONTO'", "a.py", options)
    assert passes_gate(b"x = 1", "integrations/qonto/a.py", options)
    assert not passes_gate(b"x = 'https://api.stripe.com'", "billing/a.py", options)
    assert passes_gate(b"x = 1", "a.py", Options(assume_qonto=True))
    proxy = Options(hosts=HostTable(frozenset({"bank-proxy.corp.example"}), frozenset()))
    assert passes_gate(b"URL = 'https://bank-proxy.corp.example/v2'", "a.py", proxy)


def test_the_gate_made_once_for_a_walk_decides_as_passes_gate():
    import random

    rng = random.Random(3)
    pieces = [b"qonto", b"QoNtO", b"qont", b"onto", b"bank-proxy.corp.example", b"BANK-PROXY.corp.EXAMPLE", b"x"]
    pieces += [b"\xc3\x89", b"\n", b"stripe", b"proxy.corp"]
    paths = ["a.py", "src/Qonto/a.ts", "qont/o.js", "QONTO.py", "b/x.py"]
    every = [
        Options(),
        Options(assume_qonto=True),
        Options(hosts=HostTable(frozenset({"bank-proxy.corp.example"}), frozenset())),
        Options(hosts=HostTable(frozenset({"bank-proxy.corp.example"}), frozenset({"sandbox.corp.example"}))),
    ]
    for options in every:
        gate = text_gate(options)
        for _ in range(300):
            data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
            path = rng.choice(paths)
            assert gate(data, path) == passes_gate(data, path, options), (data, path, options)


def test_a_word_is_found_in_the_lowered_text_as_by_lowering_it():
    import random

    rng = random.Random(5)
    words = [b"qonto", b"q", b"", b"bank-proxy.corp.example", b"9lives.io", b"x.\xc3\xa9"]
    alphabet = b"qQoOnNtTx.-9\xc3\xa9 "
    for _ in range(3000):
        word = rng.choice(words)
        data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.3:
            at = rng.randint(0, len(data))
            data = data[:at] + bytes(c ^ 32 if 97 <= c <= 122 and rng.random() < 0.5 else c for c in word) + data[at:]
        assert in_lowered(data, word) == (word in data.lower()), (data, word)
    for lead in range(256):
        assert sorted(_LEADS[lead]) == sorted(bytes([c]) for c in range(256) if bytes([c]).lower() == bytes([lead]))


def test_a_text_full_of_the_first_letter_is_lowered_once_after_a_few_tries():
    crowded = b"q" * 100_000 + b"QONTO"
    assert in_lowered(crowded, b"qonto")
    assert not in_lowered(crowded[:-1], b"qonto")
    near_the_limit = b"qx" * (_TRIES - 1) + b"QoNtO"
    assert in_lowered(near_the_limit, b"qonto") and not in_lowered(near_the_limit[:-1], b"qonto")


def test_gated_file_is_not_parsed():
    # A syntax error is only seen when the file is parsed.
    assert lint_source(b"def broken(:\n", "a.py").findings == []
    assert [f.code for f in lint_source(b"# qonto\ndef broken(:\n", "a.py").findings] == ["QNT900"]


def _findings(argv, cwd):
    proc = run_cli("--format", "json", *argv, cwd=cwd, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return sorted(
        (Path(r["filename"]).name, r["location"]["row"], r["location"]["column"], r["code"])
        for r in json.loads(proc.stdout)
    )


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_gate_changes_no_result_on_the_corpus(tmp_path):
    gated = _findings(["."], SHARED_CORPUS)
    # --assume-qonto turns the gate off but also changes context; instead, defeat the gate by
    # giving every file the word in a trailing comment, which is evidence only at module level
    # for files that have none of their own... so compare against a run where the gate is
    # bypassed through the engine directly, file by file, with the gate's decision forced.
    from qonto_lint import engine

    original = engine.passes_gate
    try:
        engine.passes_gate = lambda data, path, options: True
        ungated = []
        for path in sorted(SHARED_CORPUS.rglob("*.py")):
            rel = path.relative_to(SHARED_CORPUS).as_posix()
            result = engine.lint_source(path.read_bytes(), rel, Options())
            ungated.extend((Path(rel).name, f.line, f.column, f.code) for f in result.findings)
    finally:
        engine.passes_gate = original
    assert gated == sorted(ungated)
    assert gated  # the corpus has findings: the comparison is not vacuous


def test_a_run_that_gates_every_file_never_imports_libcst(tmp_path):
    (tmp_path / "billing.py").write_text(
        "import requests\nrequests.get('https://api.stripe.com', headers={'Authorization': 'Basic x'})\n"
    )
    (tmp_path / "util.py").write_text("def f():\n    return 1\n")
    code = (
        "import sys\nfrom qonto_lint.cli.entry import main\n"
        "status = main(['.'])\nprint('libcst' in sys.modules, status)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert proc.stdout.strip() == "False 0", proc.stderr
    assert proc.stderr.strip() == "All checks passed: 2 files (0 analysed)."


def test_syntax_error_is_qnt900_and_the_other_files_are_still_linted(tmp_path):
    (tmp_path / "a_broken.py").write_text("# qonto\ndef broken(:\n    pass\n")
    (tmp_path / "b_client.py").write_text("QONTO = 'http://thirdparty.qonto.com/v2'\n")
    proc = run_cli(".", cwd=tmp_path, text=True)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("a_broken.py:1:1: QNT900 cannot analyse this file: syntax error at line 2")
    assert lines[1].startswith("b_client.py:1:9: QNT304 ")
    assert len(lines) == 2
    assert "Traceback" not in proc.stderr
