"""QNT102 bearer-scheme-on-api-key: the `Bearer ` scheme in front of a Qonto API key.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed

FIXES = [
    (
        "QNT102 f-string",
        'H = {"Authorization": f"Bearer {LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    ("QNT102 plain+", 'H = {"Authorization": "Bearer " + QONTO_API_KEY}\n', 'H = {"Authorization": QONTO_API_KEY}\n'),
    (
        "QNT102 %",
        'H = {"Authorization": "Bearer %s" % QONTO_API_KEY}\n',
        'H = {"Authorization": "%s" % QONTO_API_KEY}\n',
    ),
    (
        "QNT102 format",
        'H = {"Authorization": "Bearer {}".format(QONTO_API_KEY)}\n',
        'H = {"Authorization": "{}".format(QONTO_API_KEY)}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after
