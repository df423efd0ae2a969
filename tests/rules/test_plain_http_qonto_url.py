"""QNT304 plain-http-qonto-url: a Qonto URL over plain HTTP.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed
from ..helpers import findings_of

FIXES = [
    ("QNT304 plain", 'U = "http://thirdparty.qonto.com/v2"\n', 'U = "https://thirdparty.qonto.com/v2"\n'),
    (
        "QNT304 f-string",
        'U = f"http://thirdparty.qonto.com/v2/{path}"\n',
        'U = f"https://thirdparty.qonto.com/v2/{path}"\n',
    ),
    ("QNT304+QNT306", "U = 'http://thirdparty.qonto.eu/v1'\n", "U = 'https://thirdparty.qonto.com/v1'\n"),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


def test_plain_http_request_url_built_from_a_constant():
    source = (
        "import requests\n"
        'QONTO_HOST = "thirdparty.qonto.com"\n'
        "def org(key):\n"
        '    return requests.get(f"http://{QONTO_HOST}/v2/organization", headers={"Authorization": key})\n'
    )
    assert findings_of(source, "client.py") == [(4, 25, "QNT304")]
