"""Each document's settings: the nearest pyproject.toml with a `[tool.qonto-lint]` table above
the document, read as the command line reads it (`config.load`), cached per directory until a
pyproject.toml changes.

A configuration the command line would refuse (exit 2) is reported once as a message, and the
document is linted with the defaults meanwhile: an editor has no exit status to show.
"""

from __future__ import annotations

from pathlib import Path

from ..config import ConfigError, LoadedConfig, budgets, expand_codes, host_table, load, resolve_selection
from ..config import excludes as config_excludes
from ..files import PathMatcher, display_path
from ..model import Options


class DocumentSettings:
    """What linting one document needs: the engine's options for it, and whether an
    `exclude` of its configuration leaves it out."""

    __slots__ = ("config_path", "options", "excluded", "error")

    def __init__(self, config_path: Path | None, options: Options, excluded: bool, error: str | None) -> None:
        self.config_path = config_path
        self.options = options
        self.excluded = excluded
        self.error = error


class _Resolved:
    """One configuration, checked, with its matchers built once."""

    def __init__(self, config: LoadedConfig) -> None:
        cfg = config.values
        self.config = config
        selection = resolve_selection(cfg, (), (), ())
        self.options = Options(selection, bool(cfg.get("assume-qonto", False)), host_table(cfg), **budgets(cfg))
        exclude, extend = config_excludes(cfg)
        self.excluder = PathMatcher(exclude + extend, config.root)
        self.ignores = [
            (PathMatcher((glob,), config.root), expand_codes(codes, "per-file-ignores"))
            for glob, codes in cfg.get("per-file-ignores", {}).items()
        ]

    def for_path(self, path: Path) -> tuple[Options, bool]:
        ignored = {code for matcher, codes in self.ignores if matcher.match(path, ancestors=True) for code in codes}
        options = self.options
        if ignored:
            assert options.select is not None
            options = options.replace(select=frozenset(options.select) - ignored)
        return options, bool(self.excluder.match(path, ancestors=True))


def _stamp(path: Path | None) -> tuple[int, int] | None:
    """What tells that a configuration file changed: its modification time and size."""
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


class SettingsCache:
    """Configurations by directory. `clear()` when a pyproject.toml is created, changed or
    deleted (the editor says so); a configuration whose file changed on disk is also read again
    on its next use (editors that watch no files)."""

    def __init__(self) -> None:
        self._by_directory: dict[Path, tuple[_Resolved, str | None, tuple[int, int] | None]] = {}

    def clear(self) -> None:
        self._by_directory.clear()

    def for_document(self, path: Path) -> DocumentSettings:
        directory = path.parent
        cached = self._by_directory.get(directory)
        if cached is None or _stamp(cached[0].config.path) != cached[2]:
            resolved, error = self._resolve(directory)
            cached = (resolved, error, _stamp(resolved.config.path))
            self._by_directory[directory] = cached
        resolved, error, _ = cached
        options, excluded = resolved.for_path(path)
        return DocumentSettings(resolved.config.path, options, excluded, error)

    @staticmethod
    def _resolve(directory: Path) -> tuple[_Resolved, str | None]:
        from ..masking import mask_text

        try:
            return _Resolved(load(None, False, cwd=directory)), None
        except ConfigError as error:
            return _Resolved(LoadedConfig(None, {})), mask_text(str(error))
        except OSError as error:  # a directory that went away: the defaults
            return _Resolved(LoadedConfig(None, {})), mask_text(f"cannot read the configuration: {error}")


def lint_path(path: Path) -> str:
    """The path the engine is given for a document: as the command line run from the server's
    working directory would show it (relative when under it), so that the findings are the
    same as `qonto-lint FILE` there."""
    return display_path(path)
