"""QNT101 basic-scheme-prefix: the `Basic ` scheme in front of a Qonto `login:secret` key.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed

FIXES = [
    (
        "QNT101 plain+",
        'H = {"Authorization": "Basic " + LOGIN + ":" + SECRET}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
    (
        "QNT101 f-string",
        'H = {"Authorization": f"Basic {LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT101 %",
        'H = {"Authorization": "Basic %s:%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT101 format",
        'H = {"Authorization": "Basic {}:{}".format(LOGIN, SECRET)}\n',
        'H = {"Authorization": "{}:{}".format(LOGIN, SECRET)}\n',
    ),
    (
        "QNT101 implicit",
        'H = {"Authorization": "Basic " f"{LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": "" f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT101 raw",
        "H = {'Authorization': r'Basic ' + LOGIN + ':' + SECRET}\n",
        "H = {'Authorization': LOGIN + ':' + SECRET}\n",
    ),
    (
        "QNT101 bytes",
        'H = {"Authorization": b"Basic %s:%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": b"%s:%s" % (LOGIN, SECRET)}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after
