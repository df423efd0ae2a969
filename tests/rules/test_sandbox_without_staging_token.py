"""QNT301 sandbox-without-staging-token: the sandbox host without the staging token header.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

from ..helpers import findings_of


def test_staging_header_that_is_only_read_or_removed_does_not_count_as_set():
    removed = (
        "import requests\n"
        'SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"\n'
        "def call(headers):\n"
        '    headers.pop("X-Qonto-Staging-Token", None)\n'
        '    if "X-Qonto-Staging-Token" in headers:\n'
        '        del headers["X-Qonto-Staging-Token"]\n'
        '    return requests.get(SANDBOX + "/organization", headers=headers)\n'
    )
    assert findings_of(removed, "client.py") == [(2, 11, "QNT301")]
    named = removed.replace("def call(headers):\n", 'STAGING_HEADER = "X-Qonto-Staging-Token"\ndef call(headers):\n')
    assert findings_of(named, "client.py") == []


def test_staging_header_name_in_a_constant_counts_as_set():
    source = (
        "from .conf import build_headers\n"
        "SANDBOX = 'https://thirdparty-sandbox.staging.qonto.co/v2'\n"
        "STAGING_HEADER = 'X-Qonto-Staging-Token'\n"
    )
    assert findings_of(source, "client.py") == []


def test_sandbox_needs_the_staging_token_in_the_module():
    source = "SANDBOX = 'https://thirdparty-sandbox.staging.qonto.co'\n"
    assert findings_of(source, "client.py") == [(1, 11, "QNT301")]
    with_token = source + "H = {'x-qonto-staging-token': TOKEN}\n"
    assert findings_of(with_token, "client.py") == [(2, 6, "QNT303")]
