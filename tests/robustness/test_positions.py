"""Positions of reported nodes: the top-level statements before a wanted node are not generated
but their line breaks counted. The ranges must be those of generating the whole module, on every
form a line break can take (string literals, backslash continuations, `\\r\\n` and `\\r` files,
blocks' trailing comments, a file without a final newline) and wherever the wanted nodes are."""

from __future__ import annotations

import ast
import random
import sysconfig
from pathlib import Path

import libcst as cst
import pytest

from qonto_lint import lint_source
from qonto_lint.engine.positions import _Done, _jumps, _PositionState, node_ranges

from ..helpers import SHARED_CORPUS

CHECKOUT = Path(__file__).resolve().parents[2]

BREAKS = '''\
"""A module docstring
over three
lines."""
import os


def f(a,
      b):  # a comment
    x = """one
two"""
    y = f"""{a}
{b}"""
    z = a + \\
        b
    if a: return 1
    # a comment at the block's depth

# a comment at the module's depth


@decorator(
    "x",
)
class C:
    """Doc."""

    def g(self):
        return (
            1  # inside brackets
        )
        # a trailing comment, indented deeper


    \f
def h(): pass
match os:
    case {"k": 1}:
        pass
headers = {"Authorization": "Basic " + os.environ["K"]}
'''


def _reference(module: cst.Module, nodes) -> dict:
    state = _PositionState(module, set(nodes))
    try:
        module._codegen(state)
    except _Done:
        pass
    return state.ranges


def _every_node(node: cst.CSTNode) -> list:
    found = [node]
    for child in node.children:
        found.extend(_every_node(child))
    return found


def _variants() -> list[tuple[str, str]]:
    out = [("lf", BREAKS), ("crlf", BREAKS.replace("\n", "\r\n")), ("cr", BREAKS.replace("\n", "\r"))]
    out.append(("no final newline", BREAKS.rstrip("\n")))
    out.append(("tabs", BREAKS.replace("    ", "\t")))
    return out


@pytest.mark.parametrize(("name", "source"), _variants(), ids=[name for name, _ in _variants()])
def test_every_node_is_placed_as_generating_the_whole_module_places_it(name, source):
    module = cst.parse_module(source)
    for node in _every_node(module):
        assert node_ranges(module, [node]) == _reference(module, [node]), type(node).__name__


def _files() -> list[Path]:
    paths = sorted((CHECKOUT / "qonto_lint" / "engine").glob("*.py")) + sorted((CHECKOUT / "examples").glob("*.py"))
    paths += sorted((CHECKOUT / "tests" / "data").glob("*.py"))
    if SHARED_CORPUS.is_dir():
        paths += sorted(SHARED_CORPUS.rglob("*.py"))
    return paths


@pytest.mark.parametrize("path", _files(), ids=lambda path: path.name)
def test_sets_of_nodes_anywhere_are_placed_as_before(path):
    module = cst.parse_module(path.read_bytes())
    nodes = _every_node(module)
    chosen = random.Random(path.name)
    sets = [chosen.sample(nodes, min(size, len(nodes))) for size in (1, 3, 12)]
    if module.body:
        sets.append(_every_node(module.body[-1]))
        sets.append(_every_node(module.body[len(module.body) // 2])[-2:])
    for wanted in sets:
        assert node_ranges(module, wanted) == _reference(module, wanted)


def test_a_finding_after_many_statements_keeps_its_line_and_columns():
    body = "".join(f'def call_{i}(s):\n    """Doc\n    {i}."""\n    return s \\\n        + 1\n\n\n' for i in range(40))
    source = body + 'HEADERS = {"Authorization": "Basic " + LOGIN}\n'
    for newline in ("\n", "\r\n"):
        result = lint_source(source.replace("\n", newline).encode(), "qonto_client.py")
        assert [(f.line, f.column, f.end_line, f.end_column, f.code) for f in result.findings] == [
            (281, 29, 281, 45, "QNT101")
        ]


def _parents(module: cst.Module) -> dict:
    """Every node's parent, as the facts pass records it (and whitespace's too)."""
    out: dict = {}
    stack = [module]
    while stack:
        node = stack.pop()
        for child in node.children:
            out[child] = node
            stack.append(child)
    return out


def _cpython(source: str | bytes):
    return compile(source, "<source>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)


#: what comes before a statement's first token: comment lines, blank lines with a backslash
#: continuation or a form feed, decorators over several lines, `async`, `;`, a header comment
JUMPS = """\
# a header comment

import os; import sys
\\

@decorator
@ \\
  other(
    1,
  )
# between
async def f():
    return 1
\f
class C: pass
x = 1; y = 2;  # two statements
async def g():
    async for a in b:
        pass
    async with c:
        pass
(a,
 b) = 1, 2
@d
# between
class D: pass
if x:
    pass
# a trailing comment, indented deeper
        # more
headers = {"Authorization": "Basic " + os.environ["K"]}
"""


def _jump_variants() -> list[tuple[str, str]]:
    star = JUMPS.replace("(a,\n", "try:\n    pass\nexcept* ValueError:\n    pass\n(a,\n", 1)  # 3.11+
    out = _variants() + [("jumps", JUMPS), ("jumps crlf", JUMPS.replace("\n", "\r\n")), ("jumps except*", star)]
    return [(name, source) for name, source in out if _parses(source)]


def _parses(source: str) -> bool:
    try:
        _cpython(source)
    except SyntaxError:  # `except*` before 3.11
        return False
    return True


@pytest.mark.parametrize(("name", "source"), _jump_variants(), ids=[name for name, _ in _jump_variants()])
def test_every_node_is_placed_by_jumping_to_its_statement_as_generating_the_whole_module(name, source):
    """With the parents and CPython's tree, the statements before a wanted node are skipped
    without a count: the ranges are still those of generating the whole module."""
    module = cst.parse_module(source)
    parents, tree = _parents(module), _cpython(source)
    for node in _every_node(module):
        assert node_ranges(module, [node], parents, tree) == _reference(module, [node]), type(node).__name__
    nodes = [_every_node(statement)[-1] for statement in module.body]  # one in each statement, all at once
    assert [statement for statement, _line in _jumps(module, set(nodes), parents, tree)] == list(module.body)
    assert node_ranges(module, nodes, parents, tree) == _reference(module, nodes)


def _stdlib_files() -> list[Path]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    names = ("dataclasses.py", "functools.py", "typing.py", "asyncio/tasks.py", "tokenize.py", "argparse.py")
    return [stdlib / name for name in names if (stdlib / name).is_file()]


@pytest.mark.parametrize("path", _files() + _stdlib_files(), ids=lambda path: path.name)
def test_sets_of_nodes_anywhere_are_placed_by_jumping_as_by_generating(path):
    data = path.read_bytes()
    module = cst.parse_module(data)
    parents, tree = _parents(module), _cpython(data)
    nodes = _every_node(module)
    chosen = random.Random(path.name)
    sets = [chosen.sample(nodes, min(size, len(nodes))) for size in (1, 1, 3, 12)]
    if module.body:
        sets.append(_every_node(module.body[-1])[-3:])
        sets.append([_every_node(statement)[-1] for statement in module.body])
    for wanted in sets:
        assert node_ranges(module, wanted, parents, tree) == _reference(module, wanted)
    if module.body:  # the statements line up: nothing was counted
        assert _jumps(module, set(sets[-1]), parents, tree) is not None


def test_trees_that_do_not_line_up_fall_back_to_counting():
    """CPython's tree of other text, or nodes without parents: the ranges are still right."""
    module = cst.parse_module(JUMPS if _parses(JUMPS) else BREAKS)
    wanted = [_every_node(module.body[-1])[-1]]
    expected = _reference(module, wanted)
    assert node_ranges(module, wanted, _parents(module), _cpython("x = 1\n")) == expected
    assert node_ranges(module, wanted, _parents(module), _cpython("def f(): pass\n" * 40)) == expected
    assert node_ranges(module, wanted, {}, _cpython(module.code)) == expected
