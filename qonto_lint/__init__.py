"""qonto-lint: a static analyzer for Python code that calls the Qonto API.

Public API:

- `lint_source(data, path, options)` -> `FileResult` for one module's source
- `lint_paths(paths, options)` -> list of `Finding` for files and directories
- `Finding`, `Options`, `__version__`
"""

from __future__ import annotations

__version__ = "0.1.0"

from .model import FileResult, Finding, Options

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .engine import lint_source


def __getattr__(name: str):
    # the engine (and what it imports) is loaded on first use: the console script's fast path
    # imports submodules of this package and never analyses a file
    if name == "lint_source":
        from .engine import lint_source

        return lint_source
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def lint_paths(paths, options: Options | None = None, *, jobs: int = 1, max_size: int | None = None) -> list[Finding]:
    """Lint files and directories the way the command line does; findings sorted."""
    from .files import collect_files
    from .runner import lint_candidates

    options = options or Options()
    if max_size:
        options = options.replace(max_file_size=max_size)
    candidates = collect_files([str(p) for p in paths])
    results = lint_candidates(candidates, options, jobs)
    return sorted(f for result in results for f in result.findings)


__all__ = ["FileResult", "Finding", "Options", "__version__", "lint_paths", "lint_source"]
