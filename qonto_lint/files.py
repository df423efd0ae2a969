"""Which files to lint: walking directories, excludes, .gitignore, explicit paths."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_EXCLUDES = (
    ".git", ".hg", ".svn", ".venv", "venv", "env", ".env", "node_modules", "build", "dist",
    "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs", "*.egg-info",
)
SOURCE_SUFFIXES = (".py", ".pyi")


class PathError(Exception):
    """A path given on the command line that cannot be linted (exit status 2)."""


@dataclass(frozen=True)
class Candidate:
    path: Path  # as found (may be relative)
    display: str  # as shown in output
    explicit: bool  # named on the command line


def _compile(pattern: str):
    return re.compile(fnmatch.translate(pattern))


@dataclass
class Excluder:
    patterns: tuple[str, ...]
    root: Path = field(default_factory=Path.cwd)

    def __post_init__(self) -> None:
        self._compiled = [(p.rstrip("/"), _compile(p.rstrip("/"))) for p in self.patterns if p.strip()]

    def excluded(self, path: Path) -> bool:
        name = path.name
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            relative = path.as_posix()
        for pattern, regex in self._compiled:
            if "/" in pattern:
                if regex.match(relative) or fnmatch.fnmatch(relative, pattern + "/*"):
                    return True
            elif regex.match(name) or any(regex.match(part) for part in Path(relative).parts[:-1]):
                return True
        return False


class GitIgnore:
    """A small .gitignore matcher: patterns, negation, anchors, directory-only, `**`."""

    def __init__(self) -> None:
        self.rules: list[tuple[Path, re.Pattern, bool, bool]] = []  # (base, regex, negated, dir_only)

    def add_file(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        base = Path(os.path.abspath(path.parent))
        for raw in text.splitlines():
            line = raw.rstrip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            if negated:
                line = line[1:]
            if line.startswith("\\"):
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.strip("/") if dir_only else line
            anchored = "/" in line.rstrip("/")
            line = line.lstrip("/")
            regex = _gitignore_regex(line, anchored)
            self.rules.append((base, regex, negated, dir_only))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        verdict = False
        for base, regex, negated, dir_only in self.rules:
            if dir_only and not is_dir:
                continue
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if regex.match(relative):
                verdict = not negated
        return verdict


def _gitignore_regex(pattern: str, anchored: bool) -> re.Pattern:
    out = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", i)
            if end == -1:
                out.append(re.escape(char))
            else:
                out.append(pattern[i : end + 1].replace("[!", "[^"))
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}$")


def display_path(path: Path) -> str:
    text = str(path)
    if path.is_absolute():
        try:
            return os.path.relpath(path, Path.cwd())
        except ValueError:
            return text
    return os.path.normpath(text)


def collect_files(
    paths: list[str],
    *,
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES,
    extend_exclude: tuple[str, ...] = (),
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> list[Candidate]:
    """Every file to lint, in a stable order. Raises PathError for a path that does not exist."""
    excluder = Excluder(tuple(exclude) + tuple(extend_exclude))
    found: list[Candidate] = []
    seen: set = set()
    for raw in paths:
        path = Path(raw)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            if os.path.islink(path):
                # A broken symlink named explicitly: reported as unreadable, not a usage error.
                found.append(Candidate(path, display_path(path), True))
                continue
            raise PathError(f"{raw}: no such file or directory") from None
        except OSError as error:
            raise PathError(f"{raw}: {error.strerror or error}") from None
        if stat.S_ISDIR(info.st_mode):
            for candidate in _walk(path, excluder, respect_gitignore):
                key = os.path.realpath(candidate.path)
                if key not in seen:
                    seen.add(key)
                    found.append(candidate)
        else:
            if force_exclude and excluder.excluded(path):
                continue
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                found.append(Candidate(path, display_path(path), True))
    return found


def _walk(root: Path, excluder: Excluder, respect_gitignore: bool):
    ignore = GitIgnore()
    if respect_gitignore:
        # .gitignore files from the repository root down to the walked directory.
        absolute_root = Path(os.path.abspath(root))
        for directory in reversed([absolute_root, *absolute_root.parents]):
            if (directory / ".gitignore").is_file():
                ignore.add_file(directory / ".gitignore")
            if (directory / ".git").exists():
                ignore = GitIgnore()
                if (directory / ".gitignore").is_file():
                    ignore.add_file(directory / ".gitignore")
    visited: set = set()
    stack = [root]
    results = []
    while stack:
        directory = stack.pop()
        try:
            real = os.path.realpath(directory)
        except OSError:
            continue
        if real in visited:  # a symlink loop
            continue
        visited.add(real)
        if respect_gitignore and directory != root and (directory / ".gitignore").is_file():
            ignore.add_file(directory / ".gitignore")
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if excluder.excluded(path):
                continue
            if respect_gitignore and ignore.ignored(Path(os.path.abspath(path)), is_dir):
                continue
            if is_dir:
                subdirs.append(path)
            elif entry.name.endswith(SOURCE_SUFFIXES):
                results.append(Candidate(path, display_path(path), False))
        stack.extend(reversed(subdirs))
    return sorted(results, key=lambda c: c.display)
