"""One file: bytes -> text gate -> parse -> facts -> rules -> noqa -> findings.

The engine is pure: source in, findings out. It never prints, never touches files,
and imports libcst only for a file that passes the text gate.
"""

from __future__ import annotations

import os
import re
from typing import Any

from .config import DEFAULT_MAX_EVALUATION_STEPS, DEFAULT_MAX_HEADER_SITES, DEFAULT_MAX_LINES, DEFAULT_MAX_SYNTAX_NODES
from .facts.hosts import HostTable
from .record import MutableRecord, ValueRecord

DOCS_URL = "https://github.com/qonto-lint/qonto-lint/blob/main/docs/rules.md"
#: compiled on first use by `re`'s cache: only a file with findings reads its noqa comments
_NOQA = r"(?i)#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?"


class Finding(ValueRecord):
    """A finding at a 1-based line and a 1-based column. Equal, hashed and ordered by
    (path, line, column, code, message, end_line, end_column)."""

    __slots__ = ("path", "line", "column", "code", "message", "end_line", "end_column", "fix", "cell", "snippet")
    _compared = ("path", "line", "column", "code", "message", "end_line", "end_column")
    #: the reported source text (for baselines and `full` output) is never printed unmasked
    _hidden = ("snippet",)

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        code: str,
        message: str,
        end_line: int = 0,
        end_column: int = 0,
        fix: Any = None,
        cell: int | None = None,
        snippet: str = "",
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.code = code
        self.message = message
        self.end_line = end_line
        self.end_column = end_column
        self.fix = fix
        self.cell = cell
        self.snippet = snippet

    def __lt__(self, other):
        return self._key() < other._key() if other.__class__ is self.__class__ else NotImplemented

    def __le__(self, other):
        return self._key() <= other._key() if other.__class__ is self.__class__ else NotImplemented

    def __gt__(self, other):
        return self._key() > other._key() if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self, other):
        return self._key() >= other._key() if other.__class__ is self.__class__ else NotImplemented

    @property
    def url(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}"


class Options(ValueRecord):
    """What the engine needs to know beyond the source."""

    __slots__ = (
        "select",
        "assume_qonto",
        "hosts",
        "fixes",
        "max_syntax_nodes",
        "max_evaluation_steps",
        "max_lines",
        "max_header_sites",
    )

    def __init__(
        self,
        select: frozenset[str] | None = None,
        assume_qonto: bool = False,
        hosts: HostTable | None = None,
        fixes: bool = True,
        max_syntax_nodes: int = DEFAULT_MAX_SYNTAX_NODES,
        max_evaluation_steps: int = DEFAULT_MAX_EVALUATION_STEPS,
        max_lines: int = DEFAULT_MAX_LINES,
        max_header_sites: int = DEFAULT_MAX_HEADER_SITES,
    ) -> None:
        self.select = select  # None: every rule
        self.assume_qonto = assume_qonto
        self.hosts = HostTable() if hosts is None else hosts
        #: compute fixes (False where nothing will show or apply them: plain text output)
        self.fixes = fixes
        #: budgets of one file (`max-syntax-nodes`, `max-evaluation-steps`, `max-lines`,
        #: `max-header-sites`): past one, the file is skipped with one QNT900 finding
        self.max_syntax_nodes = max_syntax_nodes
        self.max_evaluation_steps = max_evaluation_steps
        self.max_lines = max_lines
        self.max_header_sites = max_header_sites

    def gate_words(self) -> tuple[bytes, ...]:
        words = [b"qonto"]
        for host in (*self.hosts.extra_production, *self.hosts.extra_sandbox):
            words.append(host.lower().encode("ascii", "ignore"))
        return tuple(words)


class FileResult(MutableRecord):
    __slots__ = ("path", "findings", "errors", "skipped")

    def __init__(
        self,
        path: str,
        findings: list[Finding] | None = None,
        errors: list[tuple[str, str]] | None = None,
        skipped: bool = False,
    ) -> None:
        self.path = path
        self.findings = [] if findings is None else findings
        #: internal errors: (rule code, one-line reason)
        self.errors = [] if errors is None else errors
        self.skipped = skipped  # did not pass the text gate


def passes_gate(data: bytes, path: str, options: Options) -> bool:
    """SPEC §2.3: a file that cannot be in Qonto context is not parsed at all."""
    if options.assume_qonto or "qonto" in path.lower():
        return True
    lowered = data.lower()
    return any(word in lowered for word in options.gate_words())


def unreadable(path: str, reason: str) -> Finding:
    from .masking import mask_text

    # a reason may quote the file (an encoding name, a name in a syntax error): masked like any output
    return Finding(path, 1, 1, "QNT900", f"cannot analyse this file: {mask_text(reason)}", 1, 1)


def over_budget(path: str, what: str, limit: int, setting: str) -> Finding:
    """The one finding of a file skipped for its cost: which budget, and the setting (in
    `[tool.qonto-lint]`) that raises it."""
    return unreadable(path, f"skipped: more than {limit} {what}, the limit set by {setting}")


def is_over_budget(finding: Finding) -> bool:
    return finding.code == "QNT900" and finding.message.startswith("cannot analyse this file: skipped: ")


def internal_reason(error: BaseException) -> str:
    """An internal error in one line, for stderr: an exception's text may quote the source, so it is masked."""
    from .masking import mask_text

    return mask_text(f"{error.__class__.__name__}: {error}".splitlines()[0])[:200]


def lint_source(data: bytes | str, path: str = "<stdin>", options: Options | None = None) -> FileResult:
    """Lint one module's source. `path` is the path shown, relative to the current directory."""
    options = options or Options()
    if isinstance(data, str):
        data = data.encode("utf-8")
    result = FileResult(path)
    if not passes_gate(data, path, options):
        result.skipped = True
        return result
    return _on_big_stack(_parse_and_analyse, data, path, options, result)


def _parse_and_analyse(data: bytes, path: str, options: Options, result: FileResult) -> FileResult:
    from . import prefilter

    # Checked before any parse, which would cost what the budget refuses: every line costs
    # libcst (blank and comment lines too), and CPython 3.11 reads each expression of an
    # f-string from the f-string's start (quadratic in a long one).
    budget = None
    if data.count(b"\n") + (not data.endswith(b"\n")) > options.max_lines:
        budget = ("lines", options.max_lines, "max-lines")
    elif 2 * _fstring_expressions(data, options.max_syntax_nodes) > options.max_syntax_nodes:
        budget = ("syntax nodes", options.max_syntax_nodes, "max-syntax-nodes")
    elif len(data) > _COUNT_TOKENS_FROM and _tokens(data, 2 * options.max_syntax_nodes) > 2 * options.max_syntax_nodes:
        budget = ("tokens (two per syntax node)", 2 * options.max_syntax_nodes, "max-syntax-nodes")
    if budget is not None:
        if _selected("QNT900", options):
            result.findings.append(over_budget(path, *budget))
        return result
    tree, error = None, None
    if b"\x00" not in data:
        tree, error = prefilter.parse(data)  # CPython's parse, done once: the gate and the vetting use it
        extra = tuple(options.hosts.extra_production | options.hosts.extra_sandbox)
        if error is None and not prefilter.may_report(tree, extra):
            return result  # CPython's AST shows nothing any rule could report: libcst is not needed
    try:
        module = _parse(data, tree, error, options.max_syntax_nodes)
    except _OverBudget as error:
        if _selected("QNT900", options):
            result.findings.append(over_budget(path, "syntax nodes", error.limit, "max-syntax-nodes"))
        return result
    except _Unparsable as error:
        if _selected("QNT900", options):
            result.findings.append(unreadable(path, str(error)))
        return result
    _analyse(module, data, path, options, result)
    return result


#: CPython's own parse costs about 500 bytes of memory per byte of dense code (`x=1;` repeated:
#: 2 MB took 6 s and 1.2 GB) before any node can be counted; past this size the tokens are
#: counted first, which costs little and stops as soon as the budget is passed
_COUNT_TOKENS_FROM = 256 * 1024


def _tokens(data: bytes, enough: int) -> int:
    """How many tokens the module holds, counted up to `enough` + 1 (a string or a comment is
    one token). A tokenizer error stops the count: the parse that follows reports it."""
    import io
    import tokenize

    count = 0
    try:
        for _token in tokenize.tokenize(io.BytesIO(data).readline):
            count += 1
            if count > enough:
                break
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError, ValueError):
        pass
    return count


def _fstring_expressions(data: bytes, enough: int) -> int:
    """How many replacement fields (`{x}`, not `{{`) the f-strings hold: each is at least two
    syntax nodes. Only counted when the file has enough braces for the answer to matter.

    A scan from quote to quote with `find` (a regular expression with a repeated group keeps
    state per character: hundreds of MB on a long literal)."""
    if data.count(b"{") <= enough // 2:
        return 0
    count = 0
    position = 0
    size = len(data)
    search = re.compile(rb"[#'\"]").search
    while True:
        match = search(data, position)
        if match is None:
            return count
        start = match.start()
        if data[start] == 0x23:  # a comment, to the end of its line
            end = data.find(b"\n", start)
            position = size if end < 0 else end
            continue
        quote = data[start : start + 3] if data[start : start + 3] in (b'"""', b"'''") else data[start : start + 1]
        end = _string_end(data, start + len(quote), quote)
        prefix = data[max(0, start - 2) : start].lower()
        if b"f" in prefix:
            text = data[start:end]
            count += text.count(b"{") - 2 * text.count(b"{{")
        position = end


def _string_end(data: bytes, position: int, quote: bytes) -> int:
    """Where a string literal opened by `quote` ends (a single quote also ends at an unescaped
    line end); each byte is looked at a bounded number of times."""
    line_end = -1
    while True:
        at = data.find(quote, position)
        if len(quote) == 1:
            if line_end < position:
                line_end = data.find(b"\n", position)
                line_end = len(data) if line_end < 0 else line_end
            if at < 0 or at > line_end:
                at = line_end
        if at < 0:
            return len(data)
        before = at
        while before > position and data[before - 1] == 0x5C:  # the backslashes just before it
            before -= 1
        if (at - before) % 2:  # escaped: the string goes on
            position = at + 1
            continue
        return at if data[at : at + 1] == b"\n" else min(len(data), at + len(quote))


#: C stack for parsing and analysing: libcst's parser and visitors recurse once per nesting level
_STACK_SIZE = 256 * 1024 * 1024
_RECURSION_LIMIT = 12_000
_worker = None


class _BigStack:
    """One daemon thread with a large stack, fed one call at a time (two locks: the
    `concurrent.futures` import alone would cost more than the work on one small file)."""

    def __init__(self) -> None:
        import threading  # here, on the main thread: the module takes its importer for the main thread

        self.pid = os.getpid()  # a forked child has no such thread: it makes its own
        self._job = self._result = None
        self._ready = threading.Lock()
        self._done = threading.Lock()
        self._ready.acquire()
        self._done.acquire()
        previous = threading.stack_size(_STACK_SIZE)  # ValueError/RuntimeError: refused, the caller stays put
        try:
            threading.Thread(target=self._loop, name="qonto-lint", daemon=True).start()
        finally:
            threading.stack_size(previous)

    def _loop(self) -> None:
        while True:
            self._ready.acquire()
            function, args = self._job
            self._job = None
            try:
                self._result = (True, function(*args))
            except BaseException as error:  # re-raised on the calling thread
                self._result = (False, error)
            self._done.release()

    def run(self, function, args):
        self._job = (function, args)
        self._ready.release()
        self._done.acquire()
        ok, value = self._result
        self._result = None
        if ok:
            return value
        raise value


def _on_big_stack(function, *args):
    """Run `function` in a worker thread with a large stack (created once per process)."""
    global _worker
    if _worker is None or (_worker is not False and _worker.pid != os.getpid()):
        import sys

        try:
            _worker = _BigStack()
        except (ValueError, RuntimeError):  # a platform that refuses the size: stay on this thread
            _worker = False
        if _worker is not False and sys.getrecursionlimit() < _RECURSION_LIMIT:
            sys.setrecursionlimit(_RECURSION_LIMIT)
    if _worker is False:
        return function(*args)
    return _worker.run(function, args)


class _Unparsable(Exception):
    pass


class _OverBudget(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _parse(data: bytes, tree=None, refused: BaseException | None = None, max_nodes: int = DEFAULT_MAX_SYNTAX_NODES):
    """libcst's module, vetted first with CPython's own parse of the same bytes (`tree`, or why
    CPython `refused` them)."""
    import libcst as cst

    if b"\x00" in data:
        raise _Unparsable("the file contains null bytes")
    deep = _may_nest_deeply(data)
    # libcst's parser crashes the process on nesting CPython itself refuses: CPython decides first.
    if deep and _is_nesting(refused):
        raise _Unparsable(_describe(refused))
    # libcst costs about 0.1 ms and a few KB per syntax node (12 s and 1.4 GB for a 2 MB module):
    # CPython's parse, a hundred times faster, counts the nodes first.
    if tree is not None:
        depth, nodes = _ast_size(tree, MAX_AST_DEPTH if deep else None, max_nodes)
        if depth > MAX_AST_DEPTH:
            raise _Unparsable(f"the file nests expressions more than {MAX_AST_DEPTH} levels deep")
        if nodes > max_nodes:
            raise _OverBudget(max_nodes)
    elif len(data) > 4 * max_nodes and _describe(refused):
        # Too big to count its nodes without CPython, which refused it: its reason is the answer
        # (libcst could read some newer syntax, but not at this size within the budget).
        raise _Unparsable(_describe(refused))
    try:
        return cst.parse_module(data)
    except cst.ParserSyntaxError as error:
        return _raise(
            _describe(refused)
            or f"the parser cannot read the file at line {error.raw_line}, column {error.raw_column + 1}, "
            "although Python accepts it"
        )
    except RecursionError:
        return _raise("the file is nested too deeply to parse")
    except (UnicodeDecodeError, LookupError) as error:
        return _raise(f"cannot decode the file ({error.__class__.__name__}: {error})".splitlines()[0][:200])
    except SyntaxError as error:  # from reading the encoding: a bad coding cookie, or not UTF-8 without one
        return _raise(f"cannot decode the file ({error.msg})".splitlines()[0][:200])
    except Exception as error:  # libcst raises plain exceptions for some inputs
        return _raise(f"cannot parse the file ({error.__class__.__name__})")


def _may_nest_deeply(data: bytes) -> bool:
    """Cheap signs that a file could nest thousands of levels deep (long lines, many lines or brackets)."""
    if data.count(b"\n") > 1500 or data.count(b"(") + data.count(b"[") + data.count(b"{") > 3000:
        return True
    return max(map(len, data.splitlines()), default=0) > 800


#: deeper than this (in CPython's AST), a file is reported as QNT900 instead of being analysed:
#: libcst's parser slows down sharply (and, far deeper, crashes) on such nesting
MAX_AST_DEPTH = 1500


def _is_nesting(error: BaseException | None) -> bool:
    """CPython refused the module for its nesting, not for its syntax."""
    if isinstance(error, (RecursionError, MemoryError)):
        return True
    return isinstance(error, SyntaxError) and "too many nested" in str(error.msg)


def _describe(error: BaseException | None) -> str | None:
    """CPython's account of why it could not parse the module: its line and column are the ones
    people expect. None when CPython parsed it (or failed for a reason libcst reports better)."""
    if isinstance(error, SyntaxError):
        column = f", column {error.offset}" if error.offset else ""
        return f"syntax error at line {error.lineno}{column}: {error.msg}"
    if isinstance(error, (RecursionError, MemoryError)):
        return "the file is nested too deeply to parse"
    return None


def syntax_nodes(data: bytes, enough: int) -> int | None:
    """How many nodes CPython's syntax tree of `data` has, counted up to `enough` + 1; None when
    CPython cannot parse it."""
    from . import prefilter

    tree, _error = prefilter.parse(data)
    return None if tree is None else _ast_size(tree, None, enough)[1]


def _ast_size(tree, max_depth: int | None, max_nodes: int) -> tuple[int, int]:
    """(depth, number of nodes) of CPython's AST, each counted until it passes its maximum
    (`max_depth` None: the depth is not wanted)."""
    import ast

    deepest = 0
    nodes = 0
    stack = [(tree, 1)]
    iter_child_nodes = ast.iter_child_nodes
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            break
        if max_depth is not None and depth > deepest:
            deepest = depth
            if deepest > max_depth:
                break
        stack.extend((child, depth + 1) for child in iter_child_nodes(node))
    return deepest, nodes


def _raise(message: str):
    raise _Unparsable(message)


def _selected(code: str, options: Options) -> bool:
    return options.select is None or code in options.select


def _analyse(module, data: bytes, path: str, options: Options, result: FileResult) -> None:
    findings, errors, _kept, _parents = analyse_module(module, path, options, data)
    result.findings.extend(findings)
    result.errors.extend(errors)


def analyse_module(module, path: str, options: Options, data: bytes | None = None):
    """Run the rules over a parsed module.

    Returns (findings sorted, internal errors, [(report, range)] kept after noqa, parents).
    The reports keep their libcst nodes and Fix objects, and `parents` maps each node
    to its parent, for `--fix`.
    """
    from .facts.analysis import Facts
    from .facts.collect import collect
    from .facts.evaluate import EvaluationBudgetExceeded
    from .rules import ALL_RULES

    errors: list[tuple[str, str]] = []
    try:
        facts = Facts(collect(module, "qonto" in path.lower(), options.hosts), assume_qonto=options.assume_qonto)
        facts.want_fixes = options.fixes
        facts.evaluator.budget = options.max_evaluation_steps
    except RecursionError:
        if _selected("QNT900", options):
            return [unreadable(path, "the file is nested too deeply to analyse")], errors, [], {}
        return [], errors, [], {}
    if len(facts.header_sites) > options.max_header_sites:  # each costs every rule and every pass of --fix
        if _selected("QNT900", options):
            return [over_budget(path, "header sites", options.max_header_sites, "max-header-sites")], errors, [], {}
        return [], errors, [], {}
    reports = []
    for rule_class in ALL_RULES:
        if not _selected(rule_class.CODE, options) or rule_class.CODE == "QNT900":
            continue
        try:
            reports.extend(rule_class().check(facts))
        except EvaluationBudgetExceeded as error:  # the file is skipped: what was found so far is dropped
            if _selected("QNT900", options):
                return [over_budget(path, "evaluation steps", error.budget, "max-evaluation-steps")], errors, [], {}
            return [], errors, [], {}
        except RecursionError:
            errors.append((rule_class.CODE, "the file is nested too deeply to analyse"))
        except Exception as error:  # one rule failing must not stop the others
            errors.append((rule_class.CODE, internal_reason(error)))
    if not reports:
        return [], errors, [], facts.c.parents
    try:
        findings, kept = _place(reports, module, path, data)
    except RecursionError:  # printing the tree back to find positions recurses once per nesting level
        if _selected("QNT900", options):
            return [unreadable(path, "the file is nested too deeply to analyse")], errors, [], {}
        return [], errors, [], {}
    return findings, errors, kept, facts.c.parents


def _place(reports, module, path: str, data: bytes | None = None):
    """Findings (sorted) and the kept reports with their ranges, after noqa."""
    from .positions import node_ranges

    wanted = [r.node for r in reports]
    for report in reports:
        if report.fix is not None and hasattr(report.fix, "edits"):
            wanted.extend(edit.node for edit in report.fix.edits)
    ranges = node_ranges(module, wanted)
    lines = _lines(module, data)
    findings = []
    kept = []
    seen = set()
    for report in reports:
        start_line, start_col, end_line, end_col = ranges.get(report.node, (1, 0, 1, 0))
        if _suppressed(lines, start_line, end_line, report.code):
            continue
        key = (report.code, start_line, start_col, report.message)
        if key in seen:
            continue
        seen.add(key)
        kept.append((report, (start_line, start_col, end_line, end_col)))
        findings.append(
            Finding(
                path,
                start_line,
                start_col + 1,
                report.code,
                report.message,
                end_line,
                end_col + 1,
                _fix_json(report.fix, ranges, module, lines),
                None,
                module.code_for_node(report.node),
            )
        )
    return sorted(findings), kept


def _lines(module, data: bytes | None) -> list[str]:
    """The source lines for `# noqa`: decoded from the bytes when at hand (cheaper than regenerating)."""
    if data is not None:
        try:
            return data.decode(module.encoding).splitlines()
        except (UnicodeDecodeError, LookupError):
            pass
    return module.code.splitlines()


def _fix_json(fix, ranges, module, lines=()):
    """A fix as ruff's JSON shows it; edit contents are masked like every other output."""
    if fix is None or not hasattr(fix, "edits"):
        return None
    from .masking import mask_edit

    edits = []
    for edit in fix.edits:
        if edit.node not in ranges:
            return None
        start_line, start_col, end_line, end_col = ranges[edit.node]
        edits.append(
            {
                "content": mask_edit(module.code_for_node(edit.replacement), lines),
                "location": {"row": start_line, "column": start_col + 1},
                "end_location": {"row": end_line, "column": end_col + 1},
            }
        )
    return {"applicability": "safe" if fix.safe else "unsafe", "message": fix.message, "edits": edits}


def noqa_codes(line: str) -> frozenset[str] | None:
    """None when the line has no noqa; an empty set for a bare `# noqa`."""
    match = re.search(_NOQA, line)
    if match is None:
        return None
    codes = match.group("codes")
    if not codes:
        return frozenset()
    return frozenset(code.upper() for code in re.split(r"[,\s]+", codes) if code)


def _suppressed(lines: list[str], start: int, end: int, code: str) -> bool:
    for number in {start, end}:
        if 1 <= number <= len(lines):
            codes = noqa_codes(lines[number - 1])
            if codes is None:
                continue
            if not codes or any(code.startswith(c) for c in codes):
                return True
    return False
