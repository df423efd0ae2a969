"""QNT103 base64-encoded-credentials: a base64-encoded `login:secret` pair.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed

FIXES = [
    (
        "QNT103 call in value",
        'import base64\nH = {"Authorization": base64.b64encode(f"{LOGIN}:{SECRET}".encode()).decode()}\n',
        'import base64\nH = {"Authorization": f"{LOGIN}:{SECRET}".encode().decode()}\n',
    ),
    (
        "QNT103 literal",
        'H = {"Authorization": "YWNtZS1yb2JvdGljcy0yMjMxOnh4eHh4eHh4"}\n',
        'H = {"Authorization": "acme-robotics-2231:xxxxxxxx"}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


UNSAFE_FIXES = [
    (
        "QNT103 call feeding a variable",
        (
            "import base64\n"
            "token = base64.b64encode(f'{LOGIN}:{SECRET}'.encode()).decode()\n"
            "H = {'Authorization': token}\n"
        ),
        "import base64\ntoken = f'{LOGIN}:{SECRET}'.encode().decode()\nH = {'Authorization': token}\n",
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), UNSAFE_FIXES, ids=[c[0] for c in UNSAFE_FIXES])
def test_unsafe_fix_needs_unsafe_fixes(label, before, after):
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == after
