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


# 6. evidence against Qonto ---------------------------------------------------------------------

PROVIDERS = (
    "import requests\n"
    "QONTO_API = 'https://thirdparty.qonto.com/v2'\n"
    "PROVIDERS = {\n"
    "    'openai': {'base_url': 'https://api.openai.com/v1', 'model': 'gpt-4o-mini'},\n"
    "    'groq': {'base_url': 'https://api.groq.com/openai/v1', 'model': 'llama-3.1-8b-instant'},\n"
    "}\n"
)


def test_a_url_from_a_dict_indexed_by_a_variable_is_any_of_its_entries():
    source = PROVIDERS + (
        "def models(name, api_key):\n"
        "    config = PROVIDERS[name]\n"
        "    return requests.get(f\"{config['base_url']}/models\", headers={'Authorization': f'Bearer {api_key}'})\n"
    )
    assert findings_of(source, "qonto_sync.py") == []


def test_a_dict_entry_chosen_by_a_literal_key_or_get_with_a_default():
    source = PROVIDERS + (
        "def models(api_key, name):\n"
        "    base = PROVIDERS['groq']['base_url']\n"
        "    other = PROVIDERS.get(name, PROVIDERS['openai'])['base_url']\n"
        "    requests.get(base + '/models', headers={'Authorization': f'Bearer {api_key}'})\n"
        "    return requests.get(other + '/models', headers={'Authorization': f'Bearer {api_key}'})\n"
    )
    assert findings_of(source, "qonto_sync.py") == []


def test_candidates_that_include_a_qonto_url_leave_the_request_undecided():
    source = PROVIDERS.replace(
        "    'groq'", "    'qonto': {'base_url': 'https://thirdparty.qonto.com/v2'},\n    'groq'"
    ) + (
        "def models(name, api_key):\n"
        "    config = PROVIDERS[name]\n"
        "    return requests.get(f\"{config['base_url']}/models\", headers={'Authorization': f'Bearer {api_key}'})\n"
    )
    assert findings_of(source, "qonto_sync.py") == [(10, 83, "QNT102")]


def test_a_candidate_that_cannot_be_told_leaves_the_request_undecided():
    source = PROVIDERS + (
        "EXTRA = load_providers()\n"
        "def models(name, api_key):\n"
        "    config = PROVIDERS[name] if name in PROVIDERS else EXTRA[name]\n"
        "    return requests.get(f\"{config['base_url']}/models\", headers={'Authorization': f'Bearer {api_key}'})\n"
    )
    assert findings_of(source, "qonto_sync.py") == [(10, 83, "QNT102")]


def test_a_dict_the_module_changes_is_not_all_its_candidates():
    call = "    return requests.get(f\"{config['base_url']}/models\", headers={'Authorization': f'Bearer {api_key}'})\n"
    for change in (
        "PROVIDERS['qonto'] = {'base_url': 'https://thirdparty.qonto.com/v2'}\n",
        "PROVIDERS.update(load_providers())\n",
        "PROVIDERS['openai']['base_url'] = QONTO_API\n",
    ):
        source = PROVIDERS + change + "def models(name, api_key):\n    config = PROVIDERS[name]\n" + call
        assert findings_of(source, "qonto_sync.py") == [(10, 83, "QNT102")], change


def test_another_apis_path_is_evidence_against_qonto():
    source = (
        "import httpx\n"
        "QONTO_API = 'https://thirdparty.qonto.com/v2'\n"
        "def complete(base_url, api_key, client):\n"
        "    httpx.post(f'{base_url}/chat/completions', headers={'Authorization': f'Bearer {api_key}'})\n"
        "    httpx.post(base_url + '/v1/messages', headers={'Authorization': f'Bearer {api_key}'})\n"
        "    return client.post('/v1/chat/completions', headers={'Authorization': f'Bearer {api_key}'})\n"
    )
    assert findings_of(source, "qonto_sync.py") == []
    # a Qonto path after the same unknown base stays undecided, and the module says Qonto
    qonto = source.replace("/chat/completions", "/v2/transactions", 1)
    assert findings_of(qonto, "qonto_sync.py") == [(4, 73, "QNT102")]


def test_other_apis_paths_match_whole_segments():
    from qonto_lint.facts.hosts import foreign_api_of

    assert foreign_api_of("/v1/chat/completions?stream=true") == "openai"
    assert foreign_api_of("/openai/v1/chat/completions") == "openai"
    assert foreign_api_of("/v1/messages") == "anthropic"
    assert foreign_api_of("/v1/charges/ch_1/refund") == "stripe"
    assert foreign_api_of("/v1/messages_archive") is None
    assert foreign_api_of("/v2/transactions") is None
    assert foreign_api_of("/v2/chat/completionsx") is None


# 7. how the context is known: seen or inferred ------------------------------------------------


def _contexts(source: str, path: str = "client.py", assume_qonto: bool = False) -> list[tuple[str, str, bool]]:
    """(the function holding the header, how its Qonto context is known, whether Qonto is seen)."""
    import textwrap

    import libcst as cst

    from qonto_lint.facts.analysis import Facts
    from qonto_lint.facts.collect import collect
    from qonto_lint.facts.hosts import HostTable

    module = cst.parse_module(textwrap.dedent(source))
    facts = Facts(collect(module, "qonto" in path, HostTable()), assume_qonto=assume_qonto)
    return [
        (site.site.scope.name or "<module>", site.context.name, facts.qonto_seen(site)) for site in facts.qonto_sites
    ]


def test_qonto_is_seen_at_the_url_a_qonto_named_part_or_client():
    source = """\
        import os, requests
        QONTO = "https://thirdparty.qonto.com/v2"
        qonto_session = requests.Session()
        qonto_session.headers["Authorization"] = f"Bearer {os.environ['API_KEY']}"
        def by_url(login, secret):
            return requests.get(QONTO + "/labels", headers={"Authorization": f"{login}:{secret}"})
        def by_name():
            return {"Authorization": os.environ["QONTO_API_KEY"]}
        def by_client(session, key):
            return session.qonto.get("/v2/labels", headers={"Authorization": key})
        def by_scope(key):
            return {"Authorization": key}
        def shared(key):
            headers = {"Authorization": key}
            requests.get(QONTO + "/labels", headers=headers)
            return requests.get("https://api.example.com/x", headers=headers)
        """
    assert _contexts(source) == [
        ("<module>", "CLIENT", True),
        ("by_url", "URL", True),
        ("by_name", "NAME", True),
        ("by_client", "CLIENT", True),
        ("by_scope", "SCOPE", False),
        ("shared", "SHARED", False),
    ]


def test_qonto_is_inferred_from_the_path_and_assumed():
    source = """\
        def h(key):
            return {"Authorization": key}
        """
    assert _contexts(source, "integrations/qonto/h.py") == [("h", "SCOPE", False)]
    assert _contexts(source, "h.py", assume_qonto=True) == [("h", "ASSUMED", False)]
    assert _contexts(source, "h.py") == []
