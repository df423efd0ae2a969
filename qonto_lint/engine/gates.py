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
    return any(in_lowered(data, word) for word in options.gate_words())


def text_gate(options: Options) -> Callable[[bytes, str], bool]:
    """`passes_gate(data, path, options)` as a function of (data, path), for the files of a
    walk: the words to look for are worked out once."""
    if options.assume_qonto:
        return lambda data, path: True
    words = options.gate_words()
    if len(words) == 1 and len(_LEADS[words[0][0]] if words[0] else ()) == 2:
        # a word that starts with a letter (`qonto`): a text holding neither case of the letter
        # (most files of a JavaScript tree) is answered by two searches for one byte
        word = words[0]
        small, capital = _LEADS[word[0]]
        return lambda data, path: (
            "qonto" in path.lower() or ((small in data or capital in data) and in_lowered(data, word))
        )
    return lambda data, path: "qonto" in path.lower() or any(in_lowered(data, word) for word in words)


#: a byte -> the bytes that `bytes.lower` turns into it: a small letter and its capital; a capital,
#: none (only A-Z change); any other byte, itself
_LEADS: dict[int, tuple[bytes, ...]] = {
    b: (bytes([b]), bytes([b - 32])) if 97 <= b <= 122 else () if 65 <= b <= 90 else (bytes([b]),) for b in range(256)
}
#: places where a word's first byte is met before `in_lowered` lowers the whole text instead
_TRIES = 8


def in_lowered(data: bytes, word: bytes) -> bool:
    """`word in data.lower()`, mostly without lowering: each place holding a byte that lowers to
    the word's first byte is found with `bytes.find` (a memchr, twenty times faster than lowering
    and searching the text) and the rest of the word compared there. A text where that byte is
    frequent is lowered after `_TRIES` places."""
    if not word:
        return True
    tail = word[1:]
    end = len(word)
    tries = _TRIES
    for lead in _LEADS[word[0]]:
        at = data.find(lead)
        while at >= 0:
            if data[at + 1 : at + end].lower() == tail:
                return True
            tries -= 1
            if not tries:
                return word in data.lower()
            at = data.find(lead, at + 1)
    return False


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
