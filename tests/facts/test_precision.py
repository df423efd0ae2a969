"""Shapes from real integrations: silence where the header is not Qonto's, findings where it is."""

from __future__ import annotations

from ..helpers import findings_of


def test_own_service_endpoints_in_tests_are_not_qonto():
    source = (
        "from fastapi.testclient import TestClient\n"
        "client = TestClient(app)\n"
        "def test_qonto_webhook(settings):\n"
        '    client.post("/webhooks/qonto", headers={"Authorization": f"Bearer {settings.WEBHOOK_SECRET}"})\n'
        '    client.get("/api/qonto/sync", headers={"Authorization": f"Basic {user}:{password}"})\n'
    )
    assert findings_of(source, "tests/test_webhooks.py") == []


def test_relative_qonto_api_paths_stay_undecided_and_follow_the_scope():
    source = (
        "class QontoApi:\n"
        "    def labels(self, client, login, secret):\n"
        '        return client.get("/v2/labels", headers={"Authorization": f"Basic {login}:{secret}"})\n'
    )
    assert findings_of(source, "client.py") == [(3, 67, "QNT101")]


def test_other_vendors_named_parts_are_not_qonto_context():
    source = (
        "import os\n"
        "QONTO_HEADERS = {'Authorization': f\"{os.getenv('QONTO_LOGIN')}:{os.getenv('QONTO_SECRET_KEY')}\"}\n"
        "NOTION_HEADERS = {'Authorization': f\"Bearer {os.getenv('NOTION_API_KEY')}\"}\n"
        "def stripe_headers(settings):\n"
        "    return {'Authorization': f'Bearer {settings.STRIPE_SECRET_KEY}'}\n"
        "def qonto_headers(settings):\n"
        "    return {'Authorization': f'Bearer {settings.QONTO_SECRET_KEY}'}\n"
    )
    assert findings_of(source, "integrations.py") == [(7, 30, "QNT102")]


def test_auth_objects_follow_the_requests_they_are_given_to():
    source = (
        "import requests\n"
        "QONTO = 'https://thirdparty.qonto.com/v2'\n"
        "class BearerAuth(requests.auth.AuthBase):\n"
        "    def __init__(self, api_key):\n"
        "        self.api_key = api_key\n"
        "    def __call__(self, r):\n"
        '        r.headers["Authorization"] = f"Bearer {self.api_key}"\n'
        "        return r\n"
        "def deals(key):\n"
        '    return requests.get("https://api.pipedrive.com/v1/deals", auth=BearerAuth(key))\n'
    )
    assert findings_of(source, "sync.py") == []
    qonto = source.replace("https://api.pipedrive.com/v1/deals", "https://thirdparty.qonto.com/v2/labels")
    assert findings_of(qonto, "sync.py") == [(7, 38, "QNT102")]


def test_sessions_returned_by_a_factory():
    source = (
        "import requests\n"
        "QONTO = 'https://thirdparty.qonto.com/v2'\n"
        "def github_session(api_key):\n"
        "    s = requests.Session()\n"
        '    s.headers["Authorization"] = f"Bearer {api_key}"\n'
        "    return s\n"
        "def repos(key):\n"
        '    return github_session(key).get("https://api.github.com/user/repos")\n'
    )
    assert findings_of(source, "sync.py") == []


def test_urljoin_resolves_the_host():
    source = (
        "from urllib.parse import urljoin\n"
        "import requests\n"
        "QONTO = 'https://thirdparty.qonto.com/v2'\n"
        "JIRA = 'https://acme.atlassian.net'\n"
        "def me(email, api_token):\n"
        '    return requests.get(urljoin(JIRA, "/rest/api/3/myself"), headers={"Authorization": f"Basic '
        '{email}:{api_token}"})\n'
    )
    assert findings_of(source, "sync.py") == []
    qonto = source.replace('urljoin(JIRA, "/rest/api/3/myself")', 'urljoin(QONTO, "/v2/labels")')
    assert [c for _l, _c, c in findings_of(qonto, "sync.py")] == ["QNT101"]


def test_f_string_urls_with_a_variable_label_are_evidence_of_their_host():
    source = (
        '"""Support tickets for our Qonto integration."""\n'
        "import requests\n"
        "class ZendeskClient:\n"
        "    def __init__(self, subdomain, email, api_token):\n"
        '        self.base = f"https://{subdomain}.zendesk.com/api/v2/"\n'
        "        self.session = requests.Session()\n"
        '        self.session.headers["Authorization"] = f"Basic {email}/token:{api_token}"\n'
    )
    assert findings_of(source, "support.py") == []


def test_hosts_used_as_patterns_are_not_uses():
    source = (
        "def migrate(url):\n"
        '    if "thirdparty.qonto.eu" in url:\n'
        '        return url.replace("thirdparty.qonto.eu", "thirdparty.qonto.com")\n'
        '    return url.replace("http://thirdparty.qonto.com", "https://thirdparty.qonto.com")\n'
    )
    assert findings_of(source, "client.py") == []


def test_token_endpoint_from_an_environment_default():
    source = (
        "import os\n"
        "import requests\n"
        "class QontoOAuth:\n"
        "    def __init__(self):\n"
        '        self.app_id = os.environ["QONTO_APP_ID"]\n'
        '        self.app_secret = os.environ["QONTO_APP_SECRET"]\n'
        '        self.token_url = os.environ.get("QONTO_TOKEN_URL", "https://oauth.qonto.com/oauth2/token")\n'
        "    def exchange(self, code):\n"
        '        return requests.post(self.token_url, auth=(self.app_id, self.app_secret), data={"code": code})\n'
    )
    assert findings_of(source, "oauth.py") == []


STRIPE_AND_QONTO = 'STRIPE_URL = "https://api.stripe.com/v1"\nQONTO_URL = "https://thirdparty.qonto.com/v2"\n'


def test_headers_given_to_a_client_go_where_its_requests_go():
    source = (
        "import httpx, aiohttp\n" + STRIPE_AND_QONTO + "def charges(api_key):\n"
        '    with httpx.Client(headers={"Authorization": f"Bearer {api_key}"}) as client:\n'
        '        return client.get(STRIPE_URL + "/charges")\n'
        "async def refunds(api_key):\n"
        '    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {api_key}"}) as session:\n'
        '        return await session.get(STRIPE_URL + "/refunds")\n'
        "def qonto(login, secret_key):\n"
        '    client = httpx.Client(headers={"Authorization": f"Bearer {login}:{secret_key}"})\n'  # line 11
        '    return client.get(QONTO_URL + "/organization")\n'
    )
    assert findings_of(source, "payments.py") == [(11, 53, "QNT102")]


def test_method_first_requests_and_prepared_requests():
    source = (
        "import requests\n" + STRIPE_AND_QONTO + "def stripe_call(method, path, api_key):\n"
        '    return requests.request(method, STRIPE_URL + path, headers={"Authorization": "Bearer " + api_key})\n'
        "def prepared(session, api_key):\n"
        '    request = requests.Request("GET", STRIPE_URL + "/charges", headers={"Authorization": f"Bearer '
        '{api_key}"})\n'
        "    return session.send(request.prepare())\n"
        "def qonto_call(http_method, login, secret_key):\n"
        '    return requests.request(http_method, QONTO_URL, headers={"Authorization": f"Bearer '
        '{login}:{secret_key}"})\n'  # 10
    )
    assert findings_of(source, "payments.py") == [(10, 79, "QNT102")]


def test_other_vendors_urls_from_env_defaults_settings_and_constant_dicts():
    source = (
        "import os, requests\n"
        "from django.conf import settings\n"
        'STRIPE_BASE = os.getenv("STRIPE_API_BASE", "https://api.stripe.com")\n'
        'QONTO_BASE = os.getenv("QONTO_API_BASE", "https://thirdparty.qonto.com")\n'
        'ENDPOINTS = {"stripe": "https://api.stripe.com/v1", "qonto": "https://thirdparty.qonto.com/v2"}\n'
        "def a(api_key):\n"
        '    return requests.get(STRIPE_BASE + "/v1/payouts", headers={"Authorization": "Bearer " + api_key})\n'
        "def b(api_key):\n"
        '    return requests.get(f"{settings.STRIPE_API_URL}/charges", headers={"Authorization": f"Bearer '
        '{api_key}"})\n'
        "def c(api_key):\n"
        '    return requests.get(ENDPOINTS["stripe"] + "/charges", headers={"Authorization": "Bearer " + api_key})\n'
        "def d(api_key):\n"
        '    return requests.get(ENDPOINTS["qonto"] + "/organization", headers={"Authorization": "Bearer " + '
        "api_key})\n"  # 13
    )
    assert findings_of(source, "payments.py") == [(13, 89, "QNT102")]


def test_headers_passed_in_kwargs_go_where_the_kwargs_go():
    source = (
        "import requests\n" + STRIPE_AND_QONTO + "def charges(api_key):\n"
        '    kwargs = {"headers": {"Authorization": f"Bearer {api_key}"}, "timeout": 10}\n'
        '    return requests.get(STRIPE_URL + "/charges", **kwargs)\n'
        "def organization(login, secret):\n"
        '    return requests.get(QONTO_URL, **{"headers": {"Authorization": f"Basic {login}:{secret}"}})\n'  # 8
    )
    assert findings_of(source, "payments.py") == [(8, 68, "QNT101")]


QONTOS_SDK = '''\
"""QONTOS quantum orchestration SDK."""
_DEFAULT_BASE_URL = "https://api.qontos.io"


class QontosClient:
    def __init__(self, qontos_api_key):
        self.user_agent = "qontos-python/0.1.0"
        self.api_key = qontos_api_key

    def _default_headers(self):
        return {"Authorization": f"Bearer {self.api_key}", "User-Agent": self.user_agent}
'''


def test_a_word_that_holds_qonto_s_letters_is_not_qonto():
    # QONTOS (another company's SDK), laqonto.com: no evidence of Qonto, in the code or the path
    assert findings_of(QONTOS_SDK, "src/qontos/client.py") == []
    laqonto = (
        'BASE = "https://api.laqonto.com/v1"\n\ndef headers(key):\n    return {"Authorization": f"Bearer {key}"}\n'
    )
    assert findings_of(laqonto, "client.py") == []
    # the same code named after Qonto is Qonto's
    qonto = QONTOS_SDK.replace("QONTOS", "Qonto").replace("Qontos", "Qonto").replace("qontos", "qonto")
    assert findings_of(qonto.replace("api.qonto.io", "api.example.io"), "client.py") == [(11, 34, "QNT102")]
    assert findings_of(laqonto, "qonto/client.py") == [(4, 30, "QNT102")]


def test_the_word_qonto_in_names_strings_and_paths():
    from qonto_lint.knowledge.qonto import mentions_qonto

    said = ["QONTO_API_KEY", "QontoClient", "myQontoClient", "thirdparty.qonto.com", "Qonto's", "qontoclient"]
    said += [
        "qonto_session",
        "getQontoOrganization",
        "OnlineBankStatementProviderQonto",
        "src/qonto/api.py",
        "%3Aqonto",
    ]
    assert [text for text in said if not mentions_qonto(text)] == []
    unsaid = ["qontos", "QONTOS", "QontosClient", "qontos_api_key", "api.laqonto.com", "qontolint", "src/qontos/x.py"]
    assert [text for text in unsaid if mentions_qonto(text)] == []


def test_a_documentation_placeholder_in_braces_with_hyphens_is_reported():
    # Qonto's documentation and Postman collections write `{organization-slug}:{secret-key}`
    source = (
        "import requests\n\n\ndef org():\n"
        '    headers = {"Authorization": "{organization-slug}:{secret-key}"}\n'
        '    return requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)\n'
    )
    assert findings_of(source, "client.py") == [(5, 33, "QNT109")]
    from qonto_lint import lint_source

    (finding,) = lint_source(source, "client.py").findings
    assert finding.message.startswith("the value still holds the placeholder '{organization-slug}': ")
    script = (
        'await fetch("https://thirdparty.qonto.com/v2/organization", '
        '{ headers: { Authorization: "{organization-slug}:{secret-key}" } });\n'
    )
    assert [(f.line, f.column, f.code) for f in lint_source(script, "quickstart.mjs").findings] == [(1, 89, "QNT109")]
    # braces around an expression in an f-string are no placeholder: `{org_slug}` is filled in
    filled = source.replace('"{organization-slug}:{secret-key}"', 'f"{org_slug}:{secret_key}"')
    assert findings_of(filled, "client.py") == []
