"""JavaScript and TypeScript files: the gates a file passes before any parse, then the front end.

The gates read the text only (no parser is imported for a file that fails one):

- the text gate shared with Python (`gates.passes_gate`): the file must name Qonto or a configured
  host (`process.env.QONTO_API_KEY`, a template literal holding `qonto.com`, a path under `qonto/`);
- the size budgets: `max-file-size` (also checked when the bytes are read from a file or standard
  input) and `max-lines`;
- minified code: a bundle is not the code anyone edits, its findings could neither be placed on a
  line a person reads nor suppressed with a comment, and its size is what a budget is for.

A file that fails a budget or looks minified gets one QNT900 finding saying why, as a Python file
over a budget does; a file that fails the text gate is skipped silently.
"""

from __future__ import annotations

from ..model import FileResult, Options
from .gates import passes_gate
from .parsing import OverBudget, unreadable

#: a line longer than this is not written by hand: formatters wrap at 80-120 characters
LONG_LINE = 1000
#: minified: lines longer than LONG_LINE hold at least this share of the file's bytes...
LONG_SHARE = 0.5
#: ...and read as code: at least one `(` per PARENS_EVERY bytes and one `;` per SEMICOLONS_EVERY
#: bytes of those lines. A minifier's output has both (jQuery, lodash, terser and esbuild bundles:
#: 2-5% parentheses, 0.7-2% semicolons); a base64 data URI, a long string, a JSON-like table or a
#: long union type has almost neither, and a long regular expression has no semicolons
PARENS_EVERY = 100
SEMICOLONS_EVERY = 1000
#: names that say a file was minified, whatever its lines
MINIFIED_NAMES = (".min.js", ".min.mjs", ".min.cjs")


def _lint_javascript(data: bytes, path: str, options: Options, result: FileResult) -> FileResult:
    """Lint one JavaScript or TypeScript file (`path` ends in a JAVASCRIPT_SUFFIXES suffix).

    The gates run first; the JavaScript front end (tree-sitter, the JavaScript facts, the rules)
    runs only on a file that has passed them.
    """
    if not passes_gate(data, path, options):
        result.skipped = True
        return result
    reason = skip_reason(data, path, options)
    if reason is not None:
        result.over_budget = True  # --fix leaves it alone, as a Python file over a budget
        if options.selected("QNT900"):
            result.findings.append(unreadable(path, reason))
        return result
    from ..javascript.engine import lint_javascript

    return lint_javascript(data, path, options, result)


def skip_reason(data: bytes, path: str, options: Options) -> str | None:
    """Why a JavaScript or TypeScript file that passed the text gate is not analysed (the text of
    its QNT900 finding), or None. Costs a count of the bytes, and a split into lines only when the
    file is long enough to hold a minified line."""
    size = len(data)
    if size > options.max_file_size:  # text given directly (an editor, the API): the reader's limit
        return f"skipped: {size} bytes is over the {options.max_file_size}-byte limit (max-file-size)"
    if data.count(b"\n") + (not data.endswith(b"\n")) > options.max_lines:
        return OverBudget("lines", options.max_lines, "max-lines").reason
    if path.lower().endswith(MINIFIED_NAMES):
        return "skipped: minified code (its name ends in .min.js, .min.mjs or .min.cjs)"
    share = minified_share(data)
    if share is not None:
        return f"skipped: minified code ({share}% of its {size} bytes are on lines over {LONG_LINE} characters)"
    return None


def minified_share(data: bytes) -> int | None:
    """The percentage of `data` on lines over LONG_LINE characters when the file reads as minified
    code (see LONG_SHARE, PARENS_EVERY, SEMICOLONS_EVERY), else None."""
    if len(data) <= LONG_LINE:
        return None
    lines = data.splitlines()  # \n, \r\n and a lone \r: each ends a line in JavaScript
    if max(map(len, lines), default=0) <= LONG_LINE:
        return None
    long_bytes = parens = semicolons = 0
    for line in lines:
        if len(line) > LONG_LINE:
            long_bytes += len(line)
            parens += line.count(b"(")
            semicolons += line.count(b";")
    if long_bytes < LONG_SHARE * len(data):
        return None
    if parens * PARENS_EVERY < long_bytes or semicolons * SEMICOLONS_EVERY < long_bytes:
        return None
    return long_bytes * 100 // len(data)
