"""Small questions about tree-sitter nodes: their text, string contents, names."""

from __future__ import annotations

import re
from typing import Any

Node = Any

FUNCTION_TYPES = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)
CLASS_TYPES = frozenset({"class_declaration", "class", "abstract_class_declaration"})
#: expressions that carry the value of their inner expression unchanged
TRANSPARENT = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
        "await_expression",
    }
)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_HEX = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]+)\})")


def text(node: Node) -> str:
    return node.text.decode("utf-8", "replace")


def unwrap(node: Node | None) -> Node | None:
    """The expression inside parentheses, `as T`, `!`, `satisfies T`, `await`."""
    while node is not None and node.type in TRANSPARENT:
        inner = node.named_children
        node = inner[0] if inner else None
    return node


def escape(sequence: str) -> str:
    """The character an escape sequence (`\\n`, `\\x41`, `\\u{1F600}`) stands for."""
    match = _HEX.fullmatch(sequence)
    if match:
        code = int(match.group(1) or match.group(2) or match.group(3), 16)
        return chr(code) if code <= 0x10FFFF else ""
    if len(sequence) >= 2:
        char = sequence[1]
        if char in "\r\n\u2028\u2029":
            return ""  # a line continuation
        return _ESCAPES.get(char, char)
    return sequence


def string_content(node: Node) -> str | None:
    """The text of a quoted string literal, escapes decoded; None for any other node."""
    if node is None or node.type != "string":
        return None
    out = []
    for child in node.children:
        if child.type == "string_fragment":
            out.append(text(child))
        elif child.type == "escape_sequence":
            out.append(escape(text(child)))
        elif child.type == "html_character_reference":
            out.append(text(child))
    return "".join(out)


def static_text(node: Node | None) -> str | None:
    """The text of a string literal or a template literal without substitutions."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "string":
        return string_content(node)
    if node.type == "template_string":
        out = []
        for child in node.children:
            if child.type == "template_substitution":
                return None
            if child.type == "string_fragment":
                out.append(text(child))
            elif child.type == "escape_sequence":
                out.append(escape(text(child)))
        return "".join(out)
    return None


def key_name(key: Node) -> str | None:
    """The name a property key spells: `Authorization`, `'Authorization'`, `["Authorization"]`
    (a computed key bound to a constant is resolved by the caller)."""
    if key.type in ("property_identifier", "identifier", "private_property_identifier"):
        return text(key).lstrip("#")
    if key.type == "string":
        return string_content(key)
    if key.type == "number":
        return text(key)
    if key.type == "computed_property_name":
        inner = key.named_children
        return static_text(inner[0]) if inner else None
    return None


def last_name(node: Node | None) -> str:
    """The last identifier of an expression: `secretKey` of `this.secretKey`, `get` of `a.get()`."""
    node = unwrap(node)
    if node is None:
        return ""
    kind = node.type
    if kind in ("identifier", "property_identifier", "shorthand_property_identifier", "this"):
        return text(node)
    if kind == "member_expression":
        prop = node.child_by_field_name("property")
        return text(prop).lstrip("#") if prop is not None else ""
    if kind == "subscript_expression":
        index = node.child_by_field_name("index")
        literal = static_text(index)
        return literal if literal is not None else last_name(node.child_by_field_name("object"))
    if kind in ("call_expression", "new_expression"):
        return last_name(node.child_by_field_name("function") or node.child_by_field_name("constructor"))
    return ""


def dotted(node: Node | None) -> str:
    """`a.b.c` for a chain of names and properties, "" for anything else."""
    names: list[str] = []
    node = unwrap(node)
    for _ in range(64):
        if node is None:
            return ""
        if node.type in ("identifier", "this", "property_identifier", "meta_property"):
            return ".".join([text(node), *reversed(names)])
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            if prop is None:
                return ""
            names.append(text(prop))
        elif node.type == "subscript_expression":
            key = static_text(node.child_by_field_name("index"))
            if key is None:
                return ""
            names.append(key)
        else:
            return ""
        node = unwrap(node.child_by_field_name("object"))
    return ""


def root_name(node: Node | None) -> str:
    """The name a chain of calls and properties starts from: `superagent` of
    `superagent.get(url).set(...)`."""
    node = unwrap(node)
    for _ in range(64):
        if node is None:
            return ""
        if node.type in ("identifier", "this"):
            return text(node)
        if node.type in ("member_expression", "subscript_expression"):
            node = unwrap(node.child_by_field_name("object"))
        elif node.type == "call_expression":
            node = unwrap(node.child_by_field_name("function"))
        else:
            return ""
    return ""


def arguments(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    if args is None or args.type != "arguments":
        return []
    return [a for a in args.named_children if a.type != "comment"]


def pairs(obj: Node) -> dict[str, Node]:
    """An object literal's `key: value` pairs (and shorthand `key`) by key name, the last wins."""
    found: dict[str, Node] = {}
    for child in obj.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            name = key_name(key) if key is not None else None
            value = child.child_by_field_name("value")
            if name is not None and value is not None:
                found[name] = value
        elif child.type == "shorthand_property_identifier":
            found[text(child)] = child
    return found


def callee_parts(call: Node) -> tuple[Node | None, str]:
    """(receiver, method) of `receiver.method(...)`; (None, name) of `name(...)`."""
    func = unwrap(call.child_by_field_name("function"))
    if func is None:
        return None, ""
    if func.type == "member_expression":
        prop = func.child_by_field_name("property")
        return func.child_by_field_name("object"), text(prop) if prop is not None else ""
    if func.type == "identifier":
        return None, text(func)
    return None, ""


#: the global object under its names in browsers, workers and Node (`window.btoa(x)` is `btoa(x)`)
GLOBAL_OBJECTS = frozenset({"window", "globalThis", "self", "global"})
