"""`--fix` and `--diff`: apply the rules' fixes with libcst, and write files safely.

Fixes are applied in passes: each pass parses the source, runs the rules, applies
every fix whose edits do not overlap an edit already chosen in that pass, and
checks the result: it must parse and compile (a parse alone accepts
`dict(a=1, a=2)`, which Python refuses). Passes repeat until nothing changes
(at most MAX_PASSES).
Everything but the replaced nodes stays byte for byte the same: libcst keeps the
encoding, the BOM and the line endings. Where libcst's own code generation does not
give back the file's bytes (a form feed in an indentation, lone `\r` line endings),
the replacements are spliced into the original source instead.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass, field

from .engine import internal_reason, lint_source
from .javascript import is_javascript
from .model import Finding, Options

MAX_PASSES = 10


class FixError(Exception):
    """A file that could not be fixed or written; the file is left untouched."""


@dataclass
class FixOutcome:
    original: bytes
    fixed: bytes
    applied: int = 0
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def fix_source(data: bytes, path: str, options: Options, *, unsafe: bool = False) -> FixOutcome:
    """Apply fixes to a module's source until none applies. Raises FixError if a result does not parse."""
    if is_javascript(path):
        from .javascript.engine import fix_javascript

        fixed, applied, refused = fix_javascript(data, path, options, unsafe)
        if refused is not None:
            raise FixError(refused)
        return FixOutcome(data, fixed, applied, lint_source(fixed, path, options).findings)
    from .engine import on_big_stack

    try:
        # on the big stack, as a lint: libcst recurses once or more per nesting level
        return on_big_stack(_fix_source, data, path, options, unsafe)
    except RecursionError:  # not expected within the nesting budget, which vet checks first
        raise FixError(_TOO_DEEP) from None


_TOO_DEEP = "the file is nested too deeply to fix; it is left as it was"


#: a fix reads the module about four times (the lint that found it, a pass that applies it, a pass
#: that finds nothing more, the findings that remain): it gets a quarter of the node budget
FIX_SHARE = 4


def _vet(data: bytes, options: Options) -> None:
    """The nesting budget and the node count, as a lint checks them, before libcst reads the
    module (it takes minutes on nesting CPython refuses at once); raises FixError."""
    from .engine.parsing import OverBudget, TooDeep, Unparsable, vet

    limit = options.max_syntax_nodes // FIX_SHARE
    try:
        vet(data, limit)
    except TooDeep:
        raise FixError(_TOO_DEEP) from None
    except OverBudget:
        raise FixError(
            f"the file is too large to fix: more than {limit} syntax nodes, a quarter of max-syntax-nodes "
            "(a fix reads the module several times); it is left as it was"
        ) from None
    except Unparsable:
        pass  # not a module CPython reads: libcst's parse decides


def _fix_source(data: bytes, path: str, options: Options, unsafe: bool) -> FixOutcome:
    import libcst as cst

    from .engine import analyse_module

    _vet(data, options)
    current = data
    applied = 0
    module = None  # the parse of `current` made by the previous pass's check
    for _ in range(MAX_PASSES):
        try:
            module = cst.parse_module(current) if module is None else module
        except Exception:
            break
        _findings, _errors, kept, parents = analyse_module(module, path, options, current)
        chosen: dict = {}
        claimed = _Claims(parents)
        count = 0
        for report, _range in kept:
            fix = report.fix
            if fix is None or not (fix.safe or unsafe):
                continue
            if any(claimed.overlaps(edit.node) for edit in fix.edits):
                continue
            for edit in fix.edits:
                chosen[edit.node] = edit.replacement
                claimed.add(edit.node)
            count += 1
        if not chosen:
            break
        new = _generate(module, chosen, current)
        if new == current:
            break
        try:
            module = cst.parse_module(new)
        except Exception:
            raise FixError("the fixed source does not parse; the file is left as it was") from None
        _check_compiles(data, new, path)
        current = new
        applied += count
    remaining = lint_source(current, path, options).findings
    return FixOutcome(data, current, applied, remaining)


def fix_one(data: bytes, path: str, options: Options, code: str, line: int, column: int) -> bytes | None:
    """`data` with the fix of one finding applied (its code, 1-based line and column), safe or
    not: what an editor's code action for that finding offers. None when the finding is not
    there or has no fix. Raises FixError as fix_source does."""
    try:
        return _fix_finding(data, path, options, code, (line, column - 1))
    except RecursionError:
        raise FixError("the file is nested too deeply to fix; it is left as it was") from None


def _fix_finding(data: bytes, path: str, options: Options, code: str, start: tuple[int, int]) -> bytes | None:
    import libcst as cst

    from .engine import analyse_module

    _vet(data, options)
    try:
        module = cst.parse_module(data)
    except Exception:
        return None
    _findings, _errors, kept, _parents = analyse_module(module, path, options, data)
    for report, (start_line, start_col, _end_line, _end_col) in kept:
        if report.code != code or (start_line, start_col) != start or report.fix is None:
            continue
        new = _generate(module, {edit.node: edit.replacement for edit in report.fix.edits}, data)
        try:
            cst.parse_module(new)
        except Exception:
            raise FixError("the fixed source does not parse; the file is left as it was") from None
        _check_compiles(data, new, path)
        return new
    return None


def _compile_error(source: bytes, path: str) -> str | None:
    """Why Python refuses to compile `source`, or None when it compiles."""
    import ast
    import warnings

    try:
        with warnings.catch_warnings():  # `"\d"` and friends warn; they are the user's, not the fix's
            warnings.simplefilter("ignore")
            # top-level await: a notebook's cells are fixed as one module
            compile(source, path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as error:
        return error.msg or "invalid syntax"
    except (ValueError, TypeError) as error:  # null bytes
        return str(error)
    return None


def _check_compiles(original: bytes, new: bytes, path: str) -> None:
    """A fix must leave a module Python accepts. A file that did not compile before is held
    to not failing in a new way."""
    error = _compile_error(new, path)
    if error is None:
        return
    before = _compile_error(original, path)
    if before is not None and before == error:
        return
    from .masking import mask_text

    raise FixError(f"a fix would make the file fail to compile ({mask_text(error)}); the file is left as it was")


def fix_file(data: bytes, path: str, options: Options, *, unsafe: bool = False) -> FixOutcome:
    """fix_source for a module; for a notebook (by its suffix), its cells fixed in the JSON."""
    from .notebook import is_notebook, lint_notebook

    if not is_notebook(path):
        return fix_source(data, path, options, unsafe=unsafe)
    fixed, applied = fix_notebook(data, path, options, unsafe=unsafe)
    return FixOutcome(data, fixed, applied, lint_notebook(fixed, path, options).findings)


def fix_notebook(data: bytes, path: str, options: Options, *, unsafe: bool = False) -> tuple[bytes, int]:
    """Apply fixes inside a notebook's code cells; every other byte of the file stays as it was.

    Returns (new bytes, fixes applied). In a cell holding IPython syntax only the Python lines
    change; the whole notebook is left as it is when a fix would change how many lines a cell has.
    """
    from .notebook import CellLinesChanged, JoinedNotebook, NotebookError, parse

    try:
        notebook = parse(data)
    except NotebookError:
        return data, 0  # nothing can be fixed in a notebook that cannot be read (its QNT900 says why)
    if not notebook.python:
        return data, 0
    joined = JoinedNotebook(notebook)
    if not joined.spans:
        return data, 0
    outcome = fix_source(joined.source.encode("utf-8"), path, options, unsafe=unsafe)
    if not outcome.changed:
        return data, 0
    try:
        fixed = joined.rewritten(data, outcome.fixed.decode("utf-8"))
    except CellLinesChanged:
        raise FixError(f"{path}: a fix would change the number of lines of a cell; not fixed") from None
    except (ValueError, LookupError, RecursionError, UnicodeError, NotebookError) as error:
        raise FixError(
            f"{path}: the fixed notebook cannot be written without changing other bytes ({error}); not fixed"
        ) from None
    return (data, 0) if fixed is None else (fixed, outcome.applied)


def diff_file(path: str, before: bytes, after: bytes) -> str:
    """The unified diff of a fix, for a module or a notebook."""
    from .notebook import is_notebook

    return _notebook_diff(path, before, after) if is_notebook(path) else unified_diff(path, before, after)


class _Claims:
    """The nodes that chosen edits replace, and every node that holds one of them: a new edit
    overlaps when its node is one of those, or lies inside a replaced node. Each check walks the
    node's parents once, so choosing among many fixes stays linear in the module's size."""

    def __init__(self, parents: dict) -> None:
        self.parents = parents
        self.replaced: set = set()
        self.holders: set = set()  # the replaced nodes and all their ancestors

    def overlaps(self, node) -> bool:
        if node in self.holders:
            return True
        current = self.parents.get(node)
        while current is not None:
            if current in self.replaced:
                return True
            current = self.parents.get(current)
        return False

    def add(self, node) -> None:
        self.replaced.add(node)
        current = node
        while current is not None and current not in self.holders:
            self.holders.add(current)
            current = self.parents.get(current)


def _generate(module, chosen: dict, current: bytes) -> bytes:
    """`current` with the chosen nodes replaced."""
    new = module.visit(_Replacer(chosen)).bytes
    if module.bytes == current:
        return new
    # libcst drops a few characters when it writes a module back (a form feed before a
    # statement, a final lone `\r`): rewriting the whole module would delete them on lines
    # no fix touched. Splice the replacements into the original text instead.
    encoding = "utf-8" if module.encoding == "utf-8-sig" else module.encoding
    try:
        text = current.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise FixError(_UNFAITHFUL) from None
    spans, generated = _spans(module, chosen)
    where = _align(generated, text, sorted({edge for span in spans.values() for edge in span}))
    out, done = [], 0
    for node, (start, end) in sorted(spans.items(), key=lambda item: item[1]):
        first, last = where[start][0], where[end][1]
        if first < done or last - first != end - start:  # a dropped character inside the node
            raise FixError(_UNFAITHFUL)
        out += [text[done:first], module.code_for_node(chosen[node])]
        done = last
    out.append(text[done:])
    spliced = "".join(out).encode(encoding)
    # The splice must be what libcst would have written, apart from the characters it drops.
    import libcst as cst

    try:
        if cst.parse_module(spliced).bytes != new:
            raise FixError(_UNFAITHFUL)
    except cst.ParserSyntaxError:
        raise FixError(_UNFAITHFUL) from None
    return spliced


_UNFAITHFUL = "the fix cannot be applied without changing other characters of the file; the file is left as it was"


def _spans(module, chosen: dict) -> tuple[dict, str]:
    """Each chosen node's (start, end) offsets in libcst's code for `module`, and that code."""
    from libcst._nodes.internal import CodegenState

    class State(CodegenState):
        def before_codegen(self, node) -> None:
            if node in chosen:
                starts[node] = len(self.tokens)

        def after_codegen(self, node) -> None:
            if node in chosen and node in starts:
                ends[node] = len(self.tokens)

    starts: dict = {}
    ends: dict = {}
    state = State(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    offsets = [0]
    for token in state.tokens:
        offsets.append(offsets[-1] + len(token))
    spans = {node: (offsets[starts[node]], offsets[ends[node]]) for node in ends}
    return spans, "".join(state.tokens)


def _align(generated: str, text: str, edges: list[int]) -> dict[int, tuple[int, int]]:
    """Where each offset of `generated` falls in `text`, which holds the same characters and
    a few more (the ones libcst dropped): (the offset of the character that starts there in
    `text`, the offset just after the character before it)."""
    where: dict[int, tuple[int, int]] = {}
    i = j = 0  # generated[:i] matches text[:j]
    for edge in edges:
        while i < edge:
            run = _common_run(generated, i, text, j, edge - i)
            i, j = i + run, j + run
            if i < edge:
                j = _next(text, j, generated[i])  # skip the characters libcst dropped
        start = j if edge == len(generated) else _next(text, j, generated[edge])
        where[edge] = (start, j)
    return where


def _common_run(a: str, i: int, b: str, j: int, limit: int) -> int:
    """How many characters a[i:] and b[j:] have in common (at most `limit`): galloping, then
    halving, so that a long equal run costs about its length."""
    limit = min(limit, len(a) - i, len(b) - j)
    low, size = 0, 64
    while size < limit and a[i : i + size] == b[j : j + size]:
        low, size = size, size * 2
    high = min(size, limit)
    if a[i + low : i + high] == b[j + low : j + high]:
        return high
    high -= 1
    while low < high:
        middle = (low + high + 1) // 2
        if a[i : i + middle] == b[j : j + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _next(text: str, j: int, char: str) -> int:
    found = text.find(char, j)
    if found < 0:
        raise FixError(_UNFAITHFUL)
    return found


class _Replacer:
    """A transformer that swaps the chosen nodes for their replacements."""

    def __new__(cls, mapping: dict):
        import libcst as cst

        class Replacer(cst.CSTTransformer):
            def on_leave(self, original_node, updated_node):
                replacement = mapping.get(original_node)
                if replacement is not None:
                    return replacement
                return updated_node

        return Replacer()


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of a fix that applies to the file; a change that would show a secret is named, not shown."""
    from .masking import masked_diff

    return masked_diff(path, diff_lines(_text(before)), diff_lines(_text(after)))


def diff_lines(text: str) -> list[str]:
    """The lines of a file as `patch` and `git apply` see them: split at `\n` only, each
    keeping its end (`\r\n` stays whole). `str.splitlines` would also split at a lone `\r`,
    a form feed, U+2028 and more, and the diff would not apply."""
    lines = text.split("\n")
    last = lines.pop()
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def _text(data: bytes) -> str:
    """The file's text, every character kept (a BOM too: it is part of the first line's bytes)."""
    import io
    import tokenize

    try:
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
        return data.decode("utf-8" if encoding == "utf-8-sig" else encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return data.decode("utf-8", "replace")


def write_atomically(path: str, original: bytes, new: bytes) -> None:
    """Replace a file's content: temporary file in the same directory, then os.replace.

    Permission bits are kept. The file is not written when it changed on disk since
    it was read, or when it is read-only. A symbolic link is written through: its target
    changes, the link stays.
    """
    shown, path = path, os.path.realpath(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise FixError(f"cannot read {shown}: {error.strerror or error}") from None
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixError(f"{shown} is read-only; not fixed")
    try:
        with open(path, "rb") as handle:
            on_disk = handle.read()
    except OSError as error:
        raise FixError(f"cannot read {shown}: {error.strerror or error}") from None
    if on_disk != original:
        raise FixError(f"{shown} changed on disk while it was being fixed; not written")
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".qonto-lint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        try:
            os.chown(temporary, info.st_uid, info.st_gid)
        except (PermissionError, AttributeError):
            pass
        # Last check, as close to the replace as possible: another writer may have been faster.
        with open(path, "rb") as handle:
            if handle.read() != original:
                raise FixError(f"{shown} changed on disk while it was being fixed; not written")
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@dataclass
class FixRun:
    """What `--fix` / `--diff` did over several files."""

    applied: int = 0
    changed_files: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: the findings left in each fixed file (replacing the ones found before fixing)
    remaining: dict[str, list[Finding]] = field(default_factory=dict)


def fixable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and finding.fix.applies(unsafe)


def fix_files(
    findings: list[Finding], options_for, *, unsafe: bool, write: bool, outside: frozenset | set = frozenset()
) -> FixRun:
    """Fix every file that has a fixable finding. `options_for(path)` gives the file's options
    (per-file-ignores applied). With `write`, files are rewritten; otherwise diffs are collected.
    The paths in `outside` lead out of the linted tree through a symbolic link: never written."""
    run = FixRun()
    paths = sorted({f.path for f in findings if f.path != "-" and fixable(f, unsafe)})
    for path in paths:
        if write and path in outside:
            run.errors.append(
                f"{path}: not fixed: a symbolic link leads out of the linted tree "
                "(name the file on the command line to fix it)"
            )
            continue
        try:
            with open(path, "rb") as handle:
                original = handle.read()
        except OSError as error:
            run.errors.append(f"cannot read {path}: {error.strerror or error}")
            continue
        options = options_for(path)
        done = _fix_one(path, original, options, unsafe, run)
        if done is None or done[0] == original:
            continue
        fixed, applied, remaining = done
        if not write:
            run.diffs.append(diff_file(path, original, fixed))
            run.applied += applied
        elif _write(path, original, fixed, run):
            run.applied += applied
            run.changed_files.append(path)
            run.remaining[path] = _remaining(path, fixed, remaining, options)
    return run


def _fix_one(
    path: str, original: bytes, options: Options, unsafe: bool, run: FixRun
) -> tuple[bytes, int, list[Finding] | None] | None:
    """(fixed bytes, fixes applied, remaining findings) of one file, the remaining findings None
    for a notebook (linted once written); None with the reason in `run.errors`."""
    from .notebook import is_notebook

    try:
        if is_notebook(path):
            return (*fix_notebook(original, path, options, unsafe=unsafe), None)
        outcome = fix_source(original, path, options, unsafe=unsafe)
        return outcome.fixed, outcome.applied, outcome.remaining
    except FixError as error:
        run.errors.append(str(error) if path in str(error) else f"{path}: {error}")
    except Exception as error:  # a bug on one file: that file is left as it was, the others are fixed
        run.errors.append(f"{path}: internal error while fixing: {internal_reason(error)}")
    return None


def _write(path: str, original: bytes, fixed: bytes, run: FixRun) -> bool:
    try:
        write_atomically(path, original, fixed)
    except FixError as error:
        run.errors.append(str(error))
        return False
    except OSError as error:
        run.errors.append(f"cannot write {path}: {error.strerror or error}")
        return False
    return True


def _remaining(path: str, fixed: bytes, remaining: list[Finding] | None, options: Options) -> list[Finding]:
    if remaining is not None:
        return remaining
    from .notebook import lint_notebook

    return lint_notebook(fixed, path, options).findings


def _notebook_diff(path: str, before: bytes, after: bytes) -> str:
    from .masking import masked_diff
    from .notebook import json_lines

    return masked_diff(path, json_lines(before), json_lines(after))
