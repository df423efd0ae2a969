"""The JavaScript and TypeScript front end: the same rules, facts produced from tree-sitter trees.

- `parse`: the grammar for a file's suffix, loaded on first use (tree_sitter is imported only
  for a JavaScript or TypeScript file that passed the text gate)
- `syntax`: small questions about tree-sitter nodes (text, string contents, names)
- `collect`: one pass over the tree: scopes, bindings, evidence, header sites, requests, strings
- `evaluate`: expression -> `facts.values.Value`, as the Python evaluator does
- `facts`: `JsFacts`, the questions the rules ask, answered for this language
- `engine`: tree -> findings (placing, `// noqa`)
"""

from __future__ import annotations

from ..files import JAVASCRIPT_SUFFIXES as JS_SUFFIXES
from ..files import is_javascript

__all__ = ["JS_SUFFIXES", "is_javascript"]
