"""QNT110 oauth-token-without-bearer: an OAuth access token without `Bearer `.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed

FIXES = [
    (
        "QNT110 literal",
        'H = {"Authorization": "ory_at_xxxxxxxxxx"}\n',
        'H = {"Authorization": "Bearer ory_at_xxxxxxxxxx"}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


UNSAFE_FIXES = [
    (
        "QNT110 by name",
        'H = {"Authorization": tokens["access_token"]}\n',
        'H = {"Authorization": "Bearer " + tokens["access_token"]}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), UNSAFE_FIXES, ids=[c[0] for c in UNSAFE_FIXES])
def test_unsafe_fix_needs_unsafe_fixes(label, before, after):
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == after
