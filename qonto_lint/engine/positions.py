"""Positions of the few nodes that are reported, without PositionProvider.

libcst's PositionProvider records a range for every node of the module (and needs a
MetadataWrapper, which deep-copies the tree first). A file has a handful of
findings at most, so this runs the code generation of the top-level statements that hold
them, records the ranges of the wanted nodes only, and stops as soon as the last one is seen.
A top-level statement before it that holds none is not generated: its lines are counted from
the few fields that hold line breaks (code generation costs about ten times more), and it ends
with a line break, so the next one starts at column 0.

When CPython's tree of the same text and the nodes' parents are known (a lint), even the count
is skipped: the top-level statements that hold wanted nodes are found through the parents, and
each one's first line is its first token's line in CPython's tree, less the lines libcst gives it
before that token (comment and blank lines, decorators).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import libcst as cst
from libcst._nodes.internal import CodegenState

_NEWLINE = re.compile(r"\r\n?|\n")

#: (start line, start column, end line, end column): lines 1-based, columns 0-based
Range = tuple[int, int, int, int]


class _Done(Exception):
    pass


class _PositionState(CodegenState):
    """Code generation that keeps only the line and column it has reached. Every node of the
    module passes through `before_codegen` and `after_codegen`, and every token through
    `add_token`: the wanted nodes are found by `id` (a node's hash is a Python-level method)."""

    def __init__(self, module: cst.Module, wanted: set) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.line = 1
        self.column = 0
        self.wanted = {id(node): node for node in wanted}
        self.remaining = len(wanted)
        self.starts: dict[int, tuple[int, int]] = {}
        self.ranges: dict = {}

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        if "\n" not in value and "\r" not in value:
            self.column += len(value)
            return
        segments = _NEWLINE.split(value)
        self.line += len(segments) - 1
        self.column = len(segments[-1])

    def pop_trailing_newline(self) -> None:
        pass

    def before_codegen(self, node) -> None:
        key = id(node)
        if key in self.wanted:
            self.starts[key] = (self.line, self.column)

    def after_codegen(self, node) -> None:
        key = id(node)
        if key in self.wanted:
            wanted = self.wanted.pop(key)
            start = self.starts[key]
            self.ranges[wanted] = (start[0], start[1], self.line, self.column)
            self.remaining -= 1
            if self.remaining <= 0:
                raise _Done


def node_ranges(module: cst.Module, nodes: Iterable, parents: dict | None = None, tree=None) -> dict:
    """The range of each of `nodes`. `parents` (node -> parent, as the facts pass records it) and
    `tree` (CPython's AST of the module's text) let the statements that hold none be skipped
    without counting their lines."""
    wanted = set(nodes)
    if not wanted:
        return {}
    state = _PositionState(module, wanted)
    try:
        if module in wanted or _NEWLINE.fullmatch(module.default_newline) is None or _breaks(module.default_indent):
            module._codegen(state)
        else:
            starts = _jumps(module, wanted, parents, tree) if parents is not None and tree is not None else None
            if starts is None:
                _codegen_module(module, state)
            else:
                for statement, line in starts:
                    state.line, state.column = line, 0
                    statement._codegen(state)
    except _Done:
        pass
    return state.ranges


def _jumps(module: cst.Module, wanted: set, parents: dict, tree) -> list[tuple[cst.BaseStatement, int]] | None:
    """The top-level statements that hold wanted nodes, in order, each with its first line; None
    when a wanted node is not below a top-level statement, or the two trees do not line up."""
    body = module.body
    index_of = {id(statement): index for index, statement in enumerate(body)}
    holding: set[int] = set()
    for node in wanted:
        current = node
        while id(current) not in index_of:
            current = parents.get(current)
            if current is None:
                return None  # whitespace, the module's footer...: generate as before
        holding.add(index_of[id(current)])
    cpython_body = getattr(tree, "body", None)
    if not isinstance(cpython_body, list):
        return None
    last = max(holding)
    out: list[tuple[cst.BaseStatement, int]] = []
    at = 0  # the CPython statement where libcst's statement `index` begins
    simple = cst.SimpleStatementLine
    for index in range(last + 1):
        statement = body[index]
        if at >= len(cpython_body):
            return None
        if index in holding:
            line = _first_line(statement, cpython_body[at])
            if line is None:
                return None
            out.append((statement, line))
        at += len(statement.body) if isinstance(statement, simple) else 1
    return out


#: libcst's compound statements and the CPython statements they are parsed from
_COMPOUND = {
    cst.FunctionDef: ("FunctionDef", "AsyncFunctionDef"),
    cst.ClassDef: ("ClassDef",),
    cst.If: ("If",),
    cst.For: ("For", "AsyncFor"),
    cst.While: ("While",),
    cst.Try: ("Try",),
    cst.TryStar: ("TryStar",),
    cst.With: ("With", "AsyncWith"),
    cst.Match: ("Match",),
}
_COMPOUND_KINDS = frozenset(kind for kinds in _COMPOUND.values() for kind in kinds)


def _first_line(statement: cst.CSTNode, cpython) -> int | None:
    """The line where the code generation of a top-level statement starts: its first token's
    line (CPython's `lineno`: the first token of a simple statement, the `async`, `def`,
    `class`, `if`... keyword of a compound one) less the line breaks libcst emits before that
    token. None when the two statements do not match (the count would be a guess)."""
    cls = type(statement)
    kind = type(cpython).__name__
    simple = cls is cst.SimpleStatementLine
    if (kind in _COMPOUND_KINDS) if simple else (kind not in _COMPOUND.get(cls, ())):
        return None
    lineno = getattr(cpython, "lineno", None)
    if not isinstance(lineno, int):
        return None
    # what comes before the first token: comment and blank lines, then a definition's decorators
    before = (
        *statement.leading_lines,  # type: ignore[attr-defined]
        *getattr(statement, "decorators", ()),
        *getattr(statement, "lines_after_decorators", ()),
    )
    try:
        return lineno - sum(_count(node, {}) for node in before)
    except _NotCounted:
        return None


def _codegen_module(module: cst.Module, state: _PositionState) -> None:
    """`Module._codegen_impl` up to the last wanted node, counting the lines of the top-level
    statements that hold none instead of generating them."""
    for line in module.header:
        line._codegen(state)
    for statement in module.body:
        lines = _lines(statement, state.wanted) if state.column == 0 else None
        if lines is None:
            statement._codegen(state)
        else:
            state.line += lines
    for line in module.footer:
        line._codegen(state)


def _breaks(text: str) -> int:
    """The line breaks in one token, counted as `_PositionState.add_token` counts them."""
    if "\n" not in text and "\r" not in text:
        return 0
    return len(_NEWLINE.findall(text))


#: the fields whose text the code generation emits as one token, and that may hold line breaks:
#: a string literal (triple-quoted), a backslash continuation, a line's end
_TOKEN_FIELDS = frozenset(
    {
        (cst.SimpleString, "value"),
        (cst.FormattedStringText, "value"),
        (cst.SimpleWhitespace, "value"),
        (cst.Newline, "value"),
    }
)
#: node class -> its fields
_ALL_FIELDS: dict[type, tuple[str, ...]] = {}
#: what a field's value is, by its class (libcst's node classes are abstract: `isinstance` is slow);
#: plain whitespace, 40% of a module's nodes, is read where it is met
_TEXT, _NODE, _SEQUENCE, _OTHER, _WHITESPACE = 0, 1, 2, 3, 4
_KINDS: dict[type, int] = {str: _TEXT, tuple: _SEQUENCE, list: _SEQUENCE, cst.SimpleWhitespace: _WHITESPACE}


def _kind(cls: type) -> int:
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _KINDS[cls] = _NODE if issubclass(cls, cst.CSTNode) else _TEXT if issubclass(cls, str) else _OTHER
    return kind


def _lines(statement: cst.CSTNode, wanted: dict) -> int | None:
    """The line breaks the code generation of a top-level statement emits, or None when it holds
    a wanted node or anything this count does not know to be exact (then it is generated)."""
    if not isinstance(statement, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        return None  # a statement of another kind might not end with a line break
    try:
        return _count(statement, wanted)
    except _NotCounted:
        return None


class _NotCounted(Exception):
    pass


def _count(node: cst.CSTNode, wanted: dict) -> int:
    if id(node) in wanted:
        raise _NotCounted
    cls = type(node)
    if cls is cst.Newline and node.value is None:  # type: ignore[attr-defined]
        return 1  # the module's newline, one line break (checked in node_ranges)
    if cls is cst.IndentedBlock and not node.body:  # type: ignore[attr-defined]
        raise _NotCounted  # generated as `pass` and a newline that are in no field
    fields = _ALL_FIELDS.get(cls)
    if fields is None:
        import dataclasses

        fields = _ALL_FIELDS[cls] = tuple(field.name for field in dataclasses.fields(node))
    kinds = _KINDS
    total = 0
    for name in fields:
        value = getattr(node, name)
        kind = kinds.get(type(value))
        if kind is None:
            kind = _kind(type(value))
        if kind == _WHITESPACE:
            if id(value) in wanted:
                raise _NotCounted
            text = value.value
            if "\n" in text or "\r" in text:
                total += _breaks(text)
        elif kind == _NODE:
            total += _count(value, wanted)
        elif kind == _TEXT:
            if "\n" in value or "\r" in value:
                if (cls, name) not in _TOKEN_FIELDS:
                    raise _NotCounted
                total += _breaks(value)
        elif kind == _SEQUENCE:
            for item in value:
                item_kind = kinds.get(type(item))
                if item_kind is None:
                    item_kind = _kind(type(item))
                if item_kind in (_NODE, _WHITESPACE):
                    total += _count(item, wanted)
                elif item_kind != _OTHER:
                    raise _NotCounted  # text or a nested sequence in a sequence: not a node's field
    return total
