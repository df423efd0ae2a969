"""Lint many files: read each once, gate, analyse (in a process pool when it pays)."""

from __future__ import annotations

import gc
import os
import stat
import sys

from .engine import internal_reason, lint_source, passes_gate, unreadable
from .files import Candidate
from .model import FileResult, Options

#: below this many files that pass the gate, a process pool costs more than it saves
POOL_THRESHOLD = 24
#: the most files sent to a worker in one message
CHUNK_MAX = 16


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_candidate(candidate: Candidate, max_size: int) -> bytes | FileResult:
    """The file's bytes, or a FileResult carrying QNT900 when it cannot be read.

    The common case is one open, one fstat and one read (O_NONBLOCK: a FIFO never blocks the
    open); anything unusual is described by `_read_carefully`.
    """
    if candidate.problem is not None:
        return FileResult(candidate.display, [unreadable(candidate.display, candidate.problem)])
    try:
        fd = os.open(candidate.path, _OPEN_FLAGS)
    except OSError:
        return _read_carefully(candidate, max_size)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_size:
            return _read_carefully(candidate, max_size)
        # One read of one byte more than fstat's size: getting exactly the size is the end of the
        # file (a second read to see it costs a third of the time on a tree of small files);
        # anything else (a short read, a file that grew) goes on reading.
        first = os.read(fd, info.st_size + 1)
        if len(first) == info.st_size:
            return first
        chunks = [first]
        remaining = max_size + 1 - len(first)
        while remaining > 0:
            chunk = os.read(fd, min(remaining, max(info.st_size + 1, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError:
        return _read_carefully(candidate, max_size)
    finally:
        os.close(fd)


def _read_carefully(candidate: Candidate, max_size: int) -> bytes | FileResult:
    path = candidate.path
    display = candidate.display
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return FileResult(
            display, [unreadable(display, "broken symbolic link" if os.path.islink(path) else "no such file")]
        )
    except OSError as error:
        return FileResult(display, [unreadable(display, error.strerror or str(error))])
    if stat.S_ISDIR(info.st_mode):
        return FileResult(display, [unreadable(display, "is a directory")])
    if not stat.S_ISREG(info.st_mode):
        # FIFOs, sockets, devices: opening them could block forever.
        return FileResult(display, [unreadable(display, "not a regular file")])
    if info.st_size > max_size:
        return FileResult(
            display,
            [unreadable(display, f"skipped: {info.st_size} bytes is over the {max_size}-byte limit (max-file-size)")],
        )
    try:
        with open(path, "rb") as handle:
            return handle.read(max_size + 1)
    except OSError as error:
        return FileResult(display, [unreadable(display, error.strerror or str(error))])


def lint_data(data: bytes, display: str, options: Options) -> FileResult:
    """One file's bytes -> its result: a notebook by its suffix, any other file as Python.

    A failure outside the rules (each rule's own is caught by the engine) costs this file
    only: it becomes an internal error of the file and the run goes on.
    """
    try:
        if display.lower().endswith(".ipynb"):
            from .notebook import lint_notebook

            return lint_notebook(data, display, options)
        return lint_source(data, display, options)
    except Exception as error:
        return FileResult(display, errors=[("analysis", internal_reason(error))])


def source_lines(data: bytes, display: str) -> dict[int | None, list[str]]:
    """The lines a `full` report shows, by notebook cell (None for a plain file)."""
    from .notebook import cell_lines, is_notebook

    if is_notebook(display):
        return dict[int | None, list[str]](cell_lines(data).items())
    return {None: data.decode("utf-8", "replace").splitlines()}


def _analyse_in_pool(pending: list[tuple[bytes, str, Options]], jobs: int) -> list[FileResult]:
    """Each file's result, from `jobs` worker processes.

    Where processes are forked, the analysis (libcst above all: most of a worker's start) is
    imported here first, once, and every worker shares it instead of importing it on its first
    file."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # imported only when a pool pays

    context = None
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        from .engine.preload import preload

        preload()
        # What the workers inherit lives as long as they do: frozen, the collector never walks it
        # again (a full collection in a worker otherwise traverses all of libcst's modules), and
        # its pages stay shared instead of being copied when a collection touches them.
        gc.freeze()
        context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return [result for chunk in pool.map(_lint_chunk, _chunks(pending, jobs)) for result in chunk]
    finally:
        gc.unfreeze()


def _chunks(items: list, jobs: int) -> list[list]:
    """The files in the order given, cut in chunks: a message to a worker and its answer cost
    about a twentieth of a small file's analysis, so chunks are large (up to CHUNK_MAX files)
    while much remains, and shrink to one file at the end (a share of what remains), so that no
    worker waits long for another's last chunk."""
    chunks = []
    start = 0
    while start < len(items):
        size = max(1, min(CHUNK_MAX, (len(items) - start) // (4 * jobs)))
        chunks.append(items[start : start + size])
        start += size
    return chunks


def _lint_chunk(chunk: list[tuple[bytes, str, Options]]) -> list[FileResult]:
    return [lint_data(data, display, options) for data, display, options in chunk]


def lint_candidates(
    candidates: list[Candidate], options: Options, jobs: int = 1, sources: dict | None = None, options_of=None
) -> list[FileResult]:
    """Every candidate's result. With `sources`, the source lines of each file with
    findings are stored in it under (display, cell), for the `full` format. `options_of(candidate)`,
    when given, is each file's own options (its own configuration file's)."""
    results: list[FileResult] = []
    pending: list[tuple[bytes, str, Options]] = []
    for candidate in candidates:
        own = options if options_of is None else options_of(candidate)
        data = read_candidate(candidate, own.max_file_size)
        if isinstance(data, FileResult):
            if own.selected("QNT900"):
                results.append(data)
            continue
        if passes_gate(data, candidate.display, own):
            pending.append((data, candidate.display, own))
        else:
            results.append(FileResult(candidate.display, skipped=True))
    if jobs > 1 and len(pending) >= POOL_THRESHOLD:
        analysed = _analyse_in_pool(pending, jobs)
    else:
        analysed = [lint_data(data, display, own) for data, display, own in pending]
    if sources is not None:
        for (data, display, _own), result in zip(pending, analysed, strict=True):
            if result.findings:
                for cell, lines in source_lines(data, display).items():
                    sources[(display, cell)] = lines
    results.extend(analysed)
    return results
