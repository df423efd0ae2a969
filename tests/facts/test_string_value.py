"""`string_value` reads plain literals without compiling them: it must agree with libcst's
`evaluated_value` (`ast.literal_eval`) on every literal, and fall back to it where text must be
interpreted (escapes, carriage returns, non-ASCII bytes)."""

from __future__ import annotations

import io
import tokenize
import warnings

import libcst as cst
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from qonto_lint.facts.collect import _plain_literal, string_value


def _reference(literal: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes: literal_eval warns
            value = cst.SimpleString(literal).evaluated_value
    except Exception:
        return None
    return value.decode("latin-1") if isinstance(value, bytes) else value


@pytest.mark.parametrize(
    ("literal", "plain"),
    [
        ('"Authorization"', "Authorization"),
        ("'x'", "x"),
        ('""', ""),
        ("''", ""),
        ('""""""', ""),
        ('"""a "quoted" word"""', 'a "quoted" word'),
        ("'''two\nlines'''", "two\nlines"),
        ('r"raw"', "raw"),
        ('Rb"bytes"', "bytes"),
        ('u"é"', "é"),
        ('b"ascii"', "ascii"),
        ('"tab\there"', "tab\there"),
        # interpreted by literal_eval: not read directly
        ('"a\\nb"', None),
        ('r"a\\d"', None),
        ('"""a\r\nb"""', None),
        ('b"\\xe9"', None),
    ],
)
def test_plain_literals_are_read_between_their_quotes(literal, plain):
    assert _plain_literal(literal) == plain
    assert string_value(cst.SimpleString(literal)) == _reference(literal)


def test_a_literal_with_an_escape_is_still_evaluated():
    assert string_value(cst.SimpleString('"Bearer\\x20token"')) == "Bearer token"
    assert string_value(cst.SimpleString('b"\\x41"')) == "A"
    assert string_value(cst.SimpleString('"bad \\N{no such name}"')) is None


def _one_string_token(literal: str) -> bool:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(literal).readline))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        # 3.12.1's tokenizer raises UnicodeDecodeError on some lone carriage returns before non-ASCII
        return False
    return tokens[0].type == tokenize.STRING and tokens[0].string == literal


_BODY = st.text(st.sampled_from(["a", "Z", " ", "\t", "\n", "\r", "'", '"', "\\", "é", "\x00", "{", "€"]), max_size=12)


@settings(max_examples=400, deadline=None)
@given(
    prefix=st.sampled_from(["", "r", "u", "b", "rb", "Br", "R", "U"]),
    quote=st.sampled_from(['"', "'", '"""', "'''"]),
    body=_BODY,
)
def test_string_value_agrees_with_literal_eval(prefix, quote, body):
    literal = f"{prefix}{quote}{body}{quote}"
    assume(_one_string_token(literal))  # what libcst's parser can hand over as a SimpleString
    expected = _reference(literal)
    plain = _plain_literal(literal)
    if plain is not None:
        assert plain == expected
    if expected is not None:
        assert string_value(cst.SimpleString(literal)) == expected
