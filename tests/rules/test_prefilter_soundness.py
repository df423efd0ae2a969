"""The prefilter is derived from what each rule declares it needs (`Rule.NEEDS`): a rule whose
declared needs miss what its findings rest on would be silently skipped on real files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.engine import prefilter
from qonto_lint.rules import ALL_RULES, Need, Rule

ROOT = Path(__file__).resolve().parents[2]


def _shared_corpus() -> Path | None:
    candidates = [ROOT.parent / "shared", Path("/work/shared")]
    if os.environ.get("QONTO_LINT_SHARED"):
        candidates.insert(0, Path(os.environ["QONTO_LINT_SHARED"]))
    return next((c / "corpus" for c in candidates if (c / "corpus").is_dir()), None)


def _examples():
    for rule in ALL_RULES:
        for kind, examples in (("valid", rule.VALID), ("invalid", rule.INVALID)):
            for i, example in enumerate(examples):
                yield pytest.param(example.source.encode(), example.path, id=f"{rule.CODE}-{kind}-{i}")


def _corpus_files():
    corpus = _shared_corpus()
    if corpus is None:
        return [pytest.param(None, None, marks=pytest.mark.skip(reason="the shared corpus is not there"))]
    paths = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".py", ".ipynb"))
    return [pytest.param(p.read_bytes(), p.name, id=str(p.relative_to(corpus))) for p in paths]


def _findings(data: bytes, path: str) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.code, f.message) for f in lint_source(data, path, Options()).findings]


@pytest.mark.parametrize(("data", "path"), [*_examples(), *_corpus_files()])
def test_findings_are_the_same_with_the_prefilter_on_and_off(data, path, monkeypatch):
    with_prefilter = _findings(data, path)
    monkeypatch.setattr(prefilter, "may_report", lambda tree, extra_hosts=(), needs=None: True)
    assert with_prefilter == _findings(data, path)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.CODE)
def test_every_rule_declares_what_it_needs(rule: type[Rule]):
    assert isinstance(rule.NEEDS, frozenset) and all(isinstance(need, Need) for need in rule.NEEDS)


def test_only_the_engine_reported_rule_needs_nothing():
    assert [rule.CODE for rule in ALL_RULES if not rule.NEEDS] == ["QNT900"]


def test_a_rule_without_needs_has_none_to_give():
    class Undeclared(Rule):
        CODE = "QNT999"

    with pytest.raises(AttributeError):
        _ = Undeclared.NEEDS


INVALID = [
    pytest.param(rule, example, id=f"{rule.CODE}-invalid-{i}")
    for rule in ALL_RULES
    if rule.NEEDS
    for i, example in enumerate(rule.INVALID)
    if example.language == "python"  # the prefilter reads CPython's tree: Python's examples only
]


@pytest.mark.parametrize(("rule", "example"), INVALID)
def test_a_rules_own_needs_let_its_invalid_examples_through(rule, example):
    tree, error = prefilter.parse(example.source.encode())
    assert error is None
    assert prefilter.may_report(tree, (), rule.NEEDS)


@pytest.mark.parametrize(
    ("source", "needs", "expected"),
    [
        ("h = {'Authorization': t}\n", {Need.HEADER_KEY}, True),
        ("h = {'Authorization': t}\n", {Need.AUTH_HELPER, Need.REAL_LITERAL, Need.QONTO_HOST}, False),
        ("requests.get(u, auth=t)\n", {Need.AUTH_HELPER}, True),
        ("requests.get(u, auth=t)\n", {Need.HEADER_KEY, Need.REAL_LITERAL, Need.QONTO_HOST}, False),
        ("SECRET = '62885d39f3a0ddedd3d3ee0432a43ccr'\n", {Need.REAL_LITERAL}, True),
        ("SECRET = '62885d39f3a0ddedd3d3ee0432a43ccr'\n", {Need.HEADER_KEY, Need.AUTH_HELPER, Need.QONTO_HOST}, False),
        ("URL = 'https://thirdparty.qonto.com/v2'\n", {Need.QONTO_HOST}, True),
        ("URL = 'https://thirdparty.qonto.com/v2'\n", {Need.HEADER_KEY, Need.AUTH_HELPER, Need.REAL_LITERAL}, False),
        ("requests.post(u, headers=qonto.headers)\n", {Need.QONTO_HEADERS}, True),
        ("requests.post(u, headers=QONTO_HEADERS)\n", {Need.QONTO_HEADERS}, True),
        ("requests.post(u, headers=self.qonto_headers())\n", {Need.QONTO_HEADERS}, True),
        ("requests.post(u, headers=stripe.headers)\n", {Need.QONTO_HEADERS}, False),
        (
            "requests.post(u, headers=qonto.headers)\n",
            {Need.HEADER_KEY, Need.AUTH_HELPER, Need.REAL_LITERAL, Need.QONTO_HOST},
            False,
        ),
    ],
)
def test_the_prefilter_looks_only_for_what_is_needed(source, needs, expected):
    tree, error = prefilter.parse(source.encode())
    assert error is None
    assert prefilter.may_report(tree, (), frozenset(needs)) is expected


def test_by_default_the_prefilter_looks_for_every_rules_needs():
    assert prefilter.rules_needs() == frozenset().union(*(rule.NEEDS for rule in ALL_RULES)) == frozenset(Need)
