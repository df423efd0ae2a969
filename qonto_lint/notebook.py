"""Jupyter notebooks: the code cells become one module, findings go back to their cells.

The code cells are joined in order into one module, so a base URL defined in cell 1
is evidence for the header built in cell 4, as when the notebook runs. IPython syntax
that is not Python (`%magic`, `!shell`, `x = !ls`, `obj?`, a `%%bash` cell) is blanked
line by line, so line numbers inside each cell stay those the user sees. A cell that
is still not Python gets its own QNT900 and the other cells are analysed. Cells are
numbered from 1 in notebook order, markdown cells included (as editors number them).
"""

from __future__ import annotations

import ast
import bisect
import json
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from .engine import lint_source, passes_gate
from .masking import mask_text
from .model import FileResult, Finding, Options

SUFFIX = ".ipynb"

#: cell magics whose body is Python run in this kernel (the same set as ruff's)
PYTHON_CELL_MAGICS = frozenset({"capture", "debug", "prun", "pypy", "python", "python3", "time", "timeit"})

#: first characters of a line IPython hands to a magic, the shell or the help system
_ESCAPES = frozenset("%!?")
#: the characters `[\w.\[\]'", ]` of an assignment target before `= %magic` / `= !cmd`
_TARGET_PUNCTUATION = frozenset(".[]'\", ")


def _is_ipython_line(line: str) -> bool:
    """A line IPython would rewrite: a magic, a shell escape, a help query, an autocall escape,
    or an assignment from a magic or a shell escape (`files = !ls`, `t = %timeit -o f()`).

    Written as one pass over the line rather than a regular expression: the natural pattern
    (an assignment target of names, dots, brackets, quotes and spaces, then optional spaces and
    `=`) has quantifiers that overlap on spaces and backtracks quadratically on a long line.
    """
    stripped = line.lstrip()
    if not stripped:
        return False
    first = stripped[0]
    if first in _ESCAPES:
        return True  # %magic, %%cell, !shell, !!shell, ?help
    if first in "/,;" and len(stripped) > 1 and _ascii_name_start(stripped[1]):
        return True  # autocall: /f a, ,f a b, ;f a b
    if _ascii_name_start(first):
        end = 1
        while end < len(stripped) and (
            stripped[end].isalnum() or stripped[end] == "_" or stripped[end] in _TARGET_PUNCTUATION
        ):
            end += 1
        rest = stripped[end:].lstrip()
        if rest.startswith("=") and rest[1:].lstrip()[:1] in ("%", "!"):
            return True  # x = %magic / x = !cmd
    # obj? / obj??: one or two question marks after something that is not a space
    text = stripped.rstrip()
    marks = len(text) - len(text.rstrip("?"))
    return marks in (1, 2) and len(text) > marks and not text[-marks - 1].isspace()


def _ascii_name_start(char: str) -> bool:
    return char == "_" or ("a" <= char <= "z") or ("A" <= char <= "Z")


class NotebookError(Exception):
    """The file is not a notebook that can be analysed (one line, for QNT900)."""


@dataclass(frozen=True)
class Cell:
    number: int  # 1-based position in the notebook, all cell types counted
    source: str  # as written (a character that is not Unicode shown as U+FFFD)
    python: str  # the same lines with IPython syntax blanked; "" for a cell in another language
    error: str | None = None  # why `python` does not parse, when it does not


@dataclass(frozen=True)
class Notebook:
    cells: tuple[Cell, ...]  # code cells only, and the other cells that cannot be read (with `error`)
    python: bool  # False for a notebook whose kernel is another language
    prose: str = ""  # the markdown cells' text: a notebook's comments and docstrings
    #: the JSON as loaded, for writing fixed cells back without loading it again
    document: Any = field(default=None, compare=False, repr=False)


def is_notebook(path: str) -> bool:
    return path.lower().endswith(SUFFIX)


#: a lone surrogate: valid in JSON (`"\ud800"`), not Unicode, so no Python source can hold it
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse(data: bytes | str) -> Notebook:
    """The code cells of a notebook (nbformat 4, or 3 with worksheets).

    A notebook whose shape is wrong as a whole raises NotebookError; a cell that cannot be
    read comes back with its `error`, so that the other cells are still analysed.
    """
    document = _load(data)
    if not isinstance(document, dict):
        raise NotebookError("not a valid notebook: the JSON is not an object")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences and the like: not our business
        cells, prose = _read_cells(document)
    return Notebook(tuple(cells), _is_python(document), "\n".join(prose), document)


def _read_cells(document: dict) -> tuple[list[Cell], list[str]]:
    cells = []
    prose = []
    for number, raw, source_key in _raw_cells(document):
        if not isinstance(raw, dict) or raw.get("cell_type") not in ("code", "markdown"):
            continue
        code = raw["cell_type"] == "code"
        source = _source_text(raw.get(source_key if code else "source", ""))
        if source is None:
            cells.append(Cell(number, "", "", "its source is not text (a string or a list of strings)"))
            continue
        source = source.replace("\r\n", "\n").replace("\r", "\n")
        surrogate = _SURROGATE.search(source)
        if not code:
            prose.append(_SURROGATE.sub("\ufffd", source) if surrogate else source)
        elif surrogate:
            before = source[: surrogate.start()]
            line, column = before.count("\n") + 1, surrogate.start() - before.rfind("\n")
            escape = f"\\u{ord(surrogate.group()):04x}"
            reason = f"line {line}, column {column} holds {escape}, a lone surrogate that is not a character"
            cells.append(Cell(number, _SURROGATE.sub("\ufffd", source), "", reason))
        else:
            cells.append(Cell(number, source, *_python_source(source)))
    return cells, prose


#: How deep a notebook's JSON may nest. The JSON decoder recurses once per level as far as the
#: interpreter lets it (the recursion limit on 3.10 and 3.11, a fixed count of C calls on 3.12 and
#: 3.13, about 1,500 levels on 3.12): it runs on the big-stack worker, and this budget, below every
#: interpreter's limit there, decides alike everywhere.
MAX_JSON_NESTING = 1000
_TOO_DEEP = f"not a valid notebook: the JSON nests more than {MAX_JSON_NESTING} levels deep"


def _load(data: bytes | str):
    from .engine import on_big_stack

    try:
        document = on_big_stack(_decode, data)
    except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError is a ValueError
        raise NotebookError(f"not a valid notebook: invalid JSON ({str(error).splitlines()[0][:120]})") from None
    except RecursionError:
        raise NotebookError(_TOO_DEEP) from None
    # each level opens a bracket: a notebook with few cannot be too deep (most have far fewer)
    brackets = data.count(b"[") + data.count(b"{") if isinstance(data, bytes) else data.count("[") + data.count("{")
    if brackets > MAX_JSON_NESTING and _too_deep(document):
        raise NotebookError(_TOO_DEEP)
    return document


def _decode(data: bytes | str):
    return json.loads(data, parse_int=_integer)


def _too_deep(document) -> bool:
    """The decoded JSON nests more than MAX_JSON_NESTING levels."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_NESTING:
            return True
        if type(value) is dict:
            stack.extend((item, depth + 1) for item in value.values())
        elif type(value) is list:
            stack.extend((item, depth + 1) for item in value)
    return False


def _integer(digits: str) -> int | str:
    # Python refuses to convert an integer of more than 4,300 digits (and the conversion is
    # quadratic): such a number, in an output or the metadata, stays text and the cells are read.
    return int(digits) if len(digits) <= 4000 else digits


def _raw_cells(document: dict):
    """(number, cell as loaded, key of a code cell's source) for every cell, in notebook order."""
    raw_cells = document.get("cells")
    if raw_cells is None and isinstance(document.get("worksheets"), list):  # nbformat 3
        raw_cells = []
        for index, sheet in enumerate(document["worksheets"], start=1):
            sheet_cells = sheet.get("cells") if isinstance(sheet, dict) else None
            if sheet_cells is None:
                continue
            if not isinstance(sheet_cells, list):
                raise NotebookError(f"not a valid notebook: worksheet {index} has no list of cells")
            raw_cells.extend(sheet_cells)
        return [(number, raw, "input") for number, raw in enumerate(raw_cells, start=1)]
    if not isinstance(raw_cells, list):
        raise NotebookError("not a valid notebook: no list of cells")
    return [(number, raw, "source") for number, raw in enumerate(raw_cells, start=1)]


def _source_text(source) -> str | None:
    """A cell's `source` as one string (nbformat stores a string or a list of lines); None if neither."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(piece, str) for piece in source):
        return "".join(source)
    return None


def _is_python(document: dict) -> bool:
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return True
    for table, key in (("language_info", "name"), ("kernelspec", "language")):
        value = metadata.get(table, {}).get(key) if isinstance(metadata.get(table), dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip().lower() in ("python", "python3", "ipython", "ipython3")
    return True


def _syntax_error(source: str) -> str | None:
    """None when `source` parses as Python; otherwise where and why it does not.

    The caller silences warnings (invalid escapes and the like), once per notebook rather
    than once per cell: a notebook may have 100,000 cells."""
    if "\x00" in source:  # a SyntaxError from 3.11 on, a ValueError on 3.10: said alike
        return "syntax error at line 1, column 1: source code string cannot contain null bytes"
    try:
        compile(source, "<cell>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as error:
        return f"syntax error at line {error.lineno or 1}, column {error.offset or 1}: {error.msg}"
    except (ValueError, RecursionError, MemoryError) as error:
        return f"cannot parse the cell ({error.__class__.__name__})"
    return None


def python_source(source: str) -> tuple[str, str | None]:
    """The cell as Python with the same lines, and why it does not parse (None: it does).

    Valid Python is returned untouched (so `x = (1\\n%2)` keeps its modulo); only a
    cell that does not parse has its IPython lines blanked. A cell magic that runs
    another language (`%%bash`, `%%writefile`) gives "" and no error.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences and the like: not our business
        return _python_source(source)


def _python_source(source: str) -> tuple[str, str | None]:
    if not source.strip() or _syntax_error(source) is None:
        return source, None
    lines = source.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if lines[first].lstrip().startswith("%%"):
        name = lines[first].lstrip()[2:].split(None, 1)[0] if lines[first].lstrip()[2:].strip() else ""
        if name not in PYTHON_CELL_MAGICS:
            return "", None  # %%bash, %%html, %%writefile...: not Python that runs here
        lines[first] = ""
    out = []
    continued = False
    for line in lines:
        if continued:  # the rest of a magic continued with a backslash
            out.append("")
        elif _is_ipython_line(line):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + "pass")
        else:
            out.append(line)
            continue
        continued = line.rstrip().endswith("\\")
    python = "\n".join(out)
    return python, _syntax_error(python)


def lint_notebook(data: bytes, path: str, options: Options | None = None) -> FileResult:
    """Lint a notebook's code cells; findings carry `cell` and lines inside that cell."""
    options = options or Options()
    result = FileResult(path)
    if not passes_gate(data, path, options):
        result.skipped = True
        return result
    qnt900 = options.select is None or "QNT900" in options.select
    try:
        notebook = parse(data)
    except NotebookError as error:
        if qnt900:
            result.findings.append(Finding(path, 1, 1, "QNT900", f"cannot analyse this file: {error}", 1, 1))
        return result
    if not notebook.python:
        result.skipped = True
        return result
    for cell in notebook.cells:
        if cell.error is not None and qnt900:
            # a syntax error's text may quote the cell: masked like any output
            message = f"cannot analyse this cell: {mask_text(cell.error)}"
            result.findings.append(Finding(path, 1, 1, "QNT900", message, 1, 1, cell=cell.number))
    joined = JoinedNotebook(notebook)
    if joined.spans:
        inner = lint_source(joined.source.encode("utf-8"), path, options)
        result.errors.extend(inner.errors)
        result.skipped = inner.skipped
        result.over_budget = inner.over_budget
        result.findings.extend(joined.to_cell(f) for f in inner.findings)
    else:
        result.skipped = not result.findings
    result.findings.sort(key=lambda f: (f.cell or 0, f.line, f.column, f.code))
    return result


class CellLinesChanged(Exception):
    """A fix would change how many lines a cell has: the notebook is left as it is."""


class JoinedNotebook:
    """The code cells joined into one module, and the way back: findings to their cells, the
    fixed module to each cell's new source."""

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook
        #: (cell, its first line in the module, 0-based; its number of lines; its text)
        self.spans: list[tuple[Cell, int, int, str]] = []
        pieces = []
        line = 0
        for cell in notebook.cells:
            if cell.error is not None or not cell.python.strip():
                continue
            text = cell.python if cell.python.endswith("\n") else cell.python + "\n"
            count = text.count("\n")
            self.spans.append((cell, line, count, text))
            pieces.append(text)
            line += count
        self._first_lines = [start + 1 for _cell, start, _count, _text in self.spans]
        # Markdown is to a notebook what comments are to a module: Qonto evidence. It goes after
        # the last cell, as comments, so no cell's line numbers move.
        comments = "".join(f"# {line}\n" for line in notebook.prose.replace("\x00", "").splitlines())
        self.source = "".join(pieces) + comments

    def to_cell(self, finding: Finding) -> Finding:
        """A finding of the module with its lines counted inside its cell."""
        # a binary search: a notebook of many cells with many findings stays linear
        cell, start, _count, _text = self.spans[max(0, bisect.bisect_right(self._first_lines, finding.line) - 1)]
        end_line = finding.end_line - start if finding.end_line else 0
        return finding.replace(
            line=max(1, finding.line - start),
            end_line=max(0, end_line),
            cell=cell.number,
            fix=None if finding.fix is None else finding.fix.moved_up(start),
        )

    def rewritten(self, data: bytes, fixed: str) -> bytes | None:
        """The notebook's bytes with the cells of `fixed` (the module, fixed) written back; None
        when no cell changes. In a cell holding IPython syntax only the Python lines change.
        Raises CellLinesChanged, or ValueError (and the like) when the file cannot be written
        back exactly."""
        # Lines end at "\n" only, as in the joined module (str.splitlines would also split at
        # a form feed or U+2028 inside a line, and shift every later cell).
        fixed_lines = fixed.split("\n")
        if len(fixed_lines) != len(self.source.split("\n")):
            raise CellLinesChanged
        new_sources = {}
        for cell, start, count, text in self.spans:
            new_text = "\n".join(fixed_lines[start : start + count]) + "\n"
            if new_text == text:
                continue
            if not cell.python.endswith("\n"):
                new_text = new_text[:-1]
            if cell.python != cell.source:
                with_ipython = _with_ipython_lines(cell, new_text)
                if with_ipython is None:
                    continue  # a fix touched a line that was IPython syntax: leave the cell as written
                new_text = with_ipython
            new_sources[cell.number] = new_text
        if not new_sources:
            return None
        return _rewrite(data, self.notebook.document, new_sources)


def cell_lines(data: bytes) -> dict[int, list[str]]:
    """Each code cell's source lines, by cell number (for the `full` format)."""
    try:
        return {cell.number: cell.source.split("\n") for cell in parse(data).cells}
    except NotebookError:
        return {}


def _with_ipython_lines(cell: Cell, new_python: str) -> str | None:
    """The fixed Python of a cell that holds IPython syntax, with its IPython lines as written
    (blanking keeps the lines, so they pair up); None when a fix changed a blanked line."""
    source_lines, python_lines, new_lines = cell.source.split("\n"), cell.python.split("\n"), new_python.split("\n")
    if not len(source_lines) == len(python_lines) == len(new_lines):
        return None
    out = []
    for source_line, python_line, new_line in zip(source_lines, python_lines, new_lines):
        if python_line == source_line:
            out.append(new_line)
        elif new_line == python_line:
            out.append(source_line)
        else:
            return None
    return "\n".join(out)


# ---------------------------------------------------------------- writing fixed cells back
#
# The JSON text is edited in place: only the characters of the source strings that a fix
# changed are replaced, encoded like the text around them. Line endings, indentation,
# separators, key order, escapes and every other cell stay byte for byte as they were,
# whichever tool wrote the notebook.

_WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, as the json module reads it
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)", re.DOTALL)
_LINE_END = re.compile(r"\r\n|\r|\n")
_DECODER = json.JSONDecoder(parse_int=len)  # only the end of each value is used: no number is converted


def _rewrite(data: bytes, document: dict, new_sources: dict[int, str]) -> bytes:
    """The notebook's bytes with the source of each cell in `new_sources` (number -> text
    with "\n" line ends) replaced; raises ValueError when that cannot be done exactly.
    `document` (`data` as loaded) becomes what the rewritten file must decode to."""
    encoding = _encoding(data)
    text = data.decode(encoding, "surrogatepass")
    if text.encode(encoding, "surrogatepass") != data:
        raise ValueError(f"the file does not round-trip through {encoding}")
    ascii_file = text.removeprefix("\ufeff").isascii()  # a file all in ASCII stays so
    located = _locate_sources(text, document)  # before `document` changes
    edits = []  # (start, end, replacement) in `text`
    expected = document
    expected_cells = {number: raw for number, raw, _key in _raw_cells(expected)}
    for number, new_text in new_sources.items():
        raw, field, tokens = located[number]
        old_pieces = [json.loads(text[a:b]) for a, b in tokens]
        new_pieces = _spread(old_pieces, new_text)
        for (a, b), old, new in zip(tokens, old_pieces, new_pieces, strict=True):
            if new != old:
                edits.append((a, b, _edit_token(text[a:b], old, new, ascii_file)))
        expected_cells[number][field] = new_pieces if isinstance(raw.get(field), list) else "".join(new_pieces)
    out = []
    position = 0
    for a, b, replacement in sorted(edits):
        out.append(text[position:a])
        out.append(replacement)
        position = b
    out.append(text[position:])
    new_text = "".join(out)
    new_data = new_text.encode(encoding, "surrogatepass")
    if not _same(_load(new_data), expected):
        raise ValueError("the edited JSON does not hold the fixed cells")
    return new_data


def _encoding(data: bytes) -> str:
    """The codec json.loads reads these bytes with, keeping a byte order mark as a character."""
    encoding = json.detect_encoding(data)
    if encoding == "utf-8-sig":
        return "utf-8"
    if encoding == "utf-16":
        return "utf-16-be" if data.startswith(b"\xfe\xff") else "utf-16-le"
    if encoding == "utf-32":
        return "utf-32-be" if data.startswith(b"\x00\x00\xfe\xff") else "utf-32-le"
    return encoding


def json_lines(data: bytes) -> list[str]:
    """A notebook's text in lines as `patch` reads them: ended by "\n" only (JSON strings may
    hold a raw U+2028 or form feed, where str.splitlines would also cut)."""
    try:
        text = data.decode(_encoding(data), "replace")
    except (LookupError, UnicodeError):
        text = data.decode("utf-8", "replace")
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _locate_sources(text: str, document: dict) -> dict[int, tuple[dict, str, list[tuple[int, int]]]]:
    """For each code cell: (the cell as loaded, its source key, the spans of the source's string
    tokens in `text`). The walk follows json.loads: the last of duplicate keys wins."""
    position = _skip(text, 1 if text.startswith("\ufeff") else 0)
    top = _members(text, position)
    if isinstance(document.get("cells"), list):
        cell_spans = _elements(text, top["cells"][0])
    else:
        cell_spans = []
        for (sheet_start, _end), sheet in zip(
            _elements(text, top["worksheets"][0]), document["worksheets"], strict=True
        ):
            if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list):
                cell_spans.extend(_elements(text, _members(text, sheet_start)["cells"][0]))
    located = {}
    for (number, raw, key), (cell_start, _end) in zip(_raw_cells(document), cell_spans, strict=True):
        if not isinstance(raw, dict) or raw.get("cell_type") != "code" or key not in raw:
            continue
        value_start, value_end = _members(text, cell_start)[key]
        if isinstance(raw[key], list):
            tokens = _elements(text, value_start)
        else:
            tokens = [(value_start, value_end)]
        located[number] = (raw, key, tokens)
    return located


def _skip(text: str, position: int) -> int:
    # the pattern matches the empty string: never None
    return _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]


def _value_end(text: str, position: int) -> int:
    return _DECODER.raw_decode(text, position)[1]


def _members(text: str, position: int) -> dict[str, tuple[int, int]]:
    """An object's keys and the spans of their values; `position` is at its `{`."""
    if text[position] != "{":
        raise ValueError("an object was expected")
    members: dict[str, tuple[int, int]] = {}
    position = _skip(text, position + 1)
    if text[position] == "}":
        return members
    while True:
        key, position = json.decoder.scanstring(text, position + 1)  # type: ignore[attr-defined]
        position = _skip(text, _skip(text, position) + 1)  # past the colon
        end = _value_end(text, position)
        members[key] = (position, end)
        position = _skip(text, end)
        if text[position] == "}":
            return members
        position = _skip(text, position + 1)  # past the comma


def _elements(text: str, position: int) -> list[tuple[int, int]]:
    """The spans of an array's elements; `position` is at its `[`."""
    if text[position] != "[":
        raise ValueError("an array was expected")
    spans: list[tuple[int, int]] = []
    position = _skip(text, position + 1)
    if text[position] == "]":
        return spans
    while True:
        end = _value_end(text, position)
        spans.append((position, end))
        position = _skip(text, end)
        if text[position] == "]":
            return spans
        position = _skip(text, position + 1)


def _spread(old_pieces: list[str], new_text: str) -> list[str]:
    """The new source cut into as many pieces as the old one (nbformat keeps a list of lines),
    with every old line end ("\r\n", "\r" or "\n") kept and each changed piece as small as it can be.

    `new_text` has the old source's lines, some with new content, and "\n" line ends.
    """
    old = "".join(old_pieces)
    ends = list(_LINE_END.finditer(old))
    new_lines = new_text.split("\n")
    if len(new_lines) != len(ends) + 1:
        raise ValueError("a fixed cell has another number of lines")
    # Each changed line becomes one replaced region (old start, old end, new text): its
    # unchanged head and tail stay where they were.
    regions = []
    line_start = 0
    for index, new_line in enumerate(new_lines):
        line_end = ends[index].start() if index < len(ends) else len(old)
        old_line = old[line_start:line_end]
        if old_line != new_line:
            head = _common_prefix(old_line, new_line)
            tail = _common_suffix(old_line[head:], new_line[head:])
            regions.append((line_start + head, line_end - tail, new_line[head : len(new_line) - tail]))
        line_start = ends[index].end() if index < len(ends) else len(old)
    new = []
    cursor = 0
    for start, end, replacement in regions:
        new.append(old[cursor:start])
        new.append(replacement)
        cursor = end
    new.append(old[cursor:])
    new_source = "".join(new)

    # Where each old piece boundary lands (both lists are in order: one sweep). A boundary
    # inside a replaced region goes to the region's end: the piece where the change starts takes it.
    moved_boundaries = []
    boundary = 0
    shift = 0
    index = 0
    for piece in [""] + old_pieces:
        boundary += len(piece)
        while index < len(regions) and regions[index][1] <= boundary and regions[index][0] < boundary:
            start, end, replacement = regions[index]
            shift += len(replacement) - (end - start)
            index += 1
        if index < len(regions) and regions[index][0] < boundary < regions[index][1]:
            start, _end, replacement = regions[index]
            moved_boundaries.append(start + shift + len(replacement))
        else:
            moved_boundaries.append(boundary + shift)
    return [new_source[a:b] for a, b in zip(moved_boundaries, moved_boundaries[1:])]


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b):
        if x != y:
            break
        size += 1
    return size


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _edit_token(token: str, old: str, new: str, ascii_file: bool) -> str:
    """The JSON string `token` (decoding to `old`) changed to decode to `new`: its raw text
    is kept outside the changed characters, which are encoded as the token or file writes them."""
    head = _common_prefix(old, new)
    tail = _common_suffix(old[head:], new[head:])
    offsets = _raw_offsets(token, [head, len(old) - tail])
    inner = token[1:-1]
    if not inner.isascii():
        ascii_style = False  # raw UTF-8 in this string: write it the same way
    elif _escapes_non_ascii(inner):
        ascii_style = True
    else:
        ascii_style = ascii_file
    middle = json.dumps(new[head : len(new) - tail], ensure_ascii=ascii_style)[1:-1]
    return token[: offsets[0]] + middle + token[offsets[1] :]


def _escapes_non_ascii(inner: str) -> bool:
    return any(len(escape.group()) == 6 and int(escape.group()[2:], 16) > 0x7F for escape in _ESCAPE.finditer(inner))


def _raw_offsets(token: str, wanted: list[int]) -> list[int]:
    """For each character offset in the decoded string (ascending), its offset in the raw token."""
    escapes = list(_ESCAPE.finditer(token, 1, len(token) - 1))
    found = []
    raw, decoded = 1, 0  # past the opening quote
    index = 0
    for target in wanted:
        while True:
            next_escape = escapes[index] if index < len(escapes) else None
            plain_end = next_escape.start() if next_escape else len(token) - 1
            if target <= decoded + (plain_end - raw):
                found.append(raw + (target - decoded))
                raw, decoded = found[-1], target
                break
            decoded += plain_end - raw
            assert next_escape is not None  # the target lies before the closing quote
            raw = next_escape.end()
            index += 1
            # a high and a low surrogate escape next to each other decode to one character
            if _is_surrogate_pair(next_escape, escapes[index] if index < len(escapes) else None):
                raw = escapes[index].end()
                index += 1
            decoded += 1
    return found


def _is_surrogate_pair(first, second) -> bool:
    if second is None or second.start() != first.end() or len(first.group()) != 6 or len(second.group()) != 6:
        return False
    return 0xD800 <= int(first.group()[2:], 16) <= 0xDBFF and 0xDC00 <= int(second.group()[2:], 16) <= 0xDFFF


def _same(a, b) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
