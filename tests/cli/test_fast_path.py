"""The fast path (no click, no analyzer) answers exactly as the full command line would."""

from __future__ import annotations

import subprocess
import sys

import pytest

FULL = "import sys\nfrom qonto_lint.cli.entry import main\nsys.exit(main(sys.argv[1:]))\n"
FAST = "import sys\nfrom qonto_lint.cli.entry import entry\nsys.argv[0] = 'qonto-lint'\nentry()\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "billing.py").write_text("import requests\nrequests.get('https://api.stripe.com')\n")
    (tmp_path / "pkg" / "util.py").write_text("def f():\n    return 1\n")
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "client.py").write_text("QONTO = 'http://thirdparty.qonto.com'\n")
    (tmp_path / "pyproject.toml").write_text('[tool.qonto-lint]\nextend-exclude = ["generated"]\n')
    return tmp_path


def run(script, args, cwd):
    proc = subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["."],
        ["pkg"],
        ["pkg/util.py"],
        ["-q", "pkg"],
        ["--force-exclude", "generated/client.py", "pkg/util.py"],
        ["generated/client.py"],  # passes the gate: the full path answers
        ["--extend-exclude", "pkg", "."],
        ["--exclude=generated", "."],
        ["missing.py"],
        ["--format", "json", "pkg"],
    ],
)
def test_same_answer_as_the_full_command_line(tree, args):
    assert run(FAST, args, tree) == run(FULL, args, tree)


def test_a_gated_run_imports_neither_click_nor_libcst(tree):
    script = (
        "import sys\nfrom qonto_lint.cli.entry import fast_path\n"
        "status = fast_path(['pkg'])\n"
        "print(status, 'click' in sys.modules, 'libcst' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tree, capture_output=True, text=True)
    assert proc.stdout == "0 False False\n"
    assert proc.stderr == "All checks passed: 2 files (0 analysed).\n"


@pytest.mark.parametrize(
    "args", [["generated/client.py"], ["--extend-exclude", "pkg", "."], ["-q", "generated"], ["--exclude", "pkg", "."]]
)
def test_findings_through_the_fast_path_match_too(tree, args):
    (tree / "pyproject.toml").write_text("[tool.qonto-lint]\n")
    (tree / "generated" / "more.py").write_text(
        "# qonto\nH = {'Authorization': f'Basic {LOGIN}:{SECRET}'}  # noqa: QNT101\nX = {'Authorisation': A}\n"
    )
    fast, full = run(FAST, args, tree), run(FULL, args, tree)
    assert fast == full
    assert fast[0] == 1


def test_findings_without_fixes_are_the_same_findings():
    from qonto_lint import Options, lint_source

    source = b"# qonto\nH = {'Authorization': f'Basic {LOGIN}:{SECRET}', 'x-qonto-staging-token': T}\nU = 'http://thirdparty.qonto.eu'\n"
    with_fixes = lint_source(source, "client.py", Options()).findings
    without = lint_source(source, "client.py", Options(fixes=False)).findings
    assert [(f.line, f.column, f.code, f.message) for f in with_fixes] == [
        (f.line, f.column, f.code, f.message) for f in without
    ]
    assert sum(f.fix is not None for f in with_fixes) >= 3 and all(f.fix is None for f in without)


def test_the_fast_path_leaves_without_teardown_only_when_nothing_is_left_to_run(tmp_path):
    """After the fast path, the process ends with its status and what it wrote flushed; an exit
    handler or a thread (anyone's) gets the interpreter's ordinary exit."""
    leave = "import sys\nfrom qonto_lint.cli.entry import _leave\n"
    plain = leave + "sys.stdout.write('out'); sys.stderr.write('err')\n_leave(3)\n"
    assert run(plain, [], tmp_path) == (3, "out", "err")
    handler = leave + "import atexit\natexit.register(lambda: print('handler ran'))\n_leave(0)\n"
    assert run(handler, [], tmp_path) == (0, "handler ran\n", "")
    thread = leave + (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.2), print('thread ran'))).start()\n"
        "_leave(0)\n"
    )
    assert run(thread, [], tmp_path) == (0, "thread ran\n", "")


def test_a_daemon_thread_does_not_keep_the_teardown(tmp_path):
    # the parser's big-stack worker is a daemon thread, idle once the run is done: the process
    # ends at once, as the interpreter's exit would have ended it (a daemon is not waited for)
    leave = "import sys\nfrom qonto_lint.cli.entry import _leave\n"
    daemon = leave + (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(5), print('daemon ran')), daemon=True).start()\n"
        "sys.stdout.write('out')\n_leave(None)\n"
    )
    assert run(daemon, [], tmp_path) == (0, "out", "")


def test_a_full_run_s_output_is_whole_through_a_pipe(tmp_path):
    # the full command line also leaves without the teardown: what it wrote, far more than a
    # pipe holds, reaches the reader whole
    lines = [
        "import requests\n",
        'QONTO = "https://thirdparty.qonto.com/v2"\n',
        *(
            f'requests.get(QONTO, headers={{"Authorization": "Bearer " + login_{i} + ":" + key_{i}}})\n'
            for i in range(400)
        ),
    ]
    (tmp_path / "qonto_client.py").write_text("".join(lines))
    proc = subprocess.run(
        [sys.executable, "-m", "qonto_lint", "--isolated", "--format", "json", "qonto_client.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    import json

    found = json.loads(proc.stdout)
    assert len(proc.stdout) > 200_000
    assert [(row["location"]["row"], row["code"]) for row in found] == [(i, "QNT102") for i in range(3, 403)]


def test_a_profiler_around_the_command_still_writes_its_file(tmp_path):
    # `python -m cProfile -o FILE -m qonto_lint` writes FILE once the command returns: the run
    # ends through the interpreter's own exit when a profiler watches it
    (tmp_path / "qonto_client.py").write_text(
        "import requests\n"
        'requests.get("https://thirdparty.qonto.com/v2", headers={"Authorization": "Basic " + login + ":" + key})\n'
    )
    proc = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", "run.prof", "-m", "qonto_lint", "-q", "qonto_client.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # the command's SystemExit (status 1, a finding) is taken by the profiler's runner; from
    # Python 3.12 cProfile watches through sys.monitoring, not sys.setprofile
    assert proc.returncode == 0
    assert "qonto_client.py:2:" in proc.stdout
    assert (tmp_path / "run.prof").stat().st_size > 1000
