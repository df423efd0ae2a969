"""QNT104 missing-colon-separator: login and secret without the `:` between them.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed
from ..helpers import findings_of

FIXES = [
    ("QNT104 f-string", 'H = {"Authorization": f"{LOGIN}{SECRET}"}\n', 'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n'),
    (
        "QNT104 f-string sep",
        'H = {"Authorization": f"{LOGIN};{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT104 %",
        'H = {"Authorization": "%s|%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT104 % adjacent",
        'H = {"Authorization": "%s%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT104 format",
        'H = {"Authorization": "{}{}".format(LOGIN, SECRET)}\n',
        'H = {"Authorization": "{}:{}".format(LOGIN, SECRET)}\n',
    ),
    (
        "QNT104 concatenation",
        'H = {"Authorization": LOGIN + "/" + SECRET}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
    (
        "QNT104 join",
        'H = {"Authorization": "".join([LOGIN, SECRET])}\n',
        'H = {"Authorization": ":".join([LOGIN, SECRET])}\n',
    ),
    (
        "QNT104 bytes",
        'H = {"Authorization": b"%s,%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": b"%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT104 glued literal",
        "H = {'Authorization': u'hooli-labs-441029649641e458bbc9cde1aed6bea99c2b'}\n",
        "H = {'Authorization': u'hooli-labs-4410:29649641e458bbc9cde1aed6bea99c2b'}\n",
    ),
    (
        "QNT104 then QNT105 glued literal",
        'H = {"Authorization": "29649641e458bbc9cde1aed6bea99c2bhooli-labs-4410"}\n',
        'H = {"Authorization": "hooli-labs-4410:29649641e458bbc9cde1aed6bea99c2b"}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


UNSAFE_FIXES = [
    (
        "QNT104 concatenation without separator",
        'H = {"Authorization": LOGIN + SECRET}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), UNSAFE_FIXES, ids=[c[0] for c in UNSAFE_FIXES])
def test_unsafe_fix_needs_unsafe_fixes(label, before, after):
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == after


def test_punctuation_between_login_and_secret_is_a_wrong_separator():
    source = (
        "import requests\n"
        "def h(login, secret_key):\n"
        '    return requests.get("https://thirdparty.qonto.com/v2/x", '
        'headers={"Authorization": f"{login}-{secret_key}"})\n'
    )
    assert findings_of(source, "client.py") == [(3, 88, "QNT104")]
