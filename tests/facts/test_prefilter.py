"""The second gate (CPython's AST): it skips libcst only where no rule could report anything."""

from __future__ import annotations

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.engine import parsing as engine
from qonto_lint.engine import prefilter
from qonto_lint.rules import ALL_RULES

from ..helpers import DATA, EXAMPLES, SHARED_CORPUS


def _sources():
    paths = sorted(EXAMPLES.glob("*.py")) + sorted((DATA / "fuzz_seeds").glob("*.py"))
    if SHARED_CORPUS.is_dir():
        paths += sorted(SHARED_CORPUS.rglob("*.py"))
    for path in paths:
        yield pytest.param(path.read_bytes(), path.name, id=path.name)
    for rule in ALL_RULES:
        for i, example in enumerate(rule.VALID + rule.INVALID):
            yield pytest.param(example.source.encode(), example.path, id=f"{rule.CODE}-{i}")


@pytest.mark.parametrize(("data", "path"), list(_sources()))
def test_the_prefilter_changes_no_result(data, path, monkeypatch):
    options = Options(assume_qonto=True)
    with_filter = [(f.line, f.column, f.code) for f in lint_source(data, path, options).findings]
    monkeypatch.setattr(prefilter, "may_report", lambda tree, extra=(): True)
    monkeypatch.setattr(prefilter.Gate, "matters", lambda self, node, kind: True)  # the walk the vetting shares
    without = [(f.line, f.column, f.code) for f in lint_source(data, path, options).findings]
    assert with_filter == without


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = {'a': 1}\nprint('hello world, this is a long text')\n", False),
        ("import json\njson.dumps({'key': 'value'})\n", False),
        ("h = {'Authorization': t}\n", True),
        ("h = {'Authorisation': t}\n", True),
        ("h = {'x-qonto-staging-token': t}\n", True),
        ("h = dict(Authorization=t)\n", True),
        ("requests.get(u, auth=t)\n", True),
        ("s.auth = t\n", True),
        ("x = s.auth\n", False),
        ("from requests.auth import HTTPBasicAuth as B\n", True),
        ("import aiohttp\nk = aiohttp.hdrs.AUTHORIZATION\n", True),
        ("u = make_headers(user_agent='x')\n", True),
        ("URL = 'https://thirdparty.qonto.com/v2'\n", True),
        ("URL = f'https://{env}.qonto.eu/v2'\n", True),
        ("SECRET = '62885d39f3a0ddedd3d3ee0432a43ccr'\n", True),
        ("SECRET = 'your-secret-key-here-please'\n", False),
        ("NAME = 'qonto export'\n", False),
    ],
)
def test_what_the_prefilter_looks_for(source, expected):
    tree, error = prefilter.parse(source.encode())
    assert error is None
    assert prefilter.may_report(tree) is expected


def test_extra_hosts_count():
    tree, _ = prefilter.parse(b"URL = 'https://bank-gw.acme.internal/v2'\n")
    assert prefilter.may_report(tree) is False
    assert prefilter.may_report(tree, ("bank-gw.acme.internal",)) is True


def test_modules_cpython_cannot_parse_are_left_to_libcst():
    result = lint_source(b"# qonto\ndef broken(:\n", "client.py", Options())
    assert [(f.line, f.code) for f in result.findings] == [(1, "QNT900")]


def test_a_skipped_module_never_reaches_libcst(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("libcst was asked to parse a module the prefilter cleared")

    monkeypatch.setattr(engine, "parse", fail)
    result = lint_source(b"# qonto\nimport json\nprint(json.dumps({'a': 1}))\n", "client.py", Options())
    assert result.findings == [] and result.errors == []


def test_kept_answers_are_the_answers_asked_afresh():
    """The gate keeps its answers for strings of earlier modules (per set of needs and extra hosts):
    asked twice, or by a gate with other extra hosts, a string gets the answer computed afresh."""
    texts = [
        "organization",
        "Authorisation",
        "application/json",
        "https://bank-gw.acme.internal/v2",
        "62885d39f3a0ddedd3d3ee0432a43ccr",
        "x" * 500,
    ]
    plain, extra = prefilter.Gate(), prefilter.Gate(("bank-gw.acme.internal",))
    for gate in (plain, extra, plain, extra):
        for text in texts:
            assert gate.strings.matter(text) is gate.strings._matter(text)
    assert [plain.strings.matter(t) for t in texts] == [False, True, False, False, True, False]
    assert extra.strings.matter(texts[3]) is True
    assert prefilter.Gate().strings is plain.strings
