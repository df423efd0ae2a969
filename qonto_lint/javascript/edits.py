"""The rules' fixes on JavaScript and TypeScript source: byte-exact edits of the file's text.

Each builder mirrors one of the Python fixes (`fixes/edits.py` and the rules' own): the same
message, the same safety (safe only when every edit lies inside the header value and changes
literal text only), so that `--fix` and `--unsafe-fixes` mean the same in both languages. An edit
replaces a byte span of the file; new literals use the file's own quote character.
"""

from __future__ import annotations

import re

from ..facts.values import Hole, Origin, Text, Value
from ..model import Edit, Fix
from ..record import ValueRecord
from .syntax import GLOBAL_OBJECTS, Node, callee_parts, dotted, text, unwrap

_LITERALS = ("string", "template_string")


class Span(ValueRecord):
    """Bytes `start` to `end` of the file (what an `Edit` of a JavaScript fix replaces)."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


def _edit(start: int, end: int, replacement: str) -> Edit:
    return Edit(Span(start, end), replacement)  # type: ignore[arg-type]


def _within(node: Node | None, outer: Node) -> bool:
    return node is not None and outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


class JsEdits:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.quote = _quote_style(data)

    # -- shared by several rules -------------------------------------------------------------

    def remove_prefix(self, value: Value, value_node: Node, pattern: re.Pattern, message: str) -> Fix | None:
        """Remove a leading `Basic ` / `Bearer ` / `Authorization: ` from the first literal."""
        first = value.parts[0] if value.parts else None
        if not isinstance(first, Text) or getattr(first.node, "type", None) not in _LITERALS:
            return None
        node = first.node
        start = node.start_byte + 1  # past the opening quote or backtick
        body = self.data[start : node.end_byte - 1].decode("utf-8", "replace")
        match = pattern.match(body)
        if match is None or "\\" in match.group(0) or "${" in match.group(0):
            return None
        end = start + len(match.group(0).encode("utf-8"))
        safe = _within(node, value_node)
        parent = node.parent
        whole = end == node.end_byte - 1
        if whole and parent is not None and parent.type == "binary_expression":
            right = parent.child_by_field_name("right")
            if parent.child_by_field_name("left") == node and right is not None:
                return Fix(message, (_edit(node.start_byte, right.start_byte, ""),), safe)  # 'Basic ' + x -> x
        return Fix(message, (_edit(start, end, ""),), safe)

    def fix_key(
        self, key_node: Node, correct: str, message: str, container: Node | None = None, parents: object = None
    ) -> Fix | None:
        """Rename a header key (`Authorisation`, `'x-qonto-staging-token'`), keeping its quotes."""
        if container is not None and container.type == "object" and _names(container, correct, key_node):
            return None  # the object already has the right key: renaming would duplicate it
        if key_node.type == "string":
            quote = text(key_node)[:1]
            return Fix(message, (_edit(key_node.start_byte, key_node.end_byte, f"{quote}{correct}{quote}"),), True)
        if key_node.type == "property_identifier":
            new = correct if re.fullmatch(r"[A-Za-z_$][\w$]*", correct) else f"{self.quote}{correct}{self.quote}"
            if key_node.parent is not None and key_node.parent.type == "member_expression" and new != correct:
                return None  # `config.headers.x_token` cannot hold a dash
            return Fix(message, (_edit(key_node.start_byte, key_node.end_byte, new),), True)
        return None

    def replace_in_string(self, node: Node, old: str, new: str, message: str) -> Fix | None:
        """Replace text inside a reported string literal (`http://` -> `https://`)."""
        if node.type not in _LITERALS:
            return None
        raw = self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
        at = raw.lower().find(old.lower())
        if at < 0:
            return None
        return Fix(message, (_edit(node.start_byte, node.end_byte, raw[:at] + new + raw[at + len(old) :]),), True)

    # -- one rule's each ----------------------------------------------------------------------

    def fix_bearer(self, value: Value, value_node: Node) -> Fix | None:
        """QNT110: 'Bearer ' in front of the token: inside a plain literal (safe), else around it."""
        message = "Add the 'Bearer ' prefix"
        node = unwrap(value_node)
        if node is not None and node.type == "string":
            return Fix(message, (_edit(node.start_byte + 1, node.start_byte + 1, "Bearer "),), True)
        if node is not None and node.type == "template_string":
            return Fix(message, (_edit(node.start_byte + 1, node.start_byte + 1, "Bearer "),), False)
        bearer = f"{self.quote}Bearer {self.quote} + "
        return Fix(message, (_edit(value_node.start_byte, value_node.start_byte, bearer),), False)

    def fix_base64(self, value: Value, value_node: Node) -> Fix | None:
        """QNT103: `btoa(x)` / `Buffer.from(x).toString('base64')` -> `x`."""
        for hole in value.holes:
            if hole.origin is not Origin.BASE64 or hole.node is None:
                continue
            inner = _encoded_argument(hole.node)
            if inner is None:
                continue
            source = self.data[inner.start_byte : inner.end_byte].decode("utf-8")
            safe = _within(hole.node, value_node)
            return Fix(
                "Unwrap the base64 encoding",
                (_edit(hole.node.start_byte, hole.node.end_byte, source),),
                safe,
            )
        return None

    def fix_separator(self, value: Value, value_node: Node, index: int) -> Fix | None:
        """QNT104: a colon between the login and the secret, in a template literal."""
        holes = [p for p in value.parts if isinstance(p, Hole)]
        if len(holes) < index + 2:
            return None
        a, b = (unwrap(h.via or h.node) for h in holes[index : index + 2])
        first, second = _substitution(a), _substitution(b)
        if first is None or second is None or first.parent != second.parent:
            return self._join_operands(a, b, value_node)
        between = self.data[first.end_byte : second.start_byte].decode("utf-8", "replace")
        if between.strip(" ;,|/") != "" or "\\" in between:
            return None
        message = (
            "Insert ':' between login and secret" if not between else f"Replace {between.strip() or between!r} with ':'"
        )
        return Fix(message, (_edit(first.end_byte, second.start_byte, ":"),), _within(first, value_node))

    def _join_operands(self, a: Node | None, b: Node | None, value_node: Node) -> Fix | None:
        """`login + secret` -> `login + ':' + secret`: a new operand, so unsafe."""
        parent = a.parent if a is not None else None
        if a is None or parent is None or b is None or parent.type != "binary_expression" or b.parent != parent:
            return None
        if parent.child_by_field_name("right") != b or not _within(parent, value_node):
            return None
        insert = f" + {self.quote}:{self.quote}"
        return Fix("Insert ':' between login and secret", (_edit(a.end_byte, a.end_byte, insert),), False)

    def fix_swap(self, value: Value, value_node: Node, index: int) -> Fix | None:
        """QNT105: swap the two parts around the colon (two substitutions or two operands)."""
        holes = [p for p in value.parts if isinstance(p, Hole)]
        if len(holes) < index + 2:
            return None
        a, b = (unwrap(h.via or h.node) for h in holes[index : index + 2])
        if a is None or b is None or not (_within(a, value_node) and _within(b, value_node)):
            return None
        if a.end_byte > b.start_byte:
            return None
        text_a = self.data[a.start_byte : a.end_byte].decode("utf-8")
        text_b = self.data[b.start_byte : b.end_byte].decode("utf-8")
        edits = (_edit(a.start_byte, a.end_byte, text_b), _edit(b.start_byte, b.end_byte, text_a))
        return Fix("Swap login and secret", edits, True)

    def fix_whitespace(self, value: Value, value_node: Node) -> Fix | None:
        """QNT106: `.trim()` on a file read, and the spaces around the colon or at the ends of
        the value's literals removed."""
        edits: list[Edit] = []
        safe = True
        for hole in value.holes:
            if hole.origin is Origin.FILE and not hole.stripped and hole.node is not None:
                target = _read_text(hole.node)
                if target is None:
                    return None
                edits.append(_edit(target.end_byte, target.end_byte, ".trim()"))
                safe = safe and _within(target, value_node)
        edits.extend(self._literal_spaces(value, value_node))
        return Fix("Strip the whitespace from the credentials", tuple(edits), safe) if edits else None

    def _literal_spaces(self, value: Value, value_node: Node) -> list[Edit]:
        texts = [p for p in value.parts if isinstance(p, Text)]
        edits = []
        for i, part in enumerate(value.parts):
            if not isinstance(part, Text) or getattr(part.node, "type", None) not in _LITERALS:
                continue
            if not _within(part.node, value_node):
                continue
            raw = part.text
            new = re.sub(r"\s*:\s*", ":", raw)
            if part is texts[0] and i == 0:
                new = new.lstrip()
            if part is texts[-1] and i == len(value.parts) - 1:
                new = new.rstrip()
            if new == raw:
                continue
            span = self._fragment(part.node, raw)
            if span is not None:
                edits.append(_edit(span[0], span[1], new))
        return edits

    def _fragment(self, literal: Node, raw: str) -> tuple[int, int] | None:
        """The bytes of a literal's text `raw` in the source, when written there as is, once."""
        encoded = raw.encode("utf-8")
        body = self.data[literal.start_byte + 1 : literal.end_byte - 1]
        if body.count(encoded) != 1:
            return None
        start = literal.start_byte + 1 + body.index(encoded)
        return start, start + len(encoded)


def _quote_style(data: bytes) -> str:
    """The quote character the file's string literals use most."""
    return '"' if data.count(b'"') > data.count(b"'") else "'"


def _names(obj: Node, correct: str, key_node: Node) -> bool:
    for child in obj.named_children:
        key = child.child_by_field_name("key") if child.type == "pair" else None
        if key is not None and key != key_node:
            name = text(key).strip("'\"")
            if name == correct:
                return True
    return False


def _encoded_argument(node: Node) -> Node | None:
    """`x` of `btoa(x)` or `Buffer.from(x).toString('base64')`."""
    receiver, method = callee_parts(node)
    args = node.child_by_field_name("arguments")
    if method == "btoa" and (receiver is None or dotted(receiver) in GLOBAL_OBJECTS) and args and args.named_children:
        return args.named_children[0]
    inner = unwrap(receiver)
    if method == "toString" and inner is not None and inner.type == "call_expression":
        source = inner.child_by_field_name("arguments")
        if source is not None and len(source.named_children) == 1:
            return source.named_children[0]
    return None


def _substitution(node: Node | None) -> Node | None:
    """The `${...}` holding an expression of a template literal."""
    node = node.parent if node is not None else None
    return node if node is not None and node.type == "template_substitution" else None


def _read_text(read: Node) -> Node | None:
    """The expression that holds a file read's text: `fs.readFileSync(p, 'utf8')` itself, or the
    `.toString()` called on it; None for a Buffer (a `.trim()` on it would not run)."""
    parent = read.parent
    if parent is not None and parent.type == "member_expression" and text(parent).endswith(".toString"):
        call = parent.parent
        return call if call is not None and call.type == "call_expression" else None
    args = read.child_by_field_name("arguments")
    return read if args is not None and len(args.named_children) >= 2 else None
