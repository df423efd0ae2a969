"""--fix and --diff through the command line: what changes, what never does, and the exit status."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from qonto_lint.fixing import FixError, write_atomically

from ..fixcheck import assert_fix_is_local
from ..helpers import EXAMPLES, SHARED_CORPUS, run_cli

SECRET = "k3v9Qw7Zp2Lm8Xr4Tn6Yb1Hc5Jd0Fs3A"


def findings(cwd, *extra):
    proc = run_cli("--format", "json", *extra, ".", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_over_a_copy_of_the_corpus(tmp_path, unsafe):
    tree = tmp_path / "corpus"
    shutil.copytree(SHARED_CORPUS, tree)
    for path in tree.rglob("*"):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    before = {p: p.read_bytes() for p in tree.rglob("*.py")}
    flags = ["--unsafe-fixes"] if unsafe else []
    edit_rows = {}
    edit_starts = {}
    for row in findings(tree, *flags):
        if row["fix"] and (unsafe or row["fix"]["applicability"] == "safe"):
            for edit in row["fix"]["edits"]:
                rows = range(edit["location"]["row"], edit["end_location"]["row"] + 1)
                edit_rows.setdefault(Path(row["filename"]).resolve(), set()).update(rows)
                start = (edit["location"]["row"], edit["location"]["column"])
                edit_starts.setdefault(Path(row["filename"]).resolve(), []).append(start)

    first = run_cli("--fix", *flags, ".", cwd=tree)
    assert first.returncode == 1  # findings without a fix remain
    assert first.stderr.decode().startswith("Fixed ")

    left = findings(tree, *flags)
    assert [r for r in left if r["fix"] and (unsafe or r["fix"]["applicability"] == "safe")] == []
    changed = 0
    for path, old in before.items():
        new = path.read_bytes()
        cst.parse_module(new)  # still parses
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        assert len(old_lines) == len(new_lines)
        for number, (a, b) in enumerate(zip(old_lines, new_lines), start=1):
            if a != b:
                changed += 1
                assert number in edit_rows.get(path.resolve(), set()), (
                    f"{path.name}:{number} changed without a fix there"
                )
        if new != old:  # it compiles, and only the statements holding a fixed expression differ
            assert_fix_is_local(old, new, edit_starts.get(path.resolve(), []), label=path.name)
    assert changed > 0

    snapshot = {p: p.read_bytes() for p in tree.rglob("*.py")}
    second = run_cli("--fix", *flags, ".", cwd=tree)
    assert second.stderr.decode().startswith("Fixed 0 findings")
    assert {p: p.read_bytes() for p in tree.rglob("*.py")} == snapshot


def test_diff_changes_nothing_and_masks_secrets(tmp_path):
    source = (
        'QONTO = "https://thirdparty.qonto.com/v2"\n'
        f'HEADERS = {{"Authorization": "Basic acme-robotics-2231:{SECRET}"}}\n'
        "requests.get(QONTO, headers=HEADERS)\n"
    )
    target = tmp_path / "client.py"
    target.write_text(source)
    proc = run_cli("--diff", "client.py", cwd=tmp_path)
    assert proc.returncode == 1
    assert target.read_text() == source
    out = proc.stdout.decode()
    # a masked line would not apply: the change that shows the key is named, not printed
    assert out == "# qonto-lint: 1 change to client.py not shown: the diff would print a secret (--fix applies it)\n"
    assert SECRET not in out and SECRET not in proc.stderr.decode()
    assert proc.stderr.decode() == "Would apply 1 fix in 1 file.\n"

    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "client.py").write_text('QONTO = "https://thirdparty.qonto.com/v2"\n')
    proc = run_cli("--diff", ".", cwd=clean)
    assert (proc.returncode, proc.stdout) == (0, b"")


def test_fix_exit_status_and_summary(tmp_path):
    (tmp_path / "client.py").write_text('QONTO = "http://thirdparty.qonto.com/v2"\n')
    proc = run_cli("--fix", ".", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"Fixed 1 finding (0 remaining).\n")
    assert (tmp_path / "client.py").read_text() == 'QONTO = "https://thirdparty.qonto.com/v2"\n'

    (tmp_path / "client.py").write_text('QONTO = "http://thirdparty.qonto.com/v2"\n')
    proc = run_cli("--fix", "--exit-non-zero-on-fix", ".", cwd=tmp_path)
    assert proc.returncode == 1

    (tmp_path / "client.py").write_text('QONTO = "http://api.qonto.com/v2"\n')  # QNT305 has no fix
    proc = run_cli("--fix", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith("client.py:1:9: QNT305 ")
    assert proc.stderr == b"Fixed 1 finding (1 remaining).\n"


@pytest.mark.parametrize(
    ("label", "raw"),
    [
        ("crlf", b'# qonto\r\nH = {"Authorization": f"Basic {QONTO_LOGIN}:{SECRET}"}\r\nX = 1\r\n'),
        ("bom", b'\xef\xbb\xbf# qonto\nH = {"Authorization": f"Basic {QONTO_LOGIN}:{SECRET}"}\n'),
        (
            "latin-1",
            (
                "# -*- coding: latin-1 -*-\n# qonto: café\n"
                'H = {"Authorization": f"Basic {QONTO_LOGIN}:{SECRET}"}  # é\n'
            ).encode("latin-1"),
        ),
    ],
)
def test_fix_keeps_encoding_and_line_endings(tmp_path, label, raw):
    target = tmp_path / "client.py"
    target.write_bytes(raw)
    target.chmod(0o640)
    proc = run_cli("--fix", "client.py", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes() == raw.replace(b'f"Basic {QONTO_LOGIN}', b'f"{QONTO_LOGIN}')
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["client.py"]  # no temporary file left behind


def test_read_only_file_is_not_rewritten(tmp_path):
    raw = b'# qonto\nH = {"Authorization": f"Basic {QONTO_LOGIN}:{SECRET}"}\n'
    target = tmp_path / "client.py"
    target.write_bytes(raw)
    target.chmod(0o444)
    proc = run_cli("--fix", "client.py", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines()[0] == "qonto-lint: error: client.py is read-only; not fixed"
    assert target.read_bytes() == raw


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    target = tmp_path / "client.py"
    target.write_bytes(b"new content\n")
    with pytest.raises(FixError, match="changed on disk"):
        write_atomically(str(target), b"old content\n", b"fixed content\n")
    assert target.read_bytes() == b"new content\n"


def test_a_fix_that_does_not_parse_leaves_the_file_untouched(tmp_path, monkeypatch):
    from qonto_lint import Options
    from qonto_lint import fixing as fixer

    real = cst.parse_module
    calls = {"n": 0}

    def flaky(source, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:  # the check of the fixed source
            raise cst.ParserSyntaxError("boom", lines=["x"], raw_line=1, raw_column=0)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(cst, "parse_module", flaky)
    with pytest.raises(FixError, match="does not parse"):
        fixer.fix_source(b'# qonto\nH = {"Authorization": f"Basic {QONTO_LOGIN}:{B}"}\n', "client.py", Options())


def test_notebook_cells_are_fixed_and_everything_else_kept(tmp_path):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Qonto export\n"]},
            {
                "cell_type": "code",
                "execution_count": 3,
                "metadata": {"tags": ["keep"]},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": ["ok\n"]}],
                "source": ["import requests\n", 'H = {"Authorization": f"Bearer {QONTO_LOGIN}:{SECRET}"}'],
            },
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": ["%timeit 1\n", "x = 1"],
            },
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    target = tmp_path / "export.ipynb"
    target.write_text(json.dumps(notebook, indent=1) + "\n")
    proc = run_cli("--fix", "export.ipynb", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = json.loads(target.read_text())
    expected = json.loads(json.dumps(notebook))
    expected["cells"][1]["source"] = ["import requests\n", 'H = {"Authorization": f"{QONTO_LOGIN}:{SECRET}"}']
    assert written == expected
    assert target.read_text() == json.dumps(expected, indent=1) + "\n"


def test_fix_from_stdin_prints_the_fixed_source(tmp_path):
    proc = run_cli(
        "--fix", "-", "--stdin-filename", "client.py", cwd=tmp_path, input=b'QONTO = "http://thirdparty.qonto.com"\n'
    )
    assert (proc.returncode, proc.stdout) == (0, b'QONTO = "https://thirdparty.qonto.com"\n')
    assert proc.stderr == b"Fixed 1 finding (0 remaining).\n"
    assert list(tmp_path.iterdir()) == []
    proc = run_cli("--diff", "-", cwd=tmp_path, input=b'QONTO = "http://thirdparty.qonto.com"\n')
    assert proc.returncode == 1
    assert b'+QONTO = "https://thirdparty.qonto.com"' in proc.stdout


def test_unsafe_fix_over_a_copy_of_the_examples_changes_only_the_fixed_statements(tmp_path):
    tree = tmp_path / "examples"
    shutil.copytree(EXAMPLES, tree)
    before = {p: p.read_bytes() for p in tree.rglob("*.py")}
    starts = {}
    for row in findings(tree, "--unsafe-fixes"):
        for edit in (row["fix"] or {}).get("edits", []):
            starts.setdefault(Path(row["filename"]).resolve(), []).append(
                (edit["location"]["row"], edit["location"]["column"])
            )
    assert len(starts) == 2
    proc = run_cli("--fix", "--unsafe-fixes", ".", cwd=tree)
    assert proc.stderr.decode().startswith("Fixed 6 findings"), proc.stderr
    for path, old in before.items():
        new = path.read_bytes()
        assert new != old
        assert_fix_is_local(old, new, starts[path.resolve()], label=path.name)


def test_the_locality_check_fails_on_a_change_outside_the_fixed_statement():
    before = b'import requests\nX = 1\nH = {"Authorization": "Basic " + K}\n'
    fixed = b'import requests\nX = 1\nH = {"Authorization": K}\n'
    assert_fix_is_local(before, fixed, [(3, 23)])
    with pytest.raises(AssertionError, match="line 2 changed"):
        assert_fix_is_local(before, fixed.replace(b"X = 1", b"X = 2"), [(3, 23)])
    with pytest.raises(AssertionError, match="line 3 changed"):
        assert_fix_is_local(before, fixed, [(2, 1)])  # the edit is said to be elsewhere
    nested = b"def f():\n    x = 1\n    return {'Authorization': 'Basic ' + K}\n"
    assert_fix_is_local(nested, nested.replace(b"'Basic ' + K", b"K"), [(3, 30)])
    with pytest.raises(SyntaxError, match="keyword argument repeated"):
        assert_fix_is_local(b"d = dict(a=1, b=2)\n", b"d = dict(a=1, a=2)\n", [(1, 15)])


QONTO_HEAD = 'import requests\nQONTO_URL = "https://thirdparty.qonto.com/v2"\n'
LOGIN = "hooli-labs-4410"
KEY = "29649641e458bbc9cde1aed6bea99c2b"


def _fix_run(tmp_path, source: str, *flags):
    target = tmp_path / "qonto_client.py"
    target.write_text(source)
    proc = run_cli("--isolated", "--fix", *flags, "qonto_client.py", cwd=tmp_path)
    return proc, target.read_text()


def test_a_rename_that_would_repeat_a_keyword_is_not_offered(tmp_path):
    source = QONTO_HEAD + (
        "def f(login, secret_key):\n"
        '    return requests.get(QONTO_URL, headers=dict(Authorisation=f"{login}:{secret_key}", '
        'Authorization=f"{login}:{secret_key}"))\n'
    )
    proc, after = _fix_run(tmp_path, source, "--unsafe-fixes")
    assert after == source
    assert proc.returncode == 1
    assert (
        proc.stdout.decode()
        .splitlines()[0]
        .startswith("qonto_client.py:4:49: QNT108 header name 'Authorisation' is not 'Authorization'")
    )
    assert proc.stderr == b"Fixed 0 findings (1 remaining).\n"
    rows = findings(tmp_path, "--isolated")
    assert [(r["code"], r["fix"]) for r in rows] == [("QNT108", None)]


@pytest.mark.parametrize(
    ("label", "headers", "code", "column"),
    [
        ("QNT108 dict", '{"Authorization": f"{login}:{secret_key}", "Authorisation": "legacy-gateway"}', "QNT108", 87),
        (
            "QNT108 two misspellings",
            '{"Autorisation": f"{login}:{secret_key}", "Authorisation": "legacy-gateway"}',
            "QNT108",
            45,
        ),
        (
            "QNT303",
            '{"Authorization": f"{login}:{secret_key}", "X-Qonto-Staging-Token": tok, "x-qonto-staging-token": "old"}',
            "QNT303",
            117,
        ),
        (
            "QNT108 dict of pairs",
            'dict([("Authorisation", f"{login}:{secret_key}"), ("Authorization", "x")])',
            "QNT108",
            51,
        ),
        ("QNT108 list of pairs", '[("Authorisation", f"{login}:{secret_key}"), ("Authorization", "x")]', "QNT108", 46),
        ("QNT108 tuple of pairs", '(("Authorization", "x"), ["Authorisation", f"{login}:{secret_key}"])', "QNT108", 70),
        (
            "QNT303 list of pairs",
            '[("Authorization", f"{login}:{secret_key}"), ("X-Qonto-Staging-Token", tok), ("x-qonto-staging-token", '
            '"old")]',
            "QNT303",
            122,
        ),
    ],
)
def test_a_rename_that_would_make_two_keys_for_one_header_is_not_offered(tmp_path, label, headers, code, column):
    source = (
        'import requests\nQONTO_URL = "https://thirdparty-sandbox.staging.qonto.co/v2"\n'
        if code == "QNT303"
        else QONTO_HEAD
    ) + f"def f(login, secret_key, tok):\n    return requests.get(QONTO_URL, headers={headers})\n"
    proc, after = _fix_run(tmp_path, source, "--unsafe-fixes")
    assert after == source
    assert proc.returncode == 1
    assert f"qonto_client.py:4:{column}: {code} " in proc.stdout.decode()
    assert proc.stderr.decode().startswith("Fixed 0 findings")
    assert all(r["fix"] is None for r in findings(tmp_path, "--isolated") if r["code"] == code)


def test_a_fix_whose_result_does_not_compile_leaves_the_file_alone(tmp_path):
    """With the duplicate-key guard switched off, the check before writing still refuses the file."""
    source = QONTO_HEAD + (
        "def f(login, secret_key):\n"
        '    return requests.get(QONTO_URL, headers=dict(Authorisation=f"{login}:{secret_key}", '
        'Authorization=f"{login}:{secret_key}"))\n'
    )
    target = tmp_path / "qonto_client.py"
    target.write_text(source)
    unguarded = (
        "import sys, runpy, qonto_lint.fixes.edits as f; f._names_the_header_twice = lambda *a: False; "
        "sys.argv = ['qonto-lint', '--isolated', '--fix', 'qonto_client.py']; runpy.run_module('qonto_lint', "
        "run_name='__main__')"
    )
    proc = subprocess.run([sys.executable, "-c", unguarded], cwd=tmp_path, capture_output=True)
    assert target.read_text() == source
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines()[0] == (
        "qonto-lint: error: qonto_client.py: a fix would make the file fail to compile "
        "(keyword argument repeated: Authorization); the file is left as it was"
    )


def test_swapped_pair_in_a_literal_is_swapped_in_place(tmp_path):
    source = QONTO_HEAD + (
        f'H = {{"Authorization": "{KEY}:{LOGIN}"}}\n'
        f"B = {{'Authorization': rb'{KEY}:{LOGIN}'}}\n"
        f'KEY = "{KEY}:{LOGIN}"\n'
        'C = {"Authorization": KEY}\n'
        "requests.get(QONTO_URL, headers=H)\nrequests.get(QONTO_URL, headers=B)\nrequests.get(QONTO_URL, headers=C)\n"
    )
    rows = findings_of(tmp_path, source)
    swaps = [
        (r["location"]["row"], r["fix"]["applicability"], r["fix"]["edits"][0]["location"]["row"])
        for r in rows
        if r["code"] == "QNT105"
    ]
    assert swaps == [(3, "safe", 3), (4, "safe", 4), (6, "unsafe", 5)]
    proc, after = _fix_run(tmp_path, source)
    assert proc.returncode == 1  # the hardcoded credentials (QNT201) stay
    assert proc.stderr == b"Fixed 2 findings (4 remaining).\n"
    assert after == source.replace(f'"{KEY}:{LOGIN}"}}', f'"{LOGIN}:{KEY}"}}').replace(
        f"rb'{KEY}:{LOGIN}'", f"rb'{LOGIN}:{KEY}'"
    )
    check_before = source
    proc, after = _fix_run(tmp_path, source, "--unsafe-fixes")
    assert proc.stderr == b"Fixed 3 findings (3 remaining).\n"
    assert after == check_before.replace(f"{KEY}:{LOGIN}", f"{LOGIN}:{KEY}")
    assert_fix_is_local(source.encode(), after.encode(), [(3, 24), (4, 24), (5, 7)])


def findings_of(tmp_path, source: str):
    (tmp_path / "qonto_client.py").write_text(source)
    return findings(tmp_path, "--isolated", "--unsafe-fixes")


def test_whitespace_fix_touches_only_the_credentials(tmp_path):
    source = QONTO_HEAD + (
        "def f(login, secret_key):\n"
        '    return requests.get(QONTO_URL, headers={"Authorization": login + " : " + secret_key + " # a : b "})\n'
    )
    proc, after = _fix_run(tmp_path, source)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"Fixed 1 finding (0 remaining).\n")
    assert after == source.replace('" : " + secret_key + " # a : b "', '":" + secret_key + " # a : b"')


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("line break inside", 'f"{login}:{secret_key}\\n# x"'),
        ("space split over literals", 'login + " " + ":" + secret_key'),
        ("colons of format specs", '"{:s} : {:s}".format(login, secret_key)'),
    ],
)
def test_whitespace_it_cannot_tell_apart_gets_no_fix(tmp_path, label, value):
    source = (
        QONTO_HEAD
        + f'def f(login, secret_key):\n    return requests.get(QONTO_URL, headers={{"Authorization": {value}}})\n'
    )
    rows = findings_of(tmp_path, source)
    assert [(r["code"], r["location"]["row"], r["location"]["column"], r["fix"]) for r in rows] == [
        ("QNT106", 4, 62, None)
    ]
    proc, after = _fix_run(tmp_path, source, "--unsafe-fixes")
    assert after == source and proc.returncode == 1


def test_base64_of_a_starred_argument_is_not_unwrapped(tmp_path):
    source = (
        "import base64\n"
        + QONTO_HEAD
        + ('def f(parts):\n    return requests.get(QONTO_URL, headers={"Authorization": base64.b64encode(*parts)})\n')
    )
    rows = findings_of(tmp_path, source)
    assert [(r["code"], r["location"]["row"], r["location"]["column"], r["fix"]) for r in rows] == [
        ("QNT103", 5, 62, None)
    ]
    proc, after = _fix_run(tmp_path, source, "--unsafe-fixes")
    assert after == source and proc.returncode == 1
    assert proc.stderr == b"Fixed 0 findings (1 remaining).\n"


def test_a_pair_glued_in_one_literal_and_a_bracketed_digit_secret_are_found(tmp_path):
    source = QONTO_HEAD + (
        f'H1 = {{"Authorization": "{LOGIN}{KEY}"}}\n'
        f'H2 = {{"Authorization": "{KEY}{LOGIN}"}}\n'
        f'H3 = {{"Authorization": "{LOGIN}:<{KEY}>"}}\n'
        "requests.get(QONTO_URL, headers=H1)\nrequests.get(QONTO_URL, headers=H2)\n"
        "requests.get(QONTO_URL, headers=H3)\n"
    )
    (tmp_path / "qonto_client.py").write_text(source)
    proc = run_cli("--isolated", "qonto_client.py", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == [
        "qonto_client.py:3:24: QNT104 [*] Qonto's API key needs a colon between login and secret, found nothing "
        "between "
        "'hool…' and '2964…': send 'login:secret' (every 401 counts toward Qonto's 200-per-hour throttle)",
        "qonto_client.py:3:24: QNT201 hardcoded Qonto credential 'hool…' (Authorization): anyone with the source can "
        "call Qonto as you; load it from the environment or a secret store, and rotate it",
        "qonto_client.py:4:24: QNT104 [*] Qonto's API key needs a colon between login and secret, found nothing "
        "between "
        "'2964…' and 'hool…': send 'login:secret' (every 401 counts toward Qonto's 200-per-hour throttle)",
        "qonto_client.py:4:24: QNT201 hardcoded Qonto credential '2964…' (Authorization): anyone with the source can "
        "call Qonto as you; load it from the environment or a secret store, and rotate it",
        "qonto_client.py:5:24: QNT109 the value still holds the placeholder '<2964…>': put the real credentials in "
        "before calling Qonto (every 401 counts toward Qonto's 200-per-hour throttle)",
    ]
    assert KEY not in proc.stdout.decode() + proc.stderr.decode()
    # --fix puts the colon in, then swaps the second pair: both end up 'login:secret'
    proc, after = _fix_run(tmp_path, source)
    assert after == source.replace(f"{LOGIN}{KEY}", f"{LOGIN}:{KEY}").replace(f"{KEY}{LOGIN}", f"{LOGIN}:{KEY}")
    assert proc.stderr == b"Fixed 3 findings (3 remaining).\n"


def test_the_compile_check_accepts_top_level_await_in_notebooks_and_old_errors(tmp_path):
    """The check before writing refuses only what the fix broke: a notebook's top-level `await`
    and an error the file already had do not stop its fixes."""
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": [
                    "import httpx\n",
                    "QONTO_URL = 'http://thirdparty.qonto.com/v2'\n",
                    "r = await httpx.AsyncClient().get(QONTO_URL)",
                ],
            }
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "export_qonto.ipynb").write_text(json.dumps(notebook, indent=1) + "\n")
    (tmp_path / "qonto_script.py").write_text('QONTO = "http://thirdparty.qonto.com/v2"\nreturn 1\n')
    proc = run_cli("--isolated", "--fix", "export_qonto.ipynb", "qonto_script.py", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"Fixed 2 findings (0 remaining).\n")
    assert (
        "'https://thirdparty.qonto.com/v2'"
        in json.loads((tmp_path / "export_qonto.ipynb").read_text())["cells"][0]["source"][1]
    )
    assert (tmp_path / "qonto_script.py").read_text() == 'QONTO = "https://thirdparty.qonto.com/v2"\nreturn 1\n'


def test_a_pair_among_other_headers_is_still_renamed(tmp_path):
    source = QONTO_HEAD + (
        'def f(login, secret_key, tok):\n    return requests.get(QONTO_URL, headers=[("Authorisation", '
        'f"{login}:{secret_key}"), ("Accept", "x")])\n'
    )
    proc, after = _fix_run(tmp_path, source)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"Fixed 1 finding (0 remaining).\n")
    assert after == source.replace("Authorisation", "Authorization")


_BEARER_CALL = '    return requests.get(QONTO_URL, headers={"Authorization": f"Bearer {login}:{secret_key}"})'
_HEAD = 'import requests\nQONTO_URL = "https://thirdparty.qonto.com/v2"\n'


@pytest.mark.parametrize(
    ("label", "source"),
    [
        # libcst writes these modules back without the form feed
        ("form feed before a def", _HEAD + "\x0cdef f(login, secret_key):\n" + _BEARER_CALL + "\n"),
        ("form feed in an indentation", _HEAD + "def f(login, secret_key):\n    x = 1\n\x0c" + _BEARER_CALL + "\n"),
        # str.splitlines splits at these; patch and git do not
        ("U+2028 in a comment", _HEAD + "# a \u2028 b\ndef f(login, secret_key):\n" + _BEARER_CALL + "\n"),
        (
            "U+2028 and \\x1c in a string",
            _HEAD + 'X = "a\u2028b\x1cc"\ndef f(login, secret_key):\n' + _BEARER_CALL + "\n",
        ),
        ("lone CR line endings", (_HEAD + "def f(login, secret_key):\n" + _BEARER_CALL + "\n").replace("\n", "\r")),
        ("lone CR, no final one", (_HEAD + "def f(login, secret_key):\n" + _BEARER_CALL).replace("\n", "\r")),
        ("BOM", "\ufeff" + _HEAD + "def f(login, secret_key):\n" + _BEARER_CALL + "\n"),
    ],
)
def test_fix_keeps_every_other_byte_and_the_diff_applies(tmp_path, label, source):
    raw = source.encode("utf-8")
    expected = raw.replace(b"Bearer ", b"", 1)
    target = tmp_path / "q.py"
    target.write_bytes(raw)
    proc = run_cli("--isolated", "--diff", "q.py", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, b"Would apply 1 fix in 1 file.\n")
    assert target.read_bytes() == raw
    patch_file = tmp_path.parent / f"{tmp_path.name}.diff"
    patch_file.write_bytes(proc.stdout)
    applied = subprocess.run(["git", "apply", str(patch_file)], cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert target.read_bytes() == expected
    if shutil.which("patch"):
        target.write_bytes(raw)
        patched = subprocess.run(["patch", "-s", "q.py", str(patch_file)], cwd=tmp_path, capture_output=True)
        assert patched.returncode == 0, patched.stdout + patched.stderr
        assert target.read_bytes() == expected
    target.write_bytes(raw)
    proc = run_cli("--isolated", "--fix", "q.py", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"Fixed 1 finding (0 remaining).\n")
    assert target.read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.py"]
