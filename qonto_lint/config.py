"""`[tool.qonto-lint]` in pyproject.toml -> click defaults; unknown keys are an error."""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMATS = ("text", "full", "json", "json-lines", "github", "sarif")
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024

#: key -> (expected type description, validator)
KEYS: dict[str, str] = {
    "select": "a list of codes",
    "extend-select": "a list of codes",
    "ignore": "a list of codes",
    "per-file-ignores": "a table of glob -> list of codes",
    "exclude": "a list of globs",
    "extend-exclude": "a list of globs",
    "assume-qonto": "true or false",
    "extra-hosts": "a table with 'production' and 'sandbox' lists of host names",
    "format": "one of " + ", ".join(FORMATS),
    "max-file-size": "a number of bytes",
}


class ConfigError(Exception):
    """A configuration problem, reported on one line with exit status 2."""


@dataclass(frozen=True)
class LoadedConfig:
    path: Path | None
    values: dict[str, Any]


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.qonto-lint] table, searching upward."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                data = _read_toml(candidate)
            except ConfigError:
                raise
            if "qonto-lint" in data.get("tool", {}):
                return candidate
    return None


def _read_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None


def load(config_path: str | None, isolated: bool, cwd: Path | None = None) -> LoadedConfig:
    if isolated:
        return LoadedConfig(None, {})
    if config_path is not None:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(f"config file {config_path} does not exist")
        data = _read_toml(path)
        table = data.get("tool", {}).get("qonto-lint", data if path.name != "pyproject.toml" else {})
    else:
        path = find_pyproject(cwd or Path.cwd())
        if path is None:
            return LoadedConfig(None, {})
        table = _read_toml(path)["tool"]["qonto-lint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.qonto-lint] must be a table")
    return LoadedConfig(path, validate(table, path))


def validate(table: dict, path: Path | None) -> dict:
    where = f"{path}: " if path else ""
    for key in table:
        if key not in KEYS:
            suggestion = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f" (did you mean '{suggestion[0]}'?)" if suggestion else ""
            raise ConfigError(f"{where}unknown key '{key}' in [tool.qonto-lint]{hint}")
    out: dict[str, Any] = {}
    for key, value in table.items():
        expected = KEYS[key]
        if key in ("select", "extend-select", "ignore", "exclude", "extend-exclude"):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ConfigError(f"{where}'{key}' must be {expected}")
        elif key == "per-file-ignores":
            if not (isinstance(value, dict) and all(isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values())):
                raise ConfigError(f"{where}'{key}' must be {expected}")
        elif key == "assume-qonto":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}'{key}' must be {expected}")
        elif key == "extra-hosts":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}'{key}' must be {expected}")
            for sub, hosts in value.items():
                if sub not in ("production", "sandbox"):
                    suggestion = difflib.get_close_matches(sub, ["production", "sandbox"], n=1)
                    hint = f" (did you mean '{suggestion[0]}'?)" if suggestion else ""
                    raise ConfigError(f"{where}unknown key '{sub}' in extra-hosts{hint}")
                if not (isinstance(hosts, list) and all(isinstance(h, str) for h in hosts)):
                    raise ConfigError(f"{where}'extra-hosts.{sub}' must be a list of host names")
        elif key == "format":
            if value not in FORMATS:
                suggestion = difflib.get_close_matches(str(value), FORMATS, n=1)
                hint = f" (did you mean '{suggestion[0]}'?)" if suggestion else ""
                raise ConfigError(f"{where}'format' must be {expected}, not {value!r}{hint}")
        elif key == "max-file-size":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{where}'max-file-size' must be {expected}")
        out[key] = value
    return out


def relative_display(path: Path, cwd: Path | None = None) -> str:
    """The path as shown in output: relative to the current directory when under it."""
    cwd = cwd or Path.cwd()
    try:
        return os.path.relpath(path, cwd) if path.is_absolute() and _is_under(path, cwd) else str(path)
    except ValueError:
        return str(path)


def _is_under(path: Path, directory: Path) -> bool:
    try:
        path.relative_to(directory)
        return True
    except ValueError:
        return False
