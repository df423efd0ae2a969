"""Every rule's VALID and INVALID examples, run as tests (Fixit's idea)."""

from __future__ import annotations

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.rules import ALL_RULES

VALID = [
    pytest.param(rule, example, id=f"{rule.CODE}-valid-{i}")
    for rule in ALL_RULES
    for i, example in enumerate(rule.VALID)
]
INVALID = [
    pytest.param(rule, example, id=f"{rule.CODE}-invalid-{i}")
    for rule in ALL_RULES
    for i, example in enumerate(rule.INVALID)
]


@pytest.mark.parametrize(("rule", "example"), VALID)
def test_valid_example_is_silent(rule, example):
    result = lint_source(example.source, example.path, Options(select=frozenset({rule.CODE})))
    assert [(f.line, f.column, f.code) for f in result.findings] == []


@pytest.mark.parametrize(("rule", "example"), INVALID)
def test_invalid_example_is_reported_where_documented(rule, example):
    result = lint_source(example.source, example.path, Options(select=frozenset({rule.CODE})))
    assert [(f.line, f.column, f.code) for f in result.findings] == [(example.line, example.column, rule.CODE)]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.CODE)
def test_rule_documents_itself(rule):
    docs = rule.docs()
    for section in ("## What it does", "## Why is this bad?", "## Example", "Use instead:"):
        assert section in docs, f"{rule.CODE} docs lack {section!r}"
    assert rule.VALID and rule.INVALID
    assert rule.NAME.lower() == rule.NAME and " " not in rule.NAME


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.CODE != "QNT900"], ids=lambda r: r.CODE)
def test_rule_has_javascript_and_typescript_examples(rule):
    """Every rule the facts report runs on both front ends: its examples say so in both languages."""
    languages = {example.language for example in (*rule.VALID, *rule.INVALID)}
    assert languages == {"python", "javascript", "typescript"}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.CODE)
def test_fixable_rules_document_their_fix_safety(rule):
    assert ("## Fix safety" in rule.docs()) == rule.FIXABLE


def test_the_static_code_list_matches_the_registry():
    from qonto_lint.codes import CODES

    assert tuple(rule.CODE for rule in ALL_RULES) == CODES
