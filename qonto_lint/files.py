"""Which files to lint: walking directories, excludes, .gitignore, explicit paths."""

from __future__ import annotations

import operator
import os
import re
import stat
from pathlib import Path

from .record import ValueRecord

TYPE_CHECKING = False  # typing costs a fast run milliseconds to import; annotations only
if TYPE_CHECKING:
    from typing import Any

#: ruff's default excludes (ruff 0.17), then what never holds sources of the project: bytecode, egg
#: metadata, and `./build`, the copy of the package that `setup.py build` and wheel builds leave at the
#: top of a project (a `build` package deeper down is source and is linted). `env` and `.env` are not
#: here: a virtual environment under any name has its modules in `site-packages`.
DEFAULT_EXCLUDES = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".git-rewrite",
    ".hg",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pyenv",
    ".pytest_cache",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    ".vscode",
    "__pypackages__",
    "_build",
    "buck-out",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
    "__pycache__",
    "*.egg-info",
    "./build",
)
PYTHON_SUFFIXES = (".py", ".pyi", ".ipynb")
#: `.d.ts` declaration files end in `.ts` and are linted like `.pyi` stubs: they hold no requests,
#: but a literal type or a `declare const` can still name a Qonto host or carry a key, and the text
#: gate makes a declaration file that never mentions Qonto cost one read
JAVASCRIPT_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx")
SOURCE_SUFFIXES = PYTHON_SUFFIXES + JAVASCRIPT_SUFFIXES


def is_javascript(path: str) -> bool:
    """Whether a file is read as JavaScript or TypeScript (by its name's suffix, in any case)."""
    return path.lower().endswith(JAVASCRIPT_SUFFIXES)


class PathError(Exception):
    """A path given on the command line that cannot be linted (exit status 2)."""


class Candidate(ValueRecord):
    __slots__ = ("path", "display", "explicit", "problem")

    def __init__(self, path: str | Path, display: str, explicit: bool, problem: str | None = None) -> None:
        self.path = path  # as found, or the absolute path a directory walk met
        self.display = display  # as shown in output
        self.explicit = explicit  # named on the command line
        #: why it cannot be read, known from the walk (a directory that cannot be listed): QNT900
        self.problem = problem


class PathMatcher:
    """Globs as ruff reads them in `exclude` and `per-file-ignores`.

    A glob without `/` matches a file or directory name at any depth (`dist`,
    `*_pb2.py`); a glob with `/` (`./build` too) matches the path relative to `root`, the directory
    of the configuration file (`tests/fixtures`, `src/*/generated/*.py`), and
    everything under a directory it matches. `*` crosses `/` as in fnmatch.
    """

    def __init__(self, patterns, root: Path | None = None) -> None:
        self.patterns = tuple(p for p in (str(p).strip() for p in patterns) if p)
        self.root = Path(os.path.abspath(root or Path.cwd()))
        self._globs: list[tuple[str, bool, _Glob]] = []
        self._all_compiled: list[tuple[str, bool, re.Pattern[str]]] | None = None
        self._planned: tuple[frozenset[str], tuple[str, ...], tuple, tuple] | None = None
        for pattern in self.patterns:
            body = _body(pattern)
            # `./name` is the entry `name` at the top of the root only
            anchored = "/" in body or pattern.startswith("./")
            self._globs.append((pattern, anchored, _Glob(body)))

    @property
    def _compiled(self) -> list[tuple[str, bool, re.Pattern[str]]]:
        """(pattern, anchored, regex) for each glob, the regexes compiled on first use: a walk
        with the default excludes needs none of them (see `for_directory`)."""
        compiled = self._all_compiled
        if compiled is None:
            compiled = self._all_compiled = [(pattern, anchored, glob.regex) for pattern, anchored, glob in self._globs]
        return compiled

    def relative(self, path: Path) -> str | None:
        """`path` relative to the root in posix form, or None when it lies outside."""
        for candidate, root in (
            (os.path.abspath(path), str(self.root)),
            (os.path.realpath(path), os.path.realpath(self.root)),
        ):
            relative = os.path.relpath(candidate, root)
            if relative != ".." and not relative.startswith("../") and not os.path.isabs(relative):
                return Path(relative).as_posix()
        return None

    def match(self, path: Path, *, ancestors: bool = False) -> str | None:
        """The first pattern that matches `path` (or, with `ancestors`, a directory above it)."""
        if not self._compiled:
            return None
        relative = self.relative(path)
        if relative is not None:
            parts = relative.split("/") if relative != "." else []
        else:
            parts = [part for part in Path(path).as_posix().split("/") if part not in ("", ".")]
        parts_to_check = range(1, len(parts) + 1) if ancestors else range(len(parts), len(parts) + 1)
        absolute = Path(os.path.abspath(path)).as_posix()
        for pattern, anchored, regex in self._compiled:
            if anchored and pattern.startswith("/"):
                if regex.match(absolute) or any(regex.match(a) for a in _prefixes(absolute)):
                    return pattern
                continue
            for n in parts_to_check:
                if n == 0:
                    continue
                if anchored:
                    if relative is not None and regex.match("/".join(parts[:n])):
                        return pattern
                elif regex.match(parts[n - 1]):
                    return pattern
        return None

    def for_directory(self, relative: str | None, absolute: str) -> tuple[frozenset[str], tuple[str, ...], tuple]:
        """What `match(path)` asks of an entry of one directory that the walk met, whose ancestors
        were already matched, worked out once for the directory: (names that are excluded, suffixes
        that exclude a name, (regex, prefix) pairs: `regex.match(prefix + name)` excludes).

        `relative` is the directory's path relative to the root in posix form ("" for the root,
        None when it lies outside), `absolute` its absolute posix path. A glob without wildcards
        matches one string: it is a name here or in no entry of this directory; a glob with
        wildcards is kept only when its text before the first wildcard agrees with the directory.
        """
        names, suffixes, checks, anchored = self._plan()
        extra: list[str] = []
        for is_absolute, body, head, glob in anchored:
            if is_absolute:
                prefix = absolute if absolute.endswith("/") else absolute + "/"
            elif relative is None:
                continue
            else:
                prefix = f"{relative}/" if relative else ""
            if head == body:  # no wildcard: the entry whose path is exactly the glob
                if body.startswith(prefix) and "/" not in body[len(prefix) :]:
                    extra.append(body[len(prefix) :])
            elif _may_extend(head, prefix):
                checks = (*checks, (glob.regex, prefix))
        if extra:
            names = names.union(extra)
        return names, suffixes, checks

    def _plan(self) -> tuple[frozenset[str], tuple[str, ...], tuple, tuple]:
        """The globs sorted once for `for_directory`: those without `/` match an entry's name
        (names without wildcards, the suffixes of `*suffix` globs, one regex for the others); the
        anchored ones as (absolute, body, text before the first wildcard, regex)."""
        plan = self._planned
        if plan is None:
            names, suffixes, others, anchored = set(), [], [], []
            for pattern, is_anchored, glob in self._globs:
                body = glob.body
                head = _literal_head(body)
                if is_anchored:
                    anchored.append((pattern.startswith("/"), body, head, glob))
                elif head == body:
                    names.add(body)
                elif body.startswith("*") and _literal_head(body[1:]) == body[1:]:
                    suffixes.append(body[1:])  # `*` crosses everything in a name
                else:
                    others.append(glob.regex.pattern)
            by_name = ((re.compile("|".join(f"(?:{p})" for p in others)), ""),) if others else ()
            plan = self._planned = (frozenset(names), tuple(suffixes), by_name, tuple(anchored))
        return plan


class _Glob:
    """A glob's text and, compiled on first use, its regex (fnmatch's translation)."""

    __slots__ = ("body", "_regex")

    def __init__(self, body: str) -> None:
        self.body = body
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            import fnmatch

            self._regex = re.compile(fnmatch.translate(self.body))
        return self._regex


def _body(pattern: str) -> str:
    """The text a glob is translated from (`./` and trailing slashes dropped)."""
    body = pattern[2:] if pattern.startswith("./") else pattern
    return body.rstrip("/") or body


def _literal_head(glob: str) -> str:
    """The text of `glob` before its first wildcard (all of it when it has none)."""
    end = len(glob)
    for wildcard in "*?[":
        at = glob.find(wildcard)
        if 0 <= at < end:
            end = at
    return glob[:end]


def _may_extend(head: str, prefix: str) -> bool:
    """Whether a string `prefix + name` (a name holds no `/`) can start with `head`."""
    if len(head) <= len(prefix):
        return prefix.startswith(head)
    return head.startswith(prefix) and "/" not in head[len(prefix) :]


def _prefixes(posix: str):
    pieces = posix.split("/")
    for n in range(2, len(pieces)):
        yield "/".join(pieces[:n])


def display_path(path: Path) -> str:
    """The path as shown: relative to the current directory when under it, else as given."""
    text = str(path)
    if path.is_absolute():
        try:
            relative = os.path.relpath(path, Path.cwd())
        except ValueError:  # another drive on Windows
            return text
        return text if relative == ".." or relative.startswith(".." + os.sep) else relative
    return os.path.normpath(text)


def collect_files(
    paths: list[str],
    *,
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES,
    extend_exclude: tuple[str, ...] = (),
    force_exclude: bool = False,
    respect_gitignore: bool = True,
    root: Path | None = None,
    listing: dict[str, bool] | None = None,
) -> list[Candidate]:
    """Every file to lint, in a stable order. Raises PathError for a path that does not exist.

    `listing`, when given, receives each directory the walk listed (its absolute path, as the
    walk names its files) and whether a file named pyproject.toml is in it: the configuration of
    each file is looked up from there without asking the system again (`config.Resolver`).

    Directories are walked for SOURCE_SUFFIXES (Python, notebooks, JavaScript and TypeScript),
    skipping excluded and git-ignored entries (`node_modules` among the default excludes); files
    named explicitly are always linted unless `force_exclude` is set and an exclude matches them
    or a directory above them (what pre-commit needs).
    """
    excluder = PathMatcher(tuple(exclude) + tuple(extend_exclude), root)
    found = _Found()
    for raw in paths:
        if not str(raw).strip():
            raise PathError(f"{raw!r}: no such file or directory (an empty path)")
        path = Path(raw)
        try:
            info = os.stat(path)
        except OSError as error:
            if os.path.islink(path):
                # A broken symlink or a symlink loop named explicitly: reported as unreadable
                # (QNT900, as when a directory walk meets it), not a usage error.
                found.files.append(Candidate(path, display_path(path), True))
                continue
            if isinstance(error, FileNotFoundError):
                raise PathError(f"{raw}: no such file or directory") from None
            raise PathError(f"{raw}: {error.strerror or error}") from None
        if force_exclude and excluder.match(path, ancestors=True):
            continue
        if stat.S_ISDIR(info.st_mode):
            walker = _Walker(path, excluder, respect_gitignore, listing)
            found.add_walk(walker.walk(), not walker.linked)
        else:
            found.add(Candidate(path, display_path(path), True), os.path.realpath(path))
    return found.files


class _Found:
    """The files found so far, one candidate per file (by real path)."""

    def __init__(self) -> None:
        self.files: list[Candidate] = []
        self.seen: dict[str, int] = {}  # de-duplication key (the real path) -> index in `files`
        #: a first walk's results, whose keys are in no `seen` yet: needed only if another path follows
        self._pending: list[tuple[str, Candidate, str]] | None = None

    def add(self, candidate: Candidate, key: str) -> None:
        self._settle()
        at = self.seen.get(key)
        if at is None:
            self.seen[key] = len(self.files)
            self.files.append(candidate)
        elif _preference(candidate, key) < _preference(self.files[at], key):
            self.files[at] = candidate

    def add_walk(self, walked: list[tuple[str, Candidate, str]], distinct: bool) -> None:
        """A walk's results; `distinct`: the walk met no symbolic link (its keys are distinct)."""
        if not self.files and distinct:
            self.files.extend(candidate for _display, candidate, _key in walked)
            self._pending = walked
            return
        for _display, candidate, key in walked:
            self.add(candidate, key)

    def _settle(self) -> None:
        if self._pending is not None:
            self.seen.update((key, at) for at, (_display, _candidate, key) in enumerate(self._pending))
            self._pending = None


def outside_the_tree(candidates: list[Candidate], paths: list[str]) -> set[str]:
    """The display paths of the files a directory walk reached through a symbolic link that
    leads out of every directory named in `paths`: `--fix` leaves them alone. A file named on
    the command line is never among them."""
    roots = []
    for raw in paths:
        if os.path.isdir(raw):
            real = os.path.realpath(raw)
            roots.append(real if real.endswith(os.sep) else real + os.sep)
    outside = set()
    for candidate in candidates:
        if candidate.explicit or candidate.problem is not None:
            continue
        real = os.path.realpath(candidate.path)
        if not any(real.startswith(root) for root in roots):
            outside.add(candidate.display)
    return outside


def _preference(candidate: Candidate, key: str) -> tuple:
    """Which of the names of one file is reported, whatever the order of the paths or the walk:
    the path that is the file itself, then one whose last part is not a symbolic link, then the
    smallest."""
    return (os.path.abspath(candidate.path) != key, os.path.islink(candidate.path), candidate.display)


def _loops_back(link: Path, real_parent: str) -> bool:
    """Whether a directory symlink leads to the directory holding it, or to one of its ancestors."""
    try:
        target = os.path.realpath(link)
    except OSError:
        return True
    return real_parent == target or real_parent.startswith(target.rstrip(os.sep) + os.sep)


class _Walker:
    """The source files under `root`, sorted by display path: (display path, candidate, its
    de-duplication key).

    Works on strings: one relative path and one display path per directory, extended by entry
    names; `realpath` only where a symbolic link is met.
    """

    def __init__(
        self, root: Path, excluder: PathMatcher, respect_gitignore: bool, listing: dict[str, bool] | None = None
    ) -> None:
        self.root = root
        self.listing = listing
        self.linked = False  # a symbolic link was met
        self.absolute_root = os.path.abspath(root)
        self.excluder = excluder
        self.respect_gitignore = respect_gitignore
        self.ignore: Any = None  # the matcher is imported when the first ignore file is met
        self.decides: Any = None
        #: (display path, candidate, de-duplication key)
        self.results: list[tuple[str, Candidate, str]] = []

    def _read_ignore_file(self, path: Path, base: Path | None = None) -> None:
        if self.ignore is None:
            from .gitignore import GitIgnore, decides

            self.ignore = GitIgnore()
            self.decides = decides
        self.ignore.add_file(path, base)

    def _read_ignores_above(self) -> None:
        """.gitignore files from the repository root (the nearest directory holding .git) down
        to the walked directory; those above the repository do not apply."""
        chain = [Path(self.absolute_root), *Path(self.absolute_root).parents]
        top = next((d for d in chain if (d / ".git").exists()), None)
        for directory in reversed(chain):
            if top is not None and not (directory == top or top in directory.parents):
                continue
            if directory == top and (directory / ".git" / "info" / "exclude").is_file():
                self._read_ignore_file(directory / ".git" / "info" / "exclude", base=directory)
            if (directory / ".gitignore").is_file():
                self._read_ignore_file(directory / ".gitignore")

    def walk(self) -> list[tuple[str, Candidate, str]]:
        if self.respect_gitignore:
            self._read_ignores_above()
        if any(
            anchored
            and pattern.startswith("/")
            and any(glob.regex.match(a) for a in _prefixes(Path(self.absolute_root).as_posix() + "/x"))
            for pattern, anchored, glob in self.excluder._globs
        ):
            return []  # an absolute exclude matches a directory above the root
        root_relative = self.excluder.relative(self.root)
        real_root = os.path.realpath(self.absolute_root)
        visited: set = set()
        # (absolute path, path relative to the exclude root or None, display path, real path)
        start = (self.absolute_root, root_relative if root_relative != "." else "", display_path(self.root), real_root)
        stack = [start]
        # Directories reached through a symbolic link are walked after every real one, so that a
        # directory with two names in the tree is walked (and reported) under its real name,
        # whichever name sorts first.
        linked: list = []
        while stack or linked:
            if not stack:
                stack.extend(reversed(linked))
                linked.clear()
            directory, relative, display, real = stack.pop()
            if real in visited:  # a symlink loop
                continue
            visited.add(real)
            subdirs, linked_subdirs = self._list(directory, relative, display, real)
            stack.extend(reversed(subdirs))
            linked.extend(linked_subdirs)
        self.results.sort(key=_FIRST)
        return self.results

    def _entries(self, directory: str, display: str, real: str) -> list[os.DirEntry]:
        """The directory's entries, in the order the system gives them; its own ignore file, if
        there is one, is read first (it applies to them)."""
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as error:
            # the files in it had to be analysed: QNT900, never a silent pass
            problem = f"cannot list this directory: {error.strerror or error}"
            self.results.append((display, Candidate(directory, display, False, problem), real))
            return []
        ignore_file = self.respect_gitignore and directory != self.absolute_root
        if ignore_file or self.listing is not None:
            pyproject = False
            for entry in entries:
                name = entry.name
                if name == ".gitignore" and ignore_file and _is_file(entry):
                    self._read_ignore_file(Path(directory) / ".gitignore")
                elif name == "pyproject.toml":
                    pyproject = _is_file(entry)
            if self.listing is not None:
                self.listing[directory] = pyproject
        return entries

    def _list(self, directory: str, relative: str | None, display: str, real: str) -> tuple[list, list]:
        """The source files of one directory go to the results; returns its subdirectories (real
        ones, and those reached through a symbolic link). What decides for an entry (excludes,
        ignore rules) is worked out once for the directory: the work per entry is on its name."""
        entries = self._entries(directory, display, real)
        if not entries:
            return [], []
        names, suffixes, checks = self.excluder.for_directory(relative, directory.replace(os.sep, "/"))
        decides = self.decides
        file_rules = dir_rules = None
        if self.ignore is not None and self.ignore.groups:
            file_rules, dir_rules = self.ignore.for_directory(directory)
            # a decision without rules ignores nothing: not even asked
            file_rules = file_rules if file_rules[0] else None
            dir_rules = dir_rules if dir_rules[0] else None
        subdirs = []
        linked_subdirs = []
        results = self.results
        # the joins below are concatenations: a JavaScript tree has many small files in many folders
        display_base = "" if display in (".", "") else (display if display.endswith(os.sep) else display + os.sep)
        real_base = real if real.endswith(os.sep) else real + os.sep
        relative_base = None if relative is None else (f"{relative}/" if relative else "")
        sources = SOURCE_SUFFIXES
        candidate = Candidate
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir and not name.endswith(sources):
                continue
            if name in names or name.endswith(suffixes) or (checks and _any_match(checks, name)):
                continue
            rules = dir_rules if is_dir else file_rules
            if rules is not None and decides(rules, name):
                continue
            entry_display = display_base + name
            try:
                link = entry.is_symlink()
            except OSError:
                link = False
            absolute = entry.path  # os.path.join(directory, name), made by scandir
            if link:
                self.linked = True
            if not is_dir:
                key = os.path.realpath(absolute) if link else real_base + name
                results.append((entry_display, candidate(absolute, entry_display, False), key))
                continue
            entry_relative = None if relative_base is None else relative_base + name
            if not link:
                subdirs.append((absolute, entry_relative, entry_display, real_base + name))
            elif not _loops_back(Path(absolute), real):  # a symlink to this directory or one above: a loop
                linked_subdirs.append((absolute, entry_relative, entry_display, os.path.realpath(absolute)))
        # in name order (the files are sorted at the end): the first of two links to one directory wins
        subdirs.sort(key=_FIRST)
        linked_subdirs.sort(key=_FIRST)
        return subdirs, linked_subdirs


_FIRST = operator.itemgetter(0)


def _is_file(entry: os.DirEntry) -> bool:
    """`os.path.isfile` of the entry's path, from what the listing says."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _any_match(checks: tuple, name: str) -> bool:
    return any(regex.match(prefix + name) for regex, prefix in checks)
