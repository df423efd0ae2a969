"""`--fix` and `--diff` on the command line: apply (or show) the fixes, then report what remains."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..masking import for_terminal
from ..reporters import reporter
from .errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, one_line
from .outcome import order

if TYPE_CHECKING:
    from ..fixing import FixRun
    from ..model import Finding
    from .outcome import Linted, StdinInput
    from .settings import Settings


def fix_and_report(settings: Settings, linted: Linted) -> int:
    """Files: with --fix they are rewritten and the remaining findings reported; with --diff
    the diffs are printed and nothing changes."""
    from ..fixing import fix_files

    write = settings.fix and not settings.diff
    run = fix_files(
        linted.findings, settings.options_for, unsafe=settings.unsafe_fixes, write=write, outside=linted.outside
    )
    for message in run.errors:
        sys.stderr.write(f"qonto-lint: error: {for_terminal(one_line(message))}\n")
    if not write:
        return _show_diffs(settings, linted, run)
    return _report_remaining(settings, linted, run)


def _show_diffs(settings: Settings, linted: Linted, run: FixRun) -> int:
    from ..fixing import fixable

    out = sys.stdout
    for text in run.diffs:
        out.write(text)
    out.flush()
    if not settings.quiet:
        from ..reporters.summary import diff_line

        would = sum(1 for f in linted.findings if fixable(f, settings.unsafe_fixes))
        hidden = 0 if settings.unsafe_fixes else sum(1 for f in linted.findings if fixable(f, True)) - would
        sys.stderr.write(diff_line(would, len(run.diffs), hidden))
    if linted.errors or run.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if run.diffs else EXIT_CLEAN


def _report_remaining(settings: Settings, linted: Linted, run: FixRun) -> int:
    out = sys.stdout
    remaining = [f for f in linted.findings if f.path not in run.remaining]
    for left in run.remaining.values():
        remaining.extend(f for f in left if not settings.ignored(f))
    remaining.sort(key=order)
    sources = linted.sources
    if sources is not None:
        for path in run.remaining:
            sources.pop((path, None), None)
            try:
                with open(path, "rb") as handle:
                    sources[(path, None)] = handle.read().decode("utf-8", "replace").splitlines()
            except OSError:
                pass
    reporter(settings.output_format)(
        remaining, out, color=settings.color(out), sources=sources, unsafe_fixes=settings.unsafe_fixes
    )
    out.flush()
    if not settings.quiet:
        noun = "finding" if run.applied == 1 else "findings"
        sys.stderr.write(f"Fixed {run.applied} {noun} ({len(remaining)} remaining).\n")
    if linted.errors or run.errors:
        return EXIT_ERROR
    if settings.exit_zero:
        return EXIT_CLEAN
    if remaining or (settings.exit_non_zero_on_fix and run.applied):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def fix_stdin(settings: Settings, stdin: StdinInput, findings: list[Finding]) -> int:
    """Standard input with --fix: the fixed source goes to stdout (nothing is written); with --diff, the diff."""
    from ..engine.parsing import internal_reason
    from ..fixing import FixError, diff_file, fix_file

    out = sys.stdout
    fix = settings.fix and not settings.diff
    if stdin.excluded:  # --force-exclude: the source goes back as it came
        if fix:
            out.flush()
            _echo_stdin(stdin.data)
        return EXIT_CLEAN
    if stdin.over_budget:  # skipped (QNT900): fixing would cost what the budget refused
        return _unfixed_stdin(settings, stdin.data, findings, fix)
    try:  # a notebook by its name's suffix
        outcome = fix_file(stdin.data, stdin.name, settings.options, unsafe=settings.unsafe_fixes)
    except Exception as error:  # the source goes back unchanged: a pipe must not lose the user's code
        if isinstance(error, FixError):
            reason = one_line(str(error))
        else:
            reason = f"internal error while fixing: {internal_reason(error)}"
        sys.stderr.write(f"qonto-lint: error: {for_terminal(f'{stdin.name}: {reason}')}\n")
        if fix:
            out.flush()
            _echo_stdin(stdin.data)
        return EXIT_ERROR
    if not fix:
        out.write(diff_file(stdin.name, stdin.data, outcome.fixed) if outcome.changed else "")
        out.flush()
        return EXIT_FINDINGS if outcome.changed else EXIT_CLEAN
    out.flush()
    sys.stdout.buffer.write(outcome.fixed)
    sys.stdout.buffer.flush()
    reporter("text")(outcome.remaining, sys.stderr)
    if not settings.quiet:
        noun = "finding" if outcome.applied == 1 else "findings"
        sys.stderr.write(f"Fixed {outcome.applied} {noun} ({len(outcome.remaining)} remaining).\n")
    if outcome.remaining and not settings.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _unfixed_stdin(settings: Settings, data: bytes, findings: list[Finding], fix: bool) -> int:
    """Standard input that was not analysed: with --fix the source goes back unchanged and the
    finding is reported on stderr, as a fix's remaining findings are; with --diff, no diff."""
    sys.stdout.flush()
    if fix:
        _echo_stdin(data)
    reporter("text")(findings, sys.stderr)
    if fix and not settings.quiet:
        sys.stderr.write(f"Fixed 0 findings ({len(findings)} remaining).\n")
    return EXIT_CLEAN if settings.exit_zero or not findings else EXIT_FINDINGS


def _echo_stdin(data: bytes) -> None:
    """Give standard input back whole, as --fix does when it changes nothing: what was read, then
    whatever was left unread past max-file-size (a pipe must never lose the user's code)."""
    import shutil

    sys.stdout.buffer.write(data)
    shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout.buffer.flush()
