"""Internal errors stay contained: one failure on one file is one line on stderr, the run goes on, exit 2."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import pytest

from qonto_lint.cli.entry import main

SECRET = "toGDFmQ2fvNjAQQdAUPpf5qXk2mDuuWw"
PAIR = f"northwind-traders-7301:{SECRET}"
M101 = (
    "Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is (every 401 counts toward Qonto's "
    "200-per-hour throttle)"
)
M304 = (
    "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
    "expose the key)"
)
SOURCE = (
    'QONTO_URL = "http://thirdparty.qonto.com/v2"\nHEADERS = {"Authorization": f"Basic {LOGIN}:{SECRET_KEY}"}\n'
    "requests.get(QONTO_URL, headers=HEADERS)\n"
)
EXPLODE = "# explode\n"  # the files on which the patched code raises


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "a_qonto.py").write_text(EXPLODE + SOURCE)
    (tmp_path / "b_qonto.py").write_text(SOURCE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _explode_on_marked_files(monkeypatch, target, attribute, error):
    real = getattr(target, attribute)

    def patched(*args, **kwargs):
        module = next(a for a in (*args, *kwargs.values()) if hasattr(a, "code") or hasattr(a, "module"))
        code = module.code if hasattr(module, "code") else module.module.code
        if EXPLODE in code:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(target, attribute, patched)


def test_a_rule_that_raises_on_one_file(project, monkeypatch, capsys):
    from qonto_lint.rules.basic_scheme_prefix import BasicSchemePrefix

    _explode_on_marked_files(monkeypatch, BasicSchemePrefix, "check", RuntimeError("boom\nsecond line"))
    status = main(["--isolated", "."])
    out, err = capsys.readouterr()
    assert status == 2
    assert out.splitlines() == [
        f"a_qonto.py:2:13: QNT304 [*] {M304}",  # the other rules still ran on that file
        f"b_qonto.py:1:13: QNT304 [*] {M304}",
        f"b_qonto.py:2:29: QNT101 [*] {M101}",  # and the failing rule on the other file
    ]
    assert err.splitlines() == [
        "qonto-lint: error: internal error in QNT101 on a_qonto.py: RuntimeError: boom",
        "Found 3 findings in 2 of 2 files (2 analysed).",
        "[*] 3 fixable with `--fix`.",
    ]


def test_the_reason_never_prints_a_secret(project, monkeypatch, capsys):
    from qonto_lint.rules.basic_scheme_prefix import BasicSchemePrefix

    _explode_on_marked_files(monkeypatch, BasicSchemePrefix, "check", KeyError(PAIR))
    assert main(["--isolated", "--quiet", "."]) == 2
    out, err = capsys.readouterr()
    assert (
        err == "qonto-lint: error: internal error in QNT101 on a_qonto.py: KeyError: 'northwind-traders-7301:toGD…'\n"
    )
    assert SECRET[4:] not in out + err


def test_a_failure_outside_the_rules_loses_only_that_file(project, monkeypatch, capsys):
    """Collecting a file's facts fails: that file gets an internal error, the others are reported."""
    from qonto_lint.facts import collect

    _explode_on_marked_files(monkeypatch, collect, "collect", KeyError(PAIR))
    status = main(["--isolated", "."])
    out, err = capsys.readouterr()
    assert status == 2
    assert out.splitlines() == [f"b_qonto.py:1:13: QNT304 [*] {M304}", f"b_qonto.py:2:29: QNT101 [*] {M101}"]
    assert err.splitlines() == [
        "qonto-lint: error: internal error in analysis on a_qonto.py: KeyError: 'northwind-traders-7301:toGD…'",
        "Found 2 findings in 1 of 2 files (2 analysed).",
        "[*] 2 fixable with `--fix`.",
    ]


def test_an_internal_error_with_exit_zero_and_baselines_still_exits_2(project, monkeypatch, capsys):
    from qonto_lint.rules.basic_scheme_prefix import BasicSchemePrefix

    _explode_on_marked_files(monkeypatch, BasicSchemePrefix, "check", RuntimeError("boom"))
    assert main(["--isolated", "--quiet", "--exit-zero", "."]) == 2
    assert main(["--isolated", "--quiet", "--write-baseline", "baseline.json", "."]) == 2
    assert main(["--isolated", "--quiet", "--baseline", "baseline.json", "."]) == 2
    out, err = capsys.readouterr()
    assert err == "qonto-lint: error: internal error in QNT101 on a_qonto.py: RuntimeError: boom\n" * 3


def test_fix_goes_on_after_a_file_fails(project, monkeypatch, capsys):
    from qonto_lint import fixing as fixer

    real = fixer.fix_source

    def fix_source(data, path, *args, **kwargs):
        if path == "a_qonto.py":
            raise ValueError(f"cannot fix {PAIR}")
        return real(data, path, *args, **kwargs)

    monkeypatch.setattr(fixer, "fix_source", fix_source)
    before = (project / "a_qonto.py").read_text()
    status = main(["--isolated", "--fix", "."])
    out, err = capsys.readouterr()
    assert status == 2
    assert (project / "a_qonto.py").read_text() == before  # untouched
    assert (project / "b_qonto.py").read_text() == SOURCE.replace("http://", "https://").replace('f"Basic {', 'f"{')
    assert out.splitlines() == [f"a_qonto.py:2:13: QNT304 [*] {M304}", f"a_qonto.py:3:29: QNT101 [*] {M101}"]
    assert err.splitlines() == [
        "qonto-lint: error: a_qonto.py: internal error while fixing: ValueError: cannot fix "
        "northwind-traders-7301:toGD…",
        "Fixed 2 findings (2 remaining).",
    ]


def test_fix_from_standard_input_gives_the_source_back_on_an_internal_error(project, monkeypatch, capsys):
    from qonto_lint import fixing as fixer

    def fix_source(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(fixer, "fix_source", fix_source)
    data = SOURCE.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status = main(["--isolated", "--fix", "-", "--stdin-filename", "qonto.py"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == SOURCE  # the user's code is not lost in the pipe
    assert err == "qonto-lint: error: qonto.py: internal error while fixing: ValueError: boom\n"


def test_an_internal_error_in_a_pool_worker(tmp_path):
    """The same containment across processes: 30 files, two processes, one file fails."""
    for n in range(30):
        (tmp_path / f"m{n:02}_qonto.py").write_text((EXPLODE if n == 7 else "") + SOURCE)
    script = textwrap.dedent(
        """
        import sys
        from qonto_lint import runner
        from qonto_lint.rules.basic_scheme_prefix import BasicSchemePrefix
        assert runner.POOL_THRESHOLD < 30
        real = BasicSchemePrefix.check
        def check(self, facts):
            if "# explode" in facts.module.code:
                raise RuntimeError("boom")
            return real(self, facts)
        BasicSchemePrefix.check = check
        from qonto_lint.cli.entry import main
        sys.exit(main(["--isolated", "--jobs", "2", "."]))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stdout.splitlines()
    assert len(lines) == 59
    assert f"m07_qonto.py:2:13: QNT304 [*] {M304}" in lines
    assert not any(line.startswith("m07_qonto.py") and "QNT101" in line for line in lines)
    assert f"m08_qonto.py:2:29: QNT101 [*] {M101}" in lines
    assert proc.stderr.splitlines() == [
        "qonto-lint: error: internal error in QNT101 on m07_qonto.py: RuntimeError: boom",
        "Found 59 findings in 30 of 30 files (30 analysed).",
        "[*] 59 fixable with `--fix`.",
    ]
