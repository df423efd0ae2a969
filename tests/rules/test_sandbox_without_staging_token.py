"""QNT301 sandbox-without-staging-token: the sandbox host without the staging token header.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

from qonto_lint import Options, lint_source

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


# -- decided request by request ---------------------------------------------------------------


def test_two_sandbox_requests_only_the_one_without_the_token_is_reported():
    source = (
        "import requests\n"
        "def labels(key, staging):\n"
        '    return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/labels",\n'
        '                        headers={"Authorization": key, "X-Qonto-Staging-Token": staging})\n'
        "def memberships(key):\n"
        '    return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/memberships",\n'
        '                        headers={"Authorization": key})\n'
    )
    result = lint_source(source, "client.py", Options())
    assert [(f.line, f.column, f.code) for f in result.findings] == [(6, 25, "QNT301")]
    assert result.findings[0].message == (
        "thirdparty-sandbox.staging.qonto.co is Qonto's sandbox, and a request made to it here does not send "
        "the 'X-Qonto-Staging-Token' header it requires: the sandbox answers with an HTML page or an SSO "
        "redirect instead of JSON"
    )


def test_a_shared_sandbox_constant_is_reported_when_one_of_its_requests_lacks_the_token():
    source = (
        "import requests\n"
        'SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"\n'
        "def labels(key, t):\n"
        '    return requests.get(SANDBOX + "/labels", headers={"Authorization": key, "X-Qonto-Staging-Token": t})\n'
        "def memberships(key):\n"
        '    return requests.get(f"{SANDBOX}/memberships", headers={"Authorization": key})\n'
    )
    assert findings_of(source, "client.py") == [(2, 11, "QNT301")]
    fixed = source.replace(
        'headers={"Authorization": key})', 'headers={"Authorization": key, "X-Qonto-Staging-Token": s})'
    )
    assert findings_of(fixed, "client.py") == []


def test_a_session_that_sends_the_token_is_fine_beside_a_request_that_does_not():
    source = (
        "import requests\n"
        "def session(key, staging):\n"
        "    s = requests.Session()\n"
        '    s.headers["X-Qonto-Staging-Token"] = staging\n'
        '    return s.get("https://thirdparty-sandbox.staging.qonto.co/v2/labels", headers={"Authorization": key})\n'
        "def token(app_id, app_secret, code):\n"
        '    return requests.post("https://oauth-sandbox.staging.qonto.co/oauth2/token",\n'
        '                         data={"grant_type": "authorization_code", "code": code})\n'
    )
    assert findings_of(source, "client.py") == [(7, 26, "QNT301")]


def test_a_client_with_a_sandbox_base_url_is_decided_by_its_requests():
    source = (
        "import httpx\n"
        "class Qonto:\n"
        "    def __init__(self, key, staging):\n"
        '        self.http = httpx.Client(base_url="https://thirdparty-sandbox.staging.qonto.co/v2",\n'
        '                                 headers={"Authorization": key, "X-Qonto-Staging-Token": staging})\n'
        "    def labels(self):\n"
        '        return self.http.get("/labels")\n'
        "def ping(key):\n"
        '    return httpx.get("https://thirdparty-sandbox.staging.qonto.co/v2/organization",\n'
        '                     headers={"Authorization": key})\n'
    )
    assert findings_of(source, "client.py") == [(9, 22, "QNT301")]
    without = source.replace(', "X-Qonto-Staging-Token": staging})', "})")
    assert findings_of(without, "client.py") == [(4, 43, "QNT301"), (9, 22, "QNT301")]


def test_a_request_whose_headers_come_from_elsewhere_is_left_to_the_module():
    source = (
        "import requests\n"
        "from .conf import build_headers\n"
        "def labels():\n"
        '    return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/labels", headers=build_headers())\n'
    )
    assert findings_of(source, "client.py") == [(4, 25, "QNT301")]
    named = source + 'STAGING_HEADER = "X-Qonto-Staging-Token"\n'
    assert findings_of(named, "client.py") == []


# -- fake servers in tests are not requests ---------------------------------------------------

MOCKED_TESTS = (
    "import httpx\n"
    "import requests\n"
    "import requests_mock\n"
    "import responses\n"
    "import respx\n"
    "from qonto_sync.client import QontoClient\n"
    "\n"
    'SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"\n'
    "\n"
    "@responses.activate\n"
    "def test_labels_with_responses():\n"
    '    responses.add(responses.GET, f"{SANDBOX}/labels", json={"labels": []})\n'
    '    responses.get("https://thirdparty-sandbox.staging.qonto.co/v2/memberships", json={})\n'
    "    assert QontoClient().labels() == []\n"
    "\n"
    "@respx.mock\n"
    "def test_labels_with_respx():\n"
    '    respx.get(SANDBOX + "/labels").mock(return_value=httpx.Response(200, json={"labels": []}))\n'
    "    assert QontoClient().labels() == []\n"
    "\n"
    "def test_labels_with_requests_mock():\n"
    "    with requests_mock.Mocker() as m:\n"
    '        m.get("https://thirdparty-sandbox.staging.qonto.co/v2/labels", json={"labels": []})\n'
    "        assert QontoClient().labels() == []\n"
    "\n"
    "def test_with_the_fixture(requests_mock):\n"
    '    requests_mock.get("https://oauth-sandbox.staging.qonto.co/oauth2/token", json={})\n'
    '    assert "X-Qonto-Staging-Token" not in requests_mock.last_request.headers\n'
)


def test_sandbox_urls_registered_with_fake_servers_are_not_requests():
    assert findings_of(MOCKED_TESTS, "tests/test_client.py") == []


def test_a_real_sandbox_request_in_a_test_module_is_still_a_request():
    source = MOCKED_TESTS + (
        '\ndef test_live():\n    assert requests.get(f"{SANDBOX}/organization", headers={"Authorization": "x"}).ok\n'
    )
    assert findings_of(source, "tests/test_client.py") == [(8, 11, "QNT301")]
