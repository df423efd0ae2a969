from ledgersync.clients.qonto import QontoClient

from .conftest import QONTO_SANDBOX_API


def test_organization(qonto_mock):
    qonto_mock.get(f"{QONTO_SANDBOX_API}/organization", json={"organization": {"slug": "acme-test-1"}})
    qonto_mock.get("https://thirdparty.qonto.com/v2/organization", json={"organization": {"slug": "acme-test-1"}})
    assert QontoClient().organization()["slug"] == "acme-test-1"
