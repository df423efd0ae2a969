"""QNT302 staging-token-to-production: the staging token sent to the production host.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

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


def test_staging_token_on_a_sandbox_request_is_fine_beside_production_references():
    source = (
        "import requests\n"
        "PRODUCTION = 'https://thirdparty.qonto.com/v2'\n"
        "def sandbox(token):\n"
        "    return requests.get('https://thirdparty-sandbox.staging.qonto.co/v2/labels',\n"
        "                        headers={'X-Qonto-Staging-Token': token})\n"
    )
    assert findings_of(source, "client.py") == []


def test_staging_token_given_to_a_fake_server_is_not_sent():
    source = (
        "import httpx\n"
        "import respx\n"
        "import responses\n"
        "from responses import matchers\n"
        "PRODUCTION = 'https://thirdparty.qonto.com/v2'\n"
        "@responses.activate\n"
        "def test_matcher():\n"
        "    responses.add(responses.GET, f'{PRODUCTION}/labels', json={},\n"
        "                  match=[matchers.header_matcher({'X-Qonto-Staging-Token': 'test'})])\n"
        "@respx.mock\n"
        "def test_respx():\n"
        "    respx.get(PRODUCTION + '/labels', headers={'X-Qonto-Staging-Token': 'test'}).mock(\n"
        "        return_value=httpx.Response(200, json={}))\n"
    )
    assert findings_of(source, "tests/test_client.py") == []


def test_production_urls_registered_with_a_fake_server_do_not_make_a_production_module():
    source = (
        "import responses\n"
        "from qonto_sync.client import QontoClient\n"
        "PRODUCTION = 'https://thirdparty.qonto.com/v2'\n"
        "@responses.activate\n"
        "def test_client_under_test_gets_the_token():\n"
        "    responses.add(responses.GET, f'{PRODUCTION}/labels', json={'labels': []})\n"
        "    client = QontoClient(headers={'X-Qonto-Staging-Token': 'test'})\n"
        "    assert client.labels() == []\n"
    )
    assert findings_of(source, "tests/test_client.py") == []
    # the same module with a production URL that is not a registration stays a production module
    real = source.replace(
        "PRODUCTION = 'https://thirdparty.qonto.com/v2'\n",
        "PRODUCTION = 'https://thirdparty.qonto.com/v2'\nLIVE = 'https://thirdparty.qonto.com/v2'\n",
    )
    assert findings_of(real, "tests/test_client.py") == [(8, 35, "QNT302")]


ENV_HOST = """\
import os
from urllib import request


def call(path):
    host = os.getenv("QONTO_THIRDPARTY_HOST", "https://thirdparty.qonto.com")
    headers = {"Authorization": f"{os.getenv('QONTO_ORGANIZATION_ID')}:{os.getenv('QONTO_API_KEY')}"}
    staging_token = os.getenv("QONTO_STAGING_TOKEN")
    if staging_token is not None:
        headers["X-Qonto-Staging-Token"] = staging_token
    return request.urlopen(request.Request(f"{host}{path}", headers=headers))
"""


def test_a_host_the_deployment_chooses_is_not_production():
    # the production host is only the default of an environment variable, which the sandbox's
    # deployment sets (with the token): Qonto's own MCP server is written so
    assert findings_of(ENV_HOST, "qonto_client.py") == []
    fixed = ENV_HOST.replace(
        'os.getenv("QONTO_THIRDPARTY_HOST", "https://thirdparty.qonto.com")', '"https://thirdparty.qonto.com"'
    )
    assert findings_of(fixed, "qonto_client.py") == [(10, 17, "QNT302")]


def test_a_module_whose_only_production_host_is_an_environment_default():
    # the headers are built apart from any request: the module's hosts decide, and a default
    # of an environment variable is not one
    source = (
        "import os\n"
        'HOST = os.environ.get("QONTO_HOST", "https://thirdparty.qonto.com")\n'
        "def build_headers():\n"
        '    return {"X-Qonto-Staging-Token": os.environ["QONTO_STAGING_TOKEN"]}\n'
    )
    assert findings_of(source, "qonto_client.py") == []
    fixed = source.replace(
        'os.environ.get("QONTO_HOST", "https://thirdparty.qonto.com")', '"https://thirdparty.qonto.com"'
    )
    assert findings_of(fixed, "qonto_client.py") == [(4, 13, "QNT302")]


@pytest.mark.parametrize("fallback", ["||", "??"])
def test_a_javascript_host_the_deployment_chooses_is_not_production(fallback):
    from qonto_lint import lint_source

    script = (
        f'const host = process.env.QONTO_THIRDPARTY_HOST {fallback} "https://thirdparty.qonto.com";\n'
        "export function buildHeaders() {\n"
        "  const headers = { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` };\n"
        '  if (process.env.QONTO_STAGING_TOKEN) headers["X-Qonto-Staging-Token"] = process.env.QONTO_STAGING_TOKEN;\n'
        "  return headers;\n"
        "}\n"
    )
    assert lint_source(script, "qontoClient.mjs").findings == []
    fixed = script.replace(f"process.env.QONTO_THIRDPARTY_HOST {fallback} ", "")
    assert [(f.line, f.column, f.code) for f in lint_source(fixed, "qontoClient.mjs").findings] == [(4, 48, "QNT302")]
