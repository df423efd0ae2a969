"""The directory walk decides excludes and .gitignore rules once per directory: the same files as
asking the general matchers (`PathMatcher.match`, `GitIgnore.ignored_absolute`) about every entry.

Random trees, random exclude globs (names, `*suffix`, anchored `./x` and `a/b`, wildcards in
paths, absolute paths) and random .gitignore files at any depth are walked both ways.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from qonto_lint.files import SOURCE_SUFFIXES, PathMatcher, collect_files
from qonto_lint.gitignore import GitIgnore

NAME_PIECES = ("a", "b", "ab", "build", "dist", "x-y", "a.b", "[a]", "node_modules", "doc", "copy", "apy")
SUFFIXES = (".py", ".js", ".ts", ".txt", ".pyi", "")


def reference_walk(root: Path, excludes: tuple[str, ...], exclude_root: Path) -> list[str]:
    """Every entry asked of the general matchers, directory by directory (no symbolic links)."""
    matcher = PathMatcher(excludes, exclude_root)
    ignore = GitIgnore()
    repository = next((d for d in (root, *root.parents) if (d / ".git").exists()), None)
    for directory in reversed((root, *root.parents)):
        if repository is not None and directory != repository and repository not in directory.parents:
            continue
        if directory == repository and (directory / ".git" / "info" / "exclude").is_file():
            ignore.add_file(directory / ".git" / "info" / "exclude", base=directory)
        if (directory / ".gitignore").is_file():
            ignore.add_file(directory / ".gitignore")
    found: list[str] = []

    def visit(directory: str, display: str) -> None:
        if directory != str(root) and os.path.isfile(os.path.join(directory, ".gitignore")):
            ignore.add_file(os.path.join(directory, ".gitignore"))
        for entry in sorted(os.scandir(directory), key=lambda e: e.name):
            is_dir = entry.is_dir()
            if not is_dir and not entry.name.endswith(SOURCE_SUFFIXES):
                continue
            if matcher.match(Path(entry.path)) or ignore.ignored_absolute(entry.path, is_dir):
                continue
            shown = f"{display}/{entry.name}" if display else entry.name
            if is_dir:
                visit(entry.path, shown)
            else:
                found.append(shown)

    visit(str(root), "")
    return sorted(found)


def random_name(rng: random.Random) -> str:
    return rng.choice(NAME_PIECES) + rng.choice(("", "", "1", "_b")) + rng.choice(SUFFIXES)


def random_glob(rng: random.Random, names: list[str], root: Path) -> str:
    name = rng.choice([n for n in names if "/" in n] or names)
    directory = name.rsplit("/", 1)[0]
    return rng.choice(
        (
            name.rsplit("/", 1)[-1],  # a literal name, at any depth
            "*" + name[-3:],  # `*suffix`
            "./" + name.split("/", 1)[0],  # the entry at the top of the root
            name,  # an anchored literal path
            directory + "/*",  # everything in one directory
            directory + "/*" + name[-2:],
            directory + "/" + name.rsplit("/", 1)[-1][:2] + "*",  # wildcards after part of a name
            "*/" + name.rsplit("/", 1)[-1],  # `*` crosses `/`
            "[ab]*",
            "?" + name[1:3] + "*",
            f"{root.as_posix()}/{name}",  # absolute
            f"{root.as_posix()}/{directory}*",
        )
    )


def random_ignore_line(rng: random.Random, names: list[str]) -> str:
    name = rng.choice(names)
    last = name.rsplit("/", 1)[-1]
    return rng.choice(
        (
            last,
            last + "/",
            "/" + last,
            name,
            "/" + name,
            name.split("/", 1)[0] + "/",
            "*" + last[-3:],
            "!" + last,
            "!" + name,
            "**/" + last,
            name.split("/", 1)[0] + "/**/" + last,
            "*/" + last,
            name[: len(name) - len(last)] + last[:2] + "*",  # wildcards after part of a name
            "/" + name[: len(name) - len(last)] + last[:1] + "?*",
            "[ab]*/",
            "?" + last[1:],
        )
    )


@pytest.mark.parametrize("seed", range(60))
def test_the_walk_selects_what_the_general_matchers_select(tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    names = []
    for _ in range(rng.randint(10, 40)):
        depth = rng.randint(1, 4)
        parts = [random_name(rng) for _ in range(depth)]
        names.append("/".join(parts))
    created = []
    for name in names:
        path = root / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.write_text("x = 1\n")
                created.append(name)
        except (FileExistsError, NotADirectoryError):
            continue  # a file where a directory was wanted, or the reverse
    directories = sorted({str(Path(n).parent) for n in created if "/" in n})
    for directory in ["."] + rng.sample(directories, min(len(directories), 3)):
        if (root / directory).is_dir():
            lines = [random_ignore_line(rng, created) for _ in range(rng.randint(1, 4))]
            (root / directory / ".gitignore").write_text("\n".join(lines) + "\n")
    excludes = tuple(random_glob(rng, created, root) for _ in range(rng.randint(0, 5)))
    walked_from = root / rng.choice(["."] + directories) if rng.random() < 0.3 else root
    monkeypatch.chdir(walked_from)

    got = sorted(c.display for c in collect_files(["."], exclude=excludes, root=root))
    assert got == reference_walk(walked_from, excludes, root), (excludes, (root / ".gitignore").read_text())


def test_files_met_twice_are_listed_once_whatever_the_order_of_the_paths(tmp_path, monkeypatch):
    for name in ("a/x.py", "a/y.py", "p/x.py", "p/y.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    (tmp_path / "b").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "c.py").symlink_to(tmp_path / "a" / "x.py")
    monkeypatch.chdir(tmp_path)

    def found(*paths: str) -> list[tuple[str, bool]]:
        return [(c.display, c.explicit) for c in collect_files(list(paths))]

    assert found(".") == [("a/x.py", False), ("a/y.py", False), ("p/x.py", False), ("p/y.py", False)]
    assert found("a/x.py", "a") == [("a/x.py", True), ("a/y.py", False)]
    assert found("a", "b/y.py", "c.py") == [("a/x.py", False), ("a/y.py", False)]
    assert found("b", "a") == [("a/x.py", False), ("a/y.py", False)]
    assert found("p", "p/x.py") == [("p/x.py", False), ("p/y.py", False)]
    assert found("p", "p", "a") == [("p/x.py", False), ("p/y.py", False), ("a/x.py", False), ("a/y.py", False)]
    assert found("p/y.py", "p") == [("p/y.py", True), ("p/x.py", False)]
