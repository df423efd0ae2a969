"""The server's text helpers: protocol positions, edits from a before and an after, noqa edits."""

from __future__ import annotations

import pytest

from qonto_lint.server.noqa import noqa_edit
from qonto_lint.server.text import Positions, apply_edits, split_lines, text_edits


def test_lines_end_at_newlines_only():
    assert split_lines("a\x0cb\r\nc\rd\u2028e\nf") == ["a\x0cb\r\n", "c\r", "d\u2028e\n", "f"]
    assert split_lines("") == []


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", (1, 9)), ("utf-8", (1, 12)), ("utf-32", (1, 8))],
)
def test_positions_in_each_encoding(encoding, expected):
    positions = Positions("x = 1\ns = '😀é' + y\n", encoding)
    # columns 6 to 9 (1-based code points): from the emoji to past the closing quote
    assert positions.finding_range(2, 6, 2, 9) == ((1, 5), expected)
    assert positions.offset(*expected) == 6 + 8


def test_positions_past_the_end_and_without_an_end():
    positions = Positions("abc\nde", "utf-16")
    assert positions.position(5, 0) == (1, 2)
    assert positions.finding_range(1, 2, 0, 0) == ((0, 1), (0, 3))
    assert Positions("abc\n").position(3, 0) == (1, 0)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a = 'Basic x'\nb = 2\n", "a = 'x'\nb = 2\n"),
        ("one\ntwo\nthree\n", "one\n2\nthree\nfour\n"),
        ("😀 = 'Basic x'\r\nb\r\n", "😀 = 'x'\r\nb\r\n"),
        ("keep\nremove\n", "keep\n"),
        ("no newline", "no newline at the end"),
    ],
)
def test_text_edits_turn_before_into_after(before, after):
    edits = text_edits(before, after)
    assert apply_edits(before, edits) == after
    assert text_edits(before, before) == []


def test_text_edits_are_cut_to_what_differs():
    assert text_edits("a = 'Basic x'\nb = 2\n", "a = 'x'\nb = 2\n") == [((0, 5), (0, 11), "")]


def test_noqa_goes_after_the_code_or_into_the_existing_comment():
    text = 'h = {"A": x}\nh = {"A": y}  # noqa: QNT102\nh = {"A": z}  # see docs\n'
    assert noqa_edit(text, "QNT101", 0, 0) == (0, 12, 12, "  # noqa: QNT101")
    assert noqa_edit(text, "QNT101", 1, 1) == (1, 28, 28, ", QNT101")
    assert noqa_edit(text, "QNT101", 2, 2) == (2, 24, 24, "  # noqa: QNT101")
    assert noqa_edit("x = 1   \n", "QNT101", 0, 0) == (0, 5, 8, "  # noqa: QNT101")


def test_noqa_never_goes_inside_a_string_or_after_a_backslash():
    text = 'v = """Basic\nlogin:secret""" + x\nw = a + \\\n    b\n'
    # the finding's first line ends inside the string: the comment goes on its last line
    assert noqa_edit(text, "QNT101", 0, 1) == (1, 19, 19, "  # noqa: QNT101")
    assert noqa_edit(text, "QNT101", 0, 0) is None
    assert noqa_edit(text, "QNT101", 2, 2) is None
    assert noqa_edit(text, "QNT101", 2, 3) == (3, 5, 5, "  # noqa: QNT101")


def test_noqa_in_a_buffer_that_does_not_tokenize_to_the_end():
    text = 'h = {"A": "Basic " + x}\ns = """never closed\n'
    assert noqa_edit(text, "QNT101", 0, 0) == (0, 23, 23, "  # noqa: QNT101")
