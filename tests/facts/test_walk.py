"""The facts pass walks each node class's fields by a plan made once a class, leaving out the
fields declared to hold only text, flags, sentinels or punctuation. It must visit exactly what a
walk over every field does: the same nodes, in the same order, with the same parents, and the
comments of every whitespace it looks into (the parents map records all of it, in visit order)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import libcst as cst
import pytest

from qonto_lint.facts.collect import _PUNCTUATION, _WHITESPACE, collect, dotted_name, last_name
from qonto_lint.facts.hosts import HostTable

from ..helpers import SHARED_CORPUS

CHECKOUT = Path(__file__).resolve().parents[2]

#: comments where a walk could miss them: in brackets, after a backslash, in decorators, in a
#: class body's footer, after an operator, inside an f-string's brackets, at the end of the module
ODD_PLACES = '''\
# qonto at the top
import os  # qonto after an import
from . import (  # qonto in an import's brackets
    config,  # qonto after a name
)


@decorator(  # qonto in a decorator
    1,
)
class Client(  # qonto in the bases
    Base,
):
    """Doc."""

    x: int = 1  # qonto on an annotated assignment

    def call(self, a, /, b=2, *args, c, **kwargs) -> dict:  # qonto on a def
        headers = {
            "Authorization": f"{a}:{  # qonto inside a replacement field
                b}",  # qonto in a dict
            **kwargs,
        }
        value = (a  # qonto after an operand
                 + b)
        total = a if b else (
            c  # qonto in a conditional
        )
        lam = lambda q=1: q  # qonto on a lambda
        items = [y for y in args if y]  # qonto in a comprehension
        with open("x") as f, open("y") as g:  # qonto on a with
            pass
        try:
            pass
        except (ValueError, TypeError) as error:  # qonto on an except
            raise
        finally:
            pass
        match value:
            case {"k": 1}:  # qonto in a match
                pass
            case [1, *rest]:
                pass
            case _:
                pass
        while True:  # qonto on a loop
            break
        else:
            pass
        return headers[  # qonto in a subscript
            "k"
        ]
        # qonto in a block's footer

    # qonto between methods
    async def stream(self):
        async with self.s as s:
            async for item in s:
                yield item
        await self.close()
        global G
        del self.x
        assert True, "qonto"
        x = y = 3
        x += 1
        print(*args, sep="\\n")  # qonto with a star
        return \\
            1


if (n := 10) > 5:
    pass
elif n:
    pass
type_alias = int | str
value = 1 if True else 2; other = b"bytes" b"more"  # qonto after a semicolon
# qonto at the end
'''


def _reference(module: cst.Module) -> list[tuple[int, int]]:
    """(node, parent) ids of what a walk over every field visits, in order: punctuation and plain
    whitespace passed by, comments of the other whitespace visited with the node holding it."""
    visited: list[tuple[int, int]] = []

    def comment(node, parent) -> None:
        if isinstance(node, (cst.EmptyLine, cst.TrailingWhitespace)):
            if node.comment is not None:
                visited.append((id(node.comment), id(parent)))
        elif isinstance(node, cst.ParenthesizedWhitespace):
            comment(node.first_line, parent)
            for line in node.empty_lines:
                comment(line, parent)

    def value(item, parent) -> None:
        if not isinstance(item, cst.CSTNode) or type(item) in _PUNCTUATION:
            return
        if type(item) in _WHITESPACE:
            comment(item, parent)
        else:
            visit(item, parent)

    def visit(node, parent) -> None:
        if parent is not None:
            visited.append((id(node), id(parent)))
        for field in dataclasses.fields(node):
            child = getattr(node, field.name)
            for item in child if isinstance(child, (tuple, list)) else (child,):
                value(item, node)

    visit(module, None)
    return visited


def _sources() -> list[tuple[str, str]]:
    paths = sorted((CHECKOUT / "qonto_lint" / "facts").glob("*.py"))
    paths += sorted((CHECKOUT / "examples").glob("*.py")) + sorted((CHECKOUT / "tests" / "data").glob("*.py"))
    if SHARED_CORPUS.is_dir():
        paths += sorted(SHARED_CORPUS.rglob("*.py"))
    return [("odd places", ODD_PLACES)] + [(str(path), path.read_text(encoding="utf-8")) for path in paths]


@pytest.mark.parametrize(("name", "source"), _sources(), ids=lambda value: Path(value).name[:40])
def test_the_walk_visits_what_a_walk_over_every_field_visits(name, source):
    module = cst.parse_module(source)
    facts = collect(module, False, HostTable())
    assert [(id(node), id(parent)) for node, parent in facts.parents.items()] == _reference(module)


@pytest.mark.parametrize(
    ("source", "last", "dotted"),
    [
        ("a.b.c", "c", "a.b.c"),
        ("a", "a", "a"),
        ("(a).b", "b", "a.b"),
        ("f(x).y", "y", None),
        ("a.b()", "b", None),
        ('x["k"]', "k", None),
        ("x[0]", "x", None),
        ('self.x["y"]', "y", None),
        ("await f()", "f", None),
        ('"s"', "", None),
        ("1", "", None),
    ],
)
def test_names_of_expressions(source, last, dotted):
    expression = cst.parse_expression(source)
    assert last_name(expression) == last
    assert dotted_name(expression) == dotted
