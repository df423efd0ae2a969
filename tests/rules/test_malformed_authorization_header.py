"""QNT108 malformed-authorization-header: a misspelled `Authorization` header name, or the name pasted into the value.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed
from ..helpers import findings_of

FIXES = [
    (
        "QNT108 key",
        'HEADERS = {"Authorisation": f"{LOGIN}:{SECRET}"}\n',
        'HEADERS = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT108 key colon",
        "H = {'Authorization:': f'{LOGIN}:{SECRET}'}\n",
        "H = {'Authorization': f'{LOGIN}:{SECRET}'}\n",
    ),
    (
        "QNT108 keyword",
        "headers = dict(Autorization=f'{LOGIN}:{SECRET}')\n",
        "headers = dict(Authorization=f'{LOGIN}:{SECRET}')\n",
    ),
    (
        "QNT108 pasted",
        'H = {"Authorization": f"Authorization: {LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


def test_misspelled_keys_need_a_headers_dict():
    source = (
        "QONTO = 'https://thirdparty.qonto.com/v2'\n"
        'ERROR_MESSAGES = {"Authentication": "Qonto rejected the login or secret key"}\n'
        'headers = {"Authentication": TOKEN}\n'
        'H = {"Authorisation": TOKEN, "Accept": "application/json"}\n'
    )
    assert findings_of(source, "client.py") == [(3, 12, "QNT108"), (4, 6, "QNT108")]


def test_similar_header_names_are_not_misspellings():
    source = (
        "QONTO_API = 'https://thirdparty.qonto.com/v2'\n"
        "def h(token):\n"
        "    return {'X-Authorization': token, 'Proxy-Authorization': token, 'grant_type': 'authorization_code'}\n"
    )
    assert findings_of(source, "client.py") == []
