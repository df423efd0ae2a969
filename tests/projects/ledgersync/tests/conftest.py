import pytest
import responses

QONTO_SANDBOX_API = "https://thirdparty-sandbox.staging.qonto.co/v2"


@pytest.fixture
def qonto_mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture(autouse=True)
def qonto_env(monkeypatch):
    monkeypatch.setenv("QONTO_LOGIN", "acme-test-1")
    monkeypatch.setenv("QONTO_SECRET_KEY", "not-a-real-key")
