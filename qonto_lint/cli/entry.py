"""The entry point, and a fast path that answers without click or the analyzer.

Most runs in a pre-commit hook or a large repository lint files that cannot be Qonto's
(the text gate). `qonto-lint [--force-exclude] [-q] PATH...` whose files all fail the gate is
answered here, with the configuration applied as the full command line applies it; any other
run, or any file that passes the gate or cannot be read, goes to the full command line
(`cli.lint`, or `doctor`) unchanged.
"""

from __future__ import annotations

import sys

from .streams import guard_closed_streams

_SIMPLE_FLAGS = frozenset({"--force-exclude", "-q", "--quiet"})


_LISTS = ("--exclude", "--extend-exclude")


def _split(argv: list[str]):
    """(flags, {list option: values}, paths), or None for anything the fast path does not take."""
    flags: list[str] = []
    lists: dict[str, list[str]] = {name: [] for name in _LISTS}
    paths: list[str] = []
    items = iter(argv)
    for item in items:
        name, equals, value = item.partition("=")
        if name in _LISTS:
            given = value if equals else next(items, None)
            if given is None:
                return None
            lists[name].extend(v.strip() for v in given.split(",") if v.strip())
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
    if paths[0] in ("doctor", "server"):
        return None
    try:
        import gc

        from ..config import Resolver, budgets, excludes, host_table, load
        from ..files import collect_files
        from ..model import Options

        config = load(None, False)
        cfg = config.values
        if cfg.get("assume-qonto") or cfg.get("format", "text") != "text":
            return None
        # Selection and per-file-ignores are the full command line's business.
        plain = not any(key in cfg for key in ("select", "extend-select", "ignore", "per-file-ignores"))
        engine_options = Options(hosts=host_table(cfg), **budgets(cfg))
        exclude, extend_exclude = excludes(cfg, lists["--exclude"], lists["--extend-exclude"])
        resolver = Resolver()
        # the walk and the gate make objects for each file and no reference cycle: the garbage
        # collector would only go through them, and every module's objects, again and again
        collecting = gc.isenabled()
        gc.disable()
        try:
            candidates = collect_files(
                paths,
                exclude=exclude,
                extend_exclude=extend_exclude,
                force_exclude="--force-exclude" in options,
                root=config.root,
                listing=resolver.listed,
            )
            if _other_configs(candidates, config.path, resolver):
                return None  # files governed by their own pyproject.toml: the full command line
            gated_in = _gated_in(candidates, engine_options)
        finally:
            if collecting:
                gc.enable()
        if gated_in is None:
            return None
        if gated_in:
            if not plain or sys.stdout.isatty():
                return None
            # the fixes are computed: the text output marks fixable findings `[*]`
            return _lint(candidates, engine_options, quiet="-q" in options or "--quiet" in options)
    except Exception:  # any doubt (a bad config, a bad path): the full command line says it properly
        return None
    if "-q" not in options and "--quiet" not in options:
        from ..reporters.summary import summary

        sys.stderr.write(summary(0, 0, len(candidates), 0))
        sys.stderr.flush()
    return 0


def _gated_in(candidates, options) -> bool | None:
    """Whether a file passes the text gate; None when one cannot simply be read (the full command
    line says why)."""
    from ..engine.gates import text_gate
    from ..model import FileResult
    from ..runner import read_candidate

    gate = text_gate(options)
    max_size = options.max_file_size
    for candidate in candidates:
        data = read_candidate(candidate, max_size)
        if isinstance(data, FileResult):
            return None
        if gate(data, candidate.display):
            return True
    return False


def _other_configs(candidates, base, resolver) -> bool:
    """Whether a file has a configuration other than the current directory's."""
    import os

    wanted = os.path.realpath(base) if base is not None else None
    checked: set[int] = set()
    for candidate in candidates:
        config = resolver.for_file(candidate.path)
        if id(config) in checked:  # the resolver keeps one object per configuration file
            continue
        checked.add(id(config))
        if (os.path.realpath(config.path) if config.path is not None else None) != wanted:
            return True
    return False


def _lint(candidates, options, quiet: bool) -> int | None:
    """Lint and report as text, as the full command line does without options."""
    import os

    from ..reporters.summary import fixable_line, summary
    from ..runner import lint_candidates
    from .streams import tolerant_streams

    results = lint_candidates(candidates, options, os.cpu_count() or 1)
    if any(result.errors for result in results):
        return None  # the full command line reports internal errors
    findings = sorted(
        (f for result in results for f in result.findings),
        key=lambda f: (f.path, f.cell or 0, f.line, f.column, f.code, f.message),
    )
    tolerant_streams()
    if findings:
        from ..reporters.text import text_reporter

        text_reporter(findings, sys.stdout)
        sys.stdout.flush()
    if not quiet:
        analysed = sum(1 for r in results if not r.skipped)
        sys.stderr.write(summary(len(findings), len({f.path for f in findings}), len(results), analysed))
        sys.stderr.write(fixable_line(findings, False))
        sys.stderr.flush()
    return 1 if findings else 0


def main(argv: list[str] | None = None) -> int:
    """Run qonto-lint with `argv`; returns the exit status (errors are one line on stderr)."""
    guard_closed_streams()
    return _command(without_check(list(sys.argv[1:] if argv is None else argv)))


def without_check(argv: list[str]) -> list[str]:
    """`qonto-lint check ARGS` is `qonto-lint ARGS`, as `ruff check` is ruff's linter (a
    directory named `check` is `./check`)."""
    return argv[1:] if argv[:1] == ["check"] else argv


def _command(argv: list[str]) -> int:
    if argv[:1] == ["doctor"]:
        from ..doctor.command import doctor_main

        return doctor_main(argv[1:])
    if argv[:1] == ["server"]:
        from ..server import main as server_main

        return server_main(argv[1:])
    from .lint import lint

    return lint.main(argv, prog_name="qonto-lint", standalone_mode=False)


def entry() -> None:
    """The console script: the fast path, else the full command line."""
    guard_closed_streams()
    argv = without_check(sys.argv[1:])
    status = fast_path(argv)
    if status is None:
        status = _command(argv)
    _leave(status)


def _leave(status: int | None) -> None:
    """Exit without the interpreter's teardown (freeing every object of the run, module by module:
    libcst's classes and a syntax tree take 10-20 ms, a tenth of a one-file run), when nothing is
    left for it to do: the streams flush (every file the run writes is closed by then), no thread
    but daemon ones (the parser's big-stack worker) is alive, no exit handler is registered, and
    no profiler, tracer or `python -i` waits to run after the command (`python -m cProfile -o`
    writes its file once the command returns)."""
    import atexit
    import os

    status = 0 if status is None else status
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # a closed pipe: the interpreter's own exit reports it as it always has
        sys.exit(status)
    registered = getattr(atexit, "_ncallbacks", None)
    if registered is None or registered() or not isinstance(status, int) or _threads_left() or _watched():
        sys.exit(status)
    os._exit(status)


def _watched() -> bool:
    """Whether code that runs after the command is watching it: a profiler, a tracer (a debugger,
    coverage), also through `sys.monitoring` (cProfile's way from Python 3.12), or an interactive
    prompt to come (`python -i`)."""
    if sys.getprofile() is not None or sys.gettrace() is not None or sys.flags.inspect:
        return True
    monitoring = getattr(sys, "monitoring", None)
    return monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6))


def _threads_left() -> bool:
    """Whether a thread the interpreter's exit would wait for is alive (or exit handlers of the
    threading module are registered)."""
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    if getattr(threading, "_threading_atexits", None):
        return True
    current = threading.current_thread()
    return any(thread is not current and not thread.daemon for thread in threading.enumerate())
