"""The gates of a JavaScript or TypeScript file, before any parse: the text gate, the size budgets and
minified code, each skipped file with one QNT900 finding that says why.

The Qonto code here is correct (no rule has anything to say about it), so that what is asserted is
the gate's answer whatever the JavaScript front end reports on a file it analyses.
"""

from __future__ import annotations

import base64
import json
import os
import random
import subprocess
from pathlib import Path

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.config import DEFAULT_MAX_FILE_SIZE
from qonto_lint.engine.gates import passes_gate
from qonto_lint.engine.javascript import LONG_LINE, minified_share, skip_reason
from qonto_lint.facts.hosts import HostTable

from ..helpers import run_cli

CLIENT = """\
import axios from "axios";

const QONTO_API = "https://thirdparty.qonto.com/v2";

export async function organization() {
  const response = await axios.get(`${QONTO_API}/organization`, {
    headers: { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` },
  });
  return response.data.organization;
}
"""


def module(index: int, body: str = "") -> str:
    """One webpack module as terser leaves it: short names, commas, arrow functions, no spaces."""
    return (
        f'{index}:(e,t,n)=>{{"use strict";n.r(t),n.d(t,{{default:()=>s{index}}});var o=n({index + 1}),'
        f'a=n.n(o);function s{index}(e){{const t=a().get("/api/items/"+e.id,{{params:{{page:e.page||1,'
        f"size:20}}}});return t.then(e=>e.data).catch(e=>{{throw console.error(e),e}})}}{body}}}"
    )


QONTO_MODULE = (
    ";const q=()=>fetch(`https://thirdparty.qonto.com/v2/organization`,{headers:{Authorization:"
    "`${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}`}}).then(e=>e.json())"
)


def bundle(modules: int, qonto: bool = True) -> str:
    """A minified production bundle: a banner, one line of webpack modules, the source map comment."""
    parts = [module(i, QONTO_MODULE if qonto and i == modules // 2 else "") for i in range(modules)]
    runtime = (
        "var r={};function n(e){var t=r[e];if(void 0!==t)return t.exports;var o=r[e]={exports:{}};"
        "return i[e](o,o.exports,n),o.exports}n.n=e=>{var t=e&&e.__esModule?()=>e.default:()=>e;return n.d(t,"
        "{a:t}),t};n.d=(e,t)=>{for(var o in t)n.o(t,o)&&!n.o(e,o)&&Object.defineProperty(e,o,{enumerable:!0,"
        "get:t[o]})};n.o=(e,t)=>Object.prototype.hasOwnProperty.call(e,t);n(0)"
    )
    return (
        "/*! For license information please see app.bundle.js.LICENSE.txt */\n"
        + "(()=>{var i={"
        + ",".join(parts)
        + "};"
        + runtime
        + "})();\n//# sourceMappingURL=app.bundle.js.map\n"
    )


def long_lined_source() -> str:
    """Hand-written TypeScript with long lines that are not minified: an inlined logo, a long union
    type, a long regular expression, a long translation table; most of its bytes are on them."""
    rng = random.Random(15)
    logo = base64.b64encode(bytes(rng.randrange(256) for _ in range(9000))).decode()
    countries = " | ".join(f'"{chr(65 + i // 26)}{chr(65 + i % 26)}"' for i in range(250))
    words = "|".join(f"merchant{i}" for i in range(120))
    labels = ", ".join(f'"label_{i}": "Libellé {i} (FR)"' for i in range(60))
    return (
        f'export const LOGO = "data:image/png;base64,{logo}";\n\n'
        f"export type Country = {countries};\n\n"
        f"export const MERCHANTS = /^(?:{words})$/i;\n\n"
        f"export const LABELS: Record<string, string> = {{{labels}}};\n\n" + CLIENT
    )


def qonto_lint(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    proc = run_cli(*args, cwd=cwd, input=stdin, env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in proc.stderr.decode("utf-8", "replace")
    return proc


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


def minified(path: str, share: int, size: int) -> str:
    return (
        f"{path}:1:1: QNT900 cannot analyse this file: skipped: minified code ({share}% of its {size} bytes are "
        f"on lines over {LONG_LINE} characters)"
    )


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    return root


# ------------------------------------------------------------------ the text gate


@pytest.mark.parametrize(
    "text",
    [
        "const key = process.env.QONTO_API_KEY;\n",
        "const key = import.meta.env.VITE_QONTO_SECRET_KEY;\n",
        'const key = Deno.env.get("QONTO_SECRET_KEY");\n',
        "const url = `https://thirdparty.Qonto.com/v2/${path}`;\n",
        "headers.set('Authorization', `${login}:${secret}`); // qonto\n",
    ],
)
def test_the_text_gate_finds_qonto_in_javascript_text(text):
    assert passes_gate(text.encode(), "src/api.ts", Options())


def test_the_text_gate_passes_a_qonto_path_and_a_configured_host_only():
    text = b"const url = `https://bank.example.com/v2/${path}`;\n"
    assert not passes_gate(text, "src/api.ts", Options())
    assert passes_gate(text, "src/qonto/api.ts", Options())
    assert passes_gate(text, "src/api.ts", Options(hosts=HostTable(frozenset({"bank.example.com"}), frozenset())))


def test_a_javascript_file_that_fails_the_text_gate_is_never_read_further():
    result = lint_source(bundle(400, qonto=False), "public/app.bundle.js")
    assert (result.findings, result.skipped, result.over_budget) == ([], True, False)
    # with the Qonto module in it, the same bundle is past the gate: then it is seen as minified
    result = lint_source(bundle(400), "public/app.bundle.js")
    assert [(f.line, f.column, f.code) for f in result.findings] == [(1, 1, "QNT900")]
    assert result.over_budget


# ------------------------------------------------------------------ minified code


def test_the_minified_bundle_is_seen_as_minified_and_the_long_lined_source_is_not():
    data = bundle(400).encode()
    assert minified_share(data) == 99
    assert minified_share(bundle(3).encode()) == 91  # three modules: its banner weighs more
    source = long_lined_source().encode()
    assert len(source) > 15_000 and max(map(len, source.splitlines())) > 12_000
    assert minified_share(source) is None
    assert minified_share(CLIENT.encode()) is None
    # each condition alone is not enough
    assert minified_share(b"const a = 1;\n" * 130 + b"f(a);" * 300 + b"\n") is None  # 1,500 of 3,191 bytes
    assert minified_share(b"const a = 1;\n" * 100 + b"f(a);" * 300 + b"\n") == 53  # 1,500 of 2,801 bytes
    assert minified_share(b"x" * 5000) is None  # no code in the long line
    assert minified_share(b"(" * 5000) is None  # no semicolon: a long regular expression
    assert minified_share(b"f(a);" * 1000) == 100
    assert minified_share(b"f(a);" * 1000 + b"\r" + b"f(a);" * 1000) == 99  # a lone CR ends a line


def test_only_javascript_and_typescript_files_are_checked_for_minified_code():
    dense = b"# qonto\n" + b"f(a);" * 1000 + b"\n"  # valid Python, one line of 5,000 characters
    assert minified_share(dense) == 99
    for path in ("gen_qonto.py", "gen_qonto.pyi", "-"):
        result = lint_source(dense, path)
        assert (result.findings, result.over_budget) == ([], False), path
    result = lint_source(dense, "gen_qonto.ts")
    assert [f.message for f in result.findings] == [
        "cannot analyse this file: skipped: minified code (99% of its 5009 bytes are on lines over 1000 characters)"
    ]


def test_a_minified_bundle_is_skipped_with_one_qnt900(tree):
    (tree / "public").mkdir()
    data = bundle(400).encode()
    (tree / "public" / "app.bundle.js").write_bytes(data)
    (tree / "public" / "vendor.bundle.js").write_bytes(bundle(400, qonto=False).encode())
    (tree / "src").mkdir()
    (tree / "src" / "assets.ts").write_text(long_lined_source())
    proc = qonto_lint(tree, "--isolated", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [minified("public/app.bundle.js", 99, len(data))]
    assert lines(proc.stderr)[0].startswith("Found 1 finding in 1 of 3 files (")
    proc = qonto_lint(tree, "--isolated", "--format", "json", "public/app.bundle.js")
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == [
        {
            "cell": None,
            "code": "QNT900",
            "end_location": {"column": 1, "row": 1},
            "filename": str(tree / "public" / "app.bundle.js"),
            "fix": None,
            "location": {"column": 1, "row": 1},
            "message": "cannot analyse this file: skipped: minified code "
            f"(99% of its {len(data)} bytes are on lines over 1000 characters)",
            "noqa_row": 1,
            "url": "https://github.com/qonto-lint/qonto-lint/blob/main/docs/rules.md#qnt900",
        }
    ]


def test_a_file_named_min_js_is_skipped_whatever_its_lines(tree):
    for name in ("qonto.min.js", "sdk.min.mjs", "legacy.min.cjs", "Upper.MIN.JS"):
        (tree / name).write_text(CLIENT)
    reason = "cannot analyse this file: skipped: minified code (its name ends in .min.js, .min.mjs or .min.cjs)"
    proc = qonto_lint(tree, "--isolated", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [
        f"legacy.min.cjs:1:1: QNT900 {reason}",
        f"qonto.min.js:1:1: QNT900 {reason}",
        f"sdk.min.mjs:1:1: QNT900 {reason}",
    ]
    # a walk takes the suffixes as written (as `.py`); a file named on the command line is read by
    # its suffix in any case
    proc = qonto_lint(tree, "--isolated", "Upper.MIN.JS")
    assert (proc.returncode, lines(proc.stdout)) == (1, [f"Upper.MIN.JS:1:1: QNT900 {reason}"])


def test_a_minified_bundle_on_standard_input_is_skipped_by_its_name_and_given_back_by_fix(tree):
    data = bundle(400).encode()
    proc = qonto_lint(tree, "--isolated", "--stdin-filename", "static/app.js", "-", stdin=data)
    assert proc.returncode == 1
    assert lines(proc.stdout) == [minified("static/app.js", 99, len(data))]
    proc = qonto_lint(tree, "--isolated", "--fix", "--stdin-filename", "static/app.js", "-", stdin=data)
    assert proc.returncode == 1
    assert proc.stdout == data
    assert lines(proc.stderr) == [minified("static/app.js", 99, len(data)), "Fixed 0 findings (1 remaining)."]
    # without a JavaScript name, standard input is Python: CPython's syntax error, not minified code
    proc = qonto_lint(tree, "--isolated", "-", stdin=data)
    assert lines(proc.stdout) == [
        "-:1:1: QNT900 cannot analyse this file: syntax error at line 1, column 1: invalid syntax"
    ]


def test_a_skipped_bundle_can_be_excluded_or_its_qnt900_ignored(tree):
    (tree / "public").mkdir()
    (tree / "public" / "app.bundle.js").write_text(bundle(400))
    (tree / "pyproject.toml").write_text('[tool.qonto-lint]\nextend-exclude = ["public"]\n')
    proc = qonto_lint(tree, ".")
    assert (proc.returncode, proc.stdout, lines(proc.stderr)) == (0, b"", ["All checks passed: 0 files (0 analysed)."])
    (tree / "pyproject.toml").write_text('[tool.qonto-lint.per-file-ignores]\n"*.bundle.js" = ["QNT900"]\n')
    proc = qonto_lint(tree, ".")
    assert (proc.returncode, proc.stdout) == (0, b"")
    proc = qonto_lint(tree, "--isolated", "--ignore", "QNT900", ".")
    assert (proc.returncode, proc.stdout) == (0, b"")


# ------------------------------------------------------------------ the size budgets


def test_a_javascript_file_over_max_file_size_is_skipped_when_read(tree):
    padding = "// " + "x" * 97 + "\n"
    big = CLIENT + padding * (DEFAULT_MAX_FILE_SIZE // len(padding))
    (tree / "qontoClient.ts").write_text(big)
    proc = qonto_lint(tree, "--isolated", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [
        f"qontoClient.ts:1:1: QNT900 cannot analyse this file: skipped: {len(big)} bytes is over the "
        f"{DEFAULT_MAX_FILE_SIZE}-byte limit (max-file-size)"
    ]
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-file-size = 100\n")
    proc = qonto_lint(tree, "--stdin-filename", "client.mjs", "-", stdin=CLIENT.encode())
    assert lines(proc.stdout) == [
        "client.mjs:1:1: QNT900 cannot analyse this file: skipped: standard input is over the 100-byte limit "
        "(max-file-size)"
    ]


def test_the_size_budgets_hold_for_text_given_directly():
    # an editor or the API gives the text, not a file: the same limits, the same reasons
    reason = skip_reason(CLIENT.encode(), "client.ts", Options(max_file_size=100))
    assert reason == f"skipped: {len(CLIENT)} bytes is over the 100-byte limit (max-file-size)"
    result = lint_source(CLIENT, "client.ts", Options(max_lines=9))
    assert [(f.line, f.column, f.code, f.message) for f in result.findings] == [
        (1, 1, "QNT900", "cannot analyse this file: skipped: more than 9 lines, the limit set by max-lines")
    ]
    assert skip_reason(CLIENT.encode(), "client.ts", Options(max_lines=10)) is None
    assert result.over_budget


def test_a_javascript_file_over_max_lines_is_skipped(tree):
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-lines = 9\n")
    (tree / "qonto.cjs").write_text(CLIENT)
    (tree / "short_qonto.cjs").write_text(CLIENT.replace("\n\n", "\n"))
    proc = qonto_lint(tree, ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [
        "qonto.cjs:1:1: QNT900 cannot analyse this file: skipped: more than 9 lines, the limit set by max-lines"
    ]
