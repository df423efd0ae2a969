"""Which files are linted: walking, default excludes, .gitignore, explicit paths, --force-exclude."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from qonto_lint.cli.lint import lint
from qonto_lint.files import PathMatcher, collect_files

from .samples import M107

CLIENT = """\
import requests

BASE = "https://thirdparty.qonto.com/v2"


def transactions(login, secret):
    return requests.get(BASE + "/transactions", auth=(login, secret))
"""


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def invoke(*args):
    return runner().invoke(lint, ["--isolated", "-q", *args], catch_exceptions=False)


def put(root, *paths, text=CLIENT):
    for relative in paths:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def reported(result) -> list[str]:
    return [line.split(":", 1)[0] for line in result.stdout.splitlines()]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_walk_finds_py_pyi_and_notebooks_and_skips_default_excludes(tree):
    put(
        tree,
        "app/qonto.py",
        "app/qonto.pyi",
        "app/readme.txt",
        ".venv/lib/qonto.py",
        "build/qonto.py",
        "node_modules/x/qonto.py",
        "pkg.egg-info/qonto.py",
        "app/__pycache__/qonto.py",
        "app/.ipynb_checkpoints/qonto-checkpoint.ipynb",
        "lib/site-packages/qonto.py",
    )
    found = [c.display for c in collect_files(["."])]
    assert found == ["app/qonto.py", "app/qonto.pyi"]
    assert reported(invoke()) == ["app/qonto.py", "app/qonto.pyi"]


def test_gitignore_is_honoured_when_walking(tree):
    (tree / ".git").mkdir()
    (tree / ".gitignore").write_text("# generated code\n/generated/\n*_pb2.py\nlocal/*\n!local/keep_qonto.py\n")
    put(
        tree,
        "src/qonto.py",
        "generated/qonto.py",
        "src/api_pb2.py",
        "src/generated/qonto.py",
        "local/drop_qonto.py",
        "local/keep_qonto.py",
    )
    (tree / "src" / ".gitignore").write_text("scratch_*.py\n")
    put(tree, "src/scratch_qonto.py", "other/scratch_qonto.py")
    assert reported(invoke()) == [
        "local/keep_qonto.py",
        "other/scratch_qonto.py",
        "src/generated/qonto.py",
        "src/qonto.py",
    ]


def test_gitignore_applies_when_walking_a_subdirectory(tree, monkeypatch):
    (tree / ".git").mkdir()
    (tree / ".gitignore").write_text("ignored/\n")
    put(tree, "pkg/ignored/qonto.py", "pkg/qonto.py")
    assert reported(invoke("pkg")) == ["pkg/qonto.py"]
    monkeypatch.chdir(tree / "pkg")
    assert reported(invoke()) == ["qonto.py"]


def test_gitignore_above_the_repository_does_not_apply(tree, monkeypatch):
    (tree / ".gitignore").write_text("repo/\n*.py\n")
    (tree / "repo" / ".git").mkdir(parents=True)
    put(tree, "repo/qonto.py")
    monkeypatch.chdir(tree / "repo")
    assert reported(invoke()) == ["qonto.py"]


def test_git_info_exclude_is_honoured(tree):
    (tree / ".git" / "info").mkdir(parents=True)
    (tree / ".git" / "info" / "exclude").write_text("mine_*.py\n")
    put(tree, "mine_qonto.py", "qonto.py")
    assert reported(invoke()) == ["qonto.py"]


def test_explicit_files_are_linted_even_when_excluded_or_ignored(tree):
    (tree / ".git").mkdir()
    (tree / ".gitignore").write_text("generated/\n")
    put(tree, "generated/qonto.py", "build/qonto.py")
    assert reported(invoke("generated/qonto.py", "build/qonto.py")) == ["build/qonto.py", "generated/qonto.py"]


def test_force_exclude_applies_excludes_to_explicit_files(tree):
    put(tree, "build/qonto.py", "migrations/0001_qonto.py", "src/qonto.py")
    result = invoke(
        "--force-exclude",
        "--extend-exclude",
        "migrations",
        "build/qonto.py",
        "migrations/0001_qonto.py",
        "src/qonto.py",
    )
    assert reported(result) == ["src/qonto.py"]
    # a directory named explicitly is dropped whole
    assert invoke("--force-exclude", "build").stdout == ""


def test_exclude_on_the_command_line_replaces_the_defaults(tree):
    put(tree, "build/qonto.py", "vendor/qonto.py", "src/qonto.py")
    assert reported(invoke("--exclude", "vendor")) == ["build/qonto.py", "src/qonto.py"]
    assert reported(invoke("--extend-exclude", "vendor")) == ["src/qonto.py"]
    assert reported(invoke("--extend-exclude", "src/*.py")) == ["vendor/qonto.py"]


def test_a_path_pattern_is_relative_to_the_root_not_any_parent(tmp_path):
    matcher = PathMatcher(["build", "tests/fixtures", "*_pb2.py"], root=tmp_path / "proj")
    assert matcher.match(tmp_path / "proj" / "build")
    assert matcher.match(tmp_path / "proj" / "tests" / "fixtures" / "a.py", ancestors=True)
    assert matcher.match(tmp_path / "proj" / "x" / "api_pb2.py")
    assert not matcher.match(tmp_path / "proj" / "src" / "tests" / "fixtures" / "a.py", ancestors=True)
    # a walked tree that lies inside a directory named like an exclude is not excluded by it
    outside = PathMatcher(["build"], root=tmp_path / "elsewhere")
    assert not outside.match(tmp_path / "build" / "proj" / "qonto.py")


def test_walking_a_tree_under_a_directory_named_build(tmp_path, monkeypatch):
    put(tmp_path, "build/proj/qonto.py")
    monkeypatch.chdir(tmp_path / "build" / "proj")
    assert reported(invoke()) == ["qonto.py"]
    monkeypatch.chdir(tmp_path)
    assert reported(invoke(str(tmp_path / "build" / "proj"))) == ["build/proj/qonto.py"]


def test_missing_path_is_a_usage_error(tree):
    result = runner().invoke(lint, ["--isolated", "nope/"], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "qonto-lint: error: nope/: no such file or directory\n",
    )


def test_output_is_sorted_by_path_line_column(tree):
    put(tree, "b/qonto.py", "a/qonto.py", "a/b_qonto.py")
    result = invoke()
    assert result.stdout == "".join(f"{p}:7:54: {M107}\n" for p in ["a/b_qonto.py", "a/qonto.py", "b/qonto.py"])
