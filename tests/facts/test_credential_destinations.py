"""Where credentials go: URLs taken from API responses, the requests that reuse a headers object,
logins read but never sent (the facts QNT202 and QNT104 ask for)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from qonto_lint.facts.analysis import Facts
from qonto_lint.facts.collect import collect
from qonto_lint.facts.hosts import HostTable


def facts_of(source: str) -> Facts:
    return Facts(collect(cst.parse_module(textwrap.dedent(source).lstrip("\n")), False, HostTable()))


def response_urls(source: str) -> list[str | None]:
    """What `response_url` says of the URL of each `requests.get(...)`, in order."""
    facts = facts_of(source)
    answers = []
    for fact in facts.requests:
        if facts.module.code_for_node(fact.node.func) != "requests.get":
            continue
        expr = facts.url_expression(fact.node)
        answers.append(facts.response_url(expr, fact.scope) if expr is not None else None)
    return answers


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ('attachment["url"]', 'attachment["url"]'),
        ('payload["attachment"]["url"]', 'payload["attachment"]["url"]'),
        ('statement["file"]["file_url"]', 'statement["file"]["file_url"]'),
        ('invoice.get("pdf_url")', 'invoice.get("pdf_url")'),
        ("invoice.pdf_url", "invoice.pdf_url"),
        ('transfer["redirection_link"]', 'transfer["redirection_link"]'),
        # a generic field of something that is not a file resource
        ('page["url"]', None),
        ('repository["url"]', None),
        # settings, not responses
        ("settings.download_url", None),
        ('config.get("download_url")', None),
        ('os.environ.get("FILE_URL")', None),
        ('payload["FILE_URL"]', None),
        ('f"{BASE}/v2/attachments"', None),
    ],
)
def test_urls_taken_from_an_api_response(url, expected):
    assert response_urls(f"import requests\nrequests.get({url})\n") == [expected]


def test_a_name_bound_to_a_response_field_is_followed():
    source = """
        import requests
        def download(client, attachment_id):
            attachment = client.get_attachment(attachment_id)
            link = attachment["url"]
            return requests.get(link)
        """
    assert response_urls(source) == ['attachment["url"]']


def test_a_loop_over_a_responses_attachments_gives_their_urls():
    source = """
        import requests
        def receipts(transactions):
            for transaction in transactions:
                for att in transaction["attachments"]:
                    requests.get(att["url"])
            return [requests.get(doc["url"]) for doc in payload["documents"]]
        """
    assert response_urls(source) == ['att["url"]', 'doc["url"]']


def test_the_requests_that_reuse_a_headers_object():
    source = """
        import requests
        class Client:
            def __init__(self, key):
                self.headers = {"Authorization": key}
            def one(self, url):
                return requests.get(url, headers=self.headers)
            def other(self, url):
                return requests.get(url, headers={"Accept": "application/json"})
        def module_level(url, key):
            headers = {}
            headers["Authorization"] = key
            return requests.get(url, headers=headers)
        """
    facts = facts_of(source)
    receivers = [
        [facts.module.code_for_node(fact.node) for fact in facts.headers_receivers(site)]
        for site in facts.authorization_sites
    ]
    assert receivers == [["requests.get(url, headers=self.headers)"], ["requests.get(url, headers=headers)"]]


LOGIN_SOURCE = """
import os
def checked():
    org_id = os.environ["QONTO_ORGANIZATION_ID"]
    if not org_id:
        raise RuntimeError(f"missing {org_id}")
    return {"Authorization": os.environ["QONTO_SECRET_KEY"]}
def sent():
    org_id = os.environ["QONTO_ORGANIZATION_ID"]
    return {"Authorization": os.environ["QONTO_SECRET_KEY"], "X-Org": org_id}
def literal():
    login = "acme-1234"
    return {"Authorization": os.environ["QONTO_SECRET_KEY"]}
class Client:
    def __init__(self, organization_slug, secret_key):
        self.organization_slug = organization_slug
        self.headers = {"Authorization": secret_key}
    def describe(self):
        print(self.organization_slug)
"""


def test_a_login_read_and_only_checked_or_printed_is_never_sent():
    facts = facts_of(LOGIN_SOURCE)
    answers = [facts.unsent_login(site) for site in facts.authorization_sites]
    assert answers == ["org_id", None, None, "self.organization_slug"]
