"""Hostile input through the command line, in real processes: never a traceback, a hang or a lost file.

Each bad input sits beside `z_known.py`, a file with a known finding: the bad input gives a QNT900
finding (or, for a path that does not exist, one line on stderr), the known finding is still
reported, and the exit status is 0 clean, 1 findings, 2 error (2 wins). A file
without `qonto` in its path or its bytes is gated and never parsed, so most inputs are tried both
ways: with the word (or `--assume-qonto`), and without it, where the file is simply skipped.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qonto_lint.engine.parsing import MAX_NESTING, _ast_size, on_big_stack
from qonto_lint.fixing import FixError, fix_one, fix_source
from qonto_lint.model import Options

from ..helpers import run_cli

KNOWN = 'QONTO_URL = "http://thirdparty.qonto.com/v2"\n'
M304 = (
    "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
    "expose the key)"
)
KNOWN_LINE = f"z_known.py:1:13: QNT304 [*] {M304}"
MB = 1024 * 1024


def qonto_lint(cwd: Path, *args: str, timeout: float = 30, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = run_cli(*args, cwd=cwd, timeout=timeout, env={**os.environ, **(env or {})})
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "RecursionError" not in stderr, stderr
    assert proc.returncode in (0, 1, 2), (proc.returncode, stderr)  # not killed by a signal
    return proc


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8", "surrogateescape").splitlines()


def summary(findings: int, with_findings: int, files: int, analysed: int, fixable: int = 0) -> list[str]:
    """The summary line, then ruff's count of the findings `--fix` fixes (the QNT304 ones here)."""
    return [
        f"Found {findings} finding{'s' if findings != 1 else ''} in {with_findings} of {files} files ({analysed} "
        f"analysed)."
    ] + ([f"[*] {fixable} fixable with `--fix`."] if fixable else [])


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "z_known.py").write_text(KNOWN)
    return root


def qnt900(path: str, reason: str) -> str:
    return f"{path}:1:1: QNT900 cannot analyse this file: {reason}"


# ------------------------------------------------------------------ bytes that are not good Python

BAD_SOURCES = {  # name: (bytes without the word qonto, the QNT900 reason once it is analysed)
    "syntax_error": (b"def broken(:\n    pass\n", "syntax error at line 1, column 12: invalid syntax"),
    "null_bytes": (b"x = 1\x00\ny = 2\n", "the file contains null bytes"),
    "invalid_utf8": (b'x = "\xff\xfe"\n', "cannot decode the file (invalid or missing encoding declaration)"),
    "invalid_utf8_later": (
        b"x = 1\ny = 2\nz = '\xff'\n",
        "cannot decode the file (UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 17: invalid "
        "start byte)",
    ),
    "unknown_coding": (b"# -*- coding: klingon -*-\nx = 1\n", "cannot decode the file (unknown encoding: klingon)"),
    "python2": (
        b'print "hello"\n',
        "syntax error at line 1, column 1: Missing parentheses in call to 'print'. Did you mean print(...)?",
    ),
    "binary": (bytes(range(256)) * 64, "the file contains null bytes"),
}


def test_bad_sources_are_qnt900_and_the_others_are_linted(tree):
    for name, (data, _reason) in BAD_SOURCES.items():
        (tree / f"{name}.py").write_bytes(data)
    # without the word: gated, never parsed, not reported
    proc = qonto_lint(tree, "--isolated", ".")
    files = len(BAD_SOURCES) + 1
    assert (proc.returncode, lines(proc.stdout), lines(proc.stderr)) == (
        1,
        [KNOWN_LINE],
        summary(1, 1, files, 1, fixable=1),
    )
    # with --assume-qonto: parsed, one QNT900 each
    proc = qonto_lint(tree, "--isolated", "--assume-qonto", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [qnt900(f"{name}.py", reason) for name, (_, reason) in sorted(BAD_SOURCES.items())] + [
        KNOWN_LINE
    ]
    assert lines(proc.stderr) == summary(files, files, files, files, fixable=1)


def test_qonto_in_the_bytes_of_a_binary_file(tree):
    (tree / "blob.py").write_bytes(bytes(range(256)) + b"qonto" + bytes(range(256)))
    proc = qonto_lint(tree, "--isolated", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [qnt900("blob.py", "the file contains null bytes"), KNOWN_LINE]


# ------------------------------------------------------------------ good Python in unusual clothes

GOOD_SOURCES = {  # name: (bytes, where the QNT304 is)
    "latin1_cookie": (
        '# -*- coding: latin-1 -*-\n# café\nQONTO_URL = "http://thirdparty.qonto.com/v2"  # é\n'.encode("latin-1"),
        "3:13",
    ),
    "utf8_bom": (b"\xef\xbb\xbf" + KNOWN.encode(), "1:13"),
    "utf8_bom_and_cookie": (b"\xef\xbb\xbf# coding: utf-8\n" + KNOWN.encode(), "2:13"),
    "crlf": (b'# note\r\nQONTO_URL = "http://thirdparty.qonto.com/v2"\r\n', "2:13"),
    "lone_cr": (b'# note\rx = 1\rQONTO_URL = "http://thirdparty.qonto.com/v2"\r', "3:13"),
    "no_final_newline": (KNOWN.rstrip("\n").encode(), "1:13"),
    "tabs_and_form_feed": (b'\x0c\nif True:\n\tQONTO_URL = "http://thirdparty.qonto.com/v2"\n', "3:14"),
}


@pytest.mark.parametrize("name", sorted(GOOD_SOURCES))
def test_unusual_but_valid_source_is_linted(tree, name):
    data, where = GOOD_SOURCES[name]
    (tree / f"{name}.py").write_bytes(data)
    proc = qonto_lint(tree, "--isolated", ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [f"{name}.py:{where}: QNT304 [*] {M304}", KNOWN_LINE]
    assert lines(proc.stderr) == summary(2, 2, 2, 2, fixable=2)


def test_empty_files(tree):
    (tree / "empty.py").write_bytes(b"")  # gated: skipped
    (tree / "empty_qonto.py").write_bytes(b"")  # analysed: nothing to say
    (tree / "blank_qonto.py").write_bytes(b"\n\n   \n")
    proc = qonto_lint(tree, "--isolated", ".")
    assert (proc.returncode, lines(proc.stdout)) == (1, [KNOWN_LINE])
    assert lines(proc.stderr) == summary(1, 1, 4, 3, fixable=1)
    proc = qonto_lint(tree, "--isolated", "--assume-qonto", "empty.py", "empty_qonto.py")
    assert (proc.returncode, proc.stdout, lines(proc.stderr)) == (0, b"", ["All checks passed: 2 files (2 analysed)."])


# ------------------------------------------------------------------ size and depth


def test_a_20_mb_file_is_skipped_above_the_default_limit(tree):
    with open(tree / "huge_qonto.py", "wb") as handle:
        handle.write(b"# qonto\n" + b"x = 1\n" * (20 * MB // 6))
    size = (tree / "huge_qonto.py").stat().st_size
    assert size > 20 * MB - 8
    start = time.perf_counter()
    proc = qonto_lint(tree, "--isolated", ".")
    assert time.perf_counter() - start < 10
    assert proc.returncode == 1
    assert lines(proc.stdout) == [
        qnt900("huge_qonto.py", f"skipped: {size} bytes is over the 5242880-byte limit (max-file-size)"),
        KNOWN_LINE,
    ]
    assert lines(proc.stderr) == summary(2, 2, 2, 2, fixable=1)


def test_the_size_limit_is_configurable(tree):
    # a long file that parses fast (one string literal): analysed under a raised limit, skipped by default
    (tree / "long_qonto.py").write_bytes(b'BLOB = "' + b"a" * (6 * MB) + b'"\n' + KNOWN.encode())
    proc = qonto_lint(tree, "--isolated", ".")
    assert lines(proc.stdout)[0] == qnt900(
        "long_qonto.py", f"skipped: {6 * MB + 55} bytes is over the 5242880-byte limit (max-file-size)"
    )
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-file-size = 8388608\n")
    proc = qonto_lint(tree, ".")
    assert proc.returncode == 1
    assert lines(proc.stdout) == [f"long_qonto.py:2:13: QNT304 [*] {M304}", KNOWN_LINE]
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-file-size = 40\n")
    proc = qonto_lint(tree, ".")
    assert lines(proc.stdout) == [
        qnt900("long_qonto.py", f"skipped: {6 * MB + 55} bytes is over the 40-byte limit (max-file-size)"),
        qnt900("z_known.py", "skipped: 45 bytes is over the 40-byte limit (max-file-size)"),
    ]
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\nmax-file-size = -1\n")
    proc = qonto_lint(tree, ".")
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert lines(proc.stderr) == [
        "qonto-lint: error: pyproject.toml: 'max-file-size' must be a positive number of bytes, not -1"
    ]


TOO_DEEP = f"the file nests more than {MAX_NESTING} levels deep"
PARENTHESES = "syntax error at line 3, column 205: too many nested parentheses"
SHAPES = {  # shape: an expression `n` levels deep in libcst's tree
    "parentheses": lambda n: "(" * n + "1" + ")" * n,
    "brackets": lambda n: "[" * n + "]" * n,
    "binop_chain": lambda n: "+".join(["1"] * n),
    "attribute_chain": lambda n: "a" + ".b" * n,
    "unary": lambda n: "-" * n + "1",
    "not": lambda n: "not " * n + "x",
    "calls": lambda n: "f" + "()" * n,
    "subscripts": lambda n: "a" + "[0]" * n,
    "power": lambda n: "**".join(["2"] * n),
    "lambda": lambda n: "lambda: " * n + "1",
    "ternary": lambda n: "a if b else " * n + "c",
    # one node in CPython's tree, one level per operand in libcst's
    "boolean_chain": lambda n: " and ".join(["a"] * n),
    "implicit_concatenation": lambda n: "(" + " ".join(['"a"'] * n) + ")",
}
#: far past the budget, where CPython itself refuses some shapes on some interpreters and not on others
DEPTH = 10_000
UNBRACKETED = sorted(set(SHAPES) - {"parentheses", "brackets"})


def test_deep_nesting_is_qnt900_in_seconds(tree):
    for shape, expression in SHAPES.items():
        # with something a rule reports: a file with nothing to report is not parsed by libcst at all
        (tree / f"deep_{shape}.py").write_text(f"# qonto\n{KNOWN}x = {expression(DEPTH)}\n")
    start = time.perf_counter()
    proc = qonto_lint(tree, "--isolated", "--jobs", "1", ".")
    elapsed = time.perf_counter() - start
    assert elapsed < 3 * len(SHAPES), f"{elapsed:.1f}s for {len(SHAPES)} files"
    assert proc.returncode == 1
    assert lines(proc.stdout) == [
        qnt900(f"deep_{shape}.py", PARENTHESES if shape in ("parentheses", "brackets") else TOO_DEEP)
        for shape in sorted(SHAPES)
    ] + [KNOWN_LINE]
    files = len(SHAPES) + 1
    assert lines(proc.stderr) == summary(files, files, files, files, fixable=1)


def test_the_nesting_budget_is_the_same_on_every_interpreter(tree):
    """Just within the budget, every shape is analysed and fixed (its finding placed after the deep
    expression, so libcst prints it back); one level past it, every shape is QNT900. The budget is
    below what CPython, libcst and the recursion limits allow on 3.10 to 3.13 alike."""
    for shape in UNBRACKETED:
        (tree / f"within_{shape}.py").write_text(f"x = {SHAPES[shape](MAX_NESTING - 8)}\n{KNOWN}")
        (tree / f"past_{shape}.py").write_text(f"x = {SHAPES[shape](MAX_NESTING + 1)}\n{KNOWN}")
    proc = qonto_lint(tree, "--isolated", "--assume-qonto", "--jobs", "1", ".", timeout=300)
    assert proc.returncode == 1
    assert lines(proc.stdout) == sorted(
        [qnt900(f"past_{shape}.py", TOO_DEEP) for shape in UNBRACKETED]
        + [f"within_{shape}.py:2:13: QNT304 [*] {M304}" for shape in UNBRACKETED]
    ) + [KNOWN_LINE]
    proc = qonto_lint(tree, "--isolated", "--assume-qonto", "--jobs", "1", "--fix", ".", timeout=300)
    assert (proc.returncode, lines(proc.stderr)) == (
        1,
        [f"Fixed {len(UNBRACKETED) + 1} findings ({len(UNBRACKETED)} remaining)."],
    )
    for shape in UNBRACKETED:
        assert (tree / f"within_{shape}.py").read_text().endswith(KNOWN.replace("http://", "https://"))
        assert (tree / f"past_{shape}.py").read_text().endswith(KNOWN)


@pytest.mark.parametrize("shape", ["attribute_chain", "implicit_concatenation"])
def test_one_deep_file_alone_takes_seconds(tree, shape):
    (tree / "deep_qonto.py").write_text(f"{KNOWN}x = {SHAPES[shape](DEPTH)}\n")
    start = time.perf_counter()
    proc = qonto_lint(tree, "--isolated", "deep_qonto.py")
    assert time.perf_counter() - start < 5
    assert (proc.returncode, lines(proc.stdout)) == (1, [qnt900("deep_qonto.py", TOO_DEEP)])


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, DEPTH])
def test_fix_on_a_file_too_deep_for_the_fixer(tree, depth):
    """Python accepts it (one node in CPython's tree), libcst nests it once per operand: over the
    budget, a QNT900 finding; --fix leaves it as it was and fixes the other files (at 10,000
    levels, libcst's parse once crashed the process)."""
    source = KNOWN + "w = " + SHAPES["boolean_chain"](depth) + "\n"
    (tree / "deep_qonto.py").write_text(source)
    proc = qonto_lint(tree, "--isolated", "--fix", ".")
    assert proc.returncode == 1
    assert (tree / "deep_qonto.py").read_text() == source
    assert (tree / "z_known.py").read_text() == KNOWN.replace("http://", "https://")
    assert lines(proc.stdout) == [qnt900("deep_qonto.py", TOO_DEEP)]
    assert lines(proc.stderr) == ["Fixed 1 finding (1 remaining)."]


def test_a_module_imported_by_a_linted_one_is_held_to_the_same_nesting_budget(tree):
    """The project view reads the modules a linted one imports: each is vetted as a linted file is
    (libcst alone takes minutes on some of these shapes, which CPython refuses at once)."""
    (tree / "pyproject.toml").write_text("[project]\nname = 'deep'\n")
    for shape, expression in SHAPES.items():
        (tree / f"deep_{shape}.py").write_text(f"QONTO_AUTH = 'Bearer x'\nx = {expression(DEPTH)}\n")
        (tree / f"uses_{shape}.py").write_text(
            f"import requests\nfrom deep_{shape} import QONTO_AUTH\n"
            'requests.get("https://thirdparty.qonto.com/v2/x", headers={"Authorization": QONTO_AUTH})\n'
        )
    start = time.perf_counter()
    proc = qonto_lint(tree, "--isolated", "--jobs", "1", *(f"uses_{shape}.py" for shape in SHAPES))
    elapsed = time.perf_counter() - start
    assert elapsed < 3 * len(SHAPES), f"{elapsed:.1f}s for {len(SHAPES)} files"
    assert (proc.returncode, lines(proc.stdout)) == (0, [])


def test_a_code_action_s_fix_on_a_file_too_deep_for_the_fixer():
    """The editor's fix of one finding vets the module as `--fix` does (on the big stack, as the
    server's engine runs it, libcst and the rules would go past the budget)."""
    source = (KNOWN + "w = " + SHAPES["boolean_chain"](MAX_NESTING + 1) + "\n").encode()
    with pytest.raises(FixError, match="nested too deeply"):
        on_big_stack(fix_one, source, "deep_qonto.py", Options(), "QNT304", 1, 13)
    within = (KNOWN + "w = " + SHAPES["boolean_chain"](MAX_NESTING - 8) + "\n").encode()
    fixed = on_big_stack(fix_one, within, "deep_qonto.py", Options(), "QNT304", 1, 13)
    assert fixed == within.replace(b"http://", b"https://")


def test_the_depth_walk_counts_every_node_and_libcst_levels():
    """The walk that measures the depth also counts the nodes for max-syntax-nodes: it counts what
    CPython's tree holds (a boolean operator, an f-string's text, fields and format specs), while
    the depth is libcst's (a boolean chain and implicitly concatenated literals nest per operand)."""
    source = (
        'x = a and b or not c and f"t{d!r:>{w}}u{e}" "v" and (g or h)\n'
        + 'y = ("a"\n  # between\n  "b" f"{z}" r"c")\n'
        + f"z = {SHAPES['implicit_concatenation'](600)}\n"
    ).encode()
    tree = ast.parse(source)
    assert _ast_size(tree, None, 10**6)[1] == _ast_size(tree, 10**6, 10**6, source)[1] == len(list(ast.walk(tree)))
    # n operands: n - 1 levels, as deep as an attribute chain of n - 1
    near = MAX_NESTING - 8
    chain = f"x = {SHAPES['attribute_chain'](near - 1)}\n"
    expected = _ast_size(ast.parse(chain), MAX_NESTING, 10**6)[0]
    data = f"x = {SHAPES['boolean_chain'](near)}\n".encode()
    assert _ast_size(ast.parse(data), MAX_NESTING, 10**6, data)[0] == expected
    # literals are only counted when they could pass the budget (two quotes each at least)
    for parts, deepest in ((near, MAX_NESTING), (MAX_NESTING + 1, MAX_NESTING + 1)):
        data = f"x = {SHAPES['implicit_concatenation'](parts)}\n".encode()
        assert (_ast_size(ast.parse(data), MAX_NESTING, 10**6, data)[0] <= MAX_NESTING) == (deepest <= MAX_NESTING)


def test_the_fixer_checks_the_nesting_budget_itself():
    """Called on a module over the budget (the command line never does: the lint refused it), the
    fixer stops before libcst's parse, on every interpreter."""
    for depth in (MAX_NESTING + 1, DEPTH):
        source = (KNOWN + "w = " + SHAPES["boolean_chain"](depth) + "\n").encode()
        with pytest.raises(FixError, match="^the file is nested too deeply to fix; it is left as it was$"):
            fix_source(source, "deep_qonto.py", Options())
    source = (KNOWN + "w = " + SHAPES["boolean_chain"](MAX_NESTING - 8) + "\n").encode()
    assert fix_source(source, "deep_qonto.py", Options()).fixed == source.replace(b"http://", b"https://")


# ------------------------------------------------------------------ things that are not plain files


def test_a_directory_named_like_a_source_file_is_walked(tree):
    (tree / "x.py").mkdir()
    (tree / "x.py" / "inner.py").write_text(KNOWN)
    for args in ((".",), ("x.py", "z_known.py")):
        proc = qonto_lint(tree, "--isolated", *args)
        assert proc.returncode == 1
        assert lines(proc.stdout) == [f"x.py/inner.py:1:13: QNT304 [*] {M304}", KNOWN_LINE]
        assert lines(proc.stderr) == summary(2, 2, 2, 2, fixable=2)


def test_a_broken_symlink(tree):
    (tree / "broken.py").symlink_to(tree / "nowhere.py")
    for args in ((".",), ("broken.py", "z_known.py")):
        proc = qonto_lint(tree, "--isolated", *args)
        assert proc.returncode == 1
        assert lines(proc.stdout) == [qnt900("broken.py", "broken symbolic link"), KNOWN_LINE]
        assert lines(proc.stderr) == summary(2, 2, 2, 2, fixable=1)


def test_symlink_loops(tree):
    (tree / "sub").mkdir()
    (tree / "sub" / "up").symlink_to("..", target_is_directory=True)  # sub/up -> the tree itself
    (tree / "sub" / "client_qonto.py").write_text(KNOWN)
    (tree / "self.py").symlink_to("self.py")  # a file symlink to itself
    for args in ((".",), ("self.py", "sub", "z_known.py")):
        proc = qonto_lint(tree, "--isolated", *args, timeout=10)
        assert proc.returncode == 1
        assert lines(proc.stdout) == [
            qnt900("self.py", "Too many levels of symbolic links"),
            f"sub/client_qonto.py:1:13: QNT304 [*] {M304}",  # once: the loop is not followed again
            KNOWN_LINE,
        ]
        assert lines(proc.stderr) == summary(3, 3, 3, 3, fixable=2)


def test_a_fifo_is_not_opened(tree):
    os.mkfifo(tree / "x.py")  # nothing ever writes to it: opening it would block forever
    for args in ((".",), ("x.py", "z_known.py")):
        proc = qonto_lint(tree, "--isolated", *args, timeout=10)
        assert proc.returncode == 1
        assert lines(proc.stdout) == [qnt900("x.py", "not a regular file"), KNOWN_LINE]
        assert lines(proc.stderr) == summary(2, 2, 2, 2, fixable=1)


WRITE_ONLY = Path("/proc/sys/vm/compact_memory")  # mode 0200: even root cannot open it for reading


def _make_unreadable(path: Path) -> None:
    if os.geteuid() != 0:
        path.write_text(KNOWN)
        path.chmod(0)
        return
    # root reads any file whatever its permission bits: use a file the kernel refuses to read
    try:
        WRITE_ONLY.open("rb").close()
    except PermissionError:
        path.symlink_to(WRITE_ONLY)
        return
    except OSError:
        pass
    pytest.skip("running as root, where permission bits do not apply, and no write-only /proc/sys file to stand in")


def test_an_unreadable_file(tree):
    _make_unreadable(tree / "secret_qonto.py")
    try:
        for args in ((".",), ("secret_qonto.py", "z_known.py")):
            proc = qonto_lint(tree, "--isolated", *args)
            assert proc.returncode == 1
            assert lines(proc.stdout) == [qnt900("secret_qonto.py", "Permission denied"), KNOWN_LINE]
            assert lines(proc.stderr) == summary(2, 2, 2, 2, fixable=1)
    finally:
        if not (tree / "secret_qonto.py").is_symlink():
            (tree / "secret_qonto.py").chmod(0o600)


def test_an_unreadable_file_in_process(tree, monkeypatch, capsys):
    """The same path through the code, whoever runs the tests: opening the file fails."""
    from qonto_lint import runner
    from qonto_lint.cli.entry import main

    (tree / "secret_qonto.py").write_text(KNOWN)

    def refuse(path, *args, **kwargs):
        if Path(path).name == "secret_qonto.py":
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    real_os_open = os.open

    def refuse_fd(path, *args, **kwargs):
        if Path(path).name == "secret_qonto.py":
            raise PermissionError(13, "Permission denied", str(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(runner, "open", refuse, raising=False)
    monkeypatch.setattr(runner.os, "open", refuse_fd)
    monkeypatch.chdir(tree)
    assert main(["--isolated", "."]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [qnt900("secret_qonto.py", "Permission denied"), KNOWN_LINE]
    assert err.splitlines() == summary(2, 2, 2, 2, fixable=1)


# ------------------------------------------------------------------ names


def test_a_path_with_spaces_and_non_ascii_characters(tree):
    folder = tree / "dossier à relire"
    folder.mkdir()
    (folder / "client qonto ünïcode.py").write_text(KNOWN)
    expected = f"dossier à relire/client qonto ünïcode.py:1:13: QNT304 [*] {M304}"
    for args in ((".",), ("dossier à relire/client qonto ünïcode.py", "z_known.py")):
        proc = qonto_lint(tree, "--isolated", *args)
        assert proc.returncode == 1
        assert lines(proc.stdout) == [expected, KNOWN_LINE]
    proc = qonto_lint(tree, "--isolated", "--format", "json", ".")
    assert json.loads(proc.stdout)[0]["filename"] == str(folder / "client qonto ünïcode.py")
    proc = qonto_lint(tree, "--isolated", "--format", "sarif", ".")
    location = json.loads(proc.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "dossier%20%C3%A0%20relire/client%20qonto%20%C3%BCn%C3%AFcode.py"


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_a_file_name_that_is_not_utf8_and_a_narrow_terminal(tree, encoding):
    """Bytes that decode to nothing, printed on a strict stream: escaped, never a crash."""
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    name = b"caf\xe9_qonto.py"
    with open(os.path.join(os.fsencode(tree), name), "w") as handle:
        handle.write(KNOWN)
    env = {"PYTHONIOENCODING": encoding}
    proc = qonto_lint(tree, "--isolated", ".", env=env)
    assert proc.returncode == 1
    assert lines(proc.stdout) == [f"caf\\udce9_qonto.py:1:13: QNT304 [*] {M304}", KNOWN_LINE]
    proc = qonto_lint(tree, "--isolated", "--format", "json", ".", env=env)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)[0]["filename"] == os.fsdecode(os.path.join(os.fsencode(tree), name))
    proc = qonto_lint(tree, "--isolated", "--format", "sarif", ".", env=env)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(proc.stdout)["runs"][0]["results"]
    ]
    assert uris == ["caf%E9_qonto.py", "z_known.py"]
    proc = qonto_lint(tree, "--isolated", "--write-baseline", "baseline.json", ".", env=env)
    assert proc.returncode == 0
    proc = qonto_lint(tree, "--isolated", "--baseline", "baseline.json", ".", env=env)
    assert (proc.returncode, proc.stdout) == (0, b"")
    # a masked secret's ellipsis on an ASCII terminal
    (tree / "keys_qonto.py").write_text('QONTO_SECRET_KEY = "80a9ffef5c6faee4d1b5984424700c90"\n')
    proc = qonto_lint(tree, "--isolated", "--select", "QNT201", "keys_qonto.py", env=env)
    assert proc.returncode == 1
    ellipsis = "…" if encoding == "utf-8" else "\\u2026"
    assert lines(proc.stdout)[0].startswith(f"keys_qonto.py:1:20: QNT201 hardcoded Qonto credential '80a9{ellipsis}'")


def test_a_path_that_does_not_exist(tree):
    proc = qonto_lint(tree, "--isolated", "missing.py", "z_known.py")
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert lines(proc.stderr) == ["qonto-lint: error: missing.py: no such file or directory"]
    proc = qonto_lint(tree, "--isolated", "no/such/dir")
    assert (proc.returncode, proc.stdout, lines(proc.stderr)) == (
        2,
        b"",
        ["qonto-lint: error: no/such/dir: no such file or directory"],
    )


def test_everything_at_once(tree):
    """The whole matrix in one run: each bad file is one QNT900, the known finding is there, exit 1."""
    for name, (data, _reason) in BAD_SOURCES.items():
        (tree / f"{name}_qonto.py").write_bytes(data)
    (tree / "deep_qonto.py").write_text(KNOWN + "x = " + "-" * DEPTH + "1\n")
    (tree / "x.py").mkdir()
    (tree / "broken.py").symlink_to("nowhere.py")
    (tree / "self.py").symlink_to("self.py")
    os.mkfifo(tree / "fifo.py")
    (tree / "empty.py").write_bytes(b"")
    proc = qonto_lint(tree, "--isolated", ".", timeout=30)
    assert proc.returncode == 1
    out = lines(proc.stdout)
    assert out[-1] == KNOWN_LINE
    assert [line.split(":")[0] for line in out[:-1]] == sorted(
        [f"{name}_qonto.py" for name in BAD_SOURCES] + ["deep_qonto.py", "broken.py", "self.py", "fifo.py"]
    )
    assert all(" QNT900 cannot analyse this file: " in line for line in out[:-1])
    assert lines(proc.stderr) == summary(len(out), len(out), len(out) + 1, len(out), fixable=1)
