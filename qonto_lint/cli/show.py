"""`--show-settings` and `--show-files`: what the run resolved, printed instead of linting."""

from __future__ import annotations

import json
from typing import TextIO

from ..masking import visible
from .errors import EXIT_CLEAN
from .settings import Settings


def show_settings(settings: Settings, out: TextIO) -> int:
    """The settings of the first path (default `.`), as the lint would use them, and their file."""
    import os

    from ..files import PathError, display_path

    target = next((p for p in settings.paths if p != "-"), None)
    if target is not None and not os.path.lexists(target):
        raise PathError(f"{target}: no such file or directory")  # as linting it would say
    target = target or settings.stdin_filename or "."
    own = settings.settings_for(target)
    config = own.config
    options = own.options
    where = display_path(config.path) if config.path is not None else "none (the defaults)"
    lines = [
        f"Resolved settings for: {target}",
        f"Settings path: {where}",
        "",
        f"select = {_list(sorted(options.select or ()))}",
        f"assume-qonto = {'true' if options.assume_qonto else 'false'}",
        f"extra-hosts.production = {_list(sorted(options.hosts.extra_production))}",
        f"extra-hosts.sandbox = {_list(sorted(options.hosts.extra_sandbox))}",
        f"exclude = {_list(own.excludes)}",
        f"extend-exclude = {_list(own.extend_excludes)}",
        f"per-file-ignores = {{{', '.join(_ignores(own))}}}",
        f"project-root = {_str(str(config.root))}",
        f"format = {_str(settings.output_format)}",
        f"max-file-size = {options.max_file_size}",
        f"max-syntax-nodes = {options.max_syntax_nodes}",
        f"max-evaluation-steps = {options.max_evaluation_steps}",
        f"max-lines = {options.max_lines}",
        f"max-header-sites = {options.max_header_sites}",
    ]
    out.writelines(visible(line) + "\n" for line in lines)
    return EXIT_CLEAN


def show_files(settings: Settings, candidates: list, out: TextIO) -> int:
    """The files the lint would read, one a line, sorted."""
    for display in sorted(c.display for c in candidates):
        out.write(visible(display) + "\n")
    return EXIT_CLEAN


def _str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _list(items) -> str:
    return "[" + ", ".join(_str(item) for item in items) + "]"


def _ignores(settings: Settings) -> list[str]:
    return [f"{_str(matcher.patterns[0])} = {_list(sorted(codes))}" for matcher, codes in settings.per_file_ignores]
