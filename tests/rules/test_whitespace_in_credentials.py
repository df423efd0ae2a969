"""QNT106 whitespace-in-credentials: whitespace around or inside the key.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed

FIXES = [
    (
        "QNT106 only the credentials' whitespace",
        'H = {"Authorization": LOGIN + " : " + SECRET + " # a : b "}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET + " # a : b"}\n',
    ),
    (
        "QNT106 escaped backslash kept",
        'H = {"Authorization": "%s : %s\\\\n  " % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s\\\\n" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT106 trailing newline",
        'H = {"Authorization": f"{LOGIN}:{SECRET}\\n"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT106 spaced colon",
        'H = {"Authorization": f"{LOGIN} : {SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT106 leading space +",
        'H = {"Authorization": " " + LOGIN + ":" + SECRET}\n',
        'H = {"Authorization": "" + LOGIN + ":" + SECRET}\n',
    ),
    (
        "QNT106 %",
        'H = {"Authorization": "%s:%s " % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT106 file read",
        'H = {"Authorization": open(PATH).read()}\n',
        'H = {"Authorization": open(PATH).read().strip()}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


UNSAFE_FIXES = [
    (
        "QNT106 file read feeding a variable",
        "key = PATH.read_text()\nH = {'Authorization': key}\n",
        "key = PATH.read_text().strip()\nH = {'Authorization': key}\n",
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), UNSAFE_FIXES, ids=[c[0] for c in UNSAFE_FIXES])
def test_unsafe_fix_needs_unsafe_fixes(label, before, after):
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == after
