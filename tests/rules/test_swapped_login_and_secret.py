"""QNT105 swapped-login-and-secret: the secret before the login.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed

FIXES = [
    ("QNT105 f-string", 'H = {"Authorization": f"{SECRET}:{LOGIN}"}\n', 'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n'),
    (
        "QNT105 literal",
        'H = {"Authorization": "29649641e458bbc9cde1aed6bea99c2b:hooli-labs-4410"}\n',
        'H = {"Authorization": "hooli-labs-4410:29649641e458bbc9cde1aed6bea99c2b"}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


UNSAFE_FIXES = [
    (
        "QNT105 format swaps arguments",
        'H = {"Authorization": "{}:{}".format(SECRET, LOGIN)}\n',
        'H = {"Authorization": "{}:{}".format(LOGIN, SECRET)}\n',
    ),
    (
        "QNT105 % swaps the tuple",
        'H = {"Authorization": "%s:%s" % (SECRET, LOGIN)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT105 concatenation",
        'H = {"Authorization": SECRET + ":" + LOGIN}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), UNSAFE_FIXES, ids=[c[0] for c in UNSAFE_FIXES])
def test_unsafe_fix_needs_unsafe_fixes(label, before, after):
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == after
