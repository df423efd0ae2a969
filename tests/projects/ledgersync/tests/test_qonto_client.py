import responses

from ledgersync.clients.qonto import QontoClient


@responses.activate
def test_transactions(monkeypatch):
    responses.add(
        responses.GET,
        "https://thirdparty-sandbox.staging.qonto.co/v2/transactions",
        json={"transactions": [], "meta": {}},
    )
    responses.add(
        responses.GET,
        "https://thirdparty.qonto.com/v2/transactions",
        json={"transactions": [], "meta": {}},
        match=[responses.matchers.header_matcher({"Authorization": "acme-test-1:testsecret"})],
    )
    assert QontoClient().transactions("FR7612345") == []
