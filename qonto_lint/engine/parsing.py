"""From bytes to libcst's module, within the file's budgets: the cheap counts done before any
parse, CPython's vetting of what libcst would choke on, the big-stack worker thread both parsers
run on, and the one-line reasons of a QNT900 finding."""

from __future__ import annotations

import os
import re
from _thread import get_ident as _thread_ident

from ..config import DEFAULT_MAX_SYNTAX_NODES
from ..model import Finding, Options

TYPE_CHECKING = False  # typing costs a fast run milliseconds to import; annotations only
if TYPE_CHECKING:
    from typing import Any


class Unparsable(Exception):
    """The file cannot be analysed; the text is the reason a QNT900 finding gives."""


class OverBudget(Exception):
    """The file costs more than one of its budgets allows: it is skipped with one QNT900
    finding naming the budget and the setting (in `[tool.qonto-lint]`) that raises it."""

    def __init__(self, what: str, limit: int, setting: str) -> None:
        super().__init__(what, limit, setting)
        self.what = what
        self.limit = limit
        self.setting = setting

    @property
    def reason(self) -> str:
        return f"skipped: more than {self.limit} {self.what}, the limit set by {self.setting}"

    def finding(self, path: str) -> Finding:
        return unreadable(path, self.reason)


def unreadable(path: str, reason: str) -> Finding:
    from ..masking import mask_text

    # a reason may quote the file (an encoding name, a name in a syntax error): masked like any output
    return Finding(path, 1, 1, "QNT900", f"cannot analyse this file: {mask_text(reason)}", 1, 1)


def internal_reason(error: BaseException) -> str:
    """An internal error in one line, for stderr: an exception's text may quote the source, so it is masked."""
    from ..masking import mask_text

    return mask_text(f"{error.__class__.__name__}: {error}".splitlines()[0])[:200]


# ---------------------------------------------------------------- budgets checked before any parse


def check_text_budgets(data: bytes, options: Options) -> None:
    """Raise OverBudget for a file whose text alone shows it is over a budget.

    Checked before any parse, which would cost what the budget refuses: every line costs
    libcst (blank and comment lines too), and CPython 3.11 reads each expression of an
    f-string from the f-string's start (quadratic in a long one)."""
    nodes = options.max_syntax_nodes
    if data.count(b"\n") + (not data.endswith(b"\n")) > options.max_lines:
        raise OverBudget("lines", options.max_lines, "max-lines")
    if 2 * _fstring_expressions(data, nodes) > nodes:
        raise OverBudget("syntax nodes", nodes, "max-syntax-nodes")
    if len(data) > _COUNT_TOKENS_FROM and _tokens(data, 2 * nodes) > 2 * nodes:
        raise OverBudget("tokens (two per syntax node)", 2 * nodes, "max-syntax-nodes")


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


# ---------------------------------------------------------------- the big-stack worker

#: C stack for parsing and analysing: libcst's parser and visitors recurse once per nesting level
_STACK_SIZE = 256 * 1024 * 1024
_RECURSION_LIMIT = 12_000
_worker: Any = None


class _BigStack:
    """One daemon thread with a large stack, fed one call at a time (two locks: the
    `concurrent.futures` import alone would cost more than the work on one small file)."""

    def __init__(self) -> None:
        import threading  # here, on the main thread: the module takes its importer for the main thread

        self.pid = os.getpid()  # a forked child has no such thread: it makes its own
        self._job: Any = None
        self._result: Any = None
        self._ready = threading.Lock()
        self._done = threading.Lock()
        self._ready.acquire()
        self._done.acquire()
        previous = threading.stack_size(_STACK_SIZE)  # ValueError/RuntimeError: refused, the caller stays put
        try:
            thread = threading.Thread(target=self._loop, name="qonto-lint", daemon=True)
            thread.start()
            self.ident = thread.ident
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


def on_big_stack(function, *args):
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
    if _worker is False or _worker.ident == _thread_ident():  # already on it (`--fix` lints its result)
        return function(*args)
    return _worker.run(function, args)


# ---------------------------------------------------------------- libcst's parse, vetted by CPython's


def libcst_parse(data: bytes | str):
    """`libcst.parse_module(data)` without libcst's per-node validation.

    Every node libcst builds checks its own fields (`CSTNode._validate`, from `__post_init__`): a
    guard for trees built by hand. The nodes of a parse come from libcst's own grammar, on text
    CPython has just accepted; the checks are a sixth of the parse's cost, and on a few valid
    modules they refuse what the parser built (`x = 1 if 1 else(lambda: 1)` raises TypeError).
    They are switched off for the parse only, and each node class's constructor is a plain one
    meanwhile (`plain_constructors`). Every libcst tree of the process is built on the one
    big-stack thread (`on_big_stack`), so no node built meanwhile by another thread escapes its
    checks; nodes built later (a fix's replacement, the fixer's own parses) are checked as usual."""
    import libcst as cst

    node_class = cst.CSTNode
    checked = node_class.__dict__["__post_init__"]
    if checked is _unchecked:  # a parse within a parse
        return cst.parse_module(data)
    global _parsed
    _parsed += len(data)
    constructors = plain_constructors() if _parsed >= _PLAIN_AFTER or _CONSTRUCTORS is not None else ()
    node_class.__post_init__ = _unchecked  # type: ignore[method-assign]
    for kind, _, plain in constructors:
        kind.__init__ = plain  # type: ignore[misc]
    try:
        return cst.parse_module(data)
    finally:
        for kind, own, _ in constructors:
            kind.__init__ = own  # type: ignore[misc]
        node_class.__post_init__ = checked  # type: ignore[method-assign]


def _unchecked(self) -> None:
    return None


#: (node class, its own constructor, the plain one), for libcst's public node classes
_CONSTRUCTORS: list[tuple[type, Any, Any]] | None = None
#: the plain constructors take about as long to build as they save on 25 KB of source: they are
#: built once the process has parsed this much (a hook's run on a small file never builds them)
_PLAIN_AFTER = 32_768
#: how much source this process has parsed with libcst (`libcst_parse`)
_parsed = 0
#: a default factory's argument not given (`plain_constructors`)
_NOT_GIVEN = object()


def plain_constructors() -> list[tuple[type, Any, Any]]:
    """A constructor for each of libcst's node classes that stores its fields and nothing else.

    libcst's parser builds each node by calling its class (`libcst.Name(value=..., lpar=...)`);
    the class's dataclass constructor stores each field with `object.__setattr__` (the nodes are
    frozen), then calls `__post_init__`, which the parse has switched off. The plain constructor
    takes the same parameters with the same defaults and stores each through the field's slot:
    8% of a large module's parse. A class whose fields are not all slots, or whose constructor's
    parameters are not its fields in order, keeps its own. Built once per process."""
    global _CONSTRUCTORS
    if _CONSTRUCTORS is None:
        import dataclasses

        import libcst as cst

        constructors = []
        for name in cst.__all__:
            kind = getattr(cst, name, None)
            # the class's own ancestry, not issubclass(): CSTNode is an ABC, and its check is slow
            if isinstance(kind, type) and cst.CSTNode in kind.__mro__ and "__init__" in kind.__dict__:
                plain = _plain_constructor(kind, dataclasses)
                if plain is not None:
                    constructors.append((kind, kind.__dict__["__init__"], plain))
        _CONSTRUCTORS = constructors
    return _CONSTRUCTORS


#: parameter count -> the code of a plain constructor taking that many (`_plain_constructor`)
_PLAIN_CODES: dict[int, Any] = {}


def _plain_constructor(kind: type, dataclasses: Any) -> Any:
    import types

    fields = getattr(kind, "__dataclass_fields__", None)
    own = kind.__dict__["__init__"]
    if not fields or "__slots__" not in kind.__dict__ or not isinstance(own, types.FunctionType):
        return None
    if any(field._field_type is dataclasses._FIELD_INITVAR for field in fields.values()):
        return None
    # a class variable is no field of the node's
    fields = [field for field in fields.values() if field._field_type is dataclasses._FIELD]
    names = tuple(field.name for field in fields)
    code = own.__code__
    if code.co_varnames[: code.co_argcount] != ("self", *names) or code.co_kwonlyargcount:
        return None
    if not all(field.init for field in fields):
        return None
    scope: dict[str, Any] = {"_NOT_GIVEN": _NOT_GIVEN}
    defaults: list[Any] = []
    for i, field in enumerate(fields):
        slot = next((base.__dict__[field.name] for base in kind.__mro__ if field.name in base.__dict__), None)
        if type(slot) is not types.MemberDescriptorType:
            return None
        scope[f"store{i}"] = slot.__set__
        if field.default is not dataclasses.MISSING:
            defaults.append(field.default)
        elif field.default_factory is not dataclasses.MISSING:
            scope[f"factory{i}"] = field.default_factory
            defaults.append(_NOT_GIVEN)
    template = _PLAIN_CODES.get(len(names))
    if template is None:
        template = _PLAIN_CODES[len(names)] = _plain_code(len(names))
    plain = types.FunctionType(
        template.replace(co_varnames=("self", *names), co_name="__init__", co_filename=code.co_filename),
        scope,
        "__init__",
        tuple(defaults) or None,
    )
    plain.__qualname__ = own.__qualname__
    return plain


def _plain_code(count: int) -> Any:
    """`def __init__(self, p0, p1, ...)` storing each parameter with `store<i>`, or for a field
    with a default factory, the factory's value when the parameter is not given."""
    lines = [f"def __init__(self{''.join(f', p{i}' for i in range(count))}):"]
    lines += [f"    store{i}(self, factory{i}() if p{i} is _NOT_GIVEN else p{i})" for i in range(count)]
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines + ["    return None\n"]), "<plain constructor>", "exec"), namespace)
    return namespace["__init__"].__code__


def parse(
    data: bytes,
    tree=None,
    refused: BaseException | None = None,
    max_nodes: int = DEFAULT_MAX_SYNTAX_NODES,
    size: tuple[int, int] | None = None,
):
    """libcst's module, vetted first with CPython's own parse of the same bytes (`tree`, or why
    CPython `refused` them; `size`: the tree's (depth, nodes) when already measured, by
    `_ast_size(tree, MAX_NESTING, max_nodes, data)`). Raises Unparsable, or OverBudget past
    `max_nodes` syntax nodes."""
    import libcst as cst

    if b"\x00" in data:
        raise Unparsable("the file contains null bytes")
    _vet(data, tree, refused, max_nodes, size)
    try:
        return libcst_parse(data)
    except cst.ParserSyntaxError as error:
        return _raise(
            _describe(refused)
            or f"the parser cannot read the file at line {error.raw_line}, column {error.raw_column + 1}, "
            "although Python accepts it"
        )
    except RecursionError:
        raise TooDeep(TOO_DEEP) from None
    except (UnicodeDecodeError, LookupError) as error:
        return _raise(f"cannot decode the file ({error.__class__.__name__}: {error})".splitlines()[0][:200])
    except SyntaxError as error:  # from reading the encoding: a bad coding cookie, or not UTF-8 without one
        return _raise(f"cannot decode the file ({error.msg})".splitlines()[0][:200])
    except Exception as error:  # libcst raises plain exceptions for some inputs
        return _raise(f"cannot parse the file ({error.__class__.__name__})")


def parse_vetted(data: bytes) -> Any:
    """libcst's module of `data` within a linted file's default budgets and vetted as one is: for
    a module the project view reads for its values. Raises as `parse` does."""
    from . import prefilter

    options = Options()
    check_text_budgets(data, options)
    tree, refused = prefilter.parse(data)
    return parse(data, tree, refused, options.max_syntax_nodes)


def _vet(data: bytes, tree, refused: BaseException | None, max_nodes: int, size: tuple[int, int] | None = None) -> None:
    """What CPython's parse tells before libcst's is tried."""
    # libcst's parser crashes the process on nesting CPython itself refuses: CPython decides first.
    # Every supported interpreter's CPython reads more than MAX_NESTING levels: a refusal for
    # nesting is a file over the budget, whichever interpreter runs.
    if _is_nesting(refused):
        raise TooDeep(_describe(refused) or TOO_DEEP)
    # libcst costs about 0.1 ms and a few KB per syntax node (12 s and 1.4 GB for a 2 MB module):
    # CPython's parse, a hundred times faster, counts the nodes first.
    if tree is not None:
        depth, nodes = _ast_size(tree, MAX_NESTING, max_nodes, data) if size is None else size
        if depth > MAX_NESTING:
            raise TooDeep(TOO_DEEP)
        if nodes > max_nodes:
            raise OverBudget("syntax nodes", max_nodes, "max-syntax-nodes")
    elif len(data) > 4 * max_nodes and _describe(refused):
        # Too big to count its nodes without CPython, which refused it: its reason is the answer
        # (libcst could read some newer syntax, but not at this size within the budget).
        raise Unparsable(_describe(refused))


def vet(data: bytes, max_nodes: int) -> None:
    """`_vet` with CPython's parse of `data` (for `--fix`, which parses each pass itself)."""
    from . import prefilter

    tree, refused = prefilter.parse(data)
    _vet(data, tree, refused, max_nodes)


#: How deep a module may nest, in libcst's levels, or it is one QNT900 finding (and not fixed).
#: libcst's visitors, transformers and code generation recurse once or more per level, and how far
#: each interpreter lets them go differs: 3.12 stops C-level recursion at a fixed count (libcst's
#: code generation passes through it once per level: about 740 levels, whatever the recursion
#: limit), 3.10, 3.11 and 3.13 follow the recursion limit, and CPython's own parse refuses from
#: about 3,000 levels (3.11, 3.12), 6,000 to 10,000 (3.13) or not at all (3.10). The budget is
#: measured here, on CPython's tree, below all of these: a file is analysed, or refused, alike on
#: every interpreter.
MAX_NESTING = 500
TOO_DEEP = f"the file nests more than {MAX_NESTING} levels deep"


class TooDeep(Unparsable):
    """The file nests more than MAX_NESTING levels."""


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
        return TOO_DEEP
    return None


def syntax_nodes(data: bytes, enough: int) -> int | None:
    """How many nodes CPython's syntax tree of `data` has, counted up to `enough` + 1; None when
    CPython cannot parse it."""
    from . import prefilter

    tree, _error = prefilter.parse(data)
    return None if tree is None else _ast_size(tree, None, enough)[1]


def _ast_size(tree, max_depth: int | None, max_nodes: int, data: bytes | None = None, gate=None) -> tuple[int, int]:
    """(depth, number of nodes) of CPython's AST, each counted until it passes its maximum
    (`max_depth` None: the depth is not wanted).

    The depth is libcst's: `a and b and c` is one node in CPython's tree and one level per operand
    in libcst's, and so are implicitly concatenated literals (counted in `data`, the source).

    With a `gate` (`prefilter.Gate`), the same walk also asks the AST gate's question of every node
    `ast.walk` would yield, and `gate.found` holds the answer (None when the walk stopped early)."""
    if max_depth is None:
        return 0, _count_nodes(tree, max_nodes)
    walk = _Walk(max_depth, max_nodes, data, gate)
    walk.run(tree)
    if gate is not None:
        gate.found = True if walk.found else (None if walk.stopped else False)
    return walk.deepest, walk.nodes


def _count_nodes(tree, enough: int) -> int:
    import ast

    nodes = 0
    stack = [tree]
    pop, push, extend = stack.pop, stack.append, stack.extend
    is_node, fields_of = ast.AST, _child_fields()
    while stack:
        node = pop()
        nodes += 1
        if nodes > enough:
            break
        for name in fields_of(type(node)):
            value = getattr(node, name, None)
            if type(value) is list:
                extend(item for item in value if isinstance(item, is_node))
            elif isinstance(value, is_node):
                push(value)
    return nodes


#: what the walk does with a node, by its class (one dict lookup a node); 0: only its children.
#: The gate asks about the first two only.
_CONSTANT, _OTHER_GATED, _JOINED, _BOOL_OP = 1, 2, 3, 4
_ROLES: dict[type, int] = {}
#: node class -> its fields that can hold nodes, in order
_FIELDS: dict[type, tuple[str, ...]] = {}
#: ASDL types of fields that never hold a node
_PRIMITIVE_TYPES = frozenset({"identifier", "string", "int", "constant"})


def _roles() -> dict[type, int]:
    if not _ROLES:
        import ast

        _ROLES.update({ast.Constant: _CONSTANT, ast.JoinedStr: _JOINED, ast.BoolOp: _BOOL_OP})
        _ROLES.update(dict.fromkeys((ast.keyword, ast.Attribute, ast.Name, ast.alias), _OTHER_GATED))
    return _ROLES


def _node_fields(kind: type) -> tuple[str, ...]:
    """The fields of an AST class that can hold nodes, in `_fields` order: all but those the
    class's ASDL signature (its docstring: `Name(identifier id, expr_context ctx)`) types as an
    identifier, a string, an int or a constant. A signature that does not name exactly the
    class's fields keeps them all (what `ast.iter_child_nodes` looks at)."""
    fields = tuple(getattr(kind, "_fields", ()))
    match = re.fullmatch(r"\w+\((.*)\)", (kind.__doc__ or "").strip())
    if fields and match is not None:
        typed = {}
        for part in match.group(1).split(", "):
            kind_of, _, name = part.partition(" ")
            typed[name] = kind_of
        if set(typed) == set(fields):
            fields = tuple(name for name in fields if typed[name].rstrip("?*") not in _PRIMITIVE_TYPES)
    _FIELDS[kind] = fields
    return fields


def _child_fields():
    fields_get = _FIELDS.get

    def fields_of(kind: type) -> tuple[str, ...]:
        names = fields_get(kind)
        return _node_fields(kind) if names is None else names

    return fields_of


class _Walk:
    """One walk over CPython's tree, in the order of a stack of `ast.iter_child_nodes` (which
    budget is passed first depends on it): the depth in libcst's levels, the node count and,
    with a gate, whether any node holds what a rule needs."""

    def __init__(self, max_depth: int, max_nodes: int, data: bytes | None, gate) -> None:
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.literals = _Literals(data) if data is not None else None
        self.gate = gate
        self.found = False
        self.stopped = False
        self.deepest = 0
        self.nodes = 0

    def run(self, tree) -> None:
        import ast

        max_depth, max_nodes, literals, gate = self.max_depth, self.max_nodes, self.literals, self.gate
        quotes = -1 if literals is None else literals.quotes  # `_Literals.parts` is 1 up to here
        checking = gate is not None
        roles_get, fields_get, is_node = _roles().get, _FIELDS.get, ast.AST
        deepest = nodes = 0
        stack = [(tree, 1)]
        pop, push = stack.pop, stack.append
        while stack:
            node, depth = pop()
            nodes += 1
            if nodes > max_nodes:
                self.stopped = True
                break
            kind = type(node)
            role = roles_get(kind, 0)
            if (role == _JOINED or (role == _CONSTANT and type(node.value) in (str, bytes))) and (
                quotes > 2 * (max_depth - depth)
            ):
                depth += literals.parts(node, max_depth - depth) - 1  # type: ignore[union-attr]
            if depth > deepest:
                deepest = depth
                if deepest > max_depth:
                    self.stopped = True
                    break
            if checking and 0 < role <= _OTHER_GATED and gate.matters(node, kind):
                self.found, checking = True, False
            if role == _BOOL_OP:  # libcst nests the operands: the first two deepest
                nodes += 1  # its operator, `And` or `Or`
                last = len(node.values)
                for i, value in enumerate(node.values):
                    push((value, depth + last - max(i, 1)))
                continue
            if role == _JOINED:  # its text and fields are not literals of their own
                nodes += self._fstring_inside(node, depth, push, checking)
                checking = checking and not self.found
                continue
            names = fields_get(kind)
            for name in _node_fields(kind) if names is None else names:
                value = getattr(node, name, None)
                if type(value) is list:
                    for item in value:
                        if isinstance(item, is_node):
                            push((item, depth + 1))
                elif isinstance(value, is_node):
                    push((value, depth + 1))
        self.deepest, self.nodes = deepest, nodes

    def _fstring_inside(self, node, depth: int, push, checking: bool) -> int:
        """How many nodes an f-string's parts are (its text, its fields and their format specs,
        which CPython before 3.12 places at the whole f-string); the expressions of its fields
        go on the stack with their depths. With the gate, its text parts are asked too."""
        import ast

        formatted = ast.FormattedValue
        count, pending = 0, [(node, depth)]
        while pending:
            joined, at = pending.pop()
            for value in joined.values:
                count += 1
                if type(value) is formatted:
                    push((value.value, at + 2))
                    if value.format_spec is not None:
                        count += 1
                        pending.append((value.format_spec, at + 2))
                elif checking and self.gate.matters(value, type(value)):
                    self.found, checking = True, False
        return count


class _Literals:
    """How many literals an implicit concatenation joins (libcst nests them one level each), read
    in the source text. Only a literal whose text could hold more than the levels left is read:
    each takes two quotes at least (`''""`), so in most files none is."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.quotes = data.count(b'"') + data.count(b"'")
        self.source: bytes | None = None
        self.starts: list[int] = []

    def parts(self, node, enough: int) -> int:
        if self.quotes <= 2 * enough:
            return 1
        if self.source is None:
            from itertools import accumulate

            self.source = _utf8(self.data)
            self.starts = list(accumulate(map(len, self.source.splitlines(keepends=True)), initial=0))
        try:
            start = self.starts[node.lineno - 1] + node.col_offset
            end = self.starts[node.end_lineno - 1] + node.end_col_offset
        except (IndexError, TypeError):
            return 1
        if end - start <= 2 * enough:
            return 1
        return _count_literals(self.source, start, end, enough + 1)


def _utf8(data: bytes) -> bytes:
    """The source as CPython's offsets count it: UTF-8, without a BOM."""
    import io
    import tokenize

    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    try:
        encoding, _lines = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data if encoding in ("utf-8", "utf-8-sig") else data.decode(encoding).encode("utf-8")
    except (SyntaxError, UnicodeError, LookupError):
        return data


def _count_literals(source: bytes, position: int, end: int, enough: int) -> int:
    """How many string literals follow each other in source[position:end], counted up to `enough` + 1."""
    count = 0
    while position < end and count <= enough:
        byte = source[position]
        if byte in b" \t\f\r\n\\":
            position += 1
            continue
        if byte == 0x23:  # a comment between two literals
            newline = source.find(b"\n", position, end)
            position = end if newline < 0 else newline
            continue
        quote_at = position
        while quote_at < end and source[quote_at] in b"rRbBuUfF":
            quote_at += 1
        if quote_at >= end or source[quote_at] not in b"'\"":
            position = quote_at + 1  # within a literal (quotes nested in an f-string): counted more, not less
            continue
        three = source[quote_at : quote_at + 3]
        quote = three if three in (b'"""', b"'''") else source[quote_at : quote_at + 1]
        position = _string_end(source, quote_at + len(quote), quote)
        count += 1
    return count


def _raise(message: str):
    raise Unparsable(message)
