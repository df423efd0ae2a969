"""One rule, one module: every module of qonto_lint/rules holds one rule named after it, and is
registered by being there."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import qonto_lint.rules as rules_package
from qonto_lint.authorization.diagnose import diagnose_authorization, header_rules
from qonto_lint.facts.values import Value
from qonto_lint.rules import ALL_RULES, RULES_BY_CODE
from qonto_lint.rules._header_rule import HeaderRule

RULES_DIR = Path(rules_package.__file__).parent
RULE_MODULES = sorted(
    info.name
    for info in pkgutil.iter_modules([str(RULES_DIR)])
    if not info.name.startswith("_") and info.name != "base"
)


def test_each_rule_module_is_named_after_its_one_rule():
    assert sorted(rule.NAME.replace("-", "_") for rule in ALL_RULES) == RULE_MODULES
    for rule in ALL_RULES:
        assert rule.__module__ == f"qonto_lint.rules.{rule.NAME.replace('-', '_')}"


def test_a_new_rule_module_is_registered_by_being_there(tmp_path, monkeypatch):
    (tmp_path / "zz_probe_rule.py").write_text(
        "from qonto_lint.rules.base import Rule\n\n\n"
        "class ProbeRule(Rule):\n"
        '    CODE = "QNT999"\n'
        '    NAME = "zz-probe-rule"\n'
        "    NEEDS = frozenset()\n"
    )
    monkeypatch.setattr(rules_package, "__path__", [*rules_package.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "qonto_lint.rules.zz_probe_rule", raising=False)
    rules_package._discover.cache_clear()
    try:
        assert [rule.CODE for rule in rules_package._discover()][-1] == "QNT999"
    finally:
        rules_package._discover.cache_clear()
        sys.modules.pop("qonto_lint.rules.zz_probe_rule", None)


def test_the_codes_are_unique_and_indexed():
    assert len(RULES_BY_CODE) == len(ALL_RULES)
    assert all(RULES_BY_CODE[rule.CODE] is rule for rule in ALL_RULES)


def test_the_header_rules_are_the_authorization_value_rules_in_code_order():
    assert [type(rule).__name__ for rule in header_rules()] == [
        "BasicSchemePrefix",
        "BearerSchemeOnApiKey",
        "Base64EncodedCredentials",
        "MissingColonSeparator",
        "SwappedLoginAndSecret",
        "WhitespaceInCredentials",
        "MalformedAuthorizationHeader",
        "PlaceholderCredentials",
        "OAuthTokenWithoutBearer",
    ]
    assert {type(rule) for rule in header_rules()} == {r for r in ALL_RULES if issubclass(r, HeaderRule)}


def test_one_value_can_carry_several_problems_in_code_order():
    problems = diagnose_authorization(Value.of_text("Authorization: Basic {login} : {secret}\n"))
    assert [p.code for p in problems] == ["QNT101", "QNT106", "QNT108", "QNT109"]
    assert problems[0].message == (
        "Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is "
        "(every 401 counts toward Qonto's 200-per-hour throttle)"
    )
    assert problems[1].message == (
        "the value contains a line break: Qonto reads the key byte for byte, so strip it "
        "(every 401 counts toward Qonto's 200-per-hour throttle)"
    )


@pytest.mark.parametrize("module", RULE_MODULES + ["_header_rule"])
def test_rules_use_the_facts_public_api_only(module):
    source = (RULES_DIR / f"{module}.py").read_text()
    assert not re.findall(r"facts\.(?:c\.|_|memo\b|evaluator\b)", source)


def test_the_rules_and_the_prefilter_load_without_libcst():
    """The prefilter reads every rule's NEEDS to spare libcst: loading the rules must not import it."""
    code = (
        "import sys\n"
        "from qonto_lint.engine import prefilter\n"
        "from qonto_lint.authorization.diagnose import diagnose_authorization\n"
        "from qonto_lint.facts.values import Value\n"
        "tree, _ = prefilter.parse(b'x = 1\\n')\n"
        "assert not prefilter.may_report(tree) and len(prefilter.rules_needs()) == 5\n"
        "assert diagnose_authorization(Value.of_text('Basic a-1:b'))\n"
        "print(sorted(m for m in sys.modules if m == 'libcst' or m.startswith('libcst.')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "[]\n", "")
