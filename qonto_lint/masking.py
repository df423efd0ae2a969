"""Masking: the one place that decides what output may show of a credential.

Every channel goes through here: rule messages, `full` snippets, diffs, fix edit contents,
JSON, SARIF and GitHub fields, error lines on stderr and the doctor's output. A credential
keeps at most its first 4 characters (`pied-piper-7132:6288…`); a login is not secret and
stays whole; names in code (`QONTO_API_V2_BASE_URL`, `oauth2_access_token`) are never touched.

What counts as secret here is wider than what the rules report (`looks_real`): masking reads
no placeholder words (a real secret wrapped in `<…>` or `your-…-here` is still a secret) and
sees through the shapes in which a secret travels: `login:secret` with anything around it
(`Authorization:L:S`, `L:S:`), swapped pairs, base64, URLs, `key=value`, upper case, and
pieces of one secret split over adjacent string literals, on one line or several.

Only the standard library's `re` is imported (and `authorization.login`, which imports nothing
else): the plain text output imports this module.
"""

from __future__ import annotations

import functools
import re

from .authorization.login import LOGIN_SHAPE

KEEP = 4
ELLIPSIS = "…"

_LAST_WORD = re.compile(r"[^A-Za-z0-9-]")
OAUTH_PREFIXES = ("ory_at_", "ory_rt_", "ory_ac_")


# ---------------------------------------------------------------- what the rules call real


_PLACEHOLDER_WORDS = (
    "your",
    "here",
    "example",
    "test",
    "dummy",
    "fake",
    "xxx",
    "changeme",
    "placeholder",
    "redacted",
    "secret",
    "password",
    "<",
    ">",
    "{",
    "}",
    "*",
)
_REAL_CHARS = re.compile(r"^[A-Za-z0-9_.\-]{16,}$")


def looks_real(text: str) -> bool:
    """A literal credential that is probably live, not a placeholder (what QNT201 reports).
    Every test reads the secret part (after the colon of a `login:secret` pair);
    `ory_at_`/`ory_rt_` tokens always look real. Masking is wider: see `mask_text`."""
    text = text.strip()
    if text.startswith(("ory_at_", "ory_rt_")) and len(text) > len("ory_at_"):
        return True
    secret = text.split(":", 1)[1].strip() if ":" in text else text
    if not _REAL_CHARS.match(secret):
        return False
    if not (any(c.isalpha() for c in secret) and any(c.isdigit() for c in secret)):
        return False
    if len(set(secret)) == 1:
        return False
    lowered = secret.lower()
    return not any(word in lowered for word in _PLACEHOLDER_WORDS)


def mask(text: str) -> str:
    """One credential as a message quotes it: `pied-piper-7132:62885d39...` -> `pied-piper-7132:6288…`;
    a lone secret keeps 4 characters."""
    if ":" in text:
        login, secret = text.split(":", 1)
        if LOGIN_SHAPE.match(login.strip()) or not looks_real(login):
            return f"{login}:{mask_secret(secret)}"
        return f"{mask_secret(login)}:{mask_secret(secret)}"
    return mask_secret(text)


def mask_secret(secret: str) -> str:
    if len(secret) <= KEEP:
        return ELLIPSIS if secret else ""
    return secret[:KEEP] + ELLIPSIS


# ---------------------------------------------------------------- is this run of characters random?

#: the words of a name: an acronym, a (capitalised) word, a number
_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_DIGITS = re.compile(r"\d+")
_ALNUM = re.compile(r"[A-Za-z0-9]+")
#: a date written as a number (YYYYMMDD): API versions name themselves with one (`v20240115`)
_DATE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
MIN_RUN = 8


def random_run(run: str) -> bool:
    """An alphanumeric run (no `_`, `.`, `-`) that reads as key material rather than words.

    Names are made of words: `getBankAccountsV2`, `oauth2`, `XMLHttpRequest`, `b64encode`.
    Keys are not: hex (`e14a2242debc…`, many digit groups), base62 (`toGDFmQ2fv…`, the case
    changes every two characters), the same upper-cased (`29649641E458…`, `TOGDFMQ2…`).
    A run of digits only, or of letters in one case only, is not read as random on its own
    (a date, a word); `mask_text` finds such pieces of a key through their context."""
    if len(run) < MIN_RUN:
        return False
    words = _WORDS.findall(run)
    if not words:
        return False
    if len(words) >= 5 and 2 * sum(1 for word in words if len(word) <= 2) >= len(words):
        return True  # mostly one- and two-letter pieces: base64 and base62, not words
    numbers = _DIGITS.findall(run)
    digits = sum(map(len, numbers))
    mean = (len(run) - digits) / len(words)
    if not numbers:
        if len(run) >= 16 and run.isupper():
            return True  # an upper-cased key (names in capitals are cut into words by `_`)
        return mean < 2.5  # one case (a word) or a name's words; random mixed case is choppy
    if run[0] in "vV" and _DATE.fullmatch(run, 1):
        return False  # a version named by its date (`v20240115`); a word and a date may be a password
    if digits > 4 or len(numbers) > 2 or mean < 3:
        return True
    # one case with digits inside (`TOGDFMQ2FVNJAQQD…`): an upper-cased key, not a name
    if len(run) < 16:
        return False
    if not any(c.islower() for c in run):
        return True
    return not any(c.isupper() for c in run) and not run[-1].isdigit()


# ---------------------------------------------------------------- spans of text to hide

#: a run of the characters a key, a URL or base64 is made of, long enough to hold a key
_TOKEN = re.compile(r"[A-Za-z0-9_.\-:+/=@]{" + str(MIN_RUN) + ",}")
_SEPARATOR = re.compile(r"[:@=/+]")
_BASE64 = re.compile(r"^[A-Za-z0-9+/_-]{16,}={0,2}$")
_BASE64_RUNS = re.compile(r"[A-Za-z0-9]+")
#: tried in order, as in a URL: `scheme://user:secret@host/path?k=v`, then base64's own `/` and `+`
_SEPARATORS = (
    re.compile(r"(:+)"),
    re.compile(r"(@+)"),
    re.compile(r"(=+)(?=[^=])"),  # not base64 padding
    re.compile(r"(/+)"),
    re.compile(r"(\+)"),
)


@functools.lru_cache(maxsize=8192)  # the same names come back on every line of a file
def _secret_segment(segment: str) -> bool:
    """A run of `[A-Za-z0-9_.-]` that holds a credential."""
    if LOGIN_SHAPE.match(segment):
        return False
    if segment.startswith(OAUTH_PREFIXES) and len(segment) > len("ory_at_"):
        return True
    return any(random_run(run) for run in _ALNUM.findall(segment))


def _hide(start: int, end: int, out: list) -> None:
    """Hide `[start, end)` but its first `KEEP` characters."""
    if end - start > KEEP:
        out.append((start + KEEP, end))
    elif end > start:
        out.append((start, end))


def _token_spans(token: str, base: int, out: list, depth: int = 0) -> None:
    if len(token) < MIN_RUN:
        return  # too short for a key (a login, its colon and 5 characters are 9)
    if _SEPARATOR.search(token) is None:
        segment = token.rstrip(".-")
        if _secret_segment(segment):
            _hide(base, base + len(segment), out)
        return
    if _BASE64.match(token) and any(random_run(r) for r in _BASE64_RUNS.findall(token)):
        _hide(base, base + len(token), out)
        return
    for i in range(depth, len(_SEPARATORS)):
        pieces = _SEPARATORS[i].split(token)
        if len(pieces) == 1:
            continue
        position = base
        after_login = False
        for index, piece in enumerate(pieces):
            if index % 2:  # a separator
                position += len(piece)
                continue
            if after_login and piece:
                # `login:secret`: whatever follows a login and its colon is the secret, even a
                # piece of one that reads as a number or a word
                secret = re.match(r"[A-Za-z0-9_.\-]*", piece).group(0)  # type: ignore[union-attr]
                if len(secret) > KEEP:
                    _hide(position, position + len(secret), out)
                    _token_spans(piece[len(secret) :], position + len(secret), out, i + 1)
                else:
                    _token_spans(piece, position, out, i + 1)
            else:
                _token_spans(piece, position, out, i + 1)
            after_login = i == 0 and bool(LOGIN_SHAPE.match(_LAST_WORD.split(piece)[-1].lower()))  # also upper-cased
            position += len(piece)
        return
    # no separator left: one segment, or a few joined by `_`, `.`, `-`
    segment = token.rstrip(".-")
    if _secret_segment(segment):
        _hide(base, base + len(segment), out)


#: a one-line string literal (the prefix is not part of the content)
_LITERAL = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""")
#: what may stand between the pieces of one concatenated string
_JOINER = re.compile(r"(?:\s|\\\n|\+)*")


#: tokens longer than this are read each time, not remembered (a cache of large tokens would grow)
_CACHED_TOKEN = 200


@functools.lru_cache(maxsize=8192)  # a module's identifiers and words come back line after line
def _spans_of_token(token: str) -> tuple[tuple[int, int], ...]:
    found: list[tuple[int, int]] = []
    _token_spans(token, 0, found)
    return tuple(found)


def _tokens_spans(text: str, out: list) -> None:
    """The spans of every token of `text`, appended to `out`."""
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if len(token) > _CACHED_TOKEN:
            _token_spans(token, match.start(), out)
            continue
        found = _spans_of_token(token)
        if found:
            base = match.start()
            out.extend((base + start, base + end) for start, end in found)


def spans(text: str) -> list[tuple[int, int]]:
    """The `[start, end)` ranges of `text` to hide, sorted and merged."""
    out: list[tuple[int, int]] = []
    _tokens_spans(text, out)
    _literal_group_spans(text, out)
    return _merged(out)


def _literal_group_spans(text: str, out: list) -> None:
    """A key split over adjacent literals (`"L:3166" "5d03719" …`, over lines too, or with `+`):
    read the pieces joined, and hide in each piece what falls in the joined key."""
    if text.count('"') + text.count("'") < 4:
        return
    group: list[tuple[int, int]] = []
    previous_end = -1
    for match in _LITERAL.finditer(text):
        content = (match.start(1), match.end(1)) if match.group(1) is not None else (match.start(2), match.end(2))
        if group and _JOINER.fullmatch(text, previous_end, match.start()) is not None:
            group.append(content)
        else:
            _group_spans(text, group, out)
            group = [content]
        previous_end = match.end()
    _group_spans(text, group, out)


def _group_spans(text: str, group: list[tuple[int, int]], out: list) -> None:
    if len(group) < 2:
        return
    joined = "".join(text[start:end] for start, end in group)
    found: list[tuple[int, int]] = []
    _tokens_spans(joined, found)
    if not found:
        return
    # map positions in `joined` back to the text
    offsets = []
    position = 0
    for start, end in group:
        offsets.append((position, position + end - start, start))
        position += end - start
    for a, b in found:
        for low, high, start in offsets:
            lo, hi = max(a, low), min(b, high)
            if lo < hi:
                out.append((start + lo - low, start + hi - low))


def _merged(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def apply(text: str, hidden: list[tuple[int, int]]) -> str:
    if not hidden:
        return text
    out = []
    position = 0
    for start, end in hidden:
        out.append(text[position:start])
        out.append(ELLIPSIS)
        position = end
    out.append(text[position:])
    return "".join(out)


def mask_text(text: str) -> str:
    """Any text (a message, a source line, an edit, an error line) with every credential masked."""
    return apply(text, spans(text))


class MaskedLines:
    """A source (a file, a notebook cell) masked as a whole, read line by line: a key split over
    several lines is found from its first piece to its last."""

    __slots__ = ("lines", "_hidden")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        text = "\n".join(lines)
        self._hidden: dict[int, list[tuple[int, int]]] = {}
        found = spans(text)
        if not found:
            return
        starts = []
        position = 0
        for line in lines:
            starts.append(position)
            position += len(line) + 1
        import bisect

        for start, end in found:
            index = bisect.bisect_right(starts, start) - 1
            while index < len(lines) and starts[index] < end:
                line_start = starts[index]
                lo, hi = max(start, line_start), min(end, line_start + len(lines[index]))
                if lo < hi:
                    self._hidden.setdefault(index, []).append((lo - line_start, hi - line_start))
                index += 1

    def touched(self, index: int) -> bool:
        """Line `index` (0-based) shows part of a secret."""
        return index in self._hidden

    def line(self, index: int) -> str:
        return apply(self.lines[index], self._hidden.get(index, []))

    def column(self, index: int, column: int) -> int:
        """Where 0-based `column` of line `index` lands in the masked line."""
        shift = 0
        for start, end in self._hidden.get(index, []):
            if end <= column:
                shift += end - start - len(ELLIPSIS)
            elif start < column:
                return start - shift
        return column - shift


# ---------------------------------------------------------------- terminal text

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str, keep_tabs: bool = False) -> str:
    """Control characters (ESC, CR, LF, other C0 and C1) escaped visibly (`\\x1b`, `\\n`): a file
    name or a message then cannot move the cursor, clear the terminal or forge a line."""

    def escape(match: re.Match) -> str:
        char = match.group(0)
        if keep_tabs and char == "\t":
            return char
        if char in _NAMED:
            return _NAMED[char]
        code = ord(char)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return _CONTROL.sub(escape, text)


def for_terminal(text: str) -> str:
    """One line for a person: masked, control characters escaped."""
    return visible(mask_text(text))


# ---------------------------------------------------------------- diffs


def masked_diff(path: str, old: list[str], new: list[str]) -> str:
    """A unified diff that applies (`git apply`, `patch`) to the file it was made from.

    A hunk with any piece of a secret in it cannot be both masked and applicable: it is left
    out, and a line starting with `#` (which `git apply` and `patch` skip) says so."""
    import difflib

    old_masked = MaskedLines([line.rstrip("\r\n") for line in old])
    new_masked = MaskedLines([line.rstrip("\r\n") for line in new])
    name = path.lstrip("/")
    hunks: list[str] = []
    withheld = 0
    shift = 0  # lines the withheld hunks would have added (new numbering of the hunks shown)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(3):
        secret = any(
            any(old_masked.touched(k) for k in range(i1, i2)) or any(new_masked.touched(k) for k in range(j1, j2))
            for _, i1, i2, j1, j2 in group
        )
        first, last = group[0], group[-1]
        old_start, old_end = first[1], last[2]
        new_start, new_end = first[3], last[4]
        if secret:
            withheld += 1
            shift += (new_end - new_start) - (old_end - old_start)
            continue
        lines = [f"@@ -{_range(old_start, old_end - old_start)} +{_range(new_start - shift, new_end - new_start)} @@\n"]
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(_diff_line(" ", line) for line in old[i1:i2])
                continue
            if tag in ("replace", "delete"):
                lines.extend(_diff_line("-", line) for line in old[i1:i2])
            if tag in ("replace", "insert"):
                lines.extend(_diff_line("+", line) for line in new[j1:j2])
        hunks.append("".join(lines))
    out = []
    if withheld:
        noun = "change" if withheld == 1 else "changes"
        out.append(
            f"# qonto-lint: {withheld} {noun} to {visible(mask_text(name))} not shown: the diff would print a secret "
            "(--fix applies it)\n"
        )
    if hunks:
        out.append(f"--- a/{name}\n+++ b/{name}\n")
        out.extend(hunks)
    return "".join(out)


def _range(start: int, length: int) -> str:
    # as difflib and diff print it: `start,length`, 1-based; an empty range names the line before
    beginning = start + 1
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1
    return f"{beginning},{length}"


def _diff_line(tag: str, line: str) -> str:
    if line.endswith("\n"):
        return tag + line
    return f"{tag}{line}\n\\ No newline at end of file\n"


# ---------------------------------------------------------------- known secrets (the doctor)


class Scrubber:
    """Hides every echo of secrets that are known: whole or in part (any 8 characters), in any
    case, and in their base64 forms (standard and urlsafe, with or without padding)."""

    WINDOW = 8

    def __init__(self, secrets=(), encoded=(), keep=()) -> None:
        """`secrets` are hidden as they are; `encoded` in their base64 forms (as `auth=(login,
        secret)` sends them); no part of a `keep` text (a login, which is not secret) is hidden
        for being part of a secret."""
        import base64

        forms = {s for s in secrets if s and len(s) >= self.WINDOW}
        for text in encoded:
            raw = text.encode("utf-8", "surrogatepass")
            for encode in (base64.b64encode, base64.urlsafe_b64encode):
                value = encode(raw).decode("ascii")
                forms.update(form for form in (value, value.rstrip("=")) if len(form) >= self.WINDOW)
        windows = {form[i : i + self.WINDOW].lower() for form in forms for i in range(len(form) - self.WINDOW + 1)}
        for text in keep:
            lowered = text.lower()
            windows.difference_update(lowered[i : i + self.WINDOW] for i in range(len(lowered) - self.WINDOW + 1))
        self.windows = windows

    def __bool__(self) -> bool:
        return bool(self.windows)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if not self.windows or len(text) < self.WINDOW:
            return []
        lowered = text.lower()
        found = []
        for i in range(len(text) - self.WINDOW + 1):
            if lowered[i : i + self.WINDOW] in self.windows:
                found.append((i, i + self.WINDOW))
        return _merged(found)

    def __call__(self, text: str, replacement: str = "[masked]") -> str:
        """`text` with every echo of a known secret replaced by `replacement`."""
        out = []
        position = 0
        for start, end in self.spans(text):
            out.append(text[position:start])
            out.append(replacement)
            position = end
        out.append(text[position:])
        return "".join(out)


# ---------------------------------------------------------------- fix edits


class EditMasker:
    """A fix's replacement text as output shows it, for the fixes of one source. The edit may
    hold a piece of a key that reads as nothing on its own (one of several literals, the key's
    login left behind): what the source around it hides is hidden in the edit too."""

    __slots__ = ("_scrubber",)

    def __init__(self, lines: list[str]) -> None:
        masked = MaskedLines(lines)
        pieces: list[str] = []
        for index, hidden in masked._hidden.items():
            line = lines[index]
            pieces.extend(line[max(0, start - KEEP) : end] for start, end in hidden)
        self._scrubber = Scrubber(pieces)

    def __call__(self, content: str) -> str:
        return self._scrubber(mask_text(content), ELLIPSIS)
