"""Unit tests for the Qonto client (HTTP mocked with responses)."""
import responses

from ledger_sync.bank_client import BankClient

ORG_URL = "https://thirdparty.qonto.com/v2/organization"


@responses.activate
def test_sends_raw_key(monkeypatch):
    monkeypatch.setenv("QONTO_LOGIN", "test-org-1234")
    monkeypatch.setenv("QONTO_SECRET_KEY", "dummy-secret")
    responses.add(responses.GET, ORG_URL, json={"organization": {"slug": "test-org-1234"}})
    client = BankClient()
    client.session.get(ORG_URL)
    assert responses.calls[0].request.headers["Authorization"] == "test-org-1234:dummy-secret"


def test_header_shape():
    headers = {"Authorization": "acme-test-0001:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}
    assert ":" in headers["Authorization"]


def test_github_mock():
    headers = {"Authorization": "Bearer ghp_exampletoken"}
    assert headers["Authorization"].startswith("Bearer ")
