"""QNT302 staging-token-to-production: the staging token sent to the production host.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

from ..helpers import findings_of


def test_staging_token_in_a_production_only_module():
    source = "import requests\nURL = 'https://thirdparty.qonto.com/v2'\nH = {'X-Qonto-Staging-Token': TOKEN}\n"
    assert findings_of(source, "client.py") == [(3, 6, "QNT302")]
    both = source + "SANDBOX = 'https://thirdparty-sandbox.staging.qonto.co/v2'\n"
    assert findings_of(both, "client.py") == []


def test_staging_token_on_a_request_to_production_even_with_sandbox_in_the_module():
    source = (
        "import requests\n"
        "SANDBOX = 'https://thirdparty-sandbox.staging.qonto.co/v2'\n"
        "def prod(token):\n"
        "    return requests.get('https://thirdparty.qonto.com/v2/labels', headers={'X-Qonto-Staging-Token': token})\n"
    )
    assert findings_of(source, "client.py") == [(4, 76, "QNT302")]
