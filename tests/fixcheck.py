"""A check for every fix the tests apply: the result compiles, and only the statements that
hold a fixed expression differ from the original (compared with `ast`, statement by statement).

`assert_fix_is_local(before, after, edits)` takes the module's source before and after the fix
and the start positions (1-based line and column, as the JSON output gives them) of the fix
edits that were offered on the original. Each statement is compared on its own expressions:
the statements nested in its body are blanked out and compared separately, so a fix inside a
function changes the statement that holds it, never the `def`.
"""

from __future__ import annotations

import ast
import copy
import textwrap
import warnings

import libcst as cst

from qonto_lint import Options, lint_source
from qonto_lint.fixing import fix_source


def compile_module(source: bytes, name: str = "<fixed>"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compile(source, name, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)


def compiles(source: bytes) -> bool:
    try:
        compile_module(source)
    except (SyntaxError, ValueError):
        return False
    return True


def fix_edit_starts(source: bytes, path: str, unsafe: bool) -> list[tuple[int, int]]:
    """(line, column) of every edit of every fix `--fix` would apply to `source` in its first pass."""
    starts = []
    for finding in lint_source(source, path, Options()).findings:
        fix = finding.fix
        if fix is not None and fix.applies(unsafe):
            starts.extend((e.row, e.column) for e in fix.edits)
    return starts


def _statements(tree: ast.AST) -> list[ast.stmt]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]


def _own_dump(statement: ast.stmt) -> str:
    """The statement without the statements nested in it (bodies, handlers' bodies, cases)."""
    shallow = copy.deepcopy(statement)
    for node in ast.walk(shallow):
        for name, value in ast.iter_fields(node):
            if isinstance(value, list) and value and all(isinstance(v, ast.stmt) for v in value):
                setattr(node, name, [])
    return ast.dump(shallow)


def _span(statement: ast.stmt, lines: list[bytes]) -> tuple[tuple[int, int], tuple[int, int]]:
    """(line, 1-based character column) of a statement's start and end (ast counts bytes)."""

    def column(line: int, byte_offset: int) -> int:
        return len(lines[line - 1][:byte_offset].decode("utf-8", "replace")) + 1

    return (statement.lineno, column(statement.lineno, statement.col_offset)), (
        statement.end_lineno,
        column(statement.end_lineno, statement.end_col_offset),
    )


def _holds(statement: ast.stmt, position: tuple[int, int], lines: list[bytes]) -> bool:
    start, end = _span(statement, lines)
    return start <= position < end


def assert_fix_is_local(before: bytes, after: bytes, edit_starts: list[tuple[int, int]], label: str = "") -> None:
    if isinstance(before, str):
        before = before.encode()
    if isinstance(after, str):
        after = after.encode()
    if compiles(before):
        compile_module(after, label or "<fixed>")  # raises: the fix broke the module
    old_tree, new_tree = ast.parse(before), ast.parse(after)
    old, new = _statements(old_tree), _statements(new_tree)
    assert len(old) == len(new), f"{label}: the fix added or removed statements"
    lines = before.splitlines(keepends=True) or [b""]
    for a, b in zip(old, new):
        if _own_dump(a) == _own_dump(b):
            continue
        nested = [n for n in ast.walk(a) if isinstance(n, ast.stmt) and n is not a]
        here = [p for p in edit_starts if _holds(a, p, lines) and not any(_holds(n, p, lines) for n in nested)]
        assert here, f"{label}: line {a.lineno} changed ({type(a).__name__}) but no fixed expression is in it"


def check_fixed_file(before: bytes, after: bytes, path: str, unsafe: bool) -> None:
    """The whole check for one file fixed by `--fix` (the edits are worked out from `before`)."""
    assert_fix_is_local(before, after, fix_edit_starts(before, path, unsafe), label=path)


HEAD = "QONTO = 'https://thirdparty.qonto.com/v2'\n"


def _sent_to_qonto(body: str) -> str:
    """Statements that send every headers object the body binds at the top (`H = {...}`,
    `headers = dict(...)`) to Qonto's URL: a fix is safe only where Qonto is seen at the header."""
    names = [
        statement.targets[0].id
        for statement in ast.parse(body).body
        if isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(statement.value, (ast.Dict, ast.Call))
    ]
    return "".join(f"requests.get(QONTO + '/labels', headers={name})\n" for name in names)


def fixed(body: str, unsafe: bool = False, seen: bool = True) -> str:
    """`body` after the fixes, in a module that talks to Qonto; checked to parse, compile and change
    only the fixed statements. With `seen`, the headers the body binds are sent to Qonto's URL
    (Qonto is seen at them); without, the module's constant is the only evidence of Qonto."""
    body = textwrap.dedent(body).lstrip("\n")
    tail = "import requests\n" + _sent_to_qonto(body) if seen else ""
    source = HEAD + body + tail
    outcome = fix_source(source.encode(), "client.py", Options(), unsafe=unsafe)
    text = outcome.fixed.decode()
    assert text.startswith(HEAD) and text.endswith(tail)
    cst.parse_module(text)  # still parses
    check_fixed_file(source.encode(), outcome.fixed, "client.py", unsafe)  # compiles; only the fixed statements differ
    return text[len(HEAD) : len(text) - len(tail)]
