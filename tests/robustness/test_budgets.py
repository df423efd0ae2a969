"""Bounded work per file, through the command line: hostile but small modules are linted in linear
time, and what is still too big is skipped with one QNT900 finding that names the budget's setting.

No test measures time: each run has a subprocess timeout as a guard against a hang, well above what
the run takes and well below what the same input cost before the work was bounded.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ..helpers import run_cli

M101 = (
    "Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is (every 401 counts toward Qonto's "
    "200-per-hour throttle)"
)
HEAD = ["import requests", 'QONTO_URL = "https://thirdparty.qonto.com/v2"']
KNOWN = 'QONTO_URL = "http://thirdparty.qonto.com/v2"\n'
M304 = (
    "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
    "expose the key)"
)
KNOWN_LINE = f"z_known.py:1:13: QNT304 [*] {M304}"


def qonto_lint(cwd: Path, *args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    proc = run_cli(*args, cwd=cwd, input=stdin, timeout=timeout, env={**os.environ, "NO_COLOR": "1"})
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    return proc


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


def over(path: str, limit: int, what: str, setting: str) -> str:
    return f"{path}:1:1: QNT900 cannot analyse this file: skipped: more than {limit} {what}, the limit set by {setting}"


def functions(count: int) -> str:
    """A generated module: `count` small functions, each sending a Qonto header (30 syntax nodes each)."""
    out = list(HEAD)
    for i in range(count):
        out += [
            f"def f{i}(login, secret_key):",
            f'    return requests.get(QONTO_URL + "/x{i}", headers={{"Authorization": "Basic " + login + ":" + '
            f"secret_key}})",
        ]
    return "\n".join(out) + "\n"


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "z_known.py").write_text(KNOWN)
    return root


# ------------------------------------------------------------------ syntax nodes (the module's size)


def test_a_module_over_the_syntax_node_budget_is_skipped_and_the_run_goes_on(tree):
    # 4,000 functions: 120,000 syntax nodes, over the default 100,000 (libcst alone would take
    # several seconds and hundreds of MB here; a 2 MB module took minutes and 1.5 GB)
    (tree / "qonto_generated.py").write_text(functions(4000))
    proc = qonto_lint(tree, "--isolated", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [over("qonto_generated.py", 100000, "syntax nodes", "max-syntax-nodes"), KNOWN_LINE]


def test_the_syntax_node_budget_is_configurable(tree):
    (tree / "qonto_generated.py").write_text(functions(100))  # 3,007 syntax nodes
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-syntax-nodes = 3000\n")
    proc = qonto_lint(tree, ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [over("qonto_generated.py", 3000, "syntax nodes", "max-syntax-nodes"), KNOWN_LINE]
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-syntax-nodes = 3010\n")
    proc = qonto_lint(tree, ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [f"qonto_generated.py:{4 + 2 * i}:70: QNT101 [*] {M101}" for i in range(10)] + [
        f"qonto_generated.py:{4 + 2 * i}:71: QNT101 [*] {M101}" for i in range(10, 100)
    ] + [KNOWN_LINE]


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("max-syntax-nodes", "0", "'max-syntax-nodes' must be a positive number of syntax nodes, not 0"),
        ("max-syntax-nodes", "true", "'max-syntax-nodes' must be a positive number of syntax nodes, not True"),
        ("max-evaluation-steps", "-5", "'max-evaluation-steps' must be a positive number of steps, not -5"),
        ("max-evaluation-steps", '"many"', "'max-evaluation-steps' must be a positive number of steps, not 'many'"),
    ],
)
def test_a_bad_budget_is_a_one_line_error(tree, setting, value, message):
    (tree / "pyproject.toml").write_text(f"[tool.qonto-lint]\n{setting} = {value}\n")
    proc = qonto_lint(tree, ".")
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert lines(proc.stderr) == [f"qonto-lint: error: pyproject.toml: {message}"]


# ------------------------------------------------------------------ evaluation


def test_a_doubling_chain_costs_each_header_site_nothing_more(tree):
    # a0 = "ab"; a1 = a0 + a0; ... a13 = a12 + a12, then 1,000 sites: each site re-ran a full
    # evaluation (about 0.2 s a site, 204 s in all)
    source = [*HEAD, 'a0 = "ab"', *(f"a{i} = a{i - 1} + a{i - 1}" for i in range(1, 14))]
    source += ['requests.get(QONTO_URL, headers={"Authorization": "Basic " + a13})'] * 1000
    (tree / "qonto_chain.py").write_text("\n".join(source) + "\n")
    # 1,000 header sites: over the default max-header-sites, which bounds what fixing them costs
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-header-sites = 1000\n")
    proc = qonto_lint(tree, "qonto_chain.py")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [f"qonto_chain.py:{row}:51: QNT101 [*] {M101}" for row in range(17, 1017)]


def inlined_blowup(sites: int) -> str:
    # t4(key) inlines t3 ten times, each inlining t2 ten times...: 10,000 steps for one header
    source = [*HEAD, "def t0(x):", "    return x"]
    for i in range(1, 5):
        source += [f"def t{i}(x):", "    return " + " + ".join([f"t{i - 1}(x)"] * 10)]
    source.append("def f(key):")
    source += ['    requests.get(QONTO_URL, headers={"Authorization": "Basic " + t4(key)})'] * sites
    return "\n".join(source) + "\n"


def test_a_file_over_the_evaluation_budget_is_skipped_and_the_run_goes_on(tree):
    (tree / "qonto_inline.py").write_text(inlined_blowup(100))
    proc = qonto_lint(tree, "--isolated", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [
        over("qonto_inline.py", 200000, "evaluation steps", "max-evaluation-steps"),
        KNOWN_LINE,
    ]


def test_the_evaluation_budget_is_configurable(tree):
    (tree / "qonto_inline.py").write_text(inlined_blowup(3))
    proc = qonto_lint(tree, "--isolated", "qonto_inline.py")
    assert lines(proc.stdout) == [f"qonto_inline.py:{row}:55: QNT101 [*] {M101}" for row in (14, 15, 16)]
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-evaluation-steps = 5000\n")
    proc = qonto_lint(tree, "qonto_inline.py")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [over("qonto_inline.py", 5000, "evaluation steps", "max-evaluation-steps")]


def test_a_long_f_string_of_a_long_literal_is_linear(tree):
    # V = f"Basic {A}{A}…" with 4,000 {A} of 5,000 characters each, sent from 100 sites: the
    # texts were joined by repeated `+=` (264 s, 1.1 GB)
    source = [*HEAD, 'A = "' + "k" * 5000 + '"', 'V = f"Basic ' + "{A}" * 4000 + '"']
    source += ['requests.get(QONTO_URL, headers={"Authorization": V})'] * 100
    (tree / "qonto_fstring.py").write_text("\n".join(source) + "\n")
    proc = qonto_lint(tree, "--isolated", "qonto_fstring.py")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [f"qonto_fstring.py:{row}:51: QNT101 {M101}" for row in range(5, 105)]


# ------------------------------------------------------------------ regexes on user text


def test_your_your_your_is_linear(tree):
    # QNT109's `your[-_ ][A-Za-z0-9_-]*?[-_ ]?here` rescanned the run from every `your-` (20 s for 80 KB)
    source = [*HEAD, 'requests.get(QONTO_URL, headers={"Authorization": "' + "your-" * 40000 + '"})']
    (tree / "qonto_your.py").write_text("\n".join(source) + "\n")
    proc = qonto_lint(tree, "--isolated", "qonto_your.py")
    assert (proc.returncode, proc.stdout) == (0, b"")
    source[-1] = 'requests.get(QONTO_URL, headers={"Authorization": "' + "your-" * 40000 + 'key here"})'
    (tree / "qonto_your.py").write_text("\n".join(source) + "\n")
    proc = qonto_lint(tree, "--isolated", "--format", "json", "qonto_your.py")
    assert proc.returncode == 1
    assert b"QNT109" in proc.stdout


def test_a_percent_template_of_zeros_is_linear(tree):
    # flags `[-#0 +]*` and width `\d+` both took the zeros: quadratic backtracking (57 s for 20 KB)
    source = [
        *HEAD,
        "def f(key):",
        '    return requests.get(QONTO_URL, headers={"Authorization": "Basic %' + "0" * 40000 + '(s" % key})',
    ]
    (tree / "qonto_percent.py").write_text("\n".join(source) + "\n")
    proc = qonto_lint(tree, "--isolated", "qonto_percent.py")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [f"qonto_percent.py:4:62: QNT101 [*] {M101}"]


def test_percent_keys_without_a_closing_parenthesis_are_linear(tree):
    source = [
        *HEAD,
        "def f(key):",
        '    return requests.get(QONTO_URL, headers={"Authorization": "Basic ' + "%(" * 60000 + '" % key})',
    ]
    (tree / "qonto_percent.py").write_text("\n".join(source) + "\n")
    proc = qonto_lint(tree, "--isolated", "qonto_percent.py")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [f"qonto_percent.py:4:62: QNT101 [*] {M101}"]


# ------------------------------------------------------------------ standard input


def test_standard_input_obeys_max_file_size(tree):
    # 6 MB on stdin: was read whole and analysed (killed at 120 s, 3.5 GB)
    big = functions(45000).encode()
    assert len(big) > 6 * 1024 * 1024
    proc = qonto_lint(tree, "--isolated", "--stdin-filename", "big.py", "-", stdin=big)
    assert proc.returncode == 1
    assert lines(proc.stdout) == [
        "big.py:1:1: QNT900 cannot analyse this file: skipped: standard input is over the 5242880-byte limit "
        "(max-file-size)"
    ]
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-file-size = 100\n")
    proc = qonto_lint(tree, "--stdin-filename", "small_qonto.py", "-", stdin=functions(1).encode())
    assert proc.returncode == 1
    assert lines(proc.stdout) == [
        "small_qonto.py:1:1: QNT900 cannot analyse this file: skipped: standard input is over the 100-byte limit "
        "(max-file-size)"
    ]


def test_fix_on_standard_input_over_a_budget_gives_the_source_back_whole(tree):
    big = functions(45000).encode()
    proc = qonto_lint(tree, "--isolated", "--fix", "--stdin-filename", "big.py", "-", stdin=big)
    assert proc.returncode == 1
    assert proc.stdout == big
    assert lines(proc.stderr) == [
        "big.py:1:1: QNT900 cannot analyse this file: skipped: standard input is over the 5242880-byte limit "
        "(max-file-size)",
        "Fixed 0 findings (1 remaining).",
    ]
    source = functions(4000).encode()  # within max-file-size, over max-syntax-nodes
    proc = qonto_lint(tree, "--isolated", "--fix", "--stdin-filename", "gen.py", "-", stdin=source)
    assert proc.returncode == 1
    assert proc.stdout == source
    assert lines(proc.stderr) == [
        over("gen.py", 100000, "syntax nodes", "max-syntax-nodes"),
        "Fixed 0 findings (1 remaining).",
    ]


def test_standard_input_obeys_the_syntax_node_budget(tree):
    proc = qonto_lint(tree, "--isolated", "--stdin-filename", "gen.py", "-", stdin=functions(4000).encode())
    assert proc.returncode == 1
    assert lines(proc.stdout) == [over("gen.py", 100000, "syntax nodes", "max-syntax-nodes")]


# ------------------------------------------------------------------ the full format


def test_full_format_shows_a_window_of_a_long_line_masked_once(tree):
    # 3,000 findings on one 209 KB line: each finding printed (and masked) the whole line (30 s,
    # and the output was findings x line length)
    calls = "; ".join(f'requests.get(QONTO_URL, headers={{"Authorization": "Basic " + k{i}}})' for i in range(3000))
    (tree / "qonto_minified.py").write_text(
        f'import requests; QONTO_URL = "https://thirdparty.qonto.com/v2"; {calls}\n'
    )
    # 3,000 header sites: over the default max-header-sites, which fixing them would need
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-header-sites = 3000\n")
    proc = qonto_lint(tree, "--format", "full", "qonto_minified.py")
    assert proc.returncode == 1
    out = lines(proc.stdout)
    assert len(out) == 4 * 3000
    assert max(map(len, out)) < 300
    line = (tree / "qonto_minified.py").read_text().rstrip("\n")
    assert out[:4] == [
        f"qonto_minified.py:1:115: QNT101 [*] {M101}",
        f"  1 | …{line[14:214]}…",
        "      " + " " * 101 + "^",
        "",
    ]
    column = line.index('"Basic " + k2999') + 1
    assert out[-4:] == [
        f"qonto_minified.py:1:{column}: QNT101 [*] {M101}",
        f"  1 | …{line[-200:]}",
        "      " + " " * (1 + column - 1 - (len(line) - 200)) + "^",
        "",
    ]


# ------------------------------------------------------------------ checked before any parse


def test_a_module_over_max_lines_is_skipped_before_any_parse(tree):
    # 2,000,000 blank lines make no syntax node but cost libcst (21 s, 600 MB, exit 0)
    source = (
        "# qonto\n"
        + "\n".join(HEAD)
        + '\nrequests.get(QONTO_URL, headers={"Authorization": "Basic x"})\n'
        + "\n" * 2_000_000
    )
    (tree / "qonto_blank.py").write_text(source)
    proc = qonto_lint(tree, "--isolated", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [over("qonto_blank.py", 50000, "lines", "max-lines"), KNOWN_LINE]
    proc = qonto_lint(
        tree, "--isolated", "--stdin-filename", "x=1.py", "-", stdin=("# qonto\n" + "x=1\n" * 1_300_000).encode()
    )
    assert (proc.returncode, lines(proc.stdout)) == (1, [over("x=1.py", 50000, "lines", "max-lines")])
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-lines = 3\n")
    (tree / "qonto_blank.py").write_text(functions(1))
    proc = qonto_lint(tree, "qonto_blank.py")
    assert (proc.returncode, lines(proc.stdout)) == (1, [over("qonto_blank.py", 3, "lines", "max-lines")])


def test_an_f_string_of_many_fields_is_over_the_node_budget_before_any_parse(tree):
    # 1,500,000 `{A}` in one f-string: CPython 3.11 reads each field from the f-string's start
    # (over 60 s); each field is at least two syntax nodes
    source = [
        *HEAD,
        'A = "x"',
        'X = f"' + "{A}" * 1_500_000 + '"',
        'requests.get(QONTO_URL, headers={"Authorization": X})',
    ]
    (tree / "qonto_fields.py").write_text("\n".join(source) + "\n")
    proc = qonto_lint(tree, "--isolated", "qonto_fields.py")
    assert (proc.returncode, lines(proc.stdout)) == (
        1,
        [over("qonto_fields.py", 100000, "syntax nodes", "max-syntax-nodes")],
    )


@pytest.mark.parametrize("body", ["x=1;" * 70_000, "X = [" + "1," * 150_000 + "]"])
def test_dense_code_on_one_line_is_over_the_node_budget_before_any_parse(tree, body):
    # one line, so max-lines does not see it; CPython's parse of 5 MB of it took 20 s and 3.2 GB
    # before its nodes could be counted: past 256 KB, the tokens are counted first
    (tree / "qonto_dense.py").write_text("\n".join([*HEAD, body]) + "\n")
    proc = qonto_lint(tree, "--isolated", "qonto_dense.py")
    expected = over("qonto_dense.py", 200000, "tokens (two per syntax node)", "max-syntax-nodes")
    assert (proc.returncode, lines(proc.stdout)) == (1, [expected])


def test_the_token_count_defers_to_the_node_count_when_the_budget_is_raised(tree):
    (tree / "qonto_dense.py").write_text("\n".join([*HEAD, "x=1;" * 70_000]) + "\n")  # 280,000 tokens
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-syntax-nodes = 150000\n")
    proc = qonto_lint(tree, "qonto_dense.py")
    assert (proc.returncode, lines(proc.stdout)) == (
        1,
        [over("qonto_dense.py", 150000, "syntax nodes", "max-syntax-nodes")],
    )


def test_a_module_over_a_quarter_of_the_node_budget_is_reported_but_not_fixed(tree):
    # a fix reads the module about four times: a 94,000-node module took 19 s to fix, 5 s to lint
    source = [*HEAD, *(f"def g{i}(a, b):\n    return a + b * {i} - (a // 2)" for i in range(1300))]
    source.append(
        'def f(login, secret_key):\n    return requests.get(QONTO_URL, headers={"Authorization": "Basic " + login + '
        '":" + secret_key})'
    )
    text = "\n".join(source) + "\n"
    (tree / "qonto_big.py").write_text(text)
    proc = qonto_lint(tree, "--isolated", "--fix", "qonto_big.py")
    assert proc.returncode == 2
    assert lines(proc.stdout) == [f"qonto_big.py:2604:62: QNT101 [*] {M101}"]
    assert lines(proc.stderr) == [
        "qonto-lint: error: qonto_big.py: the file is too large to fix: more than 25000 syntax nodes, a quarter of"
        " max-syntax-nodes (a fix reads the module several times); it is left as it was",
        "Fixed 0 findings (1 remaining).",
    ]
    assert (tree / "qonto_big.py").read_text() == text
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-syntax-nodes = 200000\n")
    proc = qonto_lint(tree, "--fix", "qonto_big.py")
    assert (proc.returncode, lines(proc.stderr)) == (0, ["Fixed 1 finding (0 remaining)."])
    assert (tree / "qonto_big.py").read_text() == text.replace('"Basic " + login', "login")


def test_a_module_over_max_header_sites_is_skipped_and_the_budget_is_configurable(tree):
    source = [*HEAD, *['requests.get(QONTO_URL, headers={"Authorization": "Basic x"})'] * 501]
    (tree / "qonto_sites.py").write_text("\n".join(source) + "\n")
    proc = qonto_lint(tree, "--isolated", "--fix", ".")  # z_known.py's QNT304 is fixed; the big module is left
    assert proc.returncode == 1
    assert lines(proc.stdout) == [over("qonto_sites.py", 500, "header sites", "max-header-sites")]
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-header-sites = 2\n")
    (tree / "qonto_sites.py").write_text("\n".join(source[:5]) + "\n")
    proc = qonto_lint(tree, "qonto_sites.py")
    assert (proc.returncode, lines(proc.stdout)) == (1, [over("qonto_sites.py", 2, "header sites", "max-header-sites")])


def test_a_notebook_over_max_lines_is_skipped(tree):
    import json

    cell = {
        "cell_type": "code",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
        "source": "# qonto\n" + "%ls\n" * 1_000_000,
    }
    document = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tree / "qonto_magic.ipynb").write_text(json.dumps(document))
    proc = qonto_lint(tree, "--isolated", "qonto_magic.ipynb")
    assert (proc.returncode, lines(proc.stdout)) == (1, [over("qonto_magic.ipynb:cell 1", 50000, "lines", "max-lines")])


@pytest.mark.parametrize(
    ("args", "env", "stdin", "message"),
    [
        (["-"], {}, b"a:" * 2_000_000, "standard input is over the 65536-byte limit of an Authorization value"),
        (
            ["--from-env", "QA"],
            {"QA": "a" * 70000},
            None,
            "environment variable QA (--from-env) is over the 65536-byte limit of an Authorization value",
        ),
        (["a" * 70000], {}, None, "the VALUE argument is over the 65536-byte limit of an Authorization value"),
    ],
)
def test_doctor_reads_at_most_64_kb_of_a_value(tmp_path, args, env, stdin, message):
    proc = run_cli("doctor", *args, cwd=tmp_path, input=stdin, timeout=60, env={**os.environ, "NO_COLOR": "1", **env})
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr.decode().splitlines()[-1] == f"qonto-lint doctor: error: {message}"


# ------------------------------------------------------------------ a tiny node budget


def test_a_short_module_over_a_tiny_node_budget_is_still_skipped(tree):
    (tree / "qonto_tiny.py").write_text(KNOWN)  # 5 syntax nodes, QNT304 under the default budget
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-syntax-nodes = 4\n")
    assert lines(qonto_lint(tree, "--isolated", "qonto_tiny.py").stdout)[0] == f"qonto_tiny.py:1:13: QNT304 [*] {M304}"
    proc = qonto_lint(tree, "qonto_tiny.py")
    assert lines(proc.stdout)[0] == over("qonto_tiny.py", 4, "syntax nodes", "max-syntax-nodes")
