"""Hostile JavaScript input: deep nesting, long chains, exponential constants, bytes that are not
text; and the import budget (tree_sitter only for a JavaScript file past the text gate)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qonto_lint import lint_source
from qonto_lint.model import Options

DATA = Path(__file__).resolve().parent / "data"
HEAD = "const QONTO = 'https://thirdparty.qonto.com/v2';\n"


def _constants(n: int) -> str:
    body = "const a0 = 'x';\n" + "".join(f"const a{i} = a{i - 1} + a{i - 1};\n" for i in range(1, n))
    return body + f"fetch(QONTO, {{ headers: {{ Authorization: a{n - 1} }} }});\n"


@pytest.mark.parametrize(
    "source",
    [
        HEAD + "const h = { Authorization: " + "(" * 5000 + "k" + ")" * 5000 + " };\n",
        HEAD + "const h = { Authorization: " + " + ".join(["k"] * 20000) + " };\n",
        HEAD + "const h = { Authorization: " + "`${" * 3000 + "k" + "}`" * 3000 + " };\n",
        HEAD + "fetch(QONTO, { headers: { Authorization: " + "a." * 20000 + "b } });\n",
        HEAD + _constants(60),
    ],
    ids=["parentheses", "plus", "templates", "member-chain", "doubling-constants"],
)
def test_hostile_shapes_are_linted_without_error(source):
    result = lint_source(source.encode(), "x.js", Options())
    assert (result.errors, [f.code for f in result.findings]) == ([], [])


DEEP = """
import sys
from qonto_lint import lint_source
n = 20000
shapes = {
    "arrays": "x = " + "[" * n + "]" * n + ";",
    "objects": "x = " + "{a: " * n + "1" + "}" * n + ";",
    "arrows": "x = " + "() => " * n + "1;",
    "auth-objects": "x = " + "{username: 1, password: 2, auth: " * n + "1" + "}" * n + ";",
}
for name, source in shapes.items():
    result = lint_source(("// qonto\\n" + source + "\\n").encode(), "x.js")
    print(name, result.errors, [f.code for f in result.findings])
"""


def test_deep_arrays_objects_and_arrows_are_linted_in_linear_time():
    # each node's parent comes from the walk: tree-sitter's own lookup searches down from the
    # root, and asking it of every nested array or object took minutes at this depth
    proc = subprocess.run([sys.executable, "-c", DEEP], capture_output=True, text=True, timeout=60)
    assert proc.stdout.splitlines() == [
        "arrays [] []",
        "objects [] []",
        "arrows [] []",
        "auth-objects [] []",
    ], proc.stderr


def test_bytes_that_are_not_text():
    result = lint_source(b"qonto \x00\xff\xfe" * 1000, "x.ts", Options())
    assert (result.errors, result.findings) == ([], [])


def test_the_evaluation_budget_skips_the_file_with_qnt900():
    result = lint_source((DATA / "every_rule.ts").read_bytes(), "x.ts", Options(max_evaluation_steps=10))
    assert [(f.line, f.column, f.code) for f in result.findings] == [(1, 1, "QNT900")]
    assert result.over_budget


def test_the_line_budget_skips_the_file_with_qnt900():
    result = lint_source((DATA / "every_rule.ts").read_bytes(), "x.ts", Options(max_lines=5))
    assert [f.code for f in result.findings] == ["QNT900"]
    assert "max-lines" in result.findings[0].message


PROBE = """
import sys
from pathlib import Path
from qonto_lint import lint_source
lint_source(b"import requests\\nrequests.get('https://thirdparty.qonto.com/v2/x')\\n", "a.py")
lint_source(b"fetch('https://api.github.com', { headers: { Authorization: k } });\\n", "b.js")
print('tree_sitter' in sys.modules)
"""
JS_PROBE = """
import sys
from pathlib import Path
from qonto_lint import lint_source
for path in sorted(Path(sys.argv[1]).iterdir()):
    lint_source(path.read_bytes(), path.name)
print('tree_sitter' in sys.modules, 'libcst' in sys.modules)
"""


def test_tree_sitter_is_imported_only_for_a_javascript_file_past_the_gate():
    """And a JavaScript run needs no libcst: every rule reads the JavaScript facts without it."""
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["False"], proc.stderr
    proc = subprocess.run([sys.executable, "-c", JS_PROBE, str(DATA)], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["True", "False"], proc.stderr
