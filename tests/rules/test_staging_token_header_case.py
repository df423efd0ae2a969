"""QNT303 staging-token-header-case: the staging token header's name in the wrong case.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed

FIXES = [
    (
        "QNT303",
        'H = {"x-qonto-staging-token": T}\nS = "https://thirdparty-sandbox.staging.qonto.co"\n',
        'H = {"X-Qonto-Staging-Token": T}\nS = "https://thirdparty-sandbox.staging.qonto.co"\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after
