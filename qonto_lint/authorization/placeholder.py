"""Templates and documentation placeholders left in a header value (`{login}`, `<secret>`, `YOUR_KEY`)."""

from __future__ import annotations

import re

from ..facts.values import Text, Value
from ..masking import mask_secret

_TEMPLATE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.\[\]'\"]*\}|\{\d*\}|%\([A-Za-z_]\w*\)s|%s")
_ANGLE = re.compile(r"<[A-Za-z_][A-Za-z0-9_ .-]*>")
#: `{organization-slug}`, `{secret-key}`: a documentation placeholder in braces (no template
#: field has a `-` in its name)
_BRACED = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)+\}")
#: `your-api-key-here`, `your secret here` (see `_your_here`)
_YOUR = re.compile(r"your[-_ ]", re.IGNORECASE)
_RUN = re.compile(r"[A-Za-z0-9_-]*", re.IGNORECASE)
_HERE = re.compile(r"here", re.IGNORECASE)
_YOUR_UPPER = re.compile(r"\bYOUR_[A-Z0-9_]+\b")
#: `your-login:your-secret-key`: a whole credential part named `your-<credential word>`, without
#: `-here` (a real slug such as `your-company-1234` names no credential, so it is not matched)
_YOUR_CREDENTIAL = re.compile(
    r"(?<![A-Za-z0-9_-])your[-_](?:(?:api|secret|access|staging|organi[sz]ation|org)[-_])?"
    r"(?:login|secret|key|token|password|slug|credentials|id)(?![A-Za-z0-9_-])",
    re.IGNORECASE,
)


def placeholder_in(value: Value) -> str | None:
    """A template or documentation placeholder left in the value (QNT109)."""
    for part in value.parts:
        if not isinstance(part, Text):
            continue
        text = part.text
        match = _TEMPLATE.search(text)
        if match and (part.template or match.group(0).startswith("{")):
            return (
                f"the value still holds the template {match.group(0)!r}, which is never formatted "
                "(a forgotten f prefix, .format or %)"
            )
        match = _ANGLE.search(text) or _BRACED.search(text)
        found = match.group(0) if match else _your_here(text)
        if found is None:
            match = _YOUR_UPPER.search(text) or _YOUR_CREDENTIAL.search(text)
            found = match.group(0) if match else None
        if found is not None:
            return f"the value still holds the placeholder {found!r}"
        match = _ANGLED_DIGITS.search(text)
        if match:  # "<login>:<secret>" filled in with the brackets kept: the secret is real, mask it
            inner = match.group(0)[1:-1]
            shown = "<" + (mask_secret(inner) if len(inner) >= 8 else inner) + ">"
            return f"the value still holds the placeholder {shown!r}"
    return None


def _your_here(text: str) -> str | None:
    """The first match of `your[-_ ][A-Za-z0-9_-]*?[-_ ]?here` (case-insensitive), found in linear
    time: as a regex, each `your-` of `your-your-your-…` would rescan the rest of the run."""
    run_start = run_end = -1  # the last run of [A-Za-z0-9_-] measured
    here = -1  # the first `here` at or after `searched`, -1 when there is none
    searched = -1
    for match in _YOUR.finditer(text):
        start, end = match.span()
        if not run_start < end <= run_end:  # `end` is in the run measured (its separator is in it too)
            run = _RUN.match(text, end)  # `*`: it always matches
            run_start, run_end = end, run.end() if run else end
        if searched < 0 or (here != -1 and here < end):
            found = _HERE.search(text, end)
            here, searched = (found.start() if found else -1), end
        if here != -1 and here + 4 <= run_end:
            return text[start : here + 4]
        if text[run_end : run_end + 1] == " " and _HERE.match(text, run_end + 1):
            return text[start : run_end + 5]
    return None


#: `<29649641…>`: a bracketed part that starts with a digit (`_ANGLE` wants a letter first)
_ANGLED_DIGITS = re.compile(r"<[0-9][A-Za-z0-9_ .-]*>")
