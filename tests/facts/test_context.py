"""Qonto context: each evidence source with a positive and a negative case."""

from __future__ import annotations

from ..helpers import findings_of

BASIC = '{"Authorization": f"Basic {login}:{secret}"}'


# 1. the request's URL ------------------------------------------------------------


def test_request_to_a_qonto_host_is_qonto_context_whatever_the_scope_says():
    source = (
        '"""Stripe billing (https://api.stripe.com)."""\n'
        "import requests\n"
        "def call(login, secret):\n"
        '    requests.get("https://api.stripe.com/v1/balance")\n'
        f'    return requests.get("https://thirdparty.qonto.com/v2/organization", headers={BASIC})\n'
    )
    assert findings_of(source, "billing.py") == [(5, 99, "QNT101")]


def test_request_to_another_host_is_not_qonto_context_whatever_the_file_says():
    source = (
        "# qonto sync module: QONTO everywhere\n"
        "import requests\n"
        "QONTO_API = 'https://thirdparty.qonto.com/v2'\n"
        "def call(login, secret):\n"
        f'    return requests.get("https://api.stripe.com/v1/balance", headers={BASIC})\n'
    )
    assert findings_of(source, "qonto_sync.py") == []


def test_request_url_through_a_constant_and_a_variable():
    source = (
        "import requests\n"
        "GRAPH = 'https://graph.microsoft.com/v1.0'\n"
        "QONTO = 'https://thirdparty.qonto.com/v2'\n"
        "def graph(login, secret):\n"
        f"    headers = {BASIC}\n"
        "    return requests.get(f'{GRAPH}/me', headers=headers)\n"
        "def qonto(login, secret):\n"
        f"    headers = {BASIC}\n"
        "    return requests.get(QONTO + '/organization', headers=headers)\n"
    )
    assert findings_of(source, "sync.py") == [(8, 33, "QNT101")]


def test_headers_returned_by_a_function_follow_its_callers():
    source = (
        "import requests\n"
        "def stripe_headers(login, secret):\n"
        f"    return {BASIC}\n"
        "def stripe():\n"
        "    return requests.get('https://api.stripe.com/v1/x', headers=stripe_headers('a', 'b'))\n"
        "QONTO = 'https://thirdparty.qonto.com/v2'\n"
    )
    assert findings_of(source, "sync.py") == []


def test_session_headers_follow_the_session_requests():
    source = (
        "import requests\n"
        "QONTO_NOTE = 'qonto'\n"
        "def github(login, secret):\n"
        "    session = requests.Session()\n"
        '    session.headers["Authorization"] = f"Basic {login}:{secret}"\n'
        "    return session.get('https://api.github.com/user')\n"
    )
    assert findings_of(source, "sync.py") == []
    qonto = source.replace("https://api.github.com/user", "https://thirdparty.qonto.com/v2/organization")
    assert findings_of(qonto, "sync.py") == [(5, 40, "QNT101")]


def test_client_base_url_decides():
    source = (
        "import httpx\n"
        "QONTO = 'qonto'\n"
        "def call(login, secret):\n"
        "    with httpx.Client(base_url='https://api.slack.com', headers=HEADERS) as client:\n"
        "        return client.get('/api/chat.postMessage')\n"
        "HEADERS = {'Authorization': 'Basic ' + LOGIN}\n"
    )
    assert findings_of(source, "sync.py") == []


# 2. the innermost scope that holds evidence -------------------------------------------


def test_function_evidence_of_another_host_wins_over_the_module():
    source = (
        "QONTO_API = 'https://thirdparty.qonto.com/v2'\n"
        "def twilio_headers(login, secret):\n"
        "    base = 'https://api.twilio.com/2010-04-01'\n"
        f"    return {BASIC}\n"
    )
    assert findings_of(source, "sync.py") == []


def test_function_without_evidence_takes_the_class_then_the_module():
    in_class = f"class QontoClient:\n    def headers(self, login, secret):\n        return {BASIC}\n"
    assert findings_of(in_class, "client.py") == [(3, 34, "QNT101")]
    in_module = f"# talks to Qonto\ndef headers(login, secret):\n    return {BASIC}\n"
    assert findings_of(in_module, "client.py") == [(3, 30, "QNT101")]


def test_class_of_another_api_inside_a_qonto_module():
    source = (
        "QONTO_API = 'https://thirdparty.qonto.com/v2'\n"
        "class Stripe:\n"
        "    URL = 'https://api.stripe.com/v1'\n"
        "    def headers(self, login, secret):\n"
        f"        return {BASIC}\n"
    )
    assert findings_of(source, "billing.py") == []


def test_qonto_word_in_a_docstring_comment_or_identifier():
    for source in (
        f'def h(login, secret):\n    """Headers for the Qonto API."""\n    return {BASIC}\n',
        f"def h(login, secret):\n    # qonto\n    return {BASIC}\n",
        f"def qonto_headers(login, secret):\n    return {BASIC}\n",
    ):
        assert [code for _l, _c, code in findings_of(source, "client.py")] == ["QNT101"]


# 3. a value part named with qonto ---------------------------------------------------------


def test_value_part_named_qonto():
    source = (
        "import os\n"
        "def h():\n"
        "    base = 'https://example.com/api'\n"
        '    return {"Authorization": "Basic " + os.environ["QONTO_KEY"]}\n'
    )
    assert findings_of(source, "client.py") == [(4, 30, "QNT101")]
    other = source.replace("QONTO_KEY", "EXAMPLE_KEY") + "# qonto\n"
    assert findings_of(other, "client.py") == []


# 4. the module's path -----------------------------------------------------------------------


def test_path_containing_qonto_is_module_evidence():
    source = f"def h(login, secret):\n    return {BASIC}\n"
    assert findings_of(source, "integrations/qonto/payments.py") == [(2, 30, "QNT101")]
    assert findings_of(source, "integrations/bank/payments.py") == []


# 5. assume-qonto ------------------------------------------------------------------------------


def test_assume_qonto_treats_every_header_as_qontos():
    source = f"def h(login, secret):\n    return {BASIC}\n"
    assert findings_of(source, "client.py", assume_qonto=True) == [(2, 30, "QNT101")]
    assert findings_of(source, "client.py", assume_qonto=False) == []
