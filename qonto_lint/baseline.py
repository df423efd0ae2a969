"""Baselines for gradual adoption: record today's findings, report only new ones.

A finding is keyed by its file (relative to the baseline file's directory, so the
baseline works from any working directory), its code, and a hash of the source text
it is about (whitespace runs collapsed). No line numbers: moving code up or down a
file, or re-indenting it, keeps it baselined; editing the offending expression makes
it new. No timestamps: the same findings always write the same file. No source text
and no secrets: only truncated SHA-256 hashes are stored.

The file is JSON:

    {"qonto-lint-baseline": 1,
     "findings": [{"path": "src/client.py", "code": "QNT101", "hash": "9f2c...", "count": 1}]}
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections import Counter
from pathlib import Path

from .config import ConfigError
from .model import Finding

FORMAT_KEY = "qonto-lint-baseline"
VERSION = 1
_HASH_LENGTH = 20  # hex characters: 80 bits, plenty to tell one file's findings apart

Key = tuple[str, str, str]  # (path, code, hash)


class BaselineError(ConfigError):
    """A baseline file that cannot be read or written (one line, exit status 2)."""


def fingerprint(finding: Finding) -> str:
    """A hash of the offending source text, blind to layout and position."""
    text = " ".join(finding.snippet.split())
    digest = hashlib.sha256(f"{finding.code}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:_HASH_LENGTH]


def _relative(path: str, base: Path) -> str:
    if path in ("-", "<stdin>"):
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def key(finding: Finding, base: Path) -> Key:
    return (_relative(finding.path, base), finding.code, fingerprint(finding))


def _base(baseline_path: str | os.PathLike) -> Path:
    return Path(os.path.abspath(baseline_path)).parent


def write(baseline_path: str | os.PathLike, findings: list[Finding]) -> int:
    """Record the findings; returns how many were recorded."""
    base = _base(baseline_path)
    counts = Counter(key(f, base) for f in findings)
    entries = [
        {"path": path, "code": code, "hash": digest, "count": count}
        for (path, code, digest), count in sorted(counts.items())
    ]
    from .reporters.json import json_text

    text = json_text({FORMAT_KEY: VERSION, "findings": entries}, indent=2) + "\n"
    target = Path(baseline_path)
    if not str(baseline_path).strip() or not target.name or target.name in (".", ".."):
        raise BaselineError(f"cannot write baseline {str(baseline_path)!r}: not a file name")
    from .files import SOURCE_SUFFIXES

    if target.suffix.lower() in SOURCE_SUFFIXES:
        raise BaselineError(
            f"refusing to write the baseline over {baseline_path}: it is a source file (use a .json name)"
        )
    try:
        _replace(target, text.encode("utf-8"))
    except OSError as error:
        raise BaselineError(f"cannot write baseline {baseline_path}: {error.strerror or error}") from None
    return len(findings)


def _replace(target: Path, data: bytes) -> None:
    """Write `target` atomically through a new temporary file beside it.

    The temporary name is random and created with O_EXCL (mkstemp): a symbolic link planted at
    a predictable name would otherwise be followed and its target overwritten. os.replace then
    puts a regular file in place of whatever `target` was, a symbolic link included.
    """
    import tempfile

    directory = os.path.dirname(os.path.abspath(target))
    try:
        info = os.lstat(target)
        mode = stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None
    except OSError:
        mode = None
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read(baseline_path: str | os.PathLike) -> Counter:
    """The recorded keys with their counts."""
    try:
        with open(baseline_path, "rb") as handle:
            document = json.loads(handle.read())
    except FileNotFoundError:
        raise BaselineError(f"baseline {baseline_path} does not exist (write one with --write-baseline)") from None
    except OSError as error:
        raise BaselineError(f"cannot read baseline {baseline_path}: {error.strerror or error}") from None
    except (ValueError, RecursionError):
        raise BaselineError(f"baseline {baseline_path} is not valid JSON") from None
    if not isinstance(document, dict) or FORMAT_KEY not in document:
        raise BaselineError(f"{baseline_path} is not a qonto-lint baseline (no '{FORMAT_KEY}' key)")
    if document[FORMAT_KEY] != VERSION:
        raise BaselineError(
            f"baseline {baseline_path} has version {document[FORMAT_KEY]!r}; this qonto-lint reads version {VERSION}"
        )
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"baseline {baseline_path}: 'findings' must be a list")
    counts: Counter = Counter()
    for entry in entries:
        try:
            path, code, digest, count = entry["path"], entry["code"], entry["hash"], entry.get("count", 1)
        except (TypeError, KeyError):
            raise BaselineError(f"baseline {baseline_path}: each finding needs 'path', 'code' and 'hash'") from None
        if not all(isinstance(v, str) for v in (path, code, digest)) or not isinstance(count, int) or count < 1:
            raise BaselineError(f"baseline {baseline_path}: malformed finding entry")
        counts[(path, code, digest)] += count
    return counts


def filter_new(
    findings: list[Finding], baseline_path: str | os.PathLike, recorded: Counter | None = None
) -> tuple[list[Finding], int]:
    """The findings the baseline does not cover, and how many it covered.

    `recorded` is what `read(baseline_path)` returned, when the caller read it already.
    When a file has more identical findings than the baseline recorded, the first ones
    (in line order) count as the recorded ones and the rest are reported.
    """
    remaining = Counter(recorded) if recorded is not None else read(baseline_path)
    base = _base(baseline_path)
    new: list[Finding] = []
    covered = 0
    for finding in findings:
        k = key(finding, base)
        if remaining[k] > 0:
            remaining[k] -= 1
            covered += 1
        else:
            new.append(finding)
    return new, covered
