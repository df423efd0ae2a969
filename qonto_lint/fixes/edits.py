"""Fixes and the edits several rules' fixes share: literal edits, prefix removal, renaming a
header key, replacing text in a reported string. A fix used by one rule lives in its module.

Fixes are replacement nodes computed by the rules, applied with libcst in one pass.

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

from ..authorization.shape import shape_of
from ..facts.collect import within
from ..facts.values import Hole, Text, Value
from ..model import Edit, Fix

# -------------------------------------------------------------------------- literal edits


def string_body(node: cst.SimpleString) -> tuple[str, str, str]:
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
        opening, body, quote = string_body(node)
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


def remove_prefix(value: Value, site_value_node, parents, pattern: re.Pattern, message: str) -> Fix | None:
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


# -------------------------------------------------------------------------- parts of a value


def literal_text(prefix: str, quote: str, body: str) -> str | None:
    """The text a literal's source body stands for (None when it is not a valid literal)."""
    try:
        value = cst.SimpleString(f"{prefix}{quote}{body}{quote}").evaluated_value
    except Exception:
        return None
    return value.decode("latin-1") if isinstance(value, bytes) else value


def visible_hole(hole: Hole) -> Hole:
    """The hole as the header's expression shows it: `SECRET_KEY`, not the `os.environ[...]`
    that defines the constant."""
    return hole if hole.via is None else hole.replace(node=hole.via)


def pair_in_literal(value: Value, value_node, parents, index: int, rewrite, message) -> Fix | None:
    """Rewrite the two literal atoms `index`, `index + 1` of the value and the separator between
    them, in the one string literal that holds all three; None when they are not all in one
    plain string literal, or when they occur there more than once."""
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
    opening, body, quote = string_body(node)
    before = literal_text(node.prefix, quote, body)
    if before is None or before.count(old) != 1 or body.count(old) != 1:
        return None
    new_body = body.replace(old, new)
    if literal_text(node.prefix, quote, new_body) != before.replace(old, new):
        return None
    return Fix(
        message(sep),
        (Edit(node, node.with_changes(value=f"{opening}{new_body}{quote}")),),
        within(node, value_node, parents),
    )


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
    from ..facts.collect import string_value
    from ..facts.header_names import header_kind

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


def replace_in_string(node, old: str, new: str, message: str) -> Fix | None:
    """`fix_in_string`, and when `old` is written in another case in the literal, as written."""
    fix = fix_in_string(node, old, new, message)
    if fix is None:  # the host is written in another case: match it as written
        source = node.value if isinstance(node, cst.SimpleString) else ""
        index = source.lower().find(old.lower())
        if index >= 0:
            fix = fix_in_string(node, source[index : index + len(old)], new, message)
    return fix
