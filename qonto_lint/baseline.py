"""Baselines for gradual adoption: record today's findings, report only new ones.

A finding is keyed by its file (relative to the baseline file's directory, so the
baseline works from any working directory), its code, and a hash of the source text
it is about (whitespace runs collapsed). No line numbers: moving code up or down a
file, or re-indenting it, keeps it baselined; editing the offending expression makes
it new. No timestamps: the same findings always write the same file. No source text
and no secrets: only truncated SHA-256 hashes are stored.

The file is JSON:

    {"qonto-lint-baseline": 2,
     "findings": [{"path": "src/client.py", "code": "QNT101", "hash": "9f2c...", "count": 1}]}
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import json
import os
import stat
import tokenize
from collections import Counter
from pathlib import Path

from .config import ConfigError
from .model import Finding

FORMAT_KEY = "qonto-lint-baseline"
VERSION = 2
#: version 1 hashed the source text with its whitespace runs collapsed: still read
READABLE_VERSIONS = (1, 2)
_HASH_LENGTH = 20  # hex characters: 80 bits, plenty to tell one file's findings apart

Key = tuple[str, str, str]  # (path, code, hash)


class BaselineError(ConfigError):
    """A baseline file that cannot be read or written (one line, exit status 2)."""


def fingerprint(finding: Finding, version: int = VERSION) -> str:
    """A hash of the offending source text, blind to layout, formatting and position."""
    text = normalised(finding.snippet) if version >= 2 else " ".join(finding.snippet.split())
    digest = hashlib.sha256(f"{finding.code}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:_HASH_LENGTH]


_LAYOUT = frozenset({tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT})
_QUOTES = ('"""', "'''", '"', "'")
#: the tokens that open and close an f-string on Python 3.12 and later
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)


def normalised(snippet: str) -> str:
    """The tokens of `snippet` as a formatter cannot change them: no layout, no trailing comma
    before a closing bracket, literals by their value (adjacent strings joined). A snippet that
    does not tokenize keeps its text with whitespace runs collapsed."""
    pieces: list[str] = []
    run: list = []  # the values of adjacent string literals, joined when the run ends
    try:
        for token in tokenize.generate_tokens(io.StringIO(snippet).readline):
            if token.type in _LAYOUT or token.type == tokenize.ENDMARKER:
                continue
            value = _literal(token) if token.type in (tokenize.STRING, tokenize.NUMBER) else None
            if isinstance(value, (str, bytes)):
                run.append(value)
                continue
            _end_run(run, pieces)
            if token.type == tokenize.OP and token.string in ")]}" and pieces and pieces[-1] == ",":
                pieces.pop()  # the magic trailing comma a formatter adds when it splits a call
            pieces.append(_requoted(token) if value is None else repr(value))
        _end_run(run, pieces)
    except (tokenize.TokenError, SyntaxError):
        return " ".join(snippet.split())
    return "".join(pieces)


def _end_run(run: list, pieces: list[str]) -> None:
    if run:
        same_type = len({type(v) for v in run}) == 1
        pieces.append(repr(run[0][:0].join(run)) if same_type else repr(run))
        run.clear()


def _literal(token):
    try:
        return ast.literal_eval(token.string)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


def _requoted(token) -> str:
    """An f-string (or its opening or closing token) with double quotes and a lower-case prefix."""
    text = token.string
    if token.type == _FSTRING_END:
        return '"'
    if token.type not in (tokenize.STRING, _FSTRING_START):
        return text
    prefix = text[: len(text) - len(text.lstrip("rRbBuUfFtT"))]
    body = text[len(prefix) :]
    quote = next((q for q in _QUOTES if body.startswith(q)), "")
    if token.type == _FSTRING_START:
        return prefix.lower() + '"'
    inner = body[len(quote) : len(body) - len(quote)] if quote and body.endswith(quote) else body
    return prefix.lower() + '"' + inner + '"'


def _relative(path: str, base: Path) -> str:
    if path in ("-", "<stdin>"):
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def key(finding: Finding, base: Path, version: int = VERSION) -> Key:
    return (_relative(finding.path, base), finding.code, fingerprint(finding, version))


class Recorded(Counter):
    """The recorded keys with their counts, and the version of the file they were read from."""

    version = VERSION


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
        _replace(_destination(target, baseline_path), text.encode("utf-8"))
    except OSError as error:
        raise BaselineError(f"cannot write baseline {baseline_path}: {error.strerror or error}") from None
    return len(findings)


def _destination(target: Path, shown: str | os.PathLike) -> Path:
    """The file a baseline is written to: `target`, unless it is something else than a regular
    file. A FIFO, a device (`/dev/stdout`) or a directory is refused, never replaced by a file. A
    symbolic link to a baseline (a team's shared one) writes that baseline and keeps the link; a
    link to anything else (another file, nothing, a device) is refused: one planted where the
    baseline is written must not have another file overwritten."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    if stat.S_ISREG(info.st_mode):
        return target
    if not stat.S_ISLNK(info.st_mode):
        raise BaselineError(f"cannot write baseline {shown}: it exists and is not a regular file")
    resolved = Path(os.path.realpath(target))
    document = None
    try:
        if stat.S_ISREG(os.stat(resolved).st_mode):  # only a regular file is opened: a FIFO would block
            with open(resolved, "rb") as handle:
                document = json.loads(handle.read())
    except (OSError, ValueError):
        document = None
    if not isinstance(document, dict) or FORMAT_KEY not in document:
        raise BaselineError(f"cannot write baseline {shown}: it is a symbolic link to something else than a baseline")
    return resolved


def _replace(target: Path, data: bytes) -> None:
    """Write `target` atomically through a new temporary file beside it.

    The temporary name is random and created with O_EXCL (mkstemp): a symbolic link planted at
    a predictable name would otherwise be followed and its target overwritten. os.replace then
    puts the new file in place of `target`, a regular file or none (`_destination`).
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


def read(baseline_path: str | os.PathLike) -> Recorded:
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
    version = document[FORMAT_KEY]
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        raise BaselineError(
            f"baseline {baseline_path} has version {version!r}; this qonto-lint reads versions {readable}"
            " (write it again with --write-baseline)"
        )
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"baseline {baseline_path}: 'findings' must be a list")
    counts = Recorded()
    counts.version = version
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
    if recorded is None:
        recorded = read(baseline_path)
    version = getattr(recorded, "version", VERSION)
    remaining = Counter(recorded)
    base = _base(baseline_path)
    new: list[Finding] = []
    covered = 0
    for finding in findings:
        k = key(finding, base, version)
        if remaining[k] > 0:
            remaining[k] -= 1
            covered += 1
        else:
            new.append(finding)
    return new, covered
