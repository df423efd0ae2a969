"""The standard streams as the command line writes them: a closed one never makes it fail
where nothing is written, and an odd character never makes a write fail."""

from __future__ import annotations

import sys


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
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) in ("strict", "surrogateescape") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream
                pass
