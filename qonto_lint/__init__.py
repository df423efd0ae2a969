"""qonto-lint: a static analyzer for Python code that calls the Qonto API.

Public API:

- `lint_source(data, path, options)` -> `FileResult` for one module's source
- `lint_paths(paths, options)` -> list of `Finding` for files and directories
- `Finding`, `Options`, `__version__`
"""

from __future__ import annotations

__version__ = "0.1.0"

from .engine import FileResult, Finding, Options, lint_source


def lint_paths(paths, options: Options | None = None, *, jobs: int = 1, max_size: int | None = None) -> list[Finding]:
    """Lint files and directories the way the command line does; findings sorted."""
    from .config import DEFAULT_MAX_FILE_SIZE
    from .files import collect_files
    from .runner import lint_candidates

    options = options or Options()
    candidates = collect_files([str(p) for p in paths])
    results = lint_candidates(candidates, options, max_size or DEFAULT_MAX_FILE_SIZE, jobs)
    return sorted(f for result in results for f in result.findings)


__all__ = ["FileResult", "Finding", "Options", "__version__", "lint_paths", "lint_source"]
