"""The project a module belongs to: its root, and the modules its imports name, read on demand.

A module's values often come from another module of the same project (`from .settings import
QONTO_API_URL`, `from django.conf import settings`, a pydantic `Settings` class). The evaluator
asks this view what an imported name is bound to; the view finds the module's file inside the
project, parses it once a process (only when a value needs it, never to lint it) and answers
with the binding in that module. What cannot be found (a third-party package, a module that
does not parse, a file over the budgets) is None, and the name stays a hole.

Budgets keep it cheap and finite: a chain of re-exports is followed `MAX_HOPS` deep, one linted
file reads at most `MAX_MODULES` other modules, an imported file over `MAX_MODULE_BYTES` or
`MAX_MODULE_LINES` is not read, and a process keeps at most `CACHE_SIZE` parsed modules.
"""

from __future__ import annotations

import os
import re
import stat
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache

import libcst as cst

from ..knowledge.qonto import STAGING
from ..record import Record
from .collect import ModuleFacts, collect, dotted_name
from .hosts import HostTable, find_urls
from .scopes import Binding, Scope

#: files or directories that mark a project's root
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")
#: re-exports, aliases and attribute steps followed for one name
MAX_HOPS = 8
#: other modules one linted file may read
MAX_MODULES = 32
MAX_MODULE_BYTES = 1024 * 1024
MAX_MODULE_LINES = 20_000
#: parsed modules kept by a process (the process pool reads a module once a worker)
CACHE_SIZE = 64
#: `from django.conf import settings`: the project's settings module
DJANGO_SETTINGS = "django.conf.settings"
#: directories under the root where a Django settings module is looked for, one and two deep
_SETTINGS_FILES = ("settings.py", os.path.join("settings", "__init__.py"))
#: the most files of a project read as text when looking for the modules that import one
MAX_SCANNED_FILES = 5000
#: directories never searched for importers: tools, environments, caches
_SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "env", "build", "dist"})
_STAGING_NEEDLES = (b"x-qonto-staging-token", b"x_qonto_staging_token")


@lru_cache(maxsize=1024)
def project_root(directory: str) -> str:
    """The nearest directory at or above `directory` holding a root marker. Without one, the
    directory above the outermost package holding `directory` (`directory` itself when it is
    no package): a tree of packages copied without its `pyproject.toml` still imports itself."""
    current = directory
    while True:
        for marker in ROOT_MARKERS:
            if os.path.exists(os.path.join(current, marker)):
                return current
        parent = os.path.dirname(current)
        if parent == current:
            return package_base(directory)
        current = parent


@lru_cache(maxsize=1024)
def package_base(directory: str) -> str:
    """The directory above the outermost package holding `directory`: where its absolute
    imports start when the project has no root marker (or the package is not at the root)."""
    current = directory
    for _ in range(32):
        if not os.path.isfile(os.path.join(current, "__init__.py")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return current
        current = parent
    return current


@lru_cache(maxsize=4096)
def _candidate_files(base: str, segments: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """(how many segments, file) for each file that may hold the module `segments` names under
    `base`, longest name first: `a/b/c.py`, `a/b/c/__init__.py`, `a/b.py`... (the same imports
    come back in every module of a project)."""
    found: list[tuple[int, str]] = []
    for size in range(len(segments), 0, -1):
        stem = os.path.join(base, *segments[:size])
        found.extend(((size, stem + ".py"), (size, os.path.join(stem, "__init__.py"))))
    return tuple(found)


@lru_cache(maxsize=8192)
def _is_file(path: str) -> bool:
    return os.path.isfile(path)


@lru_cache(maxsize=8192)
def _is_directory(path: str) -> bool:
    return os.path.isdir(path)


def _read_regular(path: str, limit: int) -> bytes | None:
    """At most `limit` bytes of a regular file; None for anything else. Opened without blocking
    and checked after opening: a FIFO or a device named `x.py` must never hang the run."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(limit)
    finally:
        os.close(descriptor)


class Loaded(Record):
    """A module read for its values: its file and what the facts pass collected."""

    __slots__ = ("path", "facts", "_star_imports")

    def __init__(self, path: str, facts: ModuleFacts) -> None:
        self.path = path
        self.facts = facts
        self._star_imports: list[cst.ImportFrom] | None = None

    @property
    def star_imports(self) -> list[cst.ImportFrom]:
        """The module's top-level `from X import *` statements, in order (found when first asked:
        the linted module's own are seldom needed)."""
        if self._star_imports is None:
            self._star_imports = [
                node.body[0]
                for node in self.facts.module.body
                if isinstance(node, cst.SimpleStatementLine)
                and node.body
                and isinstance(node.body[0], cst.ImportFrom)
                and isinstance(node.body[0].names, cst.ImportStar)
            ]
        return self._star_imports

    @property
    def is_package(self) -> bool:
        return os.path.basename(self.path) == "__init__.py"


class Target(Record):
    """What a reference names in the project: a module, or a binding of one."""

    __slots__ = ("loaded", "binding")

    def __init__(self, loaded: Loaded, binding: Binding | None = None) -> None:
        self.loaded = loaded
        self.binding = binding  # None: the module itself


#: path -> (the file's stamp when read, the host table its facts were collected with, Loaded or
#: None: not readable), shared by every file a process lints; an entry whose file has changed
#: since, or read under another configuration's hosts, is read again (`_stamp`)
_CACHE: OrderedDict[str, tuple[tuple[int, ...] | None, HostTable, Loaded | None]] = OrderedDict()


def _stamp(path: str) -> tuple[int, ...] | None:
    """What says a file changed: its inode, size and modification and change times (None: no
    such file). A long-lived process (the language server) keeps the modules it read while
    their files keep their stamps, and reads a file again once it changed on disk."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _read(path: str, hosts: HostTable, parse: Callable[[bytes], cst.Module]) -> Loaded | None:
    stamp = _stamp(path)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp and cached[1] == hosts:
        _CACHE.move_to_end(path)
        return cached[2]
    loaded = None
    try:
        data = _read_regular(path, MAX_MODULE_BYTES + 1)
        if data is not None and len(data) <= MAX_MODULE_BYTES and data.count(b"\n") <= MAX_MODULE_LINES:
            loaded = Loaded(path, collect(parse(data), False, hosts))
    except (OSError, RecursionError, MemoryError):
        loaded = None
    except Exception:  # a module that does not parse is only imported here: it is not reported
        loaded = None
    _CACHE[path] = (stamp, hosts, loaded)
    _CACHE.move_to_end(path)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return loaded


#: path -> (the file's stamp when read, its imports' first names or None: unknown), for the
#: modules looked at as possible importers of the linted one (`_import_heads`)
_IMPORTS: OrderedDict[str, tuple[tuple[int, ...] | None, frozenset[str] | None]] = OrderedDict()

#: Python's whitespace between two tokens of a statement, a backslash continuation included
_GAP = r"(?:[ \t\f]|\\(?:\r\n|\r|\n))*"
#: `from <head>` (a `.` for a relative import) and the rest of the statement after `import`
_FROM_HEAD = re.compile(r"\bfrom" + _GAP + r"(\.|\w+)")
_IMPORT_LIST = re.compile(r"\bimport" + _GAP + r"((?:[^\\\r\n;#]|\\(?:\r\n|\r|\n))*)")
_WORD = re.compile(r"\w+")


def _import_heads(path: str) -> frozenset[str] | None:
    """The first name of every module the import statements of the module at `path` may name
    (`.` for a relative import), read from its text with no parse: a superset, since a word
    after `from` or in the list after `import` anywhere (a comment, a string, `yield from x`)
    counts too. None when the text cannot tell (the module must be parsed to know): not UTF-8
    (by its coding cookie or its bytes), or a non-ASCII character where a name may be (`\\w`
    cuts names at the combining marks identifiers allow, and libcst reads them unnormalised)."""
    stamp = _stamp(path)
    cached = _IMPORTS.get(path)
    if cached is not None and cached[0] == stamp:
        _IMPORTS.move_to_end(path)
        return cached[1]
    found: frozenset[str] | None = None
    try:
        data = _read_regular(path, MAX_MODULE_BYTES + 1)
        if data is not None and len(data) <= MAX_MODULE_BYTES and _utf8_cookie(data):
            found = _heads_of(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        found = None
    _IMPORTS[path] = (stamp, found)
    while len(_IMPORTS) > MAX_SCANNED_FILES:
        _IMPORTS.popitem(last=False)
    return found


def _utf8_cookie(data: bytes) -> bool:
    """Whether the module is read as UTF-8: its coding cookie, if any, says so (`tokenize`'s
    reading of it; a cookie it refuses is not UTF-8)."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return False
    return encoding in ("utf-8", "utf-8-sig")


def _heads_of(text: str) -> frozenset[str] | None:
    heads: set[str] = set()
    for match in _FROM_HEAD.finditer(text):
        if not text[match.start(1) : match.end(1) + 1].isascii():
            return None  # a name with non-ASCII in it (or right after the `\\w` run)
        heads.add(match.group(1))
    for match in _IMPORT_LIST.finditer(text):
        names = match.group(1)
        if not names.isascii():
            return None
        heads.update(_WORD.findall(names))
    return frozenset(heads)


def forget_files(paths) -> None:
    """Forget the modules read from `paths` (reported changed on disk): read again at their next
    use, even when a rewrite left their stamps as they were (a file system whose clock ticks
    coarser than two writes)."""
    for path in paths:
        _CACHE.pop(path, None)
        _IMPORTS.pop(path, None)


def clear_cache(modules: bool = True) -> None:
    """Forget what the project's files were found to hold: the text scans (`_files_holding`),
    which files exist, the roots, and unless `modules` is False the modules read and their
    imports. Those are checked against their files' stamps on each use anyway; the rest is kept
    until this is called (the language server calls it with `modules=False` when a file is
    saved, opened, or reported changed by the editor: a module that did not change is not
    parsed again)."""
    if modules:
        _CACHE.clear()
        _IMPORTS.clear()
    _HOLDING.clear()
    _is_file.cache_clear()
    _is_directory.cache_clear()
    project_root.cache_clear()
    package_base.cache_clear()


class ProjectView:
    """The project as one linted module sees it."""

    def __init__(
        self, path: str, facts: ModuleFacts, hosts: HostTable, parse: Callable[[bytes], cst.Module] = cst.parse_module
    ) -> None:
        self.path = os.path.abspath(path)
        #: how a module read for its values is parsed: the engine's parse, which vets it as a linted
        #: file first (libcst alone takes minutes on a chain of unary operators CPython refuses at once)
        self.parse = parse
        directory = os.path.dirname(self.path)
        self.root = project_root(directory)
        self.hosts = hosts
        bases = [package_base(directory), self.root, os.path.join(self.root, "src")]
        self.bases = tuple(dict.fromkeys(bases))
        self.own = Loaded(self.path, facts)
        #: root scope -> the module it belongs to (the linted one and every module read)
        self._modules: dict[Scope, Loaded] = {facts.root: self.own}
        self._by_path: dict[str, Loaded] = {self.path: self.own}
        self._reads = 0
        self._settings: Loaded | None | bool = False
        #: import binding -> what it names (None: outside the project)
        self._resolved: dict[Binding, Target | None] = {}
        #: a module constant -> the modules that import it (`importers_of`)
        self._importers: dict[str, list[tuple[Loaded, dict[Binding, bool]]]] = {}

    # -- modules -------------------------------------------------------------------------

    def load(self, path: str) -> Loaded | None:
        known = self._by_path.get(path)
        if known is not None:
            return known
        if self._reads >= MAX_MODULES:
            return None
        self._reads += 1
        loaded = _read(path, self.hosts, self.parse)
        if loaded is not None:
            self._by_path[path] = loaded
            self._modules[loaded.facts.root] = loaded
        return loaded

    @property
    def read_any(self) -> bool:
        """Whether a module other than the linted one was read."""
        return len(self._modules) > 1

    def module_of(self, scope: Scope) -> Loaded | None:
        return self._modules.get(scope.module)

    def scope_of_node(self, node: cst.CSTNode) -> Scope | None:
        for loaded in self._modules.values():
            found = loaded.facts.scope_of_node.get(node)
            if found is not None:
                return found
        return None

    def foreign(self, node: cst.CSTNode) -> Loaded | None:
        """The other module `node` belongs to, None for the linted module's own nodes."""
        for loaded in self._modules.values():
            if loaded is not self.own and node in loaded.facts.parents:
                return loaded
        return None

    def relative(self, path: str) -> str:
        """A module's path as messages show it: relative to the project root (or the base
        its imports start from, when it lies outside the root)."""
        for base in (self.root, *self.bases):
            relative = os.path.relpath(path, base)
            if not relative.startswith(".."):
                return relative.replace(os.sep, "/")
        return path

    @property
    def in_test_module(self) -> bool:
        """Whether the linted module is a test module (`test_*.py`, `conftest.py`, under `tests/`)."""
        return _is_test_module(os.path.relpath(self.path, self.root))

    # -- modules connected through imports ----------------------------------------------

    def connected_set_staging_token(self) -> bool:
        """Whether a module connected to this one through imports sets `X-Qonto-Staging-Token`:
        one it imports, or one of the project that imports it (a settings module holds the
        sandbox URL, the client that imports it sends the header). Test modules do not count:
        they give the header to fake servers."""
        return self._connected(_sets_staging_token, _STAGING_NEEDLES)

    def connected_reference_sandbox(self) -> bool:
        """Whether a module connected to this one through imports names a sandbox host (the
        staging header is set here, the sandbox URL is chosen in the settings it imports)."""
        needles = tuple(host.encode() for host in self.hosts.sandbox_hosts())
        return self._connected(self._references_sandbox, needles)

    def _references_sandbox(self, loaded: Loaded) -> bool:
        return any(self.hosts.is_sandbox(ref.host) for string in loaded.facts.strings for ref in find_urls(string.text))

    def _connected(self, holds: Callable[[Loaded], bool], needles: tuple[bytes, ...]) -> bool:
        imported = any(
            module is not self.own and holds(module) and not _is_test_module(module.path)
            for module in self._imported_modules(self.own)
        )
        return imported or self._importers_hold(holds, needles)

    def _imported_modules(self, loaded: Loaded):
        """The project's modules that `loaded`'s imports name (a module, or one holding the name)."""
        for scope in _module_scopes(loaded):
            for bindings in scope.bindings.values():
                for binding in bindings:
                    target = self.resolve_import(binding) if binding.kind == "import" else None
                    if target is not None:
                        yield target.loaded

    def _importers_hold(self, holds: Callable[[Loaded], bool], needles: tuple[bytes, ...]) -> bool:
        """Whether a module of the project that imports this one `holds`, or one that such a
        module imports does: the client imports the settings (the sandbox URL) and the session
        factory (the staging token). Only files whose text holds one of `needles` are parsed
        for the first, and the modules they import for the second."""
        for loaded in self._other_modules_holding(needles):
            if any(m is self.own for m in self._imported_modules(loaded)) and holds(loaded):
                return True
        for importer in self._modules_importing_this():
            for module in self._imported_modules(importer):
                if module is not self.own and not _is_test_module(module.path) and holds(module):
                    return True
        return False

    def _other_modules_holding(self, needles: tuple[bytes, ...]):
        """The project's readable modules, this one and test modules aside, whose text holds one of
        `needles` (lowercase)."""
        for path in _files_holding(self.root, needles):  # test modules are left out of the scan
            if path == self.path:
                continue
            if path not in self._by_path and not self._may_import_project(path):
                continue  # it cannot import this module: not parsed
            loaded = self.load(path)
            if loaded is not None:
                yield loaded

    def _may_import_project(self, path: str) -> bool:
        """Whether an import of the module at `path` may name a module of the project: a relative
        one, Django's settings, or one whose first name is a module or a directory under one of
        the bases (`_resolve_import` finds no file otherwise). A module whose imports all lie
        outside the project (the standard library, packages) cannot import the linted one, and
        is not parsed to learn it. True when its text cannot tell."""
        heads = _import_heads(path)
        if heads is None or "." in heads or "django" in heads:
            return True
        return any(
            _is_file(os.path.join(base, head + ".py")) or _is_directory(os.path.join(base, head))
            for head in heads
            for base in self.bases
        )

    def _modules_importing_this(self):
        """The project's modules (test modules aside) that import this one; only files whose text
        holds this module's name are parsed."""
        name = os.path.splitext(os.path.basename(self.path))[0]
        if name == "__init__":
            name = os.path.basename(os.path.dirname(self.path))
        yield from self.importers_naming((name,))

    def importers_naming(self, names: tuple[str, ...]):
        """The project's modules (test modules aside) that import this module or a name from it
        (`from app import settings`, `from app.settings import KEY`) and whose text holds one of
        `names`; only those files are parsed."""
        for loaded in self._other_modules_holding(tuple(os.fsencode(name.lower()) for name in names)):
            if any(m is self.own for m in self._imported_modules(loaded)):
                yield loaded

    def importers_of(self, name: str) -> list[tuple[Loaded, dict[Binding, bool]]]:
        """The project's modules that import the linted module's `name`, each with its import
        bindings of it: `from app.hdrs import NAME` (`as` another name too), or of the module
        itself (`from app import hdrs`, then `hdrs.NAME`: True). Test modules do not count (they hand
        headers to fake servers); only files whose text holds the name are read."""
        found = self._importers.get(name)
        if found is not None:
            return found
        found = self._importers[name] = []
        for loaded in self._other_modules_holding((os.fsencode(name.lower()),)):
            imports: dict[Binding, bool] = {}
            for scope in _module_scopes(loaded):
                for bindings in scope.bindings.values():
                    for binding in bindings:
                        if binding.kind != "import":
                            continue
                        target = self.resolve_import(binding)
                        if self._names_own(target, name):
                            imports[binding] = False
                        elif target is not None and target.loaded is self.own and target.binding is None:
                            imports[binding] = True
            if imports:
                found.append((loaded, imports))
        return found

    def _names_own(self, target: Target | None, name: str) -> bool:
        return (
            target is not None
            and target.loaded is self.own
            and target.binding is not None
            and target.binding.name == name
        )

    def _find(self, bases, segments: list[str]) -> tuple[Loaded, list[str]] | None:
        """The module named by the longest head of `segments` under one of `bases`, and the rest."""
        for base in bases:
            for size, candidate in _candidate_files(base, tuple(segments)):
                if _is_file(candidate):
                    loaded = self.load(candidate)
                    return (loaded, segments[size:]) if loaded is not None else None
        return None

    def _django_settings(self) -> Loaded | None:
        if self._settings is False:
            found = None
            root = self.root
            try:
                entries = sorted(os.listdir(root))
            except OSError:
                entries = []
            for directory in ["", *entries]:
                for name in _SETTINGS_FILES:
                    candidate = os.path.join(root, directory, name)
                    if _is_file(candidate):
                        found = self.load(candidate)
                        break
                if found is not None:
                    break
            self._settings = found
        return self._settings if isinstance(self._settings, Loaded) else None

    # -- references ----------------------------------------------------------------------

    def resolve_import(self, binding: Binding, hops: int = 0) -> Target | None:
        """What an import binding names inside the project, or None."""
        if hops == 0:
            if binding not in self._resolved:
                self._resolved[binding] = None  # an import that leads back to itself
                self._resolved[binding] = self._resolve_import(binding, 0)
            return self._resolved[binding]
        return self._resolve_import(binding, hops)

    def _resolve_import(self, binding: Binding, hops: int) -> Target | None:
        statement = binding.node
        importer = self.module_of(binding.scope)
        if importer is None or hops > MAX_HOPS:
            return None
        segments: list[str] | None = None
        bases = self.bases
        if isinstance(statement, cst.ImportFrom):
            original = _imported_name(statement, binding.name)
            if original is None:
                return None
            module = dotted_name(statement.module) if statement.module is not None else ""
            segments = [*(module.split(".") if module else []), original]
            if statement.relative:
                directory = os.path.dirname(importer.path)
                for _ in range(len(statement.relative) - 1):
                    directory = os.path.dirname(directory)
                bases = (directory,)
        elif isinstance(statement, cst.Import) and binding.qualname:
            segments = binding.qualname.split(".")
        if not segments:
            return None
        if bases is self.bases and ".".join(segments) == DJANGO_SETTINGS:
            settings = self._django_settings()
            return Target(settings) if settings is not None else None
        found = self._find(bases, segments)
        if found is None:
            return None
        target: Target | None = Target(found[0])
        for name in found[1]:
            target = self.member(target, name, hops + 1) if target is not None else None
        return target

    def member(self, target: Target, name: str, hops: int = 0) -> Target | None:
        """`name` of a module (a binding, a re-export, a submodule) or of a class."""
        if hops > MAX_HOPS:
            return None
        binding = target.binding
        if binding is None:
            return self._module_member(target.loaded, name, hops, set())
        if binding.kind == "class":
            scope = target.loaded.facts.scope_of_node.get(binding.node)
            found = scope.bindings.get(name, []) if scope is not None else []
            return Target(target.loaded, found[0]) if len(found) == 1 else None
        return None

    def _module_member(self, loaded: Loaded, name: str, hops: int, seen: set) -> Target | None:
        if loaded.path in seen or hops > MAX_HOPS:
            return None
        seen.add(loaded.path)
        found = loaded.facts.root.bindings.get(name, [])
        if len(found) > 1:
            return None
        if found:
            if found[0].kind == "import":
                return self.resolve_import(found[0], hops + 1)
            return Target(loaded, found[0])
        if loaded.is_package:
            directory = os.path.dirname(loaded.path)
            for candidate in (os.path.join(directory, name + ".py"), os.path.join(directory, name, "__init__.py")):
                if _is_file(candidate):
                    sub = self.load(candidate)
                    return Target(sub) if sub is not None else None
        for statement in loaded.star_imports:  # `from .base import *`
            module = self._star_source(loaded, statement)
            if module is not None:
                result = self._module_member(module, name, hops + 1, seen)
                if result is not None:
                    return result
        return None

    def star_member(self, scope: Scope, name: str) -> Target | None:
        """`name` brought in by one of the star imports of the module `scope` belongs to."""
        loaded = self.module_of(scope)
        if loaded is None:
            return None
        for statement in loaded.star_imports:
            module = self._star_source(loaded, statement)
            if module is not None:
                found = self._module_member(module, name, 1, {loaded.path})
                if found is not None:
                    return found
        return None

    def _star_source(self, loaded: Loaded, statement: cst.ImportFrom) -> Loaded | None:
        module = dotted_name(statement.module) if statement.module is not None else ""
        segments = module.split(".") if module else []
        bases = self.bases
        if statement.relative:
            directory = os.path.dirname(loaded.path)
            for _ in range(len(statement.relative) - 1):
                directory = os.path.dirname(directory)
            bases = (directory,)
        if not segments:
            return None
        found = self._find(bases, segments)
        if found is None or found[1]:
            return None
        return found[0]


def _module_scopes(loaded: Loaded) -> list[Scope]:
    return [loaded.facts.root, *loaded.facts.scope_of_node.values()]


def _sets_staging_token(loaded: Loaded) -> bool:
    return any(site.header == STAGING for site in loaded.facts.header_sites)


def _is_test_module(path: str) -> bool:
    """Tests mock Qonto: a staging header there is given to a fake server, not sent."""
    name = os.path.basename(path)
    parts = set(os.path.normpath(path).split(os.sep)[:-1])
    return (
        name.startswith("test_") or name.endswith("_test.py") or name in ("conftest.py", "tests.py") or "tests" in parts
    )


def _python_files(root: str, limit: int):
    """The project's `.py` files that are not test modules (which no question of the project view
    counts), hidden and tool directories left out, at most `limit`."""
    count = 0
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            d for d in subdirectories if not d.startswith(".") and d not in _SKIPPED_DIRECTORIES and d != "tests"
        )
        for name in sorted(files):
            if name.endswith(".py") and not _is_test_module(name):
                count += 1
                if count > limit:
                    return
                yield os.path.join(directory, name)


#: (project root, needles) -> the project's files whose text holds one of them, test modules
#: aside: the scan is done once per process, however many linted files ask (files do not change
#: during a run; the language server clears it when they may have)
_HOLDING: OrderedDict[tuple[str, tuple[bytes, ...]], tuple[str, ...]] = OrderedDict()


def _files_holding(root: str, needles: tuple[bytes, ...]) -> tuple[str, ...]:
    key = (root, needles)
    if key in _HOLDING:
        return _HOLDING[key]
    found = []
    for path in _python_files(root, MAX_SCANNED_FILES):
        try:
            raw = _read_regular(path, MAX_MODULE_BYTES + 1)
        except OSError:
            continue
        data = raw.lower() if raw is not None else b""
        if any(needle in data for needle in needles):
            found.append(path)
    _HOLDING[key] = tuple(found)
    while len(_HOLDING) > 8:
        _HOLDING.popitem(last=False)
    return _HOLDING[key]


def _imported_name(statement: cst.ImportFrom, local: str) -> str | None:
    """The name `from X import name as local` imports."""
    if isinstance(statement.names, cst.ImportStar):
        return None
    for alias in statement.names:
        name = dotted_name(alias.name) or ""
        bound = (
            alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name) else name
        )
        if bound == local:
            return name
    return None


def project_view(
    path: str, facts: ModuleFacts, hosts: HostTable, parse: Callable[[bytes], cst.Module] = cst.parse_module
) -> ProjectView | None:
    """The project view of a module read from `path`, or None when it is not a file on disk
    (stdin without a real name, a rule's example)."""
    if not path or path.startswith("<") or not os.path.isfile(path):
        return None
    return ProjectView(path, facts, hosts, parse)
