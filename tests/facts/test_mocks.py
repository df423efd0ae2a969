"""Fake HTTP servers in tests: which calls register answers (`facts.mocks`), and what a sandbox URL
string's requests say about the staging token (`facts.sandbox_urls`)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from qonto_lint.facts.analysis import Facts
from qonto_lint.facts.collect import collect
from qonto_lint.facts.hosts import HostTable
from qonto_lint.facts.staging import Staging
from qonto_lint.knowledge.http_clients import MOCK_FIXTURES, MOCK_MODULES, MOCKS


def _facts(source: str) -> tuple[Facts, dict]:
    module = cst.parse_module(textwrap.dedent(source).lstrip("\n"))
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return Facts(collect(module, False, HostTable())), positions


def _scope_of(facts: Facts, node: cst.CSTNode):
    current = facts.parent(node)
    while current is not None:
        scope = facts.c.scope_of_node.get(current)
        if scope is not None:
            return scope
        current = facts.parent(current)
    return facts.c.root


def mock_calls(source: str) -> list[tuple[int, int, str]]:
    """(line, column, callee) of every call that registers a fake answer, in order."""
    facts, positions = _facts(source)
    found = []
    for node in facts.parents:
        if isinstance(node, cst.Call) and facts.mocks.is_mock(node, _scope_of(facts, node)):
            start = positions[node].start
            found.append((start.line, start.column + 1, facts.module.code_for_node(node.func)))
    return sorted(found)


def test_the_mock_table_feeds_the_lookups():
    assert {mock.name for mock in MOCKS} >= {
        "responses",
        "respx",
        "requests-mock",
        "httpretty",
        "aioresponses",
        "pytest-httpserver",
    }
    assert {"responses", "respx", "requests_mock", "httpretty", "aioresponses", "pytest_httpserver"} <= MOCK_MODULES
    assert {"respx_mock", "requests_mock", "httpserver", "httpx_mock"} <= MOCK_FIXTURES


def test_responses_registrations():
    source = """
        import requests
        import responses

        @responses.activate
        def test_a():
            responses.add(responses.GET, "https://x.test/a", json={})
            responses.get("https://x.test/b")
            requests.get("https://x.test/a")

        def test_b():
            with responses.RequestsMock() as rsps:
                rsps.add(responses.POST, "https://x.test/c")
        """
    assert mock_calls(source) == [
        (6, 5, "responses.add"),
        (7, 5, "responses.get"),
        (11, 10, "responses.RequestsMock"),
        (12, 9, "rsps.add"),
    ]


def test_respx_registrations_and_fixture():
    source = """
        import httpx
        import respx

        @respx.mock
        def test_a(client):
            respx.get("https://x.test/a").mock(return_value=httpx.Response(200))
            client.get("/a")

        def test_b(respx_mock):
            respx_mock.post("https://x.test/b").respond(201)

        def test_c():
            with respx.mock(base_url="https://x.test") as router:
                router.get("/c")
        """
    assert mock_calls(source) == [
        (6, 5, "respx.get"),
        (6, 5, 'respx.get("https://x.test/a").mock'),
        (10, 5, "respx_mock.post"),
        (10, 5, 'respx_mock.post("https://x.test/b").respond'),
        (13, 10, "respx.mock"),
        (14, 9, "router.get"),
    ]


def test_requests_mock_context_decorator_and_fixture():
    source = """
        import requests_mock

        def test_a():
            with requests_mock.Mocker() as m:
                m.get("https://x.test/a", json={})

        @requests_mock.Mocker()
        def test_b(self, m):
            m.get("https://x.test/b", json={})

        def test_c(requests_mock):
            requests_mock.get("https://x.test/c", json={})

        def not_a_mock(m):
            m.get("https://x.test/d")
        """
    assert mock_calls(source) == [
        (4, 10, "requests_mock.Mocker"),
        (5, 9, "m.get"),
        (7, 2, "requests_mock.Mocker"),
        (9, 5, "m.get"),
        (12, 5, "requests_mock.get"),
    ]


def test_httpretty_aioresponses_httpserver_and_httpx_mock():
    source = """
        import httpretty
        from aioresponses import aioresponses

        def test_a():
            httpretty.register_uri(httpretty.GET, "https://x.test/a", body="{}")

        async def test_b():
            with aioresponses() as m:
                m.get("https://x.test/b", payload={})

        def test_c(httpserver):
            httpserver.expect_request("/c").respond_with_json({})

        def test_d(httpx_mock):
            httpx_mock.add_response(url="https://x.test/d")
        """
    assert mock_calls(source) == [
        (5, 5, "httpretty.register_uri"),
        (8, 10, "aioresponses"),
        (9, 9, "m.get"),
        (12, 5, "httpserver.expect_request"),
        (12, 5, 'httpserver.expect_request("/c").respond_with_json'),
        (15, 5, "httpx_mock.add_response"),
    ]


def test_a_mock_kept_on_the_test_case():
    source = """
        import unittest
        import responses

        class ClientTests(unittest.TestCase):
            def setUp(self):
                self.rsps = responses.RequestsMock()
                self.rsps.start()

            def test_a(self):
                self.rsps.add(responses.GET, "https://x.test/a")
                self.client.get("https://x.test/a")
        """
    assert mock_calls(source) == [
        (6, 21, "responses.RequestsMock"),
        (7, 9, "self.rsps.start"),
        (10, 9, "self.rsps.add"),
    ]


def test_a_module_without_mock_libraries_has_no_mocks():
    source = """
        from unittest import mock
        import requests

        def test_a(m):
            with mock.patch("requests.get") as patched:
                patched.get("https://x.test/a")
            requests.get("https://x.test/a")
        """
    assert mock_calls(source) == []


# -- sandbox URL strings and their requests ---------------------------------------------------


def sandbox_staging(source: str) -> list[tuple[int, int, Staging]]:
    facts, positions = _facts(source)
    found = []
    for url in facts.sandbox_urls:
        start = positions[url.string.node].start
        found.append((start.line, start.column + 1, url.staging))
    return found


@pytest.mark.parametrize(
    ("headers", "staging"),
    [
        ('{"Authorization": key, "X-Qonto-Staging-Token": token}', Staging.SENT),
        ('{"Authorization": key, "x-qonto-staging-token": token}', Staging.SENT),
        ('{"Authorization": key}', Staging.MISSING),
        ("{**BASE}", Staging.UNKNOWN),
        ("headers", Staging.UNKNOWN),
        ("build_headers()", Staging.UNKNOWN),
        ('{"Authorization": key}, auth=StagingAuth(token)', Staging.UNKNOWN),
        ('{"Accept": "application/json"}, auth=(key, token)', Staging.MISSING),
        ('{"Authorization": key}, **options', Staging.UNKNOWN),
    ],
)
def test_a_request_sends_lacks_or_hides_the_staging_token(headers, staging):
    source = f"""
        import requests
        def call(key, token, headers, **options):
            return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/labels", headers={headers})
        """
    assert sandbox_staging(source) == [(3, 25, staging)]


def test_a_headers_dict_handed_to_another_call_is_out_of_sight():
    source = """
        import requests
        def call(key):
            headers = {"Authorization": key}
            add_staging(headers)
            return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/labels", headers=headers)
        """
    assert sandbox_staging(source) == [(5, 25, Staging.UNKNOWN)]
    kept = source.replace("    add_staging(headers)\n", '    headers["Accept"] = "application/json"\n')
    assert sandbox_staging(kept) == [(5, 25, Staging.MISSING)]


def test_urls_in_registrations_constants_and_requests():
    source = """
        import responses
        SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"
        CONFIG = {"url": "https://thirdparty-sandbox.staging.qonto.co/v2"}
        @responses.activate
        def test_labels():
            responses.add(responses.GET, f"{SANDBOX}/labels", json={})
        """
    assert sandbox_staging(source) == [(2, 11, Staging.MOCK), (3, 18, Staging.UNTRACED)]


def test_a_session_whose_headers_are_all_written_here():
    source = """
        import requests
        def call(key, extra):
            s = requests.Session()
            s.headers.update({"Authorization": key})
            s.headers.setdefault("Accept", "application/json")
            return s.get("https://thirdparty-sandbox.staging.qonto.co/v2/labels")
        """
    assert sandbox_staging(source) == [(6, 18, Staging.MISSING)]
    updated = source.replace(
        '    s.headers.setdefault("Accept", "application/json")\n', "    s.headers.update(extra)\n"
    )
    assert sandbox_staging(updated) == [(6, 18, Staging.UNKNOWN)]
    token = source.replace('"Authorization": key}', '"Authorization": key, "X-Qonto-Staging-Token": extra}')
    assert sandbox_staging(token) == [(6, 18, Staging.SENT)]
