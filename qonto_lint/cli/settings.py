"""Settings: the configuration file (`[tool.qonto-lint]`) and the command line, merged once.

In each setting the command line wins over the file, which wins over the default. What the
engine needs goes into its `Options`; what the command line needs stays here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from ..config import LoadedConfig, Resolver, budgets, expand_codes, host_table, resolve_selection
from ..config import excludes as config_excludes
from ..files import PathMatcher
from ..model import Finding, Options


@dataclass
class Settings:
    config: LoadedConfig
    output_format: str
    options: Options
    paths: list[str]
    excludes: tuple[str, ...]
    extend_excludes: tuple[str, ...]
    force_exclude: bool
    stdin_filename: str | None
    per_file_ignores: list[tuple[PathMatcher, frozenset[str]]]
    baseline_path: str | None
    write_baseline_path: str | None
    fix: bool
    unsafe_fixes: bool
    diff: bool
    exit_non_zero_on_fix: bool
    jobs: int
    statistics: bool
    quiet: bool
    exit_zero: bool
    no_color: bool
    #: the configuration of each file (None: this one for every file: `--config`, `--isolated`)
    resolver: Resolver | None = None
    _merge_args: tuple = ()
    _derived: dict = field(default_factory=dict)
    _by_config: dict = field(default_factory=dict)
    _excluder: PathMatcher | None = None

    @classmethod
    def merge(cls, ctx: click.Context, params: dict[str, Any], config: LoadedConfig, output_format: str) -> Settings:
        """The settings of a run. Raises ConfigError for a code or a pattern the file or the
        command line gets wrong."""
        cfg = config.values
        assume_qonto = params["assume_qonto"] if _given(ctx, "assume_qonto") else bool(cfg.get("assume-qonto", False))
        selection = resolve_selection(cfg, params["select"], params["extend_select"], params["ignore"])
        options = Options(selection, assume_qonto, host_table(cfg), **budgets(cfg))
        excludes, extend_excludes = config_excludes(cfg, params["exclude"], params["extend_exclude"])
        return cls(
            config=config,
            output_format=output_format,
            options=options,
            paths=list(params["paths"]),
            excludes=excludes,
            extend_excludes=extend_excludes,
            force_exclude=params["force_exclude"],
            stdin_filename=params["stdin_filename"],
            per_file_ignores=[
                (PathMatcher((glob,), config.root), expand_codes(codes, "per-file-ignores"))
                for glob, codes in cfg.get("per-file-ignores", {}).items()
            ],
            baseline_path=params["baseline_path"],
            write_baseline_path=params["write_baseline_path"],
            fix=params["fix"],
            unsafe_fixes=params["unsafe_fixes"],
            diff=params["diff"],
            exit_non_zero_on_fix=params["exit_non_zero_on_fix"],
            jobs=params["jobs"] or os.cpu_count() or 1,
            statistics=params["statistics"],
            quiet=params["quiet"],
            exit_zero=params["exit_zero"],
            no_color=params["no_color"],
            resolver=Resolver() if params.get("config_path") is None and not params.get("isolated") else None,
            _merge_args=(ctx, params),
        )

    def settings_for(self, path: str | Path, is_file: bool = False) -> Settings:
        """The settings of one file: those of its own nearest configuration, the command line
        applied on top as for the run's; this run's when they share the configuration."""
        if self.resolver is None or path == "-":
            return self
        config = self.resolver.for_file(path) if is_file else self.resolver.for_path(path)
        known = self._by_config.get(id(config))  # the resolver keeps one object per configuration file
        if known is not None:
            return known
        known = self._by_config[id(config)] = self._settings_of(config)
        return known

    def _settings_of(self, config) -> Settings:
        key = os.path.realpath(config.path) if config.path is not None else None
        if key == (os.path.realpath(self.config.path) if self.config.path is not None else None):
            return self
        derived = self._derived.get(key)
        if derived is None:
            ctx, params = self._merge_args
            derived = self._derived[key] = Settings.merge(ctx, params, config, self.output_format)
            derived.resolver = None
        return derived

    def excluded(self, path: str | Path, explicit: bool) -> bool:
        """Whether a file the walk found (or, with --force-exclude, one named) is excluded by its
        own configuration."""
        if explicit and not self.force_exclude:
            return False
        if self._excluder is None:
            self._excluder = PathMatcher(self.excludes + self.extend_excludes, self.config.root)
        return self._excluder.match(Path(path), ancestors=True) is not None

    def color(self, stream) -> bool:
        """Colour the text output: never with --no-color or NO_COLOR, only on a terminal."""
        return (
            self.output_format in ("text", "full")
            and not self.no_color
            and not os.environ.get("NO_COLOR")
            and stream.isatty()
        )

    def ignored(self, finding: Finding) -> bool:
        """`per-file-ignores` silences this finding."""
        if finding.path == "-":
            return False
        own = self.settings_for(finding.path, is_file=True)
        if own is not self:
            return own.ignored(finding)
        path = Path(finding.path)
        return any(
            finding.code in codes and matcher.match(path, ancestors=True) for matcher, codes in self.per_file_ignores
        )

    def options_for(self, path: str) -> Options:
        """The engine's options for one file, its `per-file-ignores` taken out of the selection."""
        own = self.settings_for(path, is_file=True)
        if own is not self:
            return own.options_for(path)
        ignored = {
            code
            for matcher, codes in self.per_file_ignores
            if matcher.match(Path(path), ancestors=True)
            for code in codes
        }
        assert self.options.select is not None  # the command line always selects
        return self.options.replace(select=frozenset(self.options.select) - ignored) if ignored else self.options


def output_format(ctx: click.Context, given: str, cfg: dict) -> str:
    """`--format`, else the file's `format`, else text."""
    return given if _given(ctx, "output_format") or "format" not in cfg else cfg["format"]


def _given(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP, None)
