"""QNT900 unreadable-file: a file could not be read or parsed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts


class UnreadableFile(Rule):
    CODE = "QNT900"
    NAME = "unreadable-file"
    SUMMARY = "A file could not be read or parsed"
    #: reported by the engine before any facts exist, so nothing in the module is needed
    NEEDS: ClassVar[frozenset[Need]] = frozenset()
    DOCS = """
    ## What it does
    Reported at 1:1 for a file that had to be analysed but could not be read
    (permissions, not text, too large) or parsed (a syntax error). The other files
    are still linted.

    ## Why is this bad?
    A file that cannot be analysed may hide any of the other mistakes.

    ## Example
    ```python
    def broken(:
    ```

    Use instead:
    ```python
    def fixed():
        ...
    ```
    """
    VALID = [Example("x = 1\n")]
    INVALID = [Example("# qonto\ndef broken(:\n", 1, 1)]

    def check(self, facts: Facts) -> Iterator[Report]:  # reported by the engine, never from facts
        return iter(())
