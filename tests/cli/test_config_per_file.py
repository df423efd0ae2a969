"""Configuration found per file, as ruff finds it: each file's nearest pyproject.toml with a
[tool.qonto-lint] table (not the current directory's), misspelt tables named, and `--show-settings` /
`--show-files` printing what was resolved. Run through the command line, from a monorepo's root."""

from __future__ import annotations

import textwrap

import pytest

from ..helpers import lint_status as lint

SOURCE = """\
import requests

BASE = "http://thirdparty.qonto.com/v2"


def organization(login, secret):
    return requests.get(BASE + "/organization", headers={"Authorization": f"Basic {login}:{secret}"})
"""
M304 = (
    "QNT304 [*] http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls "
    "fail and expose the key)"
)
M101 = (
    "QNT101 [*] Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is (every 401 counts toward "
    "Qonto's 200-per-hour throttle)"
)


def put(root, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


@pytest.fixture
def monorepo(tmp_path):
    root = tmp_path / "repo"
    put(
        root,
        {
            "backend/pyproject.toml": """\
                [project]
                name = "backend"

                [tool.qonto-lint]
                ignore = ["QNT304"]
                extend-exclude = ["legacy"]

                [tool.qonto-lint.per-file-ignores]
                "scripts/*" = ["QNT101"]
            """,
            "backend/app.py": SOURCE,
            "backend/legacy/old.py": SOURCE,
            "backend/scripts/tool.py": SOURCE,
            "frontend/x.py": SOURCE,
        },
    )
    (root / ".git").mkdir()
    return root


def test_each_file_follows_its_own_pyproject_from_the_repository_root(monorepo):
    # a pre-commit run passes the staged files from the root
    status, out, err = lint("backend/app.py", "backend/scripts/tool.py", "frontend/x.py", cwd=monorepo)
    assert (status, out.splitlines()) == (
        1,
        [
            f"backend/app.py:7:75: {M101}",
            f"frontend/x.py:3:8: {M304}",
            f"frontend/x.py:7:75: {M101}",
        ],
    )
    assert err.splitlines()[0] == "Found 3 findings in 2 of 3 files (3 analysed)."
    # a walk from the root: backend's exclude (relative to backend/) drops legacy/
    status, out, _err = lint("-q", ".", cwd=monorepo)
    assert (status, [line.split(":")[0] for line in out.splitlines()]) == (
        1,
        ["backend/app.py", "frontend/x.py", "frontend/x.py"],
    )
    # --force-exclude (pre-commit's hook) applies backend's excludes to a named file
    assert lint("--force-exclude", "-q", "backend/legacy/old.py", cwd=monorepo) == (0, "", "")
    # the same from inside backend/, and through the full command line (--format)
    status, out, _err = lint("--format", "json-lines", "-q", "app.py", cwd=monorepo / "backend")
    assert (status, out.count("\n"), '"QNT101"' in out, '"QNT304"' in out) == (1, 1, True, False)
    # --config names one file for every file; --isolated none
    (monorepo / "strict.toml").write_text('select = ["QNT304"]\n')
    status, out, _err = lint("--config", "strict.toml", "-q", "backend/app.py", "frontend/x.py", cwd=monorepo)
    assert (status, [line.split(": ")[1][:6] for line in out.splitlines()]) == (1, ["QNT304", "QNT304"])
    status, out, _err = lint("--isolated", "-q", "backend/app.py", cwd=monorepo)
    assert (status, out.count("\n")) == (1, 2)


def test_show_settings_prints_the_settings_of_a_file_and_their_file(monorepo):
    status, out, err = lint("--show-settings", "backend/scripts/tool.py", cwd=monorepo)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [
        "Resolved settings for: backend/scripts/tool.py",
        "Settings path: backend/pyproject.toml",
        "",
    ]
    assert 'extend-exclude = ["legacy"]' in lines
    assert 'per-file-ignores = {"scripts/*" = ["QNT101"]}' in lines
    assert f"project-root = {str(monorepo / 'backend')!r}".replace("'", '"') in lines
    selected = next(line for line in lines if line.startswith("select = "))
    assert '"QNT304"' not in selected and '"QNT101"' in selected
    status, out, err = lint("check", "--show-settings", "frontend/x.py", cwd=monorepo)
    assert (status, out.splitlines()[:2], err) == (
        0,
        ["Resolved settings for: frontend/x.py", "Settings path: none (the defaults)"],
        "",
    )
    assert '"QNT304"' in next(line for line in out.splitlines() if line.startswith("select = "))


def test_show_files_prints_the_files_that_would_be_linted(monorepo):
    assert lint("--show-files", cwd=monorepo) == (
        0,
        "backend/app.py\nbackend/scripts/tool.py\nfrontend/x.py\n",
        "",
    )
    assert lint("--show-files", "backend", cwd=monorepo) == (0, "backend/app.py\nbackend/scripts/tool.py\n", "")


@pytest.mark.parametrize("table", ["qonto_lint", "qontolint", "QontoLint", '"qonto lint"', "qonto-linter"])
def test_a_misspelt_table_is_a_warning_naming_the_right_one(tmp_path, table):
    put(tmp_path, {"svc/pyproject.toml": f'[tool.{table}]\nignore = ["QNT304"]\n', "svc/app.py": SOURCE})
    (tmp_path / ".git").mkdir()
    status, out, err = lint("svc/app.py", cwd=tmp_path)
    assert err.splitlines()[0] == (
        f"qonto-lint: warning: svc/pyproject.toml: [tool.{table}] is not read: the table is [tool.qonto-lint]"
    )
    # the misspelt table is not read: QNT304 is still reported
    assert (status, out.splitlines()[0]) == (1, f"svc/app.py:3:8: {M304}")


def test_no_warning_for_other_tools_tables(tmp_path):
    put(
        tmp_path,
        {
            "pyproject.toml": '[tool.ruff]\nline-length = 100\n[tool.qonto-lint]\nignore = ["QNT304"]\n',
            "app.py": SOURCE,
        },
    )
    status, out, err = lint("app.py", cwd=tmp_path)
    assert (status, out, err.splitlines()[0]) == (
        1,
        f"app.py:7:75: {M101}\n",
        "Found 1 finding in 1 of 1 file (1 analysed).",
    )


def test_configuration_is_read_once_per_directory(tmp_path):
    """A tree of many directories: each pyproject.toml is parsed once, each directory looked up once."""
    import sys

    put(tmp_path, {"pyproject.toml": '[tool.qonto-lint]\nignore = ["QNT304"]\n'})
    for n in range(30):
        put(tmp_path, {f"pkg{n}/sub/mod.py": "x = 1\n"})
    script = textwrap.dedent("""
        import os
        from unittest import mock
        from qonto_lint import config
        calls = []
        original = config._parse_toml
        with mock.patch.object(config, "_parse_toml", side_effect=lambda d, p: calls.append(p) or original(d, p)):
            resolver = config.Resolver()
            found = {resolver.for_path(os.path.join(f"pkg{n}", "sub", "mod.py")).path for n in range(30)}
        print(len(calls), len(found), len(resolver._by_directory))
    """)
    proc = run_cli_python(script, cwd=tmp_path, executable=sys.executable)
    # one parse to check the table, one to load it; 30 x 2 directories and the root on the way up
    assert proc == "2 1 61\n"


def run_cli_python(script: str, cwd, executable: str) -> str:
    import subprocess

    return subprocess.run(
        [executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def test_a_file_is_given_the_configuration_of_the_directory_its_path_names(tmp_path, monkeypatch):
    """`for_file` caches by the text of the path up to its last separator; the answer is still
    that of `dirname`, whatever the spelling of the path."""
    import os

    from qonto_lint import config

    put(tmp_path, {"a/pyproject.toml": "[tool.qonto-lint]\n", "pyproject.toml": "[tool.qonto-lint]\n"})
    (tmp_path / "a" / "b").mkdir()
    monkeypatch.chdir(tmp_path)
    spellings = [
        "x.py", "./x.py", "a/x.py", "a//x.py", "./a/x.py", "a/./x.py", "a/b/x.py", "a/b//x.py", "a/b/../x.py",
        "a/b/./../../x.py", str(tmp_path / "a" / "b" / "x.py"), str(tmp_path / "x.py"), f"{tmp_path}//a/x.py",
    ]  # fmt: skip
    resolver = config.Resolver()
    for path in spellings + spellings[::-1]:
        expected = config.Resolver().for_directory(os.path.abspath(os.path.dirname(path) or os.curdir))
        assert resolver.for_file(path).path == expected.path, path
    assert resolver.for_file("a/b/x.py").path == tmp_path / "a" / "pyproject.toml"
    assert resolver.for_file("a/b/../../x.py").path == tmp_path / "pyproject.toml"


def test_a_pyproject_toml_is_parsed_again_when_its_text_changes(tmp_path, monkeypatch):
    """What a pyproject.toml says is remembered for its path and its exact text only."""
    from qonto_lint import config

    put(tmp_path, {"pyproject.toml": '[project]\nname = "qonto-lint-user"\n'})
    monkeypatch.chdir(tmp_path)
    assert config.Resolver().for_file("x.py").path is None
    assert config.Resolver().for_file("x.py").path is None
    put(tmp_path, {"pyproject.toml": '[project]\nname = "qonto-lint-user"\n[tool.qonto-lint]\nignore = ["QNT304"]\n'})
    found = config.Resolver().for_file("x.py")
    assert (found.path, found.values) == (tmp_path / "pyproject.toml", {"ignore": ["QNT304"]})
    put(tmp_path, {"pyproject.toml": '[project]\nname = "qonto-lint-user"\n[tool.qonto-lint]\nignore = "QNT304"\n'})
    with pytest.raises(config.ConfigError, match="'ignore' must be a list of rule codes"):
        config.Resolver().for_file("x.py")
    put(tmp_path, {"pyproject.toml": '[project]\nname = "qonto-lint-user"\n[tool.qonto-lint\n'})
    for _ in range(2):
        with pytest.raises(config.ConfigError, match="is not valid TOML"):
            config.Resolver().for_file("x.py")


def test_a_misspelt_table_is_named_once_however_often_the_file_is_looked_at(tmp_path, monkeypatch, capsys):
    from qonto_lint import config

    put(tmp_path, {"pyproject.toml": '[project]\nname = "qonto-lint-user"\n[tool.qonto_lint]\nignore = ["QNT304"]\n'})
    monkeypatch.chdir(tmp_path)
    for _ in range(3):
        assert config.Resolver().for_file("x.py").path is None
    assert capsys.readouterr().err == (
        "qonto-lint: warning: pyproject.toml: [tool.qonto_lint] is not read: the table is [tool.qonto-lint]\n"
    )


#: every way TOML can put a key under `tool` (KEY is the key as written, quoted or bare)
_TABLE_FORMS = [
    "[tool.KEY]\nignore = []\n",
    "[ tool . KEY ]\nignore = []\n",
    '["tool".KEY]\nignore = []\n',
    "['tool' . KEY]\nignore = []\n",
    "[tool.KEY.per-file-ignores]\n'x.py' = []\n",
    "[[tool.KEY.list]]\na = 1\n",
    "[tool]\nKEY.ignore = []\n",
    "[tool]\nKEY = { ignore = [] }\n",
    "[ tool ]\nKEY = {}\n",
    '[ "tool" ]\nKEY = {}\n',
    "tool.KEY.ignore = []\n",
    "tool . KEY . ignore = []\n",
    "tool = { KEY = { ignore = [] } }\n",
    "tool={KEY={}}\n",
    '"t\\u006fol".KEY.ignore = []\n',
    '[project]\nname = "x"\n[tool.black]\nline-length = 1\n[tool.KEY]\n',
]
_KEYS = [
    "qonto-lint",
    '"qonto-lint"',
    "'qonto-lint'",
    "qonto_lint",
    "qontolint",
    "Qonto-Lint",
    '"qonto lint"',
    '"\\u0071onto-lint"',  # an escape in a quoted key
]


@pytest.mark.parametrize("form", _TABLE_FORMS)
@pytest.mark.parametrize("key", _KEYS)
def test_the_look_before_parsing_lets_every_spelling_of_the_table_through(tmp_path, monkeypatch, capsys, form, key):
    """A pyproject.toml is parsed only when its text could hold `tool.qonto-lint` or a
    misspelling of it; whatever the TOML syntax, the table is found or the misspelling named."""
    from qonto_lint import config

    text = form.replace("KEY", key)
    (parsed_key,) = (name for name in config._parse_toml(text.encode(), tmp_path)["tool"] if name != "black")
    put(tmp_path, {"pyproject.toml": text})
    monkeypatch.setattr(config, "_warned", set())
    monkeypatch.setattr(config, "_verdicts", {})
    assert config._ours(tmp_path / "pyproject.toml") is (parsed_key == "qonto-lint")
    if parsed_key != "qonto-lint":
        assert "is not read: the table is [tool.qonto-lint]" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    [
        '[project]\nname = "qonto-lint"\n[project.scripts]\nqonto-lint = "qonto_lint.cli:main"\n',
        '[project]\ndependencies = ["qonto-lint>=0.1"]\n[tool.setuptools]\npackages = ["qonto_lint"]\n',
        "# checked by qonto-lint in CI\n[tool.ruff]\nline-length = 100\n",
        '[project.optional-dependencies]\nlint = ["qonto-lint", "ruff"]\n[tool.ruff.lint]\nselect = ["E"]\n',
    ],
)
def test_a_pyproject_naming_qonto_lint_outside_the_tool_table_is_not_parsed(tmp_path, monkeypatch, text):
    """The project that packages or depends on qonto-lint names it outside `[tool]`: no TOML
    parser is loaded for it (most of a small run's time), and it is not qonto-lint's configuration."""
    from qonto_lint import config

    put(tmp_path, {"pyproject.toml": text})
    monkeypatch.setattr(config, "_verdicts", {})
    monkeypatch.setattr(config, "_parse_toml", lambda data, path: pytest.fail(f"parsed {path}"))
    assert config._ours(tmp_path / "pyproject.toml") is False
    monkeypatch.chdir(tmp_path)
    assert config.Resolver().for_file("x.py").path is None
