"""One walk over CPython's tree does the AST gate and the vetting before libcst's parse: it must
give exactly what the two separate walks gave (the depth, the node count, which budget is passed
first, the gate's answer), on every shape, at every budget."""

from __future__ import annotations

import ast

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.engine import prefilter
from qonto_lint.engine.parsing import MAX_NESTING, _ast_size, _Literals, _node_fields

from ..helpers import EXAMPLES, SHARED_CORPUS
from .test_bad_input import KNOWN, SHAPES


def _reference_size(tree, max_depth: int, max_nodes: int, data: bytes) -> tuple[int, int]:
    """The vetting walk as it was written first: a stack of `ast.iter_child_nodes`."""
    deepest = nodes = 0
    stack = [(tree, 1)]
    literals = _Literals(data)
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            break
        kind = type(node)
        if kind is ast.JoinedStr or (kind is ast.Constant and type(node.value) in (str, bytes)):
            depth += literals.parts(node, max_depth - depth) - 1
        if depth > deepest:
            deepest = depth
            if deepest > max_depth:
                break
        if kind is ast.BoolOp:
            nodes += 1
            last = len(node.values)
            stack.extend((value, depth + last - max(i, 1)) for i, value in enumerate(node.values))
            continue
        if kind is ast.JoinedStr:
            pending = [(node, depth)]
            while pending:
                joined, at = pending.pop()
                for value in joined.values:
                    nodes += 1
                    if type(value) is ast.FormattedValue:
                        stack.append((value.value, at + 2))
                        if value.format_spec is not None:
                            nodes += 1
                            pending.append((value.format_spec, at + 2))
            continue
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest, nodes


def _reference_gate(tree, extra: tuple[str, ...] = ()) -> bool:
    gate = prefilter.Gate(extra)
    return any(gate.matters(node, type(node)) for node in ast.walk(tree))


def _sources():
    for shape, expression in sorted(SHAPES.items()):
        for levels in (5, MAX_NESTING // 2, MAX_NESTING - 8, MAX_NESTING, MAX_NESTING + 1):
            for known in ("", KNOWN):
                yield pytest.param(
                    f"{known}x = {expression(levels)}\n{known}".encode(), id=f"{shape}-{levels}-{bool(known)}"
                )
    yield pytest.param(
        b'x = a and b or not c and f"t{d!r:>{w}}u{e}" "v" and (g or h)\ny = f"{z:{q}}" f"https://thirdparty.qonto.com/{p}"\n',
        id="fstrings",
    )
    paths = sorted(EXAMPLES.glob("*.py"))
    if SHARED_CORPUS.is_dir():
        paths += sorted(SHARED_CORPUS.rglob("*.py"))[:40]
    for path in paths:
        yield pytest.param(path.read_bytes(), id=path.name)


@pytest.mark.parametrize("data", list(_sources()))
def test_one_walk_gives_what_the_two_walks_gave(data):
    tree, error = prefilter.parse(data)
    if tree is None:
        pytest.skip(f"CPython refuses it here: {error}")
    total = _reference_size(tree, 10**9, 10**9, data)[1]
    answer = _reference_gate(tree)
    for max_depth in (MAX_NESTING, 10, 3):
        for max_nodes in sorted({10**6, total, total - 1, total // 2, 5}):
            gate = prefilter.Gate()
            assert _ast_size(tree, max_depth, max_nodes, data, gate) == _reference_size(
                tree, max_depth, max_nodes, data
            )
            # a walk stopped at a budget has not seen every node: it does not answer for the gate
            assert gate.found in (answer, None)
            if gate.found is None:
                depth, nodes = _ast_size(tree, max_depth, max_nodes, data)
                assert depth > max_depth or nodes > max_nodes
            assert _ast_size(tree, None, max_nodes)[1] == min(total, max_nodes + 1)
    assert prefilter.may_report(tree) is answer


def test_only_fields_that_can_hold_nodes_are_followed():
    """Read from each class's ASDL signature: identifiers, strings, ints and constants never
    hold a node; a class whose signature does not name its fields keeps them all."""
    assert _node_fields(ast.Name) == ("ctx",)
    assert _node_fields(ast.Constant) == ()
    assert _node_fields(ast.ImportFrom) == ("names",)
    assert _node_fields(ast.Call) == ("func", "args", "keywords")

    class Odd(ast.AST):
        """Odd(identifier name) -- not a signature."""

        _fields = ("name", "value")

    assert _node_fields(Odd) == ("name", "value")


@pytest.mark.parametrize("shape", ["unary", "boolean_chain", "implicit_concatenation"])
def test_a_walk_stopped_by_the_depth_budget_still_finds_what_comes_after(shape):
    """The header comes after the deep expression in the walk's order (the last statement is
    walked first): the gate still sees it (the file is QNT900), and a deep file with nothing to
    report stays clean."""
    deep = f"x = {SHAPES[shape](MAX_NESTING + 1)}\n"
    data = (KNOWN + deep).encode()
    gate = prefilter.Gate()
    _ast_size(ast.parse(data), MAX_NESTING, 10**6, data, gate)
    assert gate.found is None  # stopped before the header
    reported = lint_source(data, "client.py", Options())
    assert [(f.line, f.code, f.message) for f in reported.findings] == [
        (1, "QNT900", f"cannot analyse this file: the file nests more than {MAX_NESTING} levels deep")
    ]
    clean = lint_source((deep + "y = 1\n").encode(), "client.py", Options(assume_qonto=True))
    assert (clean.findings, clean.skipped) == ([], False)


def test_a_walk_stopped_by_the_node_budget_still_finds_what_comes_after():
    body = "".join(f"v{i} = [{i}, {i}, {i}]\n" for i in range(400))
    options = Options(max_syntax_nodes=1000)
    data = (KNOWN + body).encode()
    gate = prefilter.Gate()
    _ast_size(ast.parse(data), MAX_NESTING, 1000, data, gate)
    assert gate.found is None  # stopped before the header
    reported = lint_source(data, "client.py", options)
    assert [f.code for f in reported.findings] == ["QNT900"]
    assert "more than 1000 syntax nodes" in reported.findings[0].message
    assert lint_source(body.encode(), "client.py", options).findings == []
