"""The record classes that stand in for dataclasses (qonto_lint/record.py), and the engine's
big-stack worker thread: what the rest of the code relies on."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from qonto_lint.authorization.problem import Problem
from qonto_lint.engine import parsing as engine
from qonto_lint.facts.hosts import HostTable
from qonto_lint.facts.scopes import Evidence, Scope
from qonto_lint.facts.values import Hole, Origin, Text, Value
from qonto_lint.model import FileResult, Finding, Options


def test_finding_equality_hash_and_order_ignore_fix_cell_and_snippet():
    a = Finding("a.py", 3, 5, "QNT101", "m", 3, 9, fix="x", cell=1, snippet="Basic k")
    b = Finding("a.py", 3, 5, "QNT101", "m", 3, 9)
    assert a == b and hash(a) == hash(b)
    assert a != Finding("a.py", 3, 6, "QNT101", "m", 3, 9)
    assert a != ("a.py", 3, 5, "QNT101", "m", 3, 9)
    later = [
        Finding("b.py", 1, 1, "QNT101", "m"),
        Finding("a.py", 10, 1, "QNT101", "m"),
        Finding("a.py", 2, 7, "QNT201", "m"),
    ]
    assert [(f.path, f.line, f.column) for f in sorted(later)] == [("a.py", 2, 7), ("a.py", 10, 1), ("b.py", 1, 1)]
    assert later[1] > later[2] and later[2] <= later[2] and later[2] >= later[2] and later[2] < later[0]
    with pytest.raises(TypeError):
        _ = later[0] < ("b.py",)


def test_finding_repr_hides_the_snippet_and_replace_copies():
    finding = Finding("a.py", 1, 2, "QNT201", "hardcoded", snippet="k3v9q2m7x4t8b1n6c5z0")
    assert repr(finding) == (
        "Finding(path='a.py', line=1, column=2, code='QNT201', message='hardcoded', end_line=0, end_column=0, "
        "fix=None, cell=None)"
    )
    moved = finding.replace(line=7, cell=2)
    assert (moved.line, moved.cell, moved.snippet, finding.line, finding.cell) == (
        7,
        2,
        "k3v9q2m7x4t8b1n6c5z0",
        1,
        None,
    )
    with pytest.raises(TypeError, match="has no field 'lines'"):
        finding.replace(lines=3)


def test_findings_and_results_survive_pickling_for_the_process_pool():
    result = FileResult(
        "a.py", [Finding("a.py", 1, 2, "QNT101", "m", 1, 9, fix={"edits": []}, snippet="s")], [("QNT101", "boom")]
    )
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result and copy.findings[0].snippet == "s" and copy.findings[0].fix == {"edits": []}


def test_defaults_are_fresh_per_instance():
    first, second = FileResult("a.py"), FileResult("b.py")
    first.findings.append(Finding("a.py", 1, 1, "QNT101", "m"))
    assert second.findings == [] and second.errors == []
    assert Options().hosts == HostTable() and Options() == Options() and hash(Options()) == hash(Options())
    assert Options(select=frozenset({"QNT101"})).replace(fixes=False) == Options(
        select=frozenset({"QNT101"}), fixes=False
    )
    assert Problem("QNT101", "m", {"scheme_text": "Basic "}) == Problem("QNT101", "m")  # data is not compared
    assert Problem("QNT101", "m").data == {} and Problem("QNT101", "m").data is not Problem("QNT101", "m").data


def test_mutable_records_compare_by_value_and_are_unhashable():
    evidence = Evidence()
    evidence.merge(Evidence(qonto=True))
    assert evidence == Evidence(qonto=True) and evidence != Evidence(other_host=True)
    with pytest.raises(TypeError):
        hash(evidence)


def test_identity_records_and_a_record_that_contains_itself():
    hole = Hole("key", Origin.ENV)
    assert hole != Hole("key", Origin.ENV) and hole == hole
    renamed = hole.renamed("k")
    assert (renamed.names, hole.names) == (("k",), ())
    value = Value((Text("Basic "), hole))
    assert repr(value).startswith("Value(parts=(Text(text='Basic ', node=None, template=False), Hole(name='key'")
    scope = Scope("module", None, None, "<module>")
    scope.self_attrs["me"] = [(None, scope)]
    assert "self_attrs={'me': [(None, ...)]}" in repr(scope)


def test_the_big_stack_worker_returns_raises_and_lets_the_process_exit():
    assert engine.on_big_stack(lambda a, b: a + b, 2, 3) == 5
    with pytest.raises(ZeroDivisionError):
        engine.on_big_stack(lambda: 1 / 0)
    assert engine.on_big_stack(lambda: "still serving") == "still serving"
    # deep recursion fits on its stack; the interpreter exits at once with the thread idle
    script = (
        "import sys\n"
        "from qonto_lint.engine import parsing as engine\n"
        "def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\n"
        "print(engine.on_big_stack(down, 10_000))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "10000\n", "")
