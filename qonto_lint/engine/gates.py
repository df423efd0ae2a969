"""The two gates a file passes before libcst is imported: its text must name Qonto (or a
configured host), and CPython's syntax tree must hold something a rule could report."""

from __future__ import annotations

from ..model import Options

TYPE_CHECKING = False  # typing costs a fast run milliseconds to import; annotations only
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def passes_gate(data: bytes, path: str, options: Options) -> bool:
    """A file that cannot be in Qonto context is not parsed at all."""
    if options.assume_qonto or "qonto" in path.lower():
        return True
    words = options.gate_words()
    if len(words) == 1:  # no extra hosts: one search, no generator (called for every file of a walk)
        return words[0] in data.lower()
    lowered = data.lower()
    return any(word in lowered for word in words)


def text_gate(options: Options) -> Callable[[bytes, str], bool]:
    """`passes_gate(data, path, options)` as a function of (data, path), for the files of a
    walk: the words to look for are worked out once."""
    if options.assume_qonto:
        return lambda data, path: True
    words = options.gate_words()
    if len(words) == 1:
        word = words[0]
        return lambda data, path: "qonto" in path.lower() or word in data.lower()

    def gate(data: bytes, path: str) -> bool:
        if "qonto" in path.lower():
            return True
        lowered = data.lower()
        return any(word in lowered for word in words)

    return gate


def cpython_parse(data: bytes, options: Options) -> tuple[Any, BaseException | None, bool]:
    """(CPython's tree or None, why CPython refused the bytes, whether any rule could report
    something). CPython's parse is done once: the AST gate and the vetting before libcst's parse
    both use it."""
    from . import prefilter

    if b"\x00" in data:
        return None, None, True  # the parse that follows says why
    tree, error = prefilter.parse(data)
    if error is not None:
        return tree, error, True
    extra = tuple(options.hosts.extra_production | options.hosts.extra_sandbox)
    return tree, error, prefilter.may_report(tree, extra)
