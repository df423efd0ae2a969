"""Errors of the command line, lint and doctor alike: the exit statuses, one exception ladder
that turns every error into one line on stderr (never a traceback), and standard input."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130


class UsageProblem(Exception):
    """A usage error: one line on stderr, exit status 2."""


def one_line(text: object) -> str:
    lines = str(text).strip().splitlines()
    return lines[0] if lines else ""


def usage_message(error: click.UsageError) -> str:
    """click's usage error on one line, worded the same whatever click's version."""
    if isinstance(error, click.NoSuchOption):
        hint = f" (did you mean {', '.join(sorted(error.possibilities))}?)" if error.possibilities else ""
        return f"No such option: {error.option_name}{hint}"
    return one_line(error.format_message())


def guarded(
    call: Callable[[], int | None],
    *,
    prog: str,
    fail: Callable[[str], None],
    expected: tuple[type[BaseException], ...],
    internal: Callable[[BaseException], None],
) -> int:
    """`call()`'s exit status; any error becomes one line on stderr and exit status 2 (130 when
    interrupted). `fail` writes an error line; `expected` errors are worded by their own text;
    any other error is an internal one, written by `internal` (which must never show a secret)."""
    try:
        status = call()
    except click.UsageError as error:
        fail(usage_message(error))
        status = EXIT_ERROR
    except click.exceptions.Exit as error:
        status = error.exit_code
    except click.Abort:
        fail("aborted")
        status = EXIT_ERROR
    except expected as error:
        fail(str(error))
        status = EXIT_ERROR
    except SystemExit as error:  # click's answer to a closed pipe (`qonto-lint | head`)
        status = error.code if isinstance(error.code, int) else EXIT_ERROR
    except BrokenPipeError:
        status = EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write(f"{prog}: interrupted\n")
        status = EXIT_INTERRUPTED
    except Exception as error:  # the last line of defence: never a traceback, never a secret
        internal(error)
        status = EXIT_ERROR
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more to say there
            pass
    return EXIT_CLEAN if status is None else int(status)


def read_stdin(size: int) -> bytes:
    """Up to `size` bytes of standard input; UsageProblem when there is no standard input."""
    try:
        return sys.stdin.buffer.read(size)
    except (AttributeError, OSError, ValueError):  # no stdin at all (`<&-`), or a closed descriptor
        raise UsageProblem("cannot read standard input: it is closed") from None
