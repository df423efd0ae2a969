"""Positions of the few nodes that are reported, without PositionProvider.

libcst's PositionProvider records a range for every node of the module (and needs a
MetadataWrapper, which deep-copies the tree first). A file has a handful of
findings at most, so this runs the module's code generation once, records the
ranges of the wanted nodes only, and stops as soon as the last one is seen.
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
    def __init__(self, module: cst.Module, wanted: set) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.line = 1
        self.column = 0
        self.wanted = wanted
        self.remaining = len(wanted)
        self.starts: dict = {}
        self.ranges: dict = {}

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self._advance(token)

    def add_token(self, value: str) -> None:
        self._advance(value)

    def pop_trailing_newline(self) -> None:
        pass

    def _advance(self, value: str) -> None:
        if "\n" not in value and "\r" not in value:
            self.column += len(value)
            return
        segments = _NEWLINE.split(value)
        self.line += len(segments) - 1
        self.column = len(segments[-1])

    def before_codegen(self, node) -> None:
        if node in self.wanted:
            self.starts[node] = (self.line, self.column)

    def after_codegen(self, node) -> None:
        if node in self.wanted and node not in self.ranges:
            start = self.starts[node]
            self.ranges[node] = (start[0], start[1], self.line, self.column)
            self.remaining -= 1
            if self.remaining <= 0:
                raise _Done


def node_ranges(module: cst.Module, nodes: Iterable) -> dict:
    wanted = set(nodes)
    if not wanted:
        return {}
    state = _PositionState(module, wanted)
    try:
        module._codegen(state)
    except _Done:
        pass
    return state.ranges
