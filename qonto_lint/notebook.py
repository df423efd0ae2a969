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
import json
import re
import warnings
from dataclasses import dataclass

from .engine import FileResult, Finding, Options, lint_source, passes_gate

SUFFIX = ".ipynb"

#: cell magics whose body is Python run in this kernel (the same set as ruff's)
PYTHON_CELL_MAGICS = frozenset({"capture", "debug", "prun", "pypy", "python", "python3", "time", "timeit"})

#: a line IPython would rewrite: a magic, a shell escape, a help query, an autocall escape,
#: or an assignment from a magic or a shell escape (`files = !ls`, `t = %timeit -o f()`)
_IPYTHON_LINE = re.compile(
    r"""^\s*(?:
        [%!?]                                  # %magic, !shell, !!shell, ?help, %%cell
      | [/,;](?=[A-Za-z_])                     # autocall: /f a, ,f a b, ;f a b
      | [A-Za-z_][\w.\[\]'", ]*\s*=\s*[%!]      # x = %magic / x = !cmd
      | .*[^\s?]\?\??\s*$                      # obj? / obj??
    )""",
    re.VERBOSE,
)


class NotebookError(Exception):
    """The file is not a notebook that can be analysed (one line, for QNT900)."""


@dataclass(frozen=True)
class Cell:
    number: int  # 1-based position in the notebook, all cell types counted
    source: str  # as written
    python: str  # the same lines with IPython syntax blanked; "" for a cell in another language
    error: str | None = None  # why `python` does not parse, when it does not


@dataclass(frozen=True)
class Notebook:
    cells: tuple[Cell, ...]  # code cells only
    python: bool  # False for a notebook whose kernel is another language
    prose: str = ""  # the markdown cells' text: a notebook's comments and docstrings


def is_notebook(path: str) -> bool:
    return path.lower().endswith(SUFFIX)


def parse(data: bytes | str) -> Notebook:
    """The code cells of a notebook (nbformat 4, or 3 with worksheets)."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError is a ValueError
        raise NotebookError(f"not a valid notebook: invalid JSON ({str(error).splitlines()[0][:120]})") from None
    except RecursionError:
        raise NotebookError("not a valid notebook: the JSON is nested too deeply") from None
    if not isinstance(document, dict):
        raise NotebookError("not a valid notebook: the JSON is not an object")
    raw_cells = document.get("cells")
    source_key = "source"
    if raw_cells is None and isinstance(document.get("worksheets"), list):  # nbformat 3
        raw_cells = [c for sheet in document["worksheets"] if isinstance(sheet, dict) for c in sheet.get("cells") or []]
        source_key = "input"
    if not isinstance(raw_cells, list):
        raise NotebookError("not a valid notebook: no list of cells")
    cells = []
    prose = []
    for number, raw in enumerate(raw_cells, start=1):
        if not isinstance(raw, dict) or raw.get("cell_type") not in ("code", "markdown"):
            continue
        source = raw.get(source_key if raw["cell_type"] == "code" else "source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise NotebookError(f"not a valid notebook: cell {number} has no source text")
        source = source.replace("\r\n", "\n").replace("\r", "\n")
        if raw["cell_type"] == "markdown":
            prose.append(source)
        else:
            cells.append(Cell(number, source, *python_source(source)))
    return Notebook(tuple(cells), _is_python(document), "\n".join(prose))


def _is_python(document: dict) -> bool:
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return True
    for table, key in (("language_info", "name"), ("kernelspec", "language")):
        value = metadata.get(table, {}).get(key) if isinstance(metadata.get(table), dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip().lower() in ("python", "python3", "ipython", "ipython3")
    return True


def syntax_error(source: str) -> str | None:
    """None when `source` parses as Python; otherwise where and why it does not."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences and the like: not our business
        try:
            ast.parse(source)
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
    if not source.strip() or syntax_error(source) is None:
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
        elif _IPYTHON_LINE.match(line):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + "pass")
        else:
            out.append(line)
            continue
        continued = line.rstrip().endswith("\\")
    python = "\n".join(out)
    return python, syntax_error(python)


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
    pieces: list[str] = []
    starts: list[tuple[int, Cell]] = []  # (first line of the cell in the joined module, cell)
    line = 1
    for cell in notebook.cells:
        if cell.error is not None:
            if qnt900:
                message = f"cannot analyse this cell: {cell.error}"
                result.findings.append(Finding(path, 1, 1, "QNT900", message, 1, 1, cell=cell.number))
            continue
        if not cell.python.strip():
            continue
        text = cell.python if cell.python.endswith("\n") else cell.python + "\n"
        starts.append((line, cell))
        pieces.append(text)
        line += text.count("\n")
    if pieces:
        # Markdown is to a notebook what comments are to a module: Qonto evidence (SPEC 2.3).
        # It goes after the last cell, as comments, so no cell's line numbers move.
        comments = "".join(f"# {line}\n" for line in notebook.prose.replace("\x00", "").splitlines())
        inner = lint_source(("".join(pieces) + comments).encode("utf-8"), path, options)
        result.errors.extend(inner.errors)
        result.skipped = inner.skipped
        result.findings.extend(_to_cell(f, starts) for f in inner.findings)
    else:
        result.skipped = not result.findings
    result.findings.sort(key=lambda f: (f.cell or 0, f.line, f.column, f.code))
    return result


def _to_cell(finding: Finding, starts: list[tuple[int, Cell]]) -> Finding:
    start, cell = starts[0]
    for candidate_start, candidate in starts:
        if candidate_start <= finding.line:
            start, cell = candidate_start, candidate
        else:
            break
    offset = start - 1
    end_line = finding.end_line - offset if finding.end_line else 0
    return finding.replace(
        line=max(1, finding.line - offset),
        end_line=max(0, end_line),
        cell=cell.number,
        fix=_fix_to_cell(finding.fix, offset),
    )


def _fix_to_cell(fix, offset: int):
    """A ruff-style fix (`edits` with `location.row`) with rows counted inside the cell."""
    if not (isinstance(fix, dict) and isinstance(fix.get("edits"), list)):
        return fix
    edits = []
    for edit in fix["edits"]:
        edit = dict(edit)
        for key in ("location", "end_location"):
            if isinstance(edit.get(key), dict) and isinstance(edit[key].get("row"), int):
                edit[key] = {**edit[key], "row": max(1, edit[key]["row"] - offset)}
        edits.append(edit)
    return {**fix, "edits": edits}


def cell_lines(data: bytes) -> dict[int, list[str]]:
    """Each code cell's source lines, by cell number (for the `full` format)."""
    try:
        return {cell.number: cell.source.split("\n") for cell in parse(data).cells}
    except NotebookError:
        return {}


def fix_notebook(data: bytes, path: str, options: Options, *, unsafe: bool = False):
    """Apply fixes inside a notebook's code cells; every other field of the JSON stays as it was.

    Returns (new bytes, fixes applied). Cells holding IPython syntax are left untouched, and
    so is the whole notebook when a fix would change how many lines a cell has.
    """
    from .fixer import FixError, fix_source

    try:
        document = json.loads(data)
        notebook = parse(data)
    except (ValueError, NotebookError, RecursionError):
        raise FixError(f"{path} is not a notebook that can be fixed") from None
    if not notebook.python:
        return data, 0
    pieces, spans = [], []
    line = 0
    for cell in notebook.cells:
        if cell.error is not None or not cell.python.strip():
            continue
        text = cell.python if cell.python.endswith("\n") else cell.python + "\n"
        count = text.count("\n")
        spans.append((cell, line, count, text))
        pieces.append(text)
        line += count
    if not pieces:
        return data, 0
    comments = "".join(f"# {line}\n" for line in notebook.prose.replace("\x00", "").splitlines())
    joined = "".join(pieces) + comments
    outcome = fix_source(joined.encode("utf-8"), path, options, unsafe=unsafe)
    if not outcome.changed:
        return data, 0
    fixed_lines = outcome.fixed.decode("utf-8").splitlines(keepends=True)
    if len(fixed_lines) != len(joined.splitlines(keepends=True)):
        raise FixError(f"{path}: a fix would change the number of lines of a cell; not fixed")
    new_sources = {}
    for cell, start, count, text in spans:
        new_text = "".join(fixed_lines[start : start + count])
        if new_text == text:
            continue
        if cell.python != cell.source:
            continue  # IPython syntax in the cell: leave it as written
        if not cell.source.endswith("\n"):
            new_text = new_text[:-1] if new_text.endswith("\n") else new_text
        new_sources[cell.number] = new_text
    if not new_sources:
        return data, 0
    raw_cells = document.get("cells")
    key = "source"
    if raw_cells is None:  # nbformat 3
        raw_cells = [c for sheet in document.get("worksheets", []) for c in sheet.get("cells") or []]
    for number, raw in enumerate(raw_cells, start=1):
        if number in new_sources:
            field = "input" if "cells" not in document and raw.get("cell_type") == "code" else key
            new_text = new_sources[number]
            raw[field] = new_text.splitlines(keepends=True) if isinstance(raw.get(field), list) else new_text
    text = data.decode("utf-8")
    indent = _json_indent(text)
    out = json.dumps(document, indent=indent, ensure_ascii=False)
    if text.endswith("\n"):
        out += "\n"
    return out.encode("utf-8"), outcome.applied


def _json_indent(text: str) -> int | None:
    for line in text.splitlines()[1:3]:
        stripped = line.lstrip(" ")
        if stripped != line:
            return len(line) - len(stripped)
    return None
