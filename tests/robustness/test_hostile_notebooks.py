"""Hostile notebooks through the command line: never an internal error, never a hang, and the
cells that can be read are analysed (and fixed) whatever the rest of the JSON holds.

Every notebook here holds `KNOWN`, a code cell with a fixable QNT304, beside the bad part: its
finding must still be reported, at the cell number the notebook gives it, unless the notebook as
a whole cannot be read (then one QNT900 for the file).
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qonto_lint.cli.lint import lint
from qonto_lint.notebook import MAX_JSON_NESTING

from ..helpers import run_cli

M304 = (
    "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
    "expose the key)"
)
URL = "http://thirdparty.qonto.com/v2"
KNOWN = {
    "cell_type": "code",
    "execution_count": 1,
    "metadata": {},
    "outputs": [],
    "source": ["import requests\n", f'QONTO_URL = "{URL}"\n'],
}
NAME = "qonto_nb.ipynb"


def qonto_lint(cwd: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    proc = run_cli("--isolated", *args, cwd=cwd, timeout=timeout)
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return proc


def known(cell: int) -> str:
    return f"{NAME}:cell {cell}:2:13: QNT304 [*] {M304}"


def cell900(cell: int, reason: str) -> str:
    return f"{NAME}:cell {cell}:1:1: QNT900 cannot analyse this cell: {reason}"


def file900(reason: str) -> str:
    return f"{NAME}:1:1: QNT900 cannot analyse this file: {reason}"


def nb(*cells, **top) -> str:
    return json.dumps({"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5, **top}, indent=1)


def md(source) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def code(source, **fields) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source, **fields}


def nested_metadata(lists: int) -> str:
    """A notebook whose metadata holds `lists` nested lists (built as text: the test's own
    interpreter may not decode it)."""
    return nb(KNOWN, metadata={"a": "nested"}).replace('"nested"', "[" * lists + "]" * lists, 1)


K = json.dumps(KNOWN)
NOT_TEXT = "its source is not text (a string or a list of strings)"

#: name: (the notebook's bytes, the lines expected on stdout)
HOSTILE = {
    # a lone surrogate escape is valid JSON but no character: where it cannot be read, QNT900
    "surrogate_in_markdown": (nb(md("\ud800 qonto notes"), KNOWN), [known(2)]),
    "surrogate_in_code": (
        nb(code(["x = 1\n", "y = '\udfff'\n"]), KNOWN),
        [cell900(1, "line 2, column 6 holds \\udfff, a lone surrogate that is not a character"), known(2)],
    ),
    "surrogate_in_output": (
        nb(code("x = 1\n", outputs=[{"output_type": "stream", "name": "stdout", "text": ["\ud83d\n"]}]), KNOWN),
        [known(2)],
    ),
    "surrogate_in_metadata": (
        nb(KNOWN, metadata={"title": "\udc00", "kernelspec": {"language": "python", "name": "\ud800"}}),
        [known(1)],
    ),
    "surrogate_in_a_key": (nb(code("x = 1\n", metadata={"\ud800": 1}), KNOWN), [known(2)]),
    # the same surrogate written as raw (CESU-8) bytes, which json.loads reads too
    "surrogate_as_raw_bytes": (
        nb(code("x = '@'\n"), KNOWN).replace("@", "\udbff").encode("utf-8", "surrogatepass"),
        [cell900(1, "line 1, column 6 holds \\udbff, a lone surrogate that is not a character"), known(2)],
    ),
    # wrong types at every level
    "worksheet_cells_not_a_list": (
        '{"worksheets": [{"cells": 7}], "nbformat": 3}',
        [file900("not a valid notebook: worksheet 1 has no list of cells")],
    ),
    "worksheet_not_an_object": (
        json.dumps({"worksheets": [7, {"cells": [{"cell_type": "code", "input": KNOWN["source"]}]}], "nbformat": 3}),
        [known(1)],
    ),
    "cells_not_a_list": ('{"cells": 7, "nbformat": 4}', [file900("not a valid notebook: no list of cells")]),
    "cells_an_object": (
        '{"cells": {"0": ' + K + '}, "nbformat": 4}',
        [file900("not a valid notebook: no list of cells")],
    ),
    "document_a_list": (f"[{K}]", [file900("not a valid notebook: the JSON is not an object")]),
    "document_null": ("null", [file900("not a valid notebook: the JSON is not an object")]),
    "cell_not_an_object": (nb(7, None, "code", [md("x")], KNOWN), [known(5)]),
    "cell_type_not_a_string": (nb({"cell_type": ["code"], "source": "x"}, {"cell_type": None}, KNOWN), [known(3)]),
    "source_a_number": (nb(code(7), KNOWN), [cell900(1, NOT_TEXT), known(2)]),
    "source_a_list_with_null": (nb(code(["x = 1\n", None]), KNOWN), [cell900(1, NOT_TEXT), known(2)]),
    "source_an_object": (nb(code({"a": "x"}), KNOWN), [cell900(1, NOT_TEXT), known(2)]),
    "markdown_source_not_text": (nb(md(["qonto", 3]), KNOWN), [cell900(1, NOT_TEXT), known(2)]),
    "metadata_a_list": (nb(KNOWN, metadata=[1, 2]), [known(1)]),
    "kernelspec_a_string": (nb(KNOWN, metadata={"kernelspec": "python", "language_info": 3}), [known(1)]),
    "language_a_number": (
        nb(KNOWN, metadata={"language_info": {"name": 3}, "kernelspec": {"language": None}}),
        [known(1)],
    ),
    "outputs_a_number": (nb(code("x = 1\n", outputs=5), KNOWN), [known(2)]),
    # odd but valid characters in a cell
    "null_character_in_code": (
        nb(code("x = 1\u0000\n"), KNOWN),
        [cell900(1, "syntax error at line 1, column 1: source code string cannot contain null bytes"), known(2)],
    ),
    "form_feed_and_line_separator": (nb(code(["\f\n", "s = '\u2028\x0b\x1c'\n"]), KNOWN), [known(2)]),
    # size and depth
    "deeply_nested_output": (
        nb(code("x = 1\n", outputs=[]), KNOWN).replace(
            '"outputs": []', '"outputs": ' + "[" * 100_000 + "]" * 100_000, 1
        ),
        [file900(f"not a valid notebook: the JSON nests more than {MAX_JSON_NESTING} levels deep")],
    ),
    "nested_metadata": (nb(KNOWN, metadata={"a": json.loads("[" * 500 + "]" * 500)}), [known(1)]),
    # at the budget and one level past it (the notebook is level 1, its metadata level 2), where the
    # interpreters' own limits differ (3.10 and 3.11: the recursion limit; 3.12: about 1,500 levels)
    "metadata_at_the_budget": (nested_metadata(MAX_JSON_NESTING - 2), [known(1)]),
    "metadata_past_the_budget": (
        nested_metadata(MAX_JSON_NESTING - 1),
        [file900(f"not a valid notebook: the JSON nests more than {MAX_JSON_NESTING} levels deep")],
    ),
    "huge_integer": (
        nb(code("x = 1\n", execution_count=0), KNOWN).replace(
            '"execution_count": 0', '"execution_count": ' + "9" * 50_000, 1
        ),
        [known(2)],
    ),
    "huge_output": (
        nb(code("x = 1\n", outputs=[{"output_type": "stream", "name": "stdout", "text": "é\ud800" * 200_000}]), KNOWN),
        [known(2)],
    ),
    "many_empty_cells": (nb(*[code("") for _ in range(20_000)], KNOWN), [known(20_001)]),
}


def test_hostile_notebooks_give_findings_or_one_qnt900(tmp_path):
    """One run over every notebook of the table (each in its own directory), then one `--fix` run."""
    originals = {}
    for name, (content, _expected) in HOSTILE.items():
        (tmp_path / name).mkdir()
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        (tmp_path / name / NAME).write_bytes(data)
        originals[name] = data
    proc = qonto_lint(tmp_path, ".")
    reported: dict[str, list[str]] = {name: [] for name in HOSTILE}
    for line in proc.stdout.decode().splitlines():
        name, _, rest = line.partition("/")
        reported[name].append(rest)
    assert reported == {name: expected for name, (_content, expected) in HOSTILE.items()}
    assert proc.returncode == 1
    # --fix changes the readable cell, and nothing else: every other byte stays
    proc = qonto_lint(tmp_path, "--fix", ".")
    assert proc.returncode == 1
    for name, (_content, expected) in HOSTILE.items():
        data = originals[name]
        if any(line.startswith(f"{NAME}:cell ") and "QNT304" in line for line in expected):
            data = data.replace(URL.encode(), b"https" + URL[4:].encode(), 1)
        assert (tmp_path / name / NAME).read_bytes() == data, name


# ------------------------------------------------------------------ a valid notebook, mutated

BASE = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["Calls to the Qonto API\n"]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {"tags": ["x"]},
            "outputs": [],
            "source": ["def f(a, b):\n", "    return a + b\n"],
        },
        KNOWN,
        {
            "cell_type": "code",
            "execution_count": 3,
            "metadata": {},
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}],
            "source": "%time f(1, 2)\n!ls\n",
        },
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}

_SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"])
_PIECES = st.one_of(
    st.characters(),
    _SURROGATES,
    st.sampled_from(["\n", "\r\n", "\r", "%%bash\n", "qonto", "\x00", "\u2028", "\\", '"']),
)
TEXT = st.lists(_PIECES, max_size=12).map("".join)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))


def _mutate(document, path, operation, value):
    """Replace, delete or insert at `path` (in place); returns the new document."""
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if operation == "delete":
        del parent[last]
    elif operation == "insert" and isinstance(parent, list):
        parent.insert(last, value)
    elif operation == "wrap":
        parent[last] = [parent[last]]
    else:
        parent[last] = value
    return document


KNOWN3 = {
    "cell_type": "code",
    "collapsed": False,
    "input": KNOWN["source"],
    "language": "python",
    "metadata": {},
    "outputs": [],
}
BASE3 = {  # nbformat 3: cells in worksheets, a code cell's source in `input`
    "metadata": {"name": "old"},
    "nbformat": 3,
    "nbformat_minor": 0,
    "worksheets": [
        {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "Qonto"}], "metadata": {}},
        {"cells": [{"cell_type": "code", "input": "x = 1", "outputs": []}, KNOWN3], "metadata": {}},
    ],
}


def _known_cell_number(document) -> int | None:
    """Where the known cell's finding must be reported, when the mutation left it readable."""
    if not isinstance(document, dict):
        return None
    if document.get("nbformat") == 3:
        if (
            document.get("metadata") != BASE3["metadata"]
            or "cells" in document
            or not isinstance(document.get("worksheets"), list)
        ):
            return None
        cells = []
        for sheet in document["worksheets"]:
            if isinstance(sheet, dict) and sheet.get("cells") is not None:
                if not isinstance(sheet["cells"], list):
                    return None
                cells.extend(sheet["cells"])
        known_cell = KNOWN3
    else:
        if document.get("metadata") != BASE["metadata"] or not isinstance(document.get("cells"), list):
            return None  # the kernel's language may have changed
        cells, known_cell = document["cells"], KNOWN
    for number, cell in enumerate(cells, start=1):
        if cell == known_cell:
            return number
    return None


STYLES = st.sampled_from(
    [
        {"indent": 1, "ensure_ascii": False},
        {"indent": 2, "ensure_ascii": True},
        {"indent": None, "separators": (",", ":")},
        {"indent": "\t", "ensure_ascii": False, "sort_keys": True},
    ]
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), style=STYLES, crlf=st.booleans())
def test_mutated_notebooks_never_give_an_internal_error(data, style, crlf):
    document = copy.deepcopy(data.draw(st.sampled_from([BASE, BASE3]), label="notebook"))
    paths = list(_paths(document))
    path = data.draw(st.sampled_from(paths), label="path")
    operation = data.draw(
        st.sampled_from(["replace", "delete", "insert", "wrap"]) if path else st.just("replace"), label="operation"
    )
    value = data.draw(JSON, label="value")
    document = _mutate(document, path, operation, value)
    text = json.dumps(document, **style)
    if crlf:
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8", "surrogatepass")
    number = _known_cell_number(document)
    runner = CliRunner()  # result.output holds stdout and stderr together: both are checked below
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / NAME
        target.write_bytes(raw)
        result = runner.invoke(lint, ["--isolated", str(target)], catch_exceptions=False)
        assert "internal error" not in result.output
        assert result.exit_code in (0, 1), result.output
        reported = [line for line in result.output.splitlines() if line.startswith(str(target))]
        assert all(
            re.fullmatch(rf"{re.escape(str(target))}:(cell \d+:)?\d+:\d+: QNT\d\d\d .*", line) for line in reported
        )
        if number is not None:
            assert f"{target}:cell {number}:2:13: QNT304 [*] {M304}" in reported
        result = runner.invoke(lint, ["--isolated", "--fix", str(target)], catch_exceptions=False)
        assert "internal error" not in result.output
        assert result.exit_code in (0, 1), result.output
        fixed = target.read_bytes()
        if number is not None and raw.count(URL.encode()) == 1:
            # the URL is fixed in place, and no other byte of the file changes
            assert fixed == raw.replace(URL.encode(), b"https" + URL[4:].encode())
        elif fixed != raw:
            before, after = json.loads(raw), json.loads(fixed)
            assert _without_sources(before) == _without_sources(after)


def _without_sources(document):
    if not isinstance(document, dict):
        return document
    document = copy.deepcopy(document)
    sheets = document.get("worksheets") if isinstance(document.get("worksheets"), list) else []
    for cells in [document.get("cells"), *(sheet.get("cells") for sheet in sheets if isinstance(sheet, dict))]:
        for cell in cells if isinstance(cells, list) else []:
            if isinstance(cell, dict):
                cell.pop("source", None)
                cell.pop("input", None)
    return document


# ------------------------------------------------------------------ no quadratic line matching


def test_a_long_line_that_is_not_python_is_linear(tmp_path):
    """A 300 KB line of spaces between two names: the IPython-syntax matching is one pass over
    it (it was a backtracking regular expression, quadratic in the line: 160 s here)."""
    source = "# qonto\na" + " " * 300_000 + "b\n"
    (tmp_path / NAME).write_text(nb(code(source), KNOWN))
    proc = qonto_lint(tmp_path, NAME, timeout=60)
    assert proc.stdout.decode().splitlines() == [
        cell900(1, "syntax error at line 2, column 300002: invalid syntax"),
        known(2),
    ]
    assert proc.returncode == 1


@pytest.mark.parametrize(
    "line",
    [
        "x" + " " * 200_000 + "y",
        " " * 200_000 + "x",
        "x?" + " " * 200_000 + "y",
        "a." * 100_000 + " = 1",
        "x =" + " " * 200_000 + "y",
        "?" * 200_000,
    ],
)
def test_long_lines_of_every_shape_are_linear(tmp_path, line):
    (tmp_path / NAME).write_text(nb(code(f"# qonto\n{line}\nf(\n"), KNOWN))
    proc = qonto_lint(tmp_path, NAME, timeout=60)
    out = proc.stdout.decode().splitlines()
    assert (
        out[-1] == known(2)
        and len(out) == 2
        and out[0].startswith(f"{NAME}:cell 1:1:1: QNT900 cannot analyse this cell: syntax error")
    )


#: the pattern the IPython lines were matched with: the line test must keep its meaning
_OLD_IPYTHON_LINE = re.compile(
    r"""^\s*(?:
        [%!?]
      | [/,;](?=[A-Za-z_])
      | [A-Za-z_][\w.\[\]'", ]*\s*=\s*[%!]
      | .*[^\s?]\?\??\s*$
    )""",
    re.VERBOSE,
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ_1é٣ \t\u3000\xa0\x0c=%!?/,;.[]'\"x(#")), max_size=12))
def test_ipython_line_test_means_what_the_pattern_meant(line):
    from qonto_lint.notebook import _is_ipython_line

    assert _is_ipython_line(line) == bool(_OLD_IPYTHON_LINE.match(line))
