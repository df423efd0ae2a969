"""The two gates a file passes before libcst is imported: its text must name Qonto (or a
configured host), and CPython's syntax tree must hold something a rule could report."""

from __future__ import annotations

from typing import Any

from ..model import Options


def passes_gate(data: bytes, path: str, options: Options) -> bool:
    """A file that cannot be in Qonto context is not parsed at all."""
    if options.assume_qonto or "qonto" in path.lower():
        return True
    words = options.gate_words()
    if len(words) == 1:  # no extra hosts: one search, no generator (called for every file of a walk)
        return words[0] in data.lower()
    lowered = data.lower()
    return any(word in lowered for word in words)


def cpython_parse(data: bytes, options: Options) -> tuple[Any, BaseException | None, bool, tuple[int, int] | None]:
    """(CPython's tree or None, why CPython refused the bytes, whether any rule could report
    something, the tree's (depth, nodes) as the vetting before libcst's parse measures them).
    CPython's parse is done once, and walked once: the AST gate and the vetting share the walk."""
    from . import prefilter
    from .parsing import MAX_NESTING, _ast_size

    if b"\x00" in data:
        return None, None, True, None  # the parse that follows says why
    tree, error = prefilter.parse(data)
    if error is not None:
        return tree, error, True, None
    extra = tuple(options.hosts.extra_production | options.hosts.extra_sandbox)
    gate = prefilter.Gate(extra)
    size = _ast_size(tree, MAX_NESTING, options.max_syntax_nodes, data, gate)
    # a walk stopped at a budget has not seen every node: the gate then walks the whole tree
    found = prefilter.may_report(tree, extra) if gate.found is None else gate.found
    return tree, error, found, size
