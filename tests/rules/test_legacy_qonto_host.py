"""QNT306 legacy-qonto-host: a legacy Qonto host.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed
from ..helpers import findings_of

FIXES = [
    ("QNT306", "U = 'https://thirdparty.qonto.eu/v2'\n", "U = 'https://thirdparty.qonto.com/v2'\n"),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


def test_hosts_in_f_strings():
    source = "def url(path):\n    return f'https://thirdparty.qonto.eu/v2/{path}'\n"
    assert findings_of(source, "client.py") == [(2, 12, "QNT306")]
    source = "def url(host):\n    return f'https://{host}/qonto'\n"
    assert findings_of(source, "client.py") == []
