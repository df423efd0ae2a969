"""Fixes: replacement nodes computed by the rules, applied with libcst in one pass.

A fix is a set of edits, each replacing one node of the module by another. A fix is
*safe* when every edited node lies inside the header value (or the reported string)
and the edit changes only literal text; anything else — swapping the arguments of
a `.format()` call, unwrapping an encoding that feeds a variable, adding `Bearer `
on the strength of a name — is *unsafe* and applied only with `--unsafe-fixes`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import libcst as cst

from .facts.collect import within
from .facts.values import Hole, Origin, Text, Value
from .model import Edit, Fix

# -------------------------------------------------------------------------- literal edits


def _string_body(node: cst.SimpleString) -> tuple[str, str, str]:
    """(prefix + opening quote, body, closing quote) of a string literal's source."""
    prefix = node.prefix
    quote = node.quote
    value = node.value
    return value[: len(prefix) + len(quote)], value[len(prefix) + len(quote) : len(value) - len(quote)], quote


def edit_literal(node: cst.CSTNode, transform: Callable[[str, bool], str | None]) -> cst.CSTNode | None:
    """A copy of a string literal (or f-string) with its raw body transformed.

    `transform(body, is_first_or_last)` gets the source text between the quotes; it
    returns the new body or None when the edit does not apply.
    """
    if isinstance(node, cst.SimpleString):
        opening, body, quote = _string_body(node)
        new = transform(body, True)
        if new is None or new == body:
            return None
        return node.with_changes(value=f"{opening}{new}{quote}")
    return None


def edit_fstring_text(
    node: cst.FormattedString, index: int, transform: Callable[[str], str | None]
) -> cst.FormattedString | None:
    part = node.parts[index]
    if not isinstance(part, cst.FormattedStringText):
        return None
    new = transform(part.value)
    if new is None or new == part.value:
        return None
    parts = list(node.parts)
    if new:
        parts[index] = part.with_changes(value=new)
    else:
        del parts[index]
    return node.with_changes(parts=parts)


def remove_prefix(value: Value, site_value_node, parents, pattern: re.Pattern, message: str, code: str) -> Fix | None:
    """Remove a leading `Basic ` / `Bearer ` / `Authorization: ` from the first literal of a value."""
    first = value.parts[0] if value.parts else None
    if not isinstance(first, Text) or first.node is None:
        return None
    node = first.node
    safe = within(node, site_value_node, parents)
    if isinstance(node, cst.SimpleString):
        replacement = edit_literal(node, lambda body, _edge: _sub_leading(pattern, body))
    elif isinstance(node, cst.FormattedString):
        replacement = edit_fstring_text(node, 0, lambda text: _sub_leading(pattern, text))
    else:
        replacement = None
    if replacement is None:
        return None
    parent = parents.get(node)
    if (
        isinstance(replacement, cst.SimpleString)
        and replacement.evaluated_value in ("", b"")
        and isinstance(parent, cst.BinaryOperation)
        and isinstance(parent.operator, cst.Add)
        and parent.left is node
    ):
        # "Basic " + login + ":" + secret -> login + ":" + secret
        right = parent.right
        if parent.lpar and hasattr(right, "lpar"):
            right = right.with_changes(lpar=parent.lpar, rpar=parent.rpar)
        return Fix(message, (Edit(parent, right),), safe)
    return Fix(message, (Edit(node, replacement),), safe)


def _sub_leading(pattern: re.Pattern, body: str) -> str | None:
    match = pattern.match(body)
    if not match:
        return None
    return body[match.end() :]


# -------------------------------------------------------------------------- per-rule fixes

BASIC = re.compile(r"\s*basic\s+", re.IGNORECASE)
BEARER = re.compile(r"\s*bearer\s+", re.IGNORECASE)
PASTED = re.compile(r"\s*authorization\s*:\s*", re.IGNORECASE)


def fix_scheme(code: str, value: Value, value_node, parents) -> Fix | None:
    pattern = {"QNT101": BASIC, "QNT102": BEARER, "QNT108": PASTED}[code]
    what = {"QNT101": "'Basic '", "QNT102": "'Bearer '", "QNT108": "'Authorization: '"}[code]
    return remove_prefix(value, value_node, parents, pattern, f"Remove the {what} prefix", code)


def fix_base64(value: Value, value_node, parents) -> Fix | None:
    edits = []
    safe = True
    for hole in value.holes:
        if hole.origin is not Origin.BASE64 or not isinstance(hole.node, cst.Call) or not hole.node.args:
            continue
        call: cst.Call = hole.node
        if call.args[0].star or call.args[0].keyword is not None:
            continue  # b64encode(*parts): unwrapped, the header would get the list itself
        inner = call.args[0].value
        edits.append(
            Edit(
                call,
                inner.with_changes(lpar=call.lpar, rpar=call.rpar) if hasattr(inner, "lpar") and call.lpar else inner,
            )
        )
        if not within(call, value_node, parents):
            safe = False
    if not edits:
        # A base64 literal: decode it in place.
        for part in value.parts:
            if (
                isinstance(part, Text)
                and isinstance(part.node, cst.SimpleString)
                and within(part.node, value_node, parents)
            ):
                replacement = edit_literal(part.node, _decode_base64_body)
                if replacement is not None:
                    edits.append(Edit(part.node, replacement))
                    break
    if not edits:
        return None
    return Fix("Unwrap the base64 encoding", tuple(edits), safe)


def _decode_base64_body(body: str, _edge: bool) -> str | None:
    from .checks import _decodes_to_pair

    for match in re.finditer(r"[A-Za-z0-9+/_-]{8,}={0,2}", body):
        decoded = _decodes_to_pair(match.group(0))
        if decoded is not None and "\\" not in decoded and "'" not in decoded and '"' not in decoded:
            return body[: match.start()] + decoded + body[match.end() :]
    return None


def fix_whitespace(value: Value, value_node, parents) -> Fix | None:
    """Strip the whitespace that is part of the credentials: at the start and the end of the
    whole value and around the colon between login and secret, plus `.strip()` on a file read.

    Nothing else in the value is touched (`login + ":" + key + " # a : b "` keeps its inner
    `" : "`). The edits are tried on the value first: when they would not clear the problem
    (a line break in the middle of the value, whitespace split over several literals), or a
    literal's source cannot be edited to the same effect, there is no fix."""
    from .checks import _whitespace_problem, shape_of

    edits: list[Edit] = []
    safe = True
    parts = list(value.parts)
    # A file read without .strip(): add it.
    for index, hole in enumerate(parts):
        if (
            isinstance(hole, Hole)
            and hole.origin is Origin.FILE
            and not hole.stripped
            and isinstance(hole.node, cst.Call)
        ):
            call = hole.node
            stripped = cst.Call(
                func=cst.Attribute(value=call.with_changes(lpar=(), rpar=()), attr=cst.Name("strip")),
                lpar=call.lpar,
                rpar=call.rpar,
            )
            edits.append(Edit(call, stripped))
            parts[index] = hole.replace(stripped=True)
            if not within(call, value_node, parents):
                safe = False
    # What each literal has to lose, by the index of its part in the value.
    wanted: dict[int, set[str]] = {}
    if parts and isinstance(parts[0], Text):
        wanted.setdefault(0, set()).add("lead")
    if parts and isinstance(parts[-1], Text):
        wanted.setdefault(len(parts) - 1, set()).add("trail")
    shape = shape_of(value, glued=True)
    if not shape.pasted and shape.separators and ":" in shape.separators[0]:
        colon = next((i for i, p in enumerate(parts) if isinstance(p, Text) and ":" in p.text), None)
        if colon is not None:
            wanted.setdefault(colon, set()).add("colon")
    simulated = list(parts)
    for index, ops in wanted.items():
        simulated[index] = Text(_apply_text(parts[index].text, ops), parts[index].node)
    if _whitespace_problem(shape_of(Value(tuple(simulated)), glued=True)) is not None:
        return None  # these edits would not clear it: whitespace we cannot tell apart
    by_node: dict = {}
    for index, ops in wanted.items():
        if simulated[index].text == parts[index].text:
            continue
        node = parts[index].node
        if node is None:
            return None
        by_node.setdefault(node, []).append((index, ops))
    for node, uses in by_node.items():
        replacement = _edit_whitespace(node, uses, parts)
        if replacement is None:
            return None
        edits.append(Edit(node, replacement))
        if not within(node, value_node, parents):
            safe = False  # a constant defined elsewhere: other code may use it as it is
    if not edits:
        return None
    return Fix("Strip the whitespace from the credentials", tuple(edits), safe)


def _apply_text(text: str, ops) -> str:
    """The text of one part with the whitespace named by `ops` removed."""
    if "colon" in ops:
        text = _collapse_colon(text)
    if "lead" in ops:
        text = text.lstrip()
    if "trail" in ops:
        text = text.rstrip()
    return text


def _space_width(body: str, raw: bool, forward: bool):
    """A function telling the width of the whitespace (or `\\n`-style escape) at a position of a
    literal's source, reading forward or backward; 0 when there is none."""

    def width(i: int) -> int:
        if forward:
            if i < len(body) and body[i].isspace():
                return 1
            if not raw and body[i : i + 1] == "\\" and body[i + 1 : i + 2] in ("n", "r", "t") and i + 2 <= len(body):
                return 2
            return 0
        if i > 0 and body[i - 1].isspace():
            return 1
        if not raw and i >= 2 and body[i - 1] in "nrt" and _escapes(body, i - 2):
            return 2
        return 0

    return width


def _escapes(body: str, index: int) -> bool:
    """The backslash at `index` starts an escape (it is not itself escaped: `\\\\n`)."""
    start = index
    while start >= 0 and body[start] == "\\":
        start -= 1
    return (index - start) % 2 == 1


def _strip_body(body: str, raw: bool, lead: bool, trail: bool) -> str:
    start, end = 0, len(body)
    if lead:
        forward = _space_width(body, raw, True)
        while start < end and forward(start):
            start += forward(start)
    if trail:
        backward = _space_width(body, raw, False)
        while end > start and backward(end):
            end -= backward(end)
    return body[start:end]


def _collapse_colon(text: str) -> str:
    """`text` with the whitespace on both sides of its first colon removed (linear)."""
    colon = text.find(":")
    if colon < 0:
        return text
    return text[:colon].rstrip() + ":" + text[colon + 1 :].lstrip()


def _collapse_colon_body(body: str, raw: bool) -> str:
    colon = body.find(":")
    if colon < 0:
        return body
    backward, forward = _space_width(body, raw, False), _space_width(body, raw, True)
    left = colon
    while left > 0 and backward(left):
        left -= backward(left)
    right = colon + 1
    while right < len(body) and forward(right):
        right += forward(right)
    return body[:left] + ":" + body[right:]


def _edit_body(body: str, raw: bool, ops) -> str:
    if "colon" in ops:
        body = _collapse_colon_body(body, raw)
    return _strip_body(body, raw, "lead" in ops, "trail" in ops)


def _literal_text(prefix: str, quote: str, body: str) -> str | None:
    """The text a literal's source body stands for (None when it is not a valid literal)."""
    try:
        value = cst.SimpleString(f"{prefix}{quote}{body}{quote}").evaluated_value
    except Exception:
        return None
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _edited_body(prefix: str, quote: str, body: str, raw: bool, ops) -> str | None:
    """A literal's source `body` with the whitespace edits `ops` made; None when the edit would not
    have exactly the effect worked out on its text (or a colon edit meets more than one colon)."""
    before = _literal_text(prefix, quote, body)
    if before is None or ("colon" in ops and before.count(":") != 1):
        return None
    new_body = _edit_body(body, raw, ops)
    return new_body if _literal_text(prefix, quote, new_body) == _apply_text(before, ops) else None


def _edit_whitespace(node, uses, parts) -> cst.CSTNode | None:
    """The literal `node` with the whitespace edits of its parts made in its source; None when
    the source edit would not have exactly the effect worked out on the text."""
    ops = set().union(*(o for _i, o in uses))
    if isinstance(node, cst.SimpleString):
        opening, body, quote = _string_body(node)
        prefix = node.prefix
        raw = "r" in prefix.lower()
        new_body = _edited_body(prefix, quote, body, raw, ops)
        return None if new_body is None else node.with_changes(value=f"{opening}{new_body}{quote}")
    if isinstance(node, cst.FormattedString):
        pieces = [i for i, p in enumerate(node.parts) if isinstance(p, cst.FormattedStringText)]
        texts = [i for i, p in enumerate(parts) if isinstance(p, Text) and p.node is node]
        if len(pieces) != len(texts):
            return None  # the f-string is used more than once in the value: which piece is which?
        prefix = node.prefix.lower().replace("f", "")
        raw = "r" in prefix
        quote = node.start[len(node.prefix) :]
        new_parts = list(node.parts)
        for index, piece_ops in uses:
            piece = pieces[texts.index(index)]
            new_body = _edited_body(prefix, quote, node.parts[piece].value, raw, piece_ops)
            if new_body is None:
                return None
            new_parts[piece] = node.parts[piece].with_changes(value=new_body)
        return node.with_changes(
            parts=[p for p in new_parts if not (isinstance(p, cst.FormattedStringText) and not p.value)]
        )
    return None


def _visible(hole: Hole) -> Hole:
    """The hole as the header's expression shows it: `SECRET_KEY`, not the `os.environ[...]`
    that defines the constant."""
    return hole if hole.via is None else hole.replace(node=hole.via)


def fix_swap(value: Value, value_node, parents, index: int) -> Fix | None:
    """Swap the two parts around the colon (atoms `index` and `index + 1` are holes)."""
    literal = _swap_in_literal(value, value_node, parents, index)
    if literal is not None:
        return literal
    holes = [_visible(p) for p in value.parts if isinstance(p, Hole)]
    if len(holes) < 2:
        return None
    a, b = holes[0], holes[1]
    if a.node is None or b.node is None or a.node is b.node:
        return None
    if not (within(a.node, value_node, parents) and within(b.node, value_node, parents)):
        return None
    if within(a.node, b.node, parents) or within(b.node, a.node, parents):
        return None
    pa, pb = parents.get(a.node), parents.get(b.node)
    safe = (
        isinstance(pa, cst.FormattedStringExpression)
        and isinstance(pb, cst.FormattedStringExpression)
        and parents.get(pa) is parents.get(pb)
    )
    return Fix("Swap login and secret", (Edit(a.node, b.node), Edit(b.node, a.node)), safe)


def _swap_in_literal(value: Value, value_node, parents, index: int) -> Fix | None:
    """`"<secret>:<login>"` -> `"<login>:<secret>"` inside the one string literal that holds
    both parts and the colon; quotes and prefix stay as written."""
    return _pair_in_literal(
        value, value_node, parents, index, lambda a, sep, b: f"{b}{sep}{a}", lambda _sep: "Swap login and secret"
    )


def _pair_in_literal(value: Value, value_node, parents, index: int, rewrite, message) -> Fix | None:
    """Rewrite the two literal atoms `index`, `index + 1` of the value and the separator between
    them, in the one string literal that holds all three; None when they are not all in one
    plain string literal, or when they occur there more than once."""
    from .checks import shape_of

    shape = shape_of(value, glued=True)
    atoms, separators = shape.atoms, shape.separators
    if index + 1 >= len(atoms) or atoms[index].is_hole or atoms[index + 1].is_hole:
        return None
    first, second, sep = atoms[index].part, atoms[index + 1].part, separators[index]
    old, new = f"{first}{sep}{second}", rewrite(first, sep, second)
    holders = [p for p in value.parts if isinstance(p, Text) and old in p.text]
    if len(holders) != 1 or not isinstance(holders[0].node, cst.SimpleString):
        return None  # split over several literals, or an f-string: not one literal edit
    node = holders[0].node
    opening, body, quote = _string_body(node)
    before = _literal_text(node.prefix, quote, body)
    if before is None or before.count(old) != 1 or body.count(old) != 1:
        return None
    new_body = body.replace(old, new)
    if _literal_text(node.prefix, quote, new_body) != before.replace(old, new):
        return None
    return Fix(
        message(sep),
        (Edit(node, node.with_changes(value=f"{opening}{new_body}{quote}")),),
        within(node, value_node, parents),
    )


def fix_separator(value: Value, value_node, parents, index: int = 0) -> Fix | None:
    """Put ':' between login and secret."""
    literal = _pair_in_literal(
        value,
        value_node,
        parents,
        index,
        lambda a, sep, b: f"{a}:{b}",
        lambda sep: "Insert ':' between login and secret" if not sep else f"Replace {sep.strip() or sep!r} with ':'",
    )
    if literal is not None:
        return literal
    parts = [_visible(p) if isinstance(p, Hole) else p for p in value.parts]
    for i, part in enumerate(parts[:-1]):
        if not isinstance(part, Hole):
            continue
        following = parts[i + 1]
        if isinstance(following, Hole):
            return _insert_colon_between(part, following, value_node, parents)
        if isinstance(following, Text) and following.node is not None:
            sep = following.text
            core = sep.strip() or sep
            node = following.node
            safe = within(node, value_node, parents)
            if isinstance(node, cst.SimpleString):

                def transform(body: str, _edge: bool, sep=sep) -> str | None:
                    if body.count(sep) == 1:
                        return body.replace(sep, ":")
                    return None

                replacement = edit_literal(node, transform)
            elif isinstance(node, cst.FormattedString):
                replacement = _replace_in_fstring(node, sep)
            else:
                replacement = None
            if replacement is not None:
                return Fix(f"Replace {core!r} with ':'", (Edit(node, replacement),), safe)
            return None
    return None


def _replace_in_fstring(node: cst.FormattedString, sep: str) -> cst.FormattedString | None:
    texts = [i for i, p in enumerate(node.parts) if isinstance(p, cst.FormattedStringText) and sep in p.value]
    if len(texts) != 1 or node.parts[texts[0]].value.count(sep) != 1:
        return None
    return edit_fstring_text(node, texts[0], lambda text: text.replace(sep, ":"))


def _insert_colon_between(a: Hole, b: Hole, value_node, parents) -> Fix | None:
    pa, pb = parents.get(a.node), parents.get(b.node)
    # f"{login}{secret}" -> f"{login}:{secret}"
    if isinstance(pa, cst.FormattedStringExpression) and isinstance(pb, cst.FormattedStringExpression):
        fstring = parents.get(pa)
        if fstring is parents.get(pb) and isinstance(fstring, cst.FormattedString):
            parts = list(fstring.parts)
            index = parts.index(pb)
            parts.insert(index, cst.FormattedStringText(":"))
            return Fix(
                "Insert ':' between login and secret",
                (Edit(fstring, fstring.with_changes(parts=parts)),),
                within(fstring, value_node, parents),
            )
    # login + secret -> login + ":" + secret
    if isinstance(pb, cst.BinaryOperation) and isinstance(pb.operator, cst.Add) and pb.right is b.node:
        left = pb.left
        new = cst.BinaryOperation(
            left=cst.BinaryOperation(left=left, operator=pb.operator, right=cst.SimpleString('":"')),
            operator=cst.Add(),
            right=b.node,
            lpar=pb.lpar,
            rpar=pb.rpar,
        )
        return Fix("Insert ':' between login and secret", (Edit(pb, new),), False)
    # "".join([login, secret]) -> ":".join([login, secret])
    container = parents.get(pb) if isinstance(pb, cst.Element) else None
    arg = parents.get(container) if container is not None else None
    call = parents.get(arg) if isinstance(arg, cst.Arg) else None
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "join":
        sep = call.func.value
        if isinstance(sep, cst.SimpleString) and sep.evaluated_value in ("", b""):
            opening, _body, quote = _string_body(sep)
            new_sep = sep.with_changes(value=f"{opening}:{quote}")
            return Fix("Join with ':'", (Edit(sep, new_sep),), within(sep, value_node, parents))
    # "%s%s" % (...) / "{}{}".format(...): the template literal
    template = _template_literal(value_node, parents, b)
    if template is not None:
        node, body = template
        for pattern, replacement in ((r"%s%s", "%s:%s"), (r"}{", "}:{")):
            if body.count(pattern) == 1:
                opening, _b, quote = _string_body(node)
                return Fix(
                    "Insert ':' between login and secret",
                    (Edit(node, node.with_changes(value=f"{opening}{body.replace(pattern, replacement)}{quote}")),),
                    within(node, value_node, parents),
                )
    return None


def _template_literal(value_node, parents, hole: Hole):
    """The template string of the `%` or `.format` expression that produced a hole."""
    current = parents.get(hole.node)
    for _ in range(6):
        if current is None:
            return None
        if (
            isinstance(current, cst.BinaryOperation)
            and isinstance(current.operator, cst.Modulo)
            and isinstance(current.left, cst.SimpleString)
        ):
            return current.left, _string_body(current.left)[1]
        if (
            isinstance(current, cst.Call)
            and isinstance(current.func, cst.Attribute)
            and current.func.attr.value == "format"
            and isinstance(current.func.value, cst.SimpleString)
        ):
            return current.func.value, _string_body(current.func.value)[1]
        current = parents.get(current)
    return None


def fix_bearer(value: Value, value_node, parents) -> Fix | None:
    """Add 'Bearer ' in front of an OAuth access token."""
    if _is_bytes(value_node):
        return None  # "Bearer " + token.encode() would add str and bytes
    if isinstance(value_node, cst.SimpleString):
        replacement = edit_literal(value_node, lambda body, _e: "Bearer " + body)
        if replacement is not None:
            return Fix("Add the 'Bearer ' prefix", (Edit(value_node, replacement),), True)
        return None
    if isinstance(value_node, cst.FormattedString):
        parts = list(value_node.parts)
        parts.insert(0, cst.FormattedStringText("Bearer "))
        return Fix("Add the 'Bearer ' prefix", (Edit(value_node, value_node.with_changes(parts=parts)),), False)
    new = cst.BinaryOperation(
        left=cst.SimpleString('"Bearer "'),
        operator=cst.Add(),
        right=value_node.with_changes(lpar=(), rpar=()) if hasattr(value_node, "lpar") else value_node,
        lpar=getattr(value_node, "lpar", ()),
        rpar=getattr(value_node, "rpar", ()),
    )
    return Fix("Add the 'Bearer ' prefix", (Edit(value_node, new),), False)


def _is_bytes(node) -> bool:
    """A bytes literal, `x.encode(...)`, or a concatenation or format of such."""
    if isinstance(node, cst.SimpleString):
        return "b" in node.prefix.lower()
    if isinstance(node, cst.ConcatenatedString):
        return _is_bytes(node.left)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value == "encode" or (
            node.func.attr.value in ("strip", "rstrip", "lstrip", "format") and _is_bytes(node.func.value)
        )
    if isinstance(node, cst.BinaryOperation):
        return _is_bytes(node.left) or _is_bytes(node.right)
    return False


def fix_key(node, correct: str, message: str, keyword: bool = False, container=None, parents=None) -> Fix | None:
    """Rename a header key literal (`Authorisation` -> `Authorization`), or the keyword of
    `dict(Authorisation=...)`; never a name that refers to a constant (that is the constant's
    own spelling, fixed where it is defined).

    No fix when the dict display or call (`container`) already has another key for the same
    header, in any spelling or case: the rename would make two keys for one header, and one
    value would silently replace the other (or `dict(a=1, a=2)` would not compile). For a
    `(key, value)` pair, the pairs beside it in its list or tuple count (`parents`: the facts
    pass's child -> parent map): `dict([...])` and `headers=[...]` keep the last one."""
    if container is not None and _names_the_header_twice(container, node, correct, parents):
        return None
    if isinstance(node, cst.SimpleString) and "\\" not in node.value:
        replacement = edit_literal(node, lambda body, _e: correct)
        if replacement is not None:
            return Fix(message, (Edit(node, replacement),), True)
    if keyword and isinstance(node, cst.Name) and correct.isidentifier():  # dict(Authorisation=...)
        return Fix(message, (Edit(node, node.with_changes(value=correct)),), True)
    return None


def _names_the_header_twice(container, node, correct: str, parents=None) -> bool:
    from .facts.collect import string_value
    from .facts.keys import header_kind

    header = header_kind(correct)
    others: list[str | None] = []
    if isinstance(container, cst.Dict):
        others = [
            string_value(e.key) for e in container.elements if isinstance(e, cst.DictElement) and e.key is not node
        ]
    elif isinstance(container, cst.Call):
        others = [a.keyword.value for a in container.args if a.keyword is not None and a.keyword is not node]
        for arg in container.args:  # dict({"Authorization": a}, Authorisation=b)
            if arg.keyword is None and isinstance(arg.value, cst.Dict):
                others.extend(string_value(e.key) for e in arg.value.elements if isinstance(e, cst.DictElement))
    elif isinstance(container, (cst.Tuple, cst.List)) and parents is not None:  # ("Authorisation", v) among pairs
        element = parents.get(container)
        pairs = parents.get(element) if isinstance(element, cst.Element) else None
        if isinstance(pairs, (cst.List, cst.Tuple, cst.Set)):
            others = [
                string_value(e.value.elements[0].value)
                for e in pairs.elements
                if e.value is not container
                and isinstance(e.value, (cst.Tuple, cst.List))
                and len(e.value.elements) == 2
            ]
    return any(other is not None and header_kind(other) == header for other in others)


def fix_in_string(node, old: str, new: str, message: str) -> Fix | None:
    """Replace text inside a reported string literal (`http://` -> `https://`)."""
    if isinstance(node, cst.SimpleString):
        replacement = edit_literal(node, lambda body, _e: body.replace(old, new, 1) if old in body else None)
    elif isinstance(node, cst.FormattedString):
        texts = [i for i, p in enumerate(node.parts) if isinstance(p, cst.FormattedStringText) and old in p.value]
        replacement = edit_fstring_text(node, texts[0], lambda text: text.replace(old, new, 1)) if texts else None
    else:
        replacement = None
    if replacement is None:
        return None
    return Fix(message, (Edit(node, replacement),), True)


__all__ = [
    "Edit",
    "Fix",
    "fix_base64",
    "fix_bearer",
    "fix_in_string",
    "fix_key",
    "fix_scheme",
    "fix_separator",
    "fix_swap",
    "fix_whitespace",
    "within",
]
