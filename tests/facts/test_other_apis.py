"""Silence on other APIs inside a Qonto project, findings on the same shapes aimed at Qonto."""

from __future__ import annotations

import pytest

from ..helpers import findings_of

MODULE = '"""Qonto sync plus the other services it talks to."""\nimport requests\nimport httpx\n'


@pytest.mark.parametrize(
    "url",
    [
        "https://api.stripe.com/v1/balance",
        "https://graph.microsoft.com/v1.0/me/drive",
        "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
        "https://slack.com/api/chat.postMessage",
    ],
)
@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ('headers={"Authorization": f"Bearer {api_key}"}', "QNT102"),
        ('headers={"Authorization": f"Basic {login}:{secret}"}', "QNT101"),
        ("auth=(login, secret)", "QNT107"),
        ('headers={"Authorization": access_token}', "QNT110"),
        ('headers={"Authorization": base64.b64encode(f"{login}:{secret}".encode())}', "QNT103"),
    ],
)
def test_other_hosts_are_silent_and_qonto_is_not(url, kwargs, code):
    other = MODULE + f"def call(api_key, login, secret, access_token):\n    return requests.get({url!r}, {kwargs})\n"
    assert findings_of(other, "sync.py") == []
    qonto = other.replace(url, "https://thirdparty.qonto.com/v2/organization")
    assert [c for _l, _col, c in findings_of(qonto, "sync.py")] == [code]


def test_basic_auth_to_the_oauth_token_endpoint_is_client_authentication():
    source = MODULE + (
        "def exchange(app_id, app_key, code):\n"
        '    requests.post("https://oauth.qonto.com/oauth2/token", auth=(app_id, app_key), data={"code": code})\n'
        '    requests.post("https://oauth-sandbox.staging.qonto.co/oauth2/token", auth=(app_id, app_key),\n'
        '                  headers={"X-Qonto-Staging-Token": STAGING})\n'
        '    basic = base64.b64encode(f"{app_id}:{app_key}".encode()).decode()\n'
        '    return requests.post("https://oauth.qonto.com/v2/oauth2/token", headers={"Authorization": f"Basic '
        '{basic}"})\n'
    )
    assert findings_of(source, "sync.py") == []


def test_client_credentials_by_name_are_exempt():
    source = MODULE + (
        "def token(client_id, client_secret):\n"
        "    return httpx.post(TOKEN_URL, auth=httpx.BasicAuth(client_id, client_secret))\n"
    )
    assert findings_of(source, "qonto_oauth.py") == []


def test_correct_oauth_bearer_headers_are_silent():
    source = MODULE + (
        "def org(tokens, access_token):\n"
        '    requests.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": f"Bearer '
        '{access_token}"})\n'
        '    requests.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": "Bearer " + '
        'tokens["access_token"]})\n'
        '    return requests.get("https://thirdparty.qonto.com/v2/labels", headers={"Authorization": f"Bearer '
        '{token}"})\n'
    )
    assert findings_of(source, "sync.py") == []


# ------------------------------------------------------------------- HTTP clients


def test_http_client_connection_host_resolves_the_request():
    source = (
        "import http.client\n"
        "conn = http.client.HTTPSConnection('api.github.com')\n"
        "QONTO = 'qonto'\n"
        'conn.request("GET", "/user", headers={"Authorization": f"Basic {LOGIN}:{SECRET}"})\n'
    )
    assert findings_of(source, "sync.py") == []
    qonto = source.replace("api.github.com", "thirdparty.qonto.com")
    assert findings_of(qonto, "sync.py") == [(4, 56, "QNT101")]


def test_urllib_request_add_header():
    source = (
        "import urllib.request\n"
        "req = urllib.request.Request('https://thirdparty.qonto.com/v2/labels')\n"
        'req.add_header("Authorization", "Bearer " + QONTO_SECRET_KEY)\n'
    )
    assert findings_of(source, "sync.py") == [(3, 33, "QNT102")]
    other = source.replace("https://thirdparty.qonto.com/v2/labels", "https://api.example.com/v1")
    assert findings_of(other, "sync.py") == []


def test_aiohttp_hdrs_authorization_key():
    source = (
        "from aiohttp import hdrs\n"
        "QONTO = 'https://thirdparty.qonto.com'\n"
        "def h(login, secret):\n"
        "    return {hdrs.AUTHORIZATION: f'Basic {login}:{secret}'}\n"
    )
    assert findings_of(source, "sync.py") == [(4, 33, "QNT101")]


@pytest.mark.parametrize(
    ("site", "column"),
    [
        ('dict(Authorization=f"Basic {login}:{secret}")', 24),
        ('headers.update(Authorization=f"Basic {login}:{secret}")', 34),
        ('headers.setdefault("Authorization", f"Basic {login}:{secret}")', 41),
        ('headers.set("Authorization", f"Basic {login}:{secret}")', 34),
        ('conn.putheader("Authorization", f"Basic {login}:{secret}")', 37),
        ('[("Authorization", f"Basic {login}:{secret}")]', 24),
        ('AUTH_HEADER_PAIR = ("Authorization", f"Basic {login}:{secret}")', 42),
    ],
)
def test_header_site_forms(site, column):
    source = f"# qonto\ndef h(headers, conn, login, secret):\n    {site}\n"
    assert findings_of(source, "client.py") == [(3, column, "QNT101")]


def test_key_bound_to_a_module_constant():
    source = 'AUTH = "Authorization"\n# qonto\ndef h(login, secret):\n    return {AUTH: f"Basic {login}:{secret}"}\n'
    assert findings_of(source, "client.py") == [(4, 19, "QNT101")]
