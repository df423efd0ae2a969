"""The corrected shape of one literal Authorization value (for `doctor`).

`corrected_authorization(text)` undoes the troubleshooting guide's common mistakes
on a literal value: it drops a pasted `Authorization:` name and a `Basic`/`Bearer`
prefix, decodes base64 that decodes to a pair, puts the login first, puts a single
`:` between login and secret, and strips whitespace, line breaks and invisible characters. An OAuth
access token gets its `Bearer ` prefix. It returns None when the value cannot be
repaired with confidence (a lone unknown token, three parts...).

It takes the value apart with `shape.shape_of`, the tokenizer the rules use, so
the doctor and the linter see the same atoms and separators.
"""

from __future__ import annotations

import unicodedata

from ..facts.values import Kind, Value, literal_kinds
from .shape import Shape, base64_literal, shape_of, split_glued


def _is(kind: Kind, token: str) -> bool:
    kinds = literal_kinds(token)
    return kind in kinds and len(kinds) == 1


def _pair(first: str, second: str) -> str:
    if _is(Kind.SECRET, first) and _is(Kind.LOGIN, second):
        first, second = second, first
    return f"{first}:{second}"


def _literal_atoms(shape: Shape) -> list[str] | None:
    if any(atom.is_hole for atom in shape.atoms):
        return None
    return [atom.part for atom in shape.atoms]  # type: ignore[misc]


def _visible(text: str) -> str:
    """Without invisible format characters (zero-width spaces, BOM) pasted along with a key."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def corrected_authorization(text: str, _depth: int = 0) -> str | None:
    """The value Qonto expects, or None when it cannot be worked out."""
    text = _visible(text)
    shape = shape_of(Value.of_text(text))
    atoms = _literal_atoms(shape)
    if not atoms:
        return None
    if len(atoms) == 1:
        token = atoms[0]
        if Kind.OAUTH in literal_kinds(token):
            return f"Bearer {token}"
        decoded = base64_literal(shape)
        if decoded is not None and _depth == 0:
            return corrected_authorization(decoded, _depth + 1)
        glued = split_glued(token)
        if glued is not None:
            login, secret, _swapped = glued
            return f"{login}:{secret}"
        return None
    if len(atoms) == 2:
        return _pair(atoms[0], atoms[1])
    return None
