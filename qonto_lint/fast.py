"""The entry point, and a fast path that answers without click or the analyzer.

Most runs in a pre-commit hook or a large repository lint files that cannot be Qonto's
(the text gate). `qonto-lint [--force-exclude] [-q] PATH...` whose files all fail the gate is
answered here, with the configuration applied as the full command line applies it; any other
run, or any file that passes the gate or cannot be read, goes to `cli.main` unchanged.
"""

from __future__ import annotations

import sys

_SIMPLE_FLAGS = frozenset({"--force-exclude", "-q", "--quiet"})


def summary(findings: int, files_with_findings: int, files: int, analysed: int, baselined: int = 0) -> str:
    """The summary line on stderr."""
    files_text = f"{files} file{'' if files == 1 else 's'} ({analysed} analysed)"
    also = f"; {baselined} more in the baseline" if baselined else ""
    if findings:
        noun = "finding" if findings == 1 else "findings"
        return f"Found {findings} {noun} in {files_with_findings} of {files_text}{also}.\n"
    return f"All checks passed: {files_text}{also}.\n"


_LISTS = ("--exclude", "--extend-exclude")


def _split(argv: list[str]):
    """(flags, {list option: values}, paths), or None for anything the fast path does not take."""
    flags, lists, paths = [], {name: [] for name in _LISTS}, []
    items = iter(argv)
    for item in items:
        name, equals, value = item.partition("=")
        if name in _LISTS:
            value = value if equals else next(items, None)
            if value is None:
                return None
            lists[name].extend(v.strip() for v in value.split(",") if v.strip())
        elif item in _SIMPLE_FLAGS:
            flags.append(item)
        elif item.startswith("-"):
            return None  # `-` (stdin), --format, --fix...: the full command line
        else:
            paths.append(item)
    return flags, lists, paths


def fast_path(argv: list[str]) -> int | None:
    """0 when every file is gated out (the summary printed); None to take the full command line."""
    split = _split(argv)
    if split is None:
        return None
    options, lists, paths = split
    paths = paths or ["."]
    if paths[0] == "doctor":
        return None
    try:
        from .config import budgets, excludes, host_table, load, max_file_size
        from .engine import FileResult, Options, passes_gate
        from .files import collect_files
        from .runner import read_candidate

        config = load(None, False)
        cfg = config.values
        if cfg.get("assume-qonto") or cfg.get("format", "text") != "text":
            return None
        # Selection and per-file-ignores are the full command line's business.
        plain = not any(key in cfg for key in ("select", "extend-select", "ignore", "per-file-ignores"))
        engine_options = Options(hosts=host_table(cfg), **budgets(cfg))
        exclude, extend_exclude = excludes(cfg, lists["--exclude"], lists["--extend-exclude"])
        candidates = collect_files(
            paths,
            exclude=exclude,
            extend_exclude=extend_exclude,
            force_exclude="--force-exclude" in options,
            root=config.root,
        )
        max_size = max_file_size(cfg)
        gated_in = False
        for candidate in candidates:
            data = read_candidate(candidate, max_size)
            if isinstance(data, FileResult):
                return None
            if passes_gate(data, candidate.display, engine_options):
                gated_in = True
                break
        if gated_in:
            if not plain or sys.stdout.isatty():
                return None
            plain_text = engine_options.replace(fixes=False)  # nothing shows or applies fixes here
            return _lint(candidates, plain_text, max_size, quiet="-q" in options or "--quiet" in options)
    except Exception:  # any doubt (a bad config, a bad path): the full command line says it properly
        return None
    if "-q" not in options and "--quiet" not in options:
        sys.stderr.write(summary(0, 0, len(candidates), 0))
        sys.stderr.flush()
    return 0


def _lint(candidates, options, max_size: int, quiet: bool) -> int | None:
    """Lint and report as text, as the full command line does without options."""
    import os

    from .runner import lint_candidates

    results = lint_candidates(candidates, options, max_size, os.cpu_count() or 1)
    if any(result.errors for result in results):
        return None  # the full command line reports internal errors
    findings = sorted(
        (f for result in results for f in result.findings),
        key=lambda f: (f.path, f.cell or 0, f.line, f.column, f.code, f.message),
    )
    tolerant_streams()
    if findings:
        from .textout import text_reporter

        text_reporter(findings, sys.stdout)
        sys.stdout.flush()
    if not quiet:
        analysed = sum(1 for r in results if not r.skipped)
        sys.stderr.write(summary(len(findings), len({f.path for f in findings}), len(results), analysed))
        sys.stderr.flush()
    return 1 if findings else 0


class _ClosedStream:
    """What stands for a standard stream the caller closed (`>&-`, `2>&-`): Python leaves None.

    Writing to a closed standard output fails like a full disk does (one error line, exit 2),
    but only when there is something to write; a closed standard error takes the messages and
    drops them, so that the exit status still tells what happened.
    """

    encoding = "utf-8"
    errors = "backslashreplace"
    closed = False

    def __init__(self, name: str, fail: bool, binary: bool = False) -> None:
        self.name = f"standard {name}"
        self._fail = fail
        self.buffer = None if binary else _ClosedStream(name, fail, binary=True)

    def write(self, data):
        if self._fail and data:
            import errno

            raise OSError(errno.EBADF, f"{self.name} is closed")
        return len(data)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def fileno(self) -> int:
        import io

        raise io.UnsupportedOperation("the stream is closed")


def guard_closed_streams() -> None:
    """Stand-ins for the standard output and error the caller closed, and /dev/null on their
    descriptors: a file opened later must never get descriptor 1 or 2, where anything meant for
    the terminal (a worker process's message) would land in it."""
    for fd, name, label, fail in ((1, "stdout", "output", True), (2, "stderr", "error", False)):
        if getattr(sys, name) is not None:
            continue
        import os

        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_WRONLY)
                if opened != fd:
                    os.dup2(opened, fd)
                    os.close(opened)
            except OSError:
                pass
        setattr(sys, name, _ClosedStream(label, fail))


def tolerant_streams() -> None:
    """Output never fails on a character the terminal's encoding lacks (the `…` of a masked secret
    on an ASCII terminal, a file name that is not UTF-8): such a character is written escaped."""
    guard_closed_streams()
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) in ("strict", "surrogateescape") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream
                pass


def entry() -> None:
    guard_closed_streams()
    argv = sys.argv[1:]
    status = fast_path(argv)
    if status is None:
        from .cli import main

        status = main(argv)
    sys.exit(status)
