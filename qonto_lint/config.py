"""`[tool.qonto-lint]` in pyproject.toml: finding it, reading it, rejecting what is wrong.

Every problem is a `ConfigError` whose text is one line naming the file, the key and,
where one is close, a "did you mean" suggestion. Command-line options win over these
values; cli.py does the merge.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from .record import ValueRecord

TYPE_CHECKING = False  # typing costs a fast run milliseconds to import; annotations only
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("text", "full", "json", "json-lines", "github", "sarif")
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
#: the work one file may cost, past which it is skipped with QNT900 (see `budgets`)
DEFAULT_MAX_SYNTAX_NODES = 100_000
DEFAULT_MAX_EVALUATION_STEPS = 200_000
#: checked before any parse: blank and comment lines cost the parsers too (real generated modules
#: reach about 20,000 lines)
DEFAULT_MAX_LINES = 50_000
#: header keys (Authorization, X-Qonto-Staging-Token) in one module: real modules have tens, and
#: each one costs the rules and every pass of `--fix` a few milliseconds
DEFAULT_MAX_HEADER_SITES = 500

#: key -> what it must be (used in messages)
KEYS: dict[str, str] = {
    "select": "a list of rule codes or prefixes",
    "extend-select": "a list of rule codes or prefixes",
    "ignore": "a list of rule codes or prefixes",
    "per-file-ignores": "a table of glob = [codes]",
    "exclude": "a list of globs",
    "extend-exclude": "a list of globs",
    "assume-qonto": "true or false",
    "extra-hosts": "a table with 'production' and 'sandbox' lists of host names",
    "format": "one of " + ", ".join(FORMATS),
    "max-file-size": "a positive number of bytes",
    "max-syntax-nodes": "a positive number of syntax nodes",
    "max-evaluation-steps": "a positive number of steps",
    "max-lines": "a positive number of lines",
    "max-header-sites": "a positive number of header sites",
}
_CODE_LISTS = ("select", "extend-select", "ignore")
_GLOB_LISTS = ("exclude", "extend-exclude")
_HOST_KINDS = ("production", "sandbox")
#: compiled on first use by `re`'s cache (only `extra-hosts` needs it)
_HOST = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$"


class ConfigError(Exception):
    """A configuration problem, reported on one line with exit status 2."""


class LoadedConfig(ValueRecord):
    """The validated `[tool.qonto-lint]` table and the file it came from (None: no file)."""

    __slots__ = ("path", "values")

    def __init__(self, path: Path | None, values: dict[str, Any]) -> None:
        self.path = path
        self.values = values

    @property
    def root(self) -> Path:
        """Where relative globs (exclude, per-file-ignores) are anchored: the config file's directory."""
        return self.path.parent.resolve() if self.path is not None else Path.cwd()


_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "L": "1"})


def did_you_mean(value: str, choices, quote: str = "'") -> str:
    """` (did you mean 'x'?)` for the closest choice, or "" when none is close."""
    choices = list(choices)
    suggestion = None
    letters, digits = re.match(r"^([A-Za-z]*)(.*)$", value).groups()  # type: ignore[union-attr]
    lookalike = letters + digits.translate(_LOOKALIKES)  # QNT1O1 -> QNT101
    if lookalike != value and lookalike in choices:
        suggestion = lookalike
    elif value and len(value) >= 3:
        suggestion = next((c for c in choices if c.startswith(value)), None)  # prod -> production
    if suggestion is None:
        import difflib

        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
        suggestion = close[0] if close else None
    return f" (did you mean {quote}{suggestion}{quote}?)" if suggestion else ""


def expand_codes(values, where: str, prefix: str = "") -> frozenset[str]:
    """Codes or prefixes (`QNT1`, `QNT201`, `ALL`) -> the set of codes; an unknown one is an error."""
    from .codes import CODES

    codes = list(CODES)
    out: set[str] = set()
    for raw in values:
        for item in str(raw).split(","):
            item = item.strip().upper()
            if not item:
                continue
            if item == "ALL":
                out.update(codes)
                continue
            matched = [code for code in codes if code.startswith(item)]
            if not matched:
                raise ConfigError(f"{prefix}unknown rule code or prefix '{item}' in {where}{did_you_mean(item, codes)}")
            out.update(matched)
    return frozenset(out)


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.qonto-lint] table, searching upward from `start`."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _ours(candidate):
            return candidate
    return None


#: `[tool.qonto_lint]`, `[tool.qontolint]`, `[tool."qonto lint"]`, `[tool.qonto-linter]`...
_NEAR_NAME = re.compile(rb"qonto[\s_.-]*lint", re.IGNORECASE)
#: where a key under `tool` can be written: `tool.<key>` (a table header or a dotted key, spaces
#: and quotes allowed around the dot) naming a near name, `[tool]` (then `<key> = ...` below it),
#: or `tool = {...}`. A pyproject.toml with none of them (and no quoted key with an escape, such as
#: `"t\u006fol"`) has no `tool` table holding qonto-lint's (or a misspelling), whatever its other
#: keys say: a project's own `name = "qonto-lint"` or `[project.scripts]` need no TOML parser.
_UNDER_TOOL = re.compile(rb"tool[\"']?\s*\.\s*[\"']?\s*qonto[\s_.-]*lint|tool[\"']?\s*[]=]", re.IGNORECASE)
_ESCAPE = re.compile(rb"\\[uU]")
_warned: set[str] = set()
#: (path, text) -> whether it has the table: the configuration of the current directory and of
#: each walked file look at the same pyproject.toml, and a parse is most of a small run's work
_verdicts: dict[tuple[str, bytes], bool] = {}


def _ours(path: Path) -> bool:
    """Whether this pyproject.toml has a [tool.qonto-lint] table; a misspelt one is a warning
    naming the right table (once per file), and is not read."""
    try:
        with open(path, "rb") as handle:
            data: bytes | None = handle.read()
    except OSError:
        data = None  # let the parse report the problem
    if data is not None:
        if not (_NEAR_NAME.search(data) and _UNDER_TOOL.search(data)) and not _ESCAPE.search(data):
            return False  # a cheap look before parsing
        known = _verdicts.get((str(path), data))
        if known is not None:  # the same text at the same path: parsed, and warned about, already
            return known
    tool = (_read_toml(path) if data is None else _parse_toml(data, path)).get("tool", {})
    verdict = isinstance(tool, dict) and "qonto-lint" in tool
    if isinstance(tool, dict):
        for key in tool:
            if key != "qonto-lint" and _near_miss(key) and str(path) not in _warned:
                _warned.add(str(path))
                _warn(f"{_shown(path)}: [tool.{_toml_key(key)}] is not read: the table is [tool.qonto-lint]")
    if data is not None:
        if len(_verdicts) >= 64:  # a long-lived process (the language server) meets new versions
            _verdicts.clear()
        _verdicts[(str(path), data)] = verdict
    return verdict


def _near_miss(key: str) -> bool:
    import difflib

    squeezed = re.sub(r"[^a-z0-9]", "", key.lower())
    return squeezed in ("qontolint", "qontolinter") or difflib.SequenceMatcher(None, key, "qonto-lint").ratio() >= 0.8


def _toml_key(key: str) -> str:
    return key if re.match(r"^[A-Za-z0-9_-]+$", key) else _toml_str(key)


def _warn(message: str) -> None:
    from .masking import visible

    stream = sys.stderr
    if stream is not None:
        try:
            stream.write(f"qonto-lint: warning: {visible(message)}\n")
        except (OSError, ValueError):
            pass


#: paths have one separator and no drive (dirname is then a function of the text up to the last `/`)
_ONE_SEPARATOR = os.sep == "/" and os.altsep is None


class Resolver:
    """The configuration of each file, as ruff finds it: the nearest pyproject.toml with a
    [tool.qonto-lint] table above the file (not above the current directory), so that a monorepo's
    `backend/pyproject.toml` governs `backend/`. The answer is cached for every directory on the
    way up: a large tree reads each directory's pyproject.toml once."""

    def __init__(self, fallback: LoadedConfig | None = None) -> None:
        self.fallback = fallback or LoadedConfig(None, {})
        self._by_directory: dict[str, LoadedConfig] = {}
        self._by_file: dict[Path, LoadedConfig] = {}
        self._by_head: dict[str, LoadedConfig] = {}
        #: directories a walk listed -> whether a pyproject.toml file is in them (`collect_files`)
        self.listed: dict[str, bool] = {}

    def for_path(self, path: str | Path) -> LoadedConfig:
        """The configuration of the file (or directory) at `path`."""
        absolute = os.path.abspath(path)
        directory = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
        return self.for_directory(directory)

    def for_file(self, path: str | Path) -> LoadedConfig:
        """The configuration of a file the walk found or the command line named (no stat: its
        directory is its name's head, and files of one directory share one answer)."""
        path = os.fspath(path)
        # the text up to the last separator names the directory as `dirname` would, in one slice
        head = path[: path.rfind("/") + 1] if _ONE_SEPARATOR else os.path.dirname(path)
        found = self._by_head.get(head)
        if found is None:
            directory = os.path.dirname(path)
            if directory not in self.listed:  # a listed directory is named by its absolute path already
                directory = os.path.abspath(directory or os.curdir)
            found = self._by_head[head] = self.for_directory(directory)
        return found

    def for_directory(self, directory: str) -> LoadedConfig:
        cache = self._by_directory
        walked = []
        current = directory
        while current not in cache:
            walked.append(current)
            candidate = os.path.join(current, "pyproject.toml")
            listed = self.listed.get(current)
            if (os.path.isfile(candidate) if listed is None else listed) and _ours(Path(candidate)):
                found = self._load(Path(candidate))
                break
            parent = os.path.dirname(current)
            if parent == current:
                found = self.fallback
                break
            current = parent
        else:
            found = cache[current]
        for seen in walked:
            cache[seen] = found
        return found

    def _load(self, path: Path) -> LoadedConfig:
        loaded = self._by_file.get(path)
        if loaded is None:
            table = _read_toml(path)["tool"]["qonto-lint"]
            if not isinstance(table, dict):
                raise ConfigError(f"{_shown(path)}: [tool.qonto-lint] must be a table")
            loaded = self._by_file[path] = LoadedConfig(path, validate(table, path))
        return loaded


def _shown(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ConfigError(f"cannot read {_shown(path)}: {error.strerror or error}") from None
    return _parse_toml(data, path)


def _parse_toml(data: bytes, path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found]
    try:
        return tomllib.loads(data.decode())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{_shown(path)} is not valid TOML: {str(error).splitlines()[0]}") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and inline tables
        raise ConfigError(f"{_shown(path)} is not valid TOML: its values are nested too deeply") from None


def load(config_path: str | None, isolated: bool, cwd: Path | None = None) -> LoadedConfig:
    """`--isolated`: nothing; `--config PATH`: that file; otherwise the nearest pyproject.toml."""
    if isolated:
        return LoadedConfig(None, {})
    if config_path is not None:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(
                f"config file {config_path} " + ("is not a regular file" if os.path.exists(path) else "does not exist")
            )
        data = _read_toml(path)
        if "tool" in data and isinstance(data["tool"], dict) and "qonto-lint" in data["tool"]:
            table = data["tool"]["qonto-lint"]
        elif path.name == "pyproject.toml":
            table = {}
        else:  # a dedicated file (qonto-lint.toml): the keys at the top level
            table = data
    else:
        found = find_pyproject(cwd or Path.cwd())
        if found is None:
            return LoadedConfig(None, {})
        path = found
        table = _read_toml(path)["tool"]["qonto-lint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{_shown(path)}: [tool.qonto-lint] must be a table")
    return LoadedConfig(path, validate(table, path))


def validate(table: dict, path: Path | None = None) -> dict:
    """The table's values, checked; raises ConfigError on the first unknown key or bad value."""
    where = f"{_shown(path)}: " if path else ""
    for key in table:
        if key not in KEYS:
            # `select_` or `extend_exclude` (underscores) are the usual slips.
            raise ConfigError(
                f"{where}unknown key '{key}' in [tool.qonto-lint]{did_you_mean(key.replace('_', '-'), KEYS)}"
            )
    for key, value in table.items():
        _check(key, value, where)
    return dict(table)


def _bad(where: str, key: str, value: Any, hint: str = "") -> ConfigError:
    shown = repr(value) if not isinstance(value, (dict, list)) or len(repr(value)) <= 40 else type(value).__name__
    return ConfigError(f"{where}'{key}' must be {KEYS.get(key, 'something else')}, not {shown}{hint}")


def _check(key: str, value: Any, where: str) -> None:
    if key in _CODE_LISTS or key in _GLOB_LISTS:
        if isinstance(value, str):
            raise _bad(where, key, value, f" (did you mean [{_toml_str(value)}]?)")
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise _bad(where, key, value)
        if key in _CODE_LISTS:
            expand_codes(value, f"'{key}'", where)
    elif key == "per-file-ignores":
        if not isinstance(value, dict):
            raise _bad(where, key, value)
        for glob, codes in value.items():
            if isinstance(codes, str):
                raise ConfigError(
                    f"{where}'per-file-ignores' value for {_toml_str(glob)} must be a list of codes, "
                    f"not {codes!r} (did you mean [{_toml_str(codes)}]?)"
                )
            if not (isinstance(codes, list) and all(isinstance(c, str) for c in codes)):
                raise ConfigError(f"{where}'per-file-ignores' value for {_toml_str(glob)} must be a list of codes")
            expand_codes(codes, f"'per-file-ignores' for {_toml_str(glob)}", where)
    elif key == "assume-qonto":
        if not isinstance(value, bool):
            hint = ""
            if isinstance(value, (str, int)):
                hint = f" (did you mean {'true' if str(value).lower() in ('1', 'yes', 'true', 'on') else 'false'}?)"
            raise _bad(where, key, value, hint)
    elif key == "extra-hosts":
        if not isinstance(value, dict):
            raise _bad(where, key, value)
        for kind, hosts in value.items():
            if kind not in _HOST_KINDS:
                raise ConfigError(f"{where}unknown key '{kind}' in 'extra-hosts'{did_you_mean(kind, _HOST_KINDS)}")
            if isinstance(hosts, str):
                hint = f"did you mean [{_toml_str(value[kind])}]?"
                raise ConfigError(f"{where}'extra-hosts.{kind}' must be a list of host names ({hint})")
            if not (isinstance(hosts, list) and all(isinstance(h, str) for h in hosts)):
                raise ConfigError(f"{where}'extra-hosts.{kind}' must be a list of host names")
            for host in hosts:
                if not re.match(_HOST, host.lower()):
                    bare = _bare_host(host)
                    hint = f" (did you mean {_toml_str(bare)}?)" if bare else ""
                    raise ConfigError(f"{where}'extra-hosts.{kind}': {host!r} is not a host name{hint}")
    elif key == "format" and value not in FORMATS:
        raise _bad(where, key, value, did_you_mean(str(value).lower(), FORMATS))
    elif key in _BUDGET_KEYS and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
        raise _bad(where, key, value)


_BUDGET_KEYS = ("max-file-size", "max-syntax-nodes", "max-evaluation-steps", "max-lines", "max-header-sites")


def _bare_host(text: str) -> str | None:
    """`https://bank-gw.acme.internal:8443/v2` -> `bank-gw.acme.internal`, when it is one."""
    from urllib.parse import urlsplit

    candidate = text.strip().lower()
    if "://" in candidate:
        try:
            candidate = urlsplit(candidate).hostname or ""
        except ValueError:
            return None
    candidate = candidate.split("/", 1)[0].split(":", 1)[0]
    return candidate if candidate and re.match(_HOST, candidate) else None


def _toml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def host_table(cfg: dict):
    """`extra-hosts` as the engine's HostTable."""
    from .facts.hosts import HostTable

    hosts = cfg.get("extra-hosts", {})
    return HostTable(
        frozenset(h.lower() for h in hosts.get("production", ())),
        frozenset(h.lower() for h in hosts.get("sandbox", ())),
    )


def excludes(cfg: dict, exclude=(), extend_exclude=()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(exclude, extend-exclude): the command line's `--exclude` replaces the file's list (or the
    defaults); `--extend-exclude` adds to the file's."""
    from .files import DEFAULT_EXCLUDES

    base = tuple(exclude) if exclude else tuple(cfg.get("exclude", DEFAULT_EXCLUDES))
    return base, tuple(cfg.get("extend-exclude", ())) + tuple(extend_exclude or ())


def budgets(cfg: dict) -> dict:
    """The per-file budgets (`Options` fields of the same names)."""
    return {
        "max_file_size": int(cfg.get("max-file-size", DEFAULT_MAX_FILE_SIZE)),
        "max_syntax_nodes": int(cfg.get("max-syntax-nodes", DEFAULT_MAX_SYNTAX_NODES)),
        "max_evaluation_steps": int(cfg.get("max-evaluation-steps", DEFAULT_MAX_EVALUATION_STEPS)),
        "max_lines": int(cfg.get("max-lines", DEFAULT_MAX_LINES)),
        "max_header_sites": int(cfg.get("max-header-sites", DEFAULT_MAX_HEADER_SITES)),
    }


def resolve_selection(cfg: dict, select, extend_select, ignore) -> frozenset[str]:
    """Rule selection in layers, as ruff does: the file's, then the command line's.

    In each layer `select` replaces what was selected, `extend-select` adds and `ignore`
    removes; so `--select QNT101` wins over an `ignore = ["QNT101"]` in the file.
    """
    from .codes import CODES

    selected = frozenset(CODES)
    layers = (
        (cfg.get("select"), cfg.get("extend-select"), cfg.get("ignore"), ""),
        (select or None, extend_select or None, ignore or None, "--"),
    )
    for chosen, extended, ignored, prefix in layers:
        if chosen:
            selected = expand_codes(chosen, f"{prefix}select")
        if extended:
            selected |= expand_codes(extended, f"{prefix}extend-select")
        if ignored:
            selected -= expand_codes(ignored, f"{prefix}ignore")
    return selected
