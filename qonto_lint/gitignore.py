"""`.gitignore` matching as git does it (dir.c and wildmatch.c), without regular expressions.

A translation of globs to Python regexes backtracks: `a*a*a*a*a*a*a*a*a*a*b` against a long
name takes minutes, and so does the regex that `pathspec` builds for it. git's own matcher
stops as soon as a star has run out of text (the abort codes below), but still retries every
way of spreading a run of `**/` over the directories of a path; this module follows it step by
step, remembering what each retry found so that the work stays polynomial in the lengths of the
pattern and the path, and including its parsing quirks (escaped trailing spaces, `\\!`,
`[[:alpha:]]`, `[]`, `[z-a]`), so that a repository's ignore files select the same files here
as in git. (git compares bytes: a `?` or a range meets one byte of a non-ASCII name there,
one character here.)
"""

from __future__ import annotations

import os
import sys

_MATCH, _NOMATCH, _ABORT_ALL, _ABORT_TO_STARSTAR = 0, 1, 2, 3
_GLOB_SPECIAL = frozenset("*?[\\")

#: the recursion of the matcher is as deep as the pattern has stars: a line with more is skipped
MAX_STARS = 200


def _ascii(test):
    return lambda c: c.isascii() and test(c)


_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_CLASSES = {
    "alnum": _ascii(str.isalnum),
    "alpha": _ascii(str.isalpha),
    "blank": lambda c: c in " \t",
    "cntrl": lambda c: len(c) == 1 and (ord(c) < 32 or ord(c) == 127),
    "digit": _ascii(str.isdigit),
    "graph": lambda c: len(c) == 1 and 33 <= ord(c) <= 126,
    "lower": _ascii(str.islower),
    "print": lambda c: len(c) == 1 and 32 <= ord(c) <= 126,
    "punct": lambda c: c in _PUNCT,
    "space": lambda c: c in " \t\n\r",  # git's own isspace
    "upper": _ascii(str.isupper),
    "xdigit": lambda c: c in "0123456789abcdefABCDEF",
}


def _dowild(p: str, pi: int, t: str, ti: int, pathname: bool, memo: dict) -> int:
    """wildmatch.c's dowild: match p[pi:] against t[ti:].

    The answer depends only on (pi, ti) (the `start` below is pi), so `memo` keeps it for every
    pair a recursive call has tried, and the outcome of each star's scan from each place: git
    recomputes them, which is exponential in the number of `**/` (20 of them against a path 30
    directories deep run for minutes), while here each is worked out once, so a match takes
    time in proportion to (number of stars) x (path length), apart from scanning for literals.
    """
    start = pi
    lp, lt = len(p), len(t)
    while pi < lp:
        p_ch = p[pi]
        t_ch = t[ti] if ti < lt else ""
        if not t_ch and p_ch != "*":
            return _ABORT_ALL
        if p_ch == "\\":
            # a literal match with the next character (a trailing backslash matches nothing)
            pi += 1
            if t_ch != (p[pi] if pi < lp else ""):
                return _NOMATCH
        elif p_ch == "?":
            if pathname and t_ch == "/":
                return _NOMATCH
        elif p_ch == "*":
            result, pi, match_slash = _stars(p, pi + 1, t, ti, pathname, memo, start)
            if result is not None:
                return result
            if pi == lp:
                # a trailing `**` matches everything, a trailing `*` only up to the next slash
                if not match_slash and t.find("/", ti) >= 0:
                    return _NOMATCH
                return _MATCH
            if match_slash or p[pi] != "/":
                return _scan(p, pi, t, ti, match_slash, pathname, memo)
            # one star followed by a slash matches the rest of this directory name
            slash = t.find("/", ti)
            if slash < 0:
                return _NOMATCH
            ti = slash  # the slash itself is consumed below, with the pattern's
        elif p_ch == "[":
            result, pi = _bracket(p, pi + 1, t_ch, pathname)
            if result is not None:
                return result
        elif t_ch != p_ch:
            return _NOMATCH
        pi += 1
        ti += 1
    return _NOMATCH if ti < lt else _MATCH


def _stars(p: str, pi: int, t: str, ti: int, pathname: bool, memo: dict, start: int) -> tuple[int | None, int, bool]:
    """A star at p[pi - 1]: (a final answer or None, where the pattern goes on, whether the
    star may match slashes). A `**/` first tries to match no directory at all."""
    lp = len(p)
    if not (pi < lp and p[pi] == "*"):
        return None, pi, not pathname
    prev = pi - 2
    while pi < lp and p[pi] == "*":
        pi += 1
    if not pathname:
        return None, pi, True
    if not (
        (prev < start or p[prev] == "/")
        and (pi == lp or p[pi] == "/" or (p[pi] == "\\" and pi + 1 < lp and p[pi + 1] == "/"))
    ):
        return None, pi, False
    if pi < lp and p[pi] == "/":
        # `**/**/` matches what `**/` does (no directory, or any run of them ending with a
        # slash): go straight to the last `**/` of a run of them
        while True:
            nxt = pi + 1
            while nxt < lp and p[nxt] == "*":
                nxt += 1
            if nxt - pi < 3 or nxt == lp or p[nxt] != "/":
                break
            pi = nxt
    # `**/` may match no directory at all: try the rest of the pattern here first
    if pi < lp and p[pi] == "/" and _recurse(p, pi + 1, t, ti, pathname, memo) == _MATCH:
        return _MATCH, pi, True
    return None, pi, True


def _scan(p: str, pi: int, t: str, ti: int, match_slash: bool, pathname: bool, memo: dict) -> int:
    """The star tries each place in the text in turn. Where it goes from a place on depends only
    on (pi, match_slash, that place): its outcome is remembered for every place it started
    from, so that a later star meeting one of them stops there."""
    lt = len(t)
    t_ch = t[ti] if ti < lt else ""
    visited = []
    result = _ABORT_ALL
    while t_ch:
        key = (pi, match_slash, ti)
        known = memo.get(key)
        if known is not None:
            result = known
            break
        visited.append(key)
        if p[pi] not in _GLOB_SPECIAL:
            # skip to the next occurrence of the literal that follows the star (a star that
            # stops at slashes stops at the first one)
            literal = p[pi]
            found = t.find(literal, ti)
            if found < 0:
                found = lt
            if not match_slash:
                slash = t.find("/", ti, found)
                if slash >= 0:
                    found = slash
            ti = found
            t_ch = t[ti] if ti < lt else ""
            if t_ch != literal:
                result = _ABORT_ALL if match_slash else _ABORT_TO_STARSTAR
                break
        matched = _recurse(p, pi, t, ti, pathname, memo)
        if matched != _NOMATCH:
            if not match_slash or matched != _ABORT_TO_STARSTAR:
                result = matched
                break
        elif not match_slash and t_ch == "/":
            result = _ABORT_TO_STARSTAR
            break
        ti += 1
        t_ch = t[ti] if ti < lt else ""
    for key in visited:
        memo[key] = result
    return result


def _bracket(p: str, pi: int, t_ch: str, pathname: bool) -> tuple[int | None, int]:
    """A bracket expression opened at p[pi - 1] against the character t_ch: (a final answer or
    None when it matches, the position of its closing `]`)."""
    lp = len(p)
    c = p[pi] if pi < lp else ""
    if c == "^":
        c = "!"
    negated = c == "!"
    if negated:
        pi += 1
        c = p[pi] if pi < lp else ""
    prev_ch = ""
    matched = False
    while True:
        if not c:
            return _ABORT_ALL, pi
        if c == "\\":
            pi += 1
            c = p[pi] if pi < lp else ""
            if not c:
                return _ABORT_ALL, pi
            if t_ch == c:
                matched = True
        elif c == "-" and prev_ch and pi + 1 < lp and p[pi + 1] != "]":
            pi += 1
            c = p[pi]
            if c == "\\":
                pi += 1
                c = p[pi] if pi < lp else ""
                if not c:
                    return _ABORT_ALL, pi
            if prev_ch <= t_ch <= c:
                matched = True
            c = ""  # a range is never the start of another range
        elif c == "[" and pi + 1 < lp and p[pi + 1] == ":":
            answer, pi, c, hit = _class(p, pi, t_ch)
            if answer is not None:
                return answer, pi
            matched = matched or hit
        elif t_ch == c:
            matched = True
        prev_ch = c
        pi += 1
        c = p[pi] if pi < lp else ""
        if c == "]":
            break
    if matched == negated or (pathname and t_ch == "/"):
        return _NOMATCH, pi
    return None, pi


def _class(p: str, pi: int, t_ch: str) -> tuple[int | None, int, str, bool]:
    """`[:name:]` at p[pi] inside a bracket expression: (an answer that ends the match or None,
    where the bracket goes on, the member character it stands for, whether t_ch matched)."""
    s = pi + 2
    end = p.find("]", s)
    if end < 0:
        return _ABORT_ALL, pi, "", False
    if end - s - 1 < 0 or p[end - 1] != ":":
        # no ":]": the bracket is an ordinary member of the set
        return None, pi, "[", t_ch == "["
    test = _CLASSES.get(p[s : end - 1])
    if test is None:
        return _ABORT_ALL, pi, "", False  # an unknown [:class:]
    return None, end, "", bool(test(t_ch))


def _recurse(p: str, pi: int, t: str, ti: int, pathname: bool, memo: dict) -> int:
    key = (pi, ti)
    result = memo.get(key)
    if result is None:
        result = memo[key] = _dowild(p, pi, t, ti, pathname, memo)
    return result


def wildmatch(pattern: str, text: str, pathname: bool) -> bool:
    """git's wildmatch(): `pathname` is WM_PATHNAME (a star stops at a slash, `**` crosses it)."""
    return _dowild(pattern, 0, text, 0, pathname, {}) == _MATCH


def _trim_trailing_spaces(line: str) -> str:
    """Trailing spaces go unless escaped with a backslash (dir.c trim_trailing_spaces)."""
    last_space = None
    i, n = 0, len(line)
    while i < n:
        char = line[i]
        if char == " ":
            if last_space is None:
                last_space = i
        elif char == "\\":
            i += 1
            if i >= n:
                return line
            last_space = None
        else:
            last_space = None
        i += 1
    return line if last_space is None else line[:last_space]


def _simple_length(pattern: str) -> int:
    for i, char in enumerate(pattern):
        if char in _GLOB_SPECIAL:
            return i
    return len(pattern)


_LITERAL, _SUFFIX, _BASENAME, _PATHNAME = range(4)


class Rule:
    __slots__ = ("pattern", "negated", "dir_only", "kind", "literal_length", "suffix", "head", "exact")

    def __init__(self, pattern: str, negated: bool, dir_only: bool) -> None:
        self.pattern = pattern
        self.negated = negated
        self.dir_only = dir_only
        self.literal_length = _simple_length(pattern)  # the part before the first wildcard
        rest = pattern[1:]
        self.suffix = rest
        if "/" in pattern:
            self.kind = _PATHNAME  # matched against the path below the ignore file's directory
        elif self.literal_length == len(pattern):
            self.kind = _LITERAL  # the cases below match the last part of a path, at any depth
        elif pattern.startswith("*") and _simple_length(rest) == len(rest):
            self.kind = _SUFFIX
        else:
            self.kind = _BASENAME
        #: a path rule's text before its first wildcard (None when there is none, or for a name
        #: rule), and whether that is the whole pattern
        self.head: str | None = None
        self.exact = False
        if self.kind == _PATHNAME:
            anchor = 1 if pattern.startswith("/") else 0
            if self.literal_length > anchor:
                self.head = pattern[anchor : self.literal_length]
                self.exact = self.literal_length == len(pattern)

    def matches(self, relative: str, name: str) -> bool:
        """Whether the rule matches `relative`, the path below the ignore file's directory,
        whose last part is `name` (dir.c match_basename and match_pathname)."""
        kind = self.kind
        if kind == _LITERAL:
            return name == self.pattern
        if kind == _SUFFIX:
            return name.endswith(self.suffix)
        if kind == _BASENAME:
            return wildmatch(self.pattern, name, False)
        pattern = self.pattern
        prefix = self.literal_length
        if pattern.startswith("/"):
            pattern = pattern[1:]
            prefix -= 1
        if prefix > 0:
            if prefix > len(relative) or pattern[:prefix] != relative[:prefix]:
                return False
            pattern = pattern[prefix:]
            relative = relative[prefix:]
            if not pattern and not relative:
                return True
        return wildmatch(pattern, relative, True)

    def may_match_below(self, below: str) -> bool:
        """Whether the rule can match an entry whose path below the ignore file's directory is
        `below + name` (`below` is "" or ends with a slash; a name holds no slash): false only
        when the pattern's text before its first wildcard cannot start such a path (or, with no
        wildcard, cannot be such a path)."""
        head = self.head
        if head is None:
            return True
        if self.exact:
            return len(head) > len(below) and head.startswith(below) and "/" not in head[len(below) :]
        if len(head) <= len(below):
            return below.startswith(head)
        return head.startswith(below) and "/" not in head[len(below) :]


#: the rules that can decide for the entries of one directory, in the order `ignored_absolute` tries
#: them: (rule, the directory's path below the rule's ignore file, "" or ending with a slash); then,
#: when every one of them is a name or a `*suffix`, those names and suffixes (an entry with another
#: name is not ignored), else None and ()
Decision = tuple[list[tuple[Rule, str]], "frozenset[str] | None", tuple[str, ...]]


def _decision(rules: list[tuple[Rule, str]]) -> Decision:
    if all(rule.kind in (_LITERAL, _SUFFIX) for rule, _below in rules):
        names = frozenset(rule.pattern for rule, _below in rules if rule.kind == _LITERAL)
        return rules, names, tuple(rule.suffix for rule, _below in rules if rule.kind == _SUFFIX)
    return rules, None, ()


def decides(decision: Decision, name: str) -> bool:
    """Whether the entry `name` of the directory is ignored."""
    rules, names, suffixes = decision
    if not rules or (names is not None and name not in names and not name.endswith(suffixes)):
        return False
    for rule, below in rules:
        if rule.matches(below + name, name):
            return not rule.negated
    return False


class GitIgnore:
    """The rules of the ignore files read so far; the last rule that matches a path decides."""

    def __init__(self) -> None:
        #: (directory of the ignore file, absolute and ending with os.sep, its rules), in reading order
        self.groups: list[tuple[str, list[Rule]]] = []
        #: each group's path rules (`for_directory`)
        self._path_rules: list[list[Rule]] = []
        self._decisions: dict[tuple, tuple[Decision, Decision]] = {}

    def add_file(self, path, base=None) -> None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        # names met by the walk decode undecodable bytes the same way
        text = data.decode("utf-8", "surrogateescape")
        base = os.path.abspath(base if base is not None else os.path.dirname(os.path.abspath(path)))
        rules = []
        for number, line in enumerate(text.split("\n"), start=1):
            if line.endswith("\r"):
                line = line[:-1]
            if not line or line.startswith("#"):
                continue
            line = _trim_trailing_spaces(line)
            negated = line.startswith("!")
            if negated:
                line = line[1:]
            dir_only = line.endswith("/")
            if dir_only:
                line = line[:-1]
            if not line:
                continue  # matches nothing in git either
            if sum(1 for i, char in enumerate(line) if char == "*" and line[i - 1 : i] != "*") > MAX_STARS:
                _warn(f"{path}:{number}: pattern skipped: more than {MAX_STARS} wildcards")
                continue
            rules.append(Rule(line, negated, dir_only))
        if rules:
            self.groups.append((base.rstrip(os.sep) + os.sep, rules))
            self._path_rules.append([rule for rule in rules if rule.kind == _PATHNAME])

    def for_directory(self, directory: str) -> tuple[Decision, Decision]:
        """What decides for the entries of `directory` (an absolute path string, as the walk has
        it), for files and for directories: rules for directories only, and path rules that cannot
        match there, are left out (see `Decision`). Directories where no path rule can match share
        one answer: name rules read only the entry's name."""
        here = directory if directory.endswith(os.sep) else directory + os.sep
        key = []
        for index in range(len(self.groups) - 1, -1, -1):
            prefix, rules = self.groups[index]
            if not here.startswith(prefix):
                continue
            below = here[len(prefix) :]
            if os.sep != "/":
                below = below.replace(os.sep, "/")
            paths = self._path_rules[index]
            depends = any(rule.head is None or rule.may_match_below(below) for rule in paths)
            key.append((index, below if depends else None))
        found = self._decisions.get(tuple(key))
        if found is None:
            found = self._decisions[tuple(key)] = self._decide(key)
        return found

    def _decide(self, key: list[tuple[int, str | None]]) -> tuple[Decision, Decision]:
        """The decisions for files and directories from (group, the directory's path below the
        group's ignore file, or None when none of the group's path rules can match there)."""
        files: list[tuple[Rule, str]] = []
        directories: list[tuple[Rule, str]] = []
        for index, below in key:
            for rule in reversed(self.groups[index][1]):
                if rule.kind != _PATHNAME:
                    pair = (rule, "")  # matched on the name alone
                elif below is not None and (rule.head is None or rule.may_match_below(below)):
                    pair = (rule, below)
                else:
                    continue
                directories.append(pair)
                if not rule.dir_only:
                    files.append(pair)
        return _decision(files), _decision(directories)

    def ignored_absolute(self, absolute: str, is_dir: bool) -> bool:
        """Whether the entry at `absolute` (a path string, as the walk has it) is ignored."""
        for prefix, rules in reversed(self.groups):
            if not absolute.startswith(prefix):
                continue
            relative = absolute[len(prefix) :]
            if os.sep != "/":
                relative = relative.replace(os.sep, "/")
            name = relative[relative.rfind("/") + 1 :]
            for rule in reversed(rules):
                if (is_dir or not rule.dir_only) and rule.matches(relative, name):
                    return not rule.negated
        return False


def _warn(message: str) -> None:
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"qonto-lint: warning: {message}\n")
    except (OSError, ValueError):
        pass
