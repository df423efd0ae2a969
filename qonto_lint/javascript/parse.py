"""The tree-sitter grammar for a file's suffix, and the parse."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _parser(dialect: str) -> Any:
    import tree_sitter

    if dialect == "javascript":
        import tree_sitter_javascript

        language = tree_sitter_javascript.language()
    else:
        import tree_sitter_typescript

        language = (
            tree_sitter_typescript.language_tsx() if dialect == "tsx" else tree_sitter_typescript.language_typescript()
        )
    return tree_sitter.Parser(tree_sitter.Language(language))


def dialect_of(path: str) -> str:
    """`typescript` for .ts, `tsx` for .tsx, `javascript` (JSX included) for the others."""
    lowered = path.lower()
    if lowered.endswith(".ts"):
        return "typescript"
    if lowered.endswith(".tsx"):
        return "tsx"
    return "javascript"


def parse(data: bytes, path: str) -> Any:
    """The tree of a JavaScript or TypeScript file (tree-sitter recovers from syntax errors)."""
    return _parser(dialect_of(path)).parse(data)
