""".gitignore files select the same files as git: a table of patterns checked against git itself.

Every case lives in its own directory of one temporary repository, holding its ignore files and the
same set of source files (each with one finding). qonto-lint's selection (the files it reports)
must equal `git ls-files --others --exclude-standard`; a pattern that backtracks badly in a regex
translation must not slow the run, and no pattern may stop it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SOURCE = 'QONTO_URL = "http://thirdparty.qonto.com/v2"\n'
LONG = "a" * 60 + ".py"

FILES = (
    "a.py",
    "b.py",
    "ab.py",
    "abc.py",
    "foo.py",
    "build.py",
    "Upper.py",
    "1digit.py",
    "#hash.py",
    "!bang.py",
    "space name.py",
    "a b.py",
    "].py",
    "-.py",
    LONG,
    "doc/a.py",
    "doc/b.py",
    "doc/sub/a.py",
    "sub/doc/a.py",
    "build/x.py",
    "x/build/y.py",
    "q/[ab].py",
    "q/a.py",
    "q/b.py",
    "deep/a/b/c/d.py",
    "deep/a/x.py",
    "deep/d.py",
    "dir.py/inside.py",
)

CASES = {  # name: {directory of the ignore file (relative to the case): its text}
    "negation": {"": "*.py\n!a.py\n"},
    "dir_only": {"": "doc/\n"},
    "anchored": {"": "/doc\n"},
    "anchored_file": {"": "/a.py\n"},
    "middle_slash": {"": "doc/*.py\n"},
    "starstar_prefix": {"": "**/doc/a.py\n"},
    "starstar_middle": {"": "deep/**/d.py\n"},
    "starstar_suffix": {"": "deep/a/**\n!deep/a/b/c/d.py\n"},
    "starstar_reinclude_dir": {"": "doc/**\n!doc/sub/\n"},
    "starstar_not_alone": {"": "a**.py\n"},
    "starstar_dirs": {"": "**/\n"},
    "starstar_dirs_below": {"": "doc/**/\n"},
    "starstar_zero_dirs": {"": "deep/**/a/x.py\ndeep/a/**/b/c/**/d.py\n"},
    "star_dirs": {"": "*/\n!doc/\n"},
    "root_star_back": {"": "/*\n!/doc\n"},
    "star_slash": {"": "deep/*/x.py\n"},
    "dir_name_anywhere": {"": "build\n"},
    "dir_name_dir_only": {"": "build/\n"},
    "anchored_dir": {"": "/build/\n"},
    "nested_dir": {"": "x/build/\n"},
    "file_pattern_dir_only": {"": "dir.py/\na.py/\n"},
    "question": {"": "?.py\n"},
    "two_questions": {"": "??.py\n"},
    "class_posix_alpha": {"": "[[:alpha:]]*.py\n"},
    "class_posix_digit_upper": {"": "[[:digit:]]*.py\n[[:upper:]]*.py\n"},
    "class_posix_two": {"": "[[:alpha:][:digit:]]?.py\n"},
    "class_posix_unknown": {"": "[[:bogus:]]*.py\nb.py\n"},
    "class_posix_unterminated": {"": "[[:alpha:]\nb.py\n"},
    "class_empty": {"": "[]\nb.py\n"},
    "class_reversed_range": {"": "[z-a]*.py\nb.py\n"},
    "class_bracket_first": {"": "[]a]*.py\n"},
    "class_negated": {"": "[!a-c]*.py\n"},
    "class_caret": {"": "[^a]*.py\n"},
    "class_dash_last": {"": "[a-]*.py\n"},
    "class_range": {"": "[a-b].py\n"},
    "class_unclosed": {"": "[ab.py\nfoo.py\n"},
    "escaped_brackets": {"": "q/\\[ab\\].py\n"},
    "brackets_as_class": {"": "q/[ab].py\n"},
    "escaped_space": {"": "space\\ name.py\n"},
    "inner_space": {"": "a b.py\n"},
    "trailing_spaces": {"": "a.py   \nb.py\t\n"},
    "escaped_trailing_space": {"": "a.py\\ \nb.py\n"},
    "escaped_hash_and_bang": {"": "\\#hash.py\n\\!bang.py\n"},
    "comment": {"": "#hash.py\nb.py\n"},
    "trailing_backslash": {"": "a.py\\\nb.py\n"},
    "escaped_slash": {"": "doc\\/a.py\n"},
    "case_matters": {"": "*.PY\nupper.py\nUPPER.py\nUpper.py\n"},
    "crlf": {"": "a.py\r\nb.py\r\n"},
    "bom": {"": "\ufeffa.py\nfoo.py\n"},
    "slash_alone": {"": "/\n!\nb.py\n"},
    "everything_then_back": {"": "*\n!*/\n!*.py\nq/\n"},
    "nested_reinclude": {"": "*.py\n", "doc": "!a.py\n"},
    "nested_anchored": {"": "!doc/a.py\n", "doc": "/a.py\nsub/\n"},
    "nested_override_parent": {"doc": "*.py\n", "": "!doc/b.py\n"},
    # the same shapes with many more stars are in the test below: git 2.39 itself takes minutes on them
    "stars_no_match": {"": "a*a*a*a*b\nb.py\n"},
    "stars_match": {"": "a*a*a*a*.py\n"},
    "stars_starstar": {"": "**/a*a*a*b/**/x\n**/d*/**/*.py\n"},
}


def git(root: Path, *args: str) -> bytes:
    env = {**os.environ, "HOME": str(root.parent), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, check=True, timeout=60).stdout


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("gitignore") / "repo"
    root.mkdir()
    git(root, "init", "-q", ".")
    # .git/info/exclude comes first; a .gitignore can take an entry back
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("info_*.py\n")
    (root / ".gitignore").write_bytes(b"!info_keep.py\n")
    for name in ("info_a.py", "info_keep.py"):
        (root / name).write_text(SOURCE)
    for case, ignore_files in CASES.items():
        for name in FILES:
            path = root / case / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(SOURCE)
        for directory, text in ignore_files.items():
            (root / case / directory / ".gitignore").write_bytes(text.encode("utf-8"))
    return root


def git_selection(root: Path) -> set[str]:
    names = git(root, "ls-files", "-z", "--others", "--exclude-standard").decode("utf-8").split("\0")
    return {name for name in names if name.endswith(".py")}


def lint_selection(root: Path) -> set[str]:
    # `--exclude` replaces the default excludes (which skip `build`): only .gitignore decides here
    proc = run_cli(
        "--isolated", "-q", "--exclude", "no-such-name", "--format", "json-lines", ".", cwd=root, timeout=120
    )
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr and b"FutureWarning" not in proc.stderr, proc.stderr.decode()
    return {
        Path(json.loads(line)["filename"]).relative_to(root).as_posix()
        for line in proc.stdout.decode("utf-8").splitlines()
    }


def test_file_selection_equals_git_for_every_pattern(repository):
    expected = git_selection(repository)
    selected = lint_selection(repository)
    # the table is meaningful: every case keeps some files and ignores others
    assert "info_a.py" not in expected and "info_keep.py" in expected
    for case in CASES:
        kept = {name for name in expected if name.startswith(case + "/")}
        assert kept and len(kept) < len(FILES), case
    by_case = {}
    for name in expected ^ selected:
        by_case.setdefault(name.split("/", 1)[0], []).append(
            ("only git" if name in expected else "only qonto-lint", name)
        )
    assert not by_case, by_case
    assert selected == expected


def test_a_backtracking_pattern_in_gitignore_neither_hangs_nor_stops_the_run(tmp_path):
    # a regex translation of this line takes minutes against the 60-character name
    root = tmp_path / "g"
    root.mkdir()
    git(root, "init", "-q", ".")
    (root / ".gitignore").write_text(
        "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n**/a*a*a*a*a*a*a*a*a*a*a*a*b/**/x\n"
        "[]\n[z-a]\nq/\\[ab\\].py\n[[:alpha:]]x.py\n"
    )
    (root / "q").mkdir()
    for name in (LONG, "q/[ab].py", "q/a.py"):
        (root / name).write_text(SOURCE)
    proc = run_cli("--isolated", "-q", ".", cwd=root, timeout=60)
    message = (
        "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
        "expose the key)"
    )
    assert proc.stdout.decode().splitlines() == [
        f"{LONG}:1:13: QNT304 [*] {message}",
        f"q/a.py:1:13: QNT304 [*] {message}",
    ]
    assert proc.stderr == b""
    assert proc.returncode == 1


def test_a_pattern_with_too_many_wildcards_is_skipped_with_one_warning(tmp_path):
    root = tmp_path / "g"
    root.mkdir()
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("a.py\n" + "*x" * 300 + "\n")
    for name in ("a.py", "b.py"):
        (root / name).write_text(SOURCE)
    proc = run_cli("--isolated", "-q", ".", cwd=root, timeout=60)
    assert proc.stderr.decode().splitlines() == [
        f"qonto-lint: warning: {root / '.gitignore'}:2: pattern skipped: more than 200 wildcards"
    ]
    assert [line.split(":")[0] for line in proc.stdout.decode().splitlines()] == ["b.py"]
    assert proc.returncode == 1


def _disagreement_with_git(root, env, patterns: list[str], names: set[str]):
    """(patterns, ignored by git only, ignored by us only) when the matcher and `git check-ignore`
    disagree on `names` under a .gitignore of `patterns`; None when they agree."""
    from qonto_lint.gitignore import GitIgnore

    (root / ".gitignore").write_text("\n".join(patterns) + "\n")
    proc = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin", "-z"],
        cwd=root,
        env=env,
        timeout=60,
        input="\0".join(sorted(names)) + "\0",
        capture_output=True,
        text=True,
    )
    assert proc.stderr == ""
    by_git = {name for name in proc.stdout.split("\0") if name}
    ignore = GitIgnore()
    ignore.add_file(root / ".gitignore")
    ours = set()
    for name in names:
        parts = name.split("/")
        if any(
            ignore.ignored_absolute(os.path.join(root, *parts[:n]), n < len(parts)) for n in range(1, len(parts) + 1)
        ):
            ours.add(name)
    return None if ours == by_git else (patterns, sorted(by_git - ours), sorted(ours - by_git))


def test_the_matcher_agrees_with_git_check_ignore_on_random_patterns(tmp_path):
    """Random patterns and names over the characters that matter to the matcher, compared
    with `git check-ignore` (a path is ignored when it or a directory above it is)."""
    import random

    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "-q", ".")
    rng = random.Random(12)
    prefixes = ["[[:alpha:]]", "[[:digit:]]", "**/", "/**", "[!a]", "[a-b]", "\\ ", "!"]
    disagreements = []
    for _ in range(300):
        patterns = []
        for _ in range(rng.randint(1, 3)):
            pattern = "".join(rng.choice("aab**?[]!^-//\\: #") for _ in range(rng.randint(1, 8)))
            patterns.append(rng.choice(prefixes) + pattern if rng.random() < 0.3 else pattern)
        names = set()
        while len(names) < 20:
            parts = [
                "".join(rng.choice("aab-[]*?!^\\ ") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 4))
            ]
            if all(part.strip() and part not in (".", "..") for part in parts):
                names.add("/".join(parts))
        env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
        disagreement = _disagreement_with_git(root, env, patterns, names)
        if disagreement:
            disagreements.append(disagreement)
    assert disagreements == []


def test_many_starstar_slashes_against_a_deep_path_do_not_hang(tmp_path):
    # git's own wildmatch retries every way of spreading 20 `**/` over 30 directories: minutes
    root = tmp_path / "g"
    root.mkdir()
    git(root, "init", "-q", ".")
    (root / ".gitignore").write_text("**/" * 20 + "b\n")
    deep = root.joinpath(*["a"] * 30)
    deep.mkdir(parents=True)
    (deep / "x.py").write_text("QONTO_URL=1\n")
    proc = run_cli("--isolated", ".", cwd=root, timeout=60)
    assert proc.stdout == b""
    assert proc.stderr.decode().splitlines() == ["All checks passed: 1 file (1 analysed)."]
    assert proc.returncode == 0


def test_hostile_wildcard_mixes_in_deep_trees_select_the_right_files(tmp_path):
    # each line is exponential for a matcher that retries: `**/` runs, `*a*a*…` inside `**/`
    # segments, runs of `?*`; the directories are named `aaaaaaaaaa` so that most segments match
    root = tmp_path / "g"
    root.mkdir()
    git(root, "init", "-q", ".")
    (root / ".gitignore").write_text(
        "**/" * 20
        + "b\n"  # the directory b at the bottom
        + "**/*a*a*a*a*a*a*a*a*/" * 8
        + "z.py\n"  # eight directories of eight a's or more, then z.py
        + "**/*a*a*a*a*a*a*a*a*a*a*a*/" * 3
        + "x.py\n"  # eleven a's: no directory has them
        + "**/?*" * 20
        + "/w.py\n"  # twenty directories or more above w.py
        + "?*" * 40
        + "y\n"  # a name of forty characters or more ending in y: none
        + "**/"
        + "*?" * 30
        + "*/v.py\n"  # a directory of thirty characters or more: none
    )
    deep = root.joinpath(*["a" * 10] * 30)
    (deep / "b").mkdir(parents=True)
    for name in ("x.py", "z.py", "w.py", "v.py", "b/y.py"):
        (deep / name).write_text(SOURCE)
    proc = run_cli("--isolated", "-q", ".", cwd=root, timeout=60)
    message = (
        "http://thirdparty.qonto.com is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and "
        "expose the key)"
    )
    prefix = "/".join(["a" * 10] * 30)
    assert proc.stdout.decode().splitlines() == [
        f"{prefix}/v.py:1:13: QNT304 [*] {message}",
        f"{prefix}/x.py:1:13: QNT304 [*] {message}",
    ]
    assert proc.stderr == b""
    assert proc.returncode == 1


def test_the_matcher_agrees_with_git_check_ignore_on_wildcard_heavy_patterns(tmp_path):
    """Runs of `**/`, `*`, `?` and `**` mixed with a few letters, against paths a few directories
    deep: the shapes that are exponential for a retrying matcher, at sizes git answers quickly."""
    import random

    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "-q", ".")
    rng = random.Random(1212)
    tokens = ["**/", "**/", "**/", "*", "?", "**", "?*", "*a", "a*", "a", "b", "/", "*/", "[ab]", "ab"]
    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    disagreements = []
    for _ in range(250):
        patterns = []
        for _ in range(rng.randint(1, 3)):
            pattern = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 7)))
            if rng.random() < 0.3:
                pattern = "**/" * rng.randint(2, 5) + pattern
            patterns.append(pattern)
        names = set()
        while len(names) < 20:
            parts = ["".join(rng.choice("aab") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 6))]
            names.add("/".join(parts))
        disagreement = _disagreement_with_git(root, env, patterns, names)
        if disagreement:
            disagreements.append(disagreement)
    assert disagreements == []
    # the same shapes, grown beyond what git can answer, still match where they should (in a
    # process of its own, so that a matcher gone exponential fails the test instead of hanging it)
    check = """if True:
        from qonto_lint.gitignore import wildmatch
        deep = "/".join(["aaaaaaaa"] * 40) + "/b"
        print(wildmatch("**/" * 30 + "b", deep, True), wildmatch("**/*a*a*a*a*a*a*a*a*/" * 30 + "b", deep, True),
              wildmatch("**/*a*a*a*a*a*a*a*a*a*/" * 30 + "b", deep, True), wildmatch("**/?*" * 30 + "/b", deep, True),
              wildmatch("**/?*" * 41 + "/b", deep, True), wildmatch("?*" * 30 + "b", "a" * 80 + "b", False),
              wildmatch("*a" * 60 + "c", "a" * 80 + "b", False),
              wildmatch("**/" * 20 + "c", "/".join(["a"] * 30) + "/b", True))
    """
    proc = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert (proc.stdout, proc.stderr) == ("True True False True False True False False\n", "")
