"""Reporters: each takes the sorted findings and writes them to a stream.

Nothing here prints a secret: messages, fix edits and source lines go through
`masking` (the one masking module) on their way out. Each format is its own module,
imported when it is used: the plain text output imports nothing more than it prints.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

#: format -> (module, reporter function)
_FORMATS = {
    "text": ("text", "text_reporter"),
    "full": ("full", "full_reporter"),
    "json": ("json", "json_reporter"),
    "json-lines": ("json", "json_lines_reporter"),
    "github": ("github", "github_reporter"),
    "sarif": ("sarif", "sarif_reporter"),
}


def reporter(output_format: str) -> Callable[..., None]:
    """The reporter of a format: `reporter(name)(findings, stream, color=..., sources=...)`."""
    module, name = _FORMATS[output_format]
    return getattr(import_module(f"{__name__}.{module}"), name)
