"""Known, legacy and unknown Qonto hosts, with and without scheme, in f-strings and constants."""

from __future__ import annotations

import pytest

from ..helpers import findings_of


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("https://thirdparty.qonto.com/v2", []),
        ("https://oauth.qonto.com/oauth2/token", []),
        ("https://onboarding-partners.qonto.com", []),
        ("https://app.qonto.com/settings", []),
        ("https://qonto.com/en/pricing", []),
        ("https://developers.qonto.com/docs", []),
        ("https://support.qonto.com/hc", []),
        ("https://sandbox.staging.qonto.co", []),
        ("https://api-doc.qonto.com/docs/business-api", []),
        ("thirdparty.qonto.com", []),
        ("https://thirdparty.qonto.eu/v2", ["QNT306"]),
        ("thirdparty.qonto.eu", ["QNT306"]),
        ("http://thirdparty.qonto.eu/v1", ["QNT304", "QNT306"]),
        ("http://thirdparty.qonto.com/v2", ["QNT304"]),
        ("http://oauth.qonto.com/oauth2/token", ["QNT304"]),
        ("http://app.qonto.com", []),
        ("https://thirdparty-sandbox.qonto.com/v2", ["QNT305"]),
        ("https://api.qonto.com/v1", ["QNT305"]),
        ("api.qonto.eu", ["QNT305"]),
        ("https://thirdparty.qonto.co/v2", ["QNT305"]),
        ("https://thirdparty.sandbox.qonto.com/v2", ["QNT305"]),
        ("https://auth.qonto.com/oauth2/token", ["QNT305"]),
        ("https://authentication.qonto.com", ["QNT305"]),
        ("http://api.qonto.com", ["QNT304", "QNT305"]),
        ("https://api.notqonto.com", []),
        ("https://thirdparty.qonto.com.evil.example", []),
    ],
)
def test_host_strings(text, codes):
    source = f"URL = {text!r}\nX_QONTO_STAGING = {{'X-Qonto-Staging-Token': T}}\n"
    found = findings_of(source, "hosts.py")
    assert sorted(c for _l, _col, c in found if c != "QNT302") == codes
    assert all((line, col) == (1, 7) for line, col, c in found if c != "QNT302")


def test_docstrings_are_not_uses():
    source = '"""Formerly on https://thirdparty.qonto.eu; see http://api.qonto.com."""\n'
    assert findings_of(source, "client.py") == []


def test_extra_hosts_are_qonto_hosts():
    from qonto_lint.facts.hosts import HostTable

    source = (
        "import requests\n"
        "def h(login, secret):\n"
        "    return requests.get('https://qonto-proxy.corp.example/v2/labels', headers={'Authorization': f'Basic "
        "{login}:{secret}'})\n"
    )
    hosts = HostTable(frozenset({"qonto-proxy.corp.example"}), frozenset())
    assert findings_of(source, "client.py", hosts=hosts) == [(3, 97, "QNT101")]
    source_other = source.replace("qonto-proxy.corp.example", "proxy.corp.example")
    hosts = HostTable(frozenset({"proxy.corp.example"}), frozenset())
    assert findings_of(source_other, "client.py", hosts=hosts) == [(3, 91, "QNT101")]
