"""The connector against a mocked API."""

import responses

from connector.client import transactions


@responses.activate
def test_transactions():
    responses.add(responses.GET, "https://thirdparty-sandbox.staging.qonto.co/v2/transactions", json={"transactions": []})
    assert transactions("FR76") == []
