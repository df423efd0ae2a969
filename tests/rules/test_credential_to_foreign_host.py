"""QNT202 credential-to-foreign-host: Qonto credentials sent to a host that is not Qonto's.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import textwrap

from qonto_lint import Options, lint_source

from ..helpers import findings_of

TAIL = (
    "which is not Qonto: the key leaks to a third party (and pre-signed storage URLs reject a second "
    "authentication); send this request without the Qonto Authorization header"
)


def qnt202(source: str, path: str = "client.py") -> list[tuple[int, int, str, object]]:
    """(line, column, message, fix) of each QNT202 finding."""
    result = lint_source(textwrap.dedent(source).lstrip("\n"), path, Options(select=frozenset({"QNT202"})))
    return [(f.line, f.column, f.message, f.fix) for f in result.findings]


def test_the_client_headers_sent_to_an_attachments_pre_signed_url():
    # A client whose base URL comes from the settings: the key is Qonto's by its shape in Qonto code.
    source = """
        import requests
        from django.conf import settings

        class QontoClient:
            def __init__(self, login, secret_key):
                self.base_url = settings.QONTO_API_URL
                self.headers = {"Authorization": f"{login}:{secret_key}"}

            def attachment(self, attachment_id):
                url = f"{self.base_url}/v2/attachments/{attachment_id}"
                return requests.get(url, headers=self.headers).json()["attachment"]

            def download(self, attachment_id):
                attachment = self.attachment(attachment_id)
                return requests.get(attachment["url"], headers=self.headers).content
        """
    assert qnt202(source) == [
        (15, 56, f'Qonto credentials are sent to a URL taken from an API response (attachment["url"]), {TAIL}', None)
    ]


def test_a_qonto_named_key_in_the_request_to_a_storage_host():
    source = """
        import os
        import requests

        def upload(data):
            key = os.environ["QONTO_SECRET_KEY"]
            requests.put("https://receipts.s3.amazonaws.com/x", data=data, headers={"Authorization": key})
        """
    assert qnt202(source) == [(6, 94, f"Qonto credentials are sent to receipts.s3.amazonaws.com, {TAIL}", None)]


def test_a_key_from_a_helper_of_a_qonto_module_sent_to_an_attachment_url():
    source = """
        import requests
        from billing.qonto.auth import api_key
        from billing.qonto.client import QontoClient

        def receipt(transaction):
            attachment = QontoClient().attachment(transaction.attachment_ids[0])
            upstream = requests.get(
                attachment["url"],
                headers={"Authorization": api_key()},
                stream=True,
            )
            return upstream.content
        """
    assert qnt202(source, "views.py") == [
        (9, 35, f'Qonto credentials are sent to a URL taken from an API response (attachment["url"]), {TAIL}', None)
    ]


def test_response_fields_that_name_a_file_url_through_a_name_or_get():
    source = """
        import requests
        QONTO_KEY = "acme-1234:" + SECRET

        def statement_pdf(statement):
            url = statement.get("file_url")
            return requests.get(url, headers={"Authorization": QONTO_KEY})

        def pay(payment):
            return requests.get(payment["redirection_link"], headers={"Authorization": QONTO_KEY})
        """
    assert [(line, column) for line, column, _m, _f in qnt202(source)] == [(6, 56), (9, 80)]
    assert qnt202(source)[1][2] == (
        f'Qonto credentials are sent to a URL taken from an API response (payment["redirection_link"]), {TAIL}'
    )


def test_a_session_with_the_qonto_key_fetching_an_attachment_url():
    source = """
        import os
        import requests
        session = requests.Session()
        session.headers["Authorization"] = os.environ["QONTO_API_KEY"]

        def download(attachment):
            return session.get(attachment["url"]).content
        """
    assert [(line, column) for line, column, _m, _f in qnt202(source)] == [(4, 36)]


def test_a_qonto_clients_headers_reused_for_a_webhook_in_another_module():
    # The headers are built in another module; the request and its host are here.
    source = """
        import httpx
        from app.clients.qonto import QontoClient

        async def forward(event, qonto: QontoClient):
            async with httpx.AsyncClient() as http:
                await http.post("https://treasury.northwind.io/hooks", json=event, headers=qonto.headers)
        """
    assert qnt202(source, "webhooks.py") == [
        (6, 84, f"Qonto credentials are sent to treasury.northwind.io, {TAIL}", None)
    ]
    assert findings_of(source, "webhooks.py") == [(6, 84, "QNT202")]


def test_silent_on_other_vendors_in_a_module_that_also_calls_qonto():
    source = """
        import os
        import requests
        QONTO = "https://thirdparty.qonto.com/v2"

        def accounts():
            return requests.get(f"{QONTO}/bank_accounts", headers={"Authorization": os.environ["QONTO_API_KEY"]})

        def charges():
            key = os.environ["STRIPE_SECRET_KEY"]
            return requests.get("https://api.stripe.com/v1/charges", headers={"Authorization": f"Bearer {key}"})

        def release_asset(asset, token):
            headers = {"Authorization": f"token {os.environ['GITHUB_TOKEN']}"}
            return requests.get(asset["browser_download_url"], headers=headers)

        def complete(prompt, api_key):
            return requests.post(
                "https://api.openai.com/v1/chat/completions",
                headers={"Authorization": f"Bearer {api_key}"},
                json={"messages": [prompt]},
            )
        """
    assert qnt202(source) == []


def test_silent_when_the_url_cannot_be_worked_out():
    source = """
        import requests
        from django.conf import settings

        class QontoClient:
            headers = None

            def __init__(self, login, secret_key):
                self.headers = {"Authorization": f"{login}:{secret_key}"}

            def get(self, url):
                return requests.get(url, headers=self.headers)

            def export(self):
                return requests.get(settings.EXPORT_URL, headers=self.headers)
        """
    assert qnt202(source) == []


def test_silent_toward_the_oauth_token_endpoint_local_servers_and_gateways():
    source = """
        import os
        import requests
        SSO = "https://sso.northwind.io"

        def token(code):
            headers = {"Authorization": os.environ["QONTO_API_KEY"]}
            return requests.post(f"{SSO}/oauth2/token", data={"code": code}, headers=headers)

        def against_the_fake_server():
            headers = {"Authorization": os.environ["QONTO_API_KEY"]}
            return requests.get("http://localhost:8080/organization", headers=headers)

        def through_the_company_gateway():
            headers = {"Authorization": os.environ["QONTO_API_KEY"]}
            return requests.get("https://qonto-gateway.northwind.io/v2/organization", headers=headers)
        """
    assert qnt202(source) == []


def test_another_service_s_versioned_paths_are_not_a_gateway_in_front_of_qonto():
    # only Qonto's own paths (`/v2/<resource>`, `/oauth2/...`) make a host a gateway to Qonto
    source = """
        import os
        import requests

        def balance():
            headers = {"Authorization": os.environ["QONTO_API_KEY"]}
            return requests.get("https://api.stripe.com/v1/balance_transactions", headers=headers)

        def me():
            headers = {"Authorization": os.environ["QONTO_API_KEY"]}
            return requests.get("https://graph.microsoft.com/v1.0/me", headers=headers)

        def payments():
            headers = {"Authorization": os.environ["QONTO_API_KEY"]}
            return requests.get("https://api.mollie.com/v2/payments", headers=headers)

        def transactions():
            headers = {"Authorization": os.environ["QONTO_API_KEY"]}
            return requests.get("https://qonto-gateway.northwind.io/v2/transactions?iban=FR76", headers=headers)
        """
    assert [(line, column) for line, column, _message, _fix in qnt202(source)] == [(6, 83), (10, 72), (14, 71)]


def test_silent_when_the_headers_go_to_qonto_and_the_download_goes_without_them():
    source = """
        import requests
        QONTO = "https://thirdparty.qonto.com/v2"

        def download(attachment_id):
            headers = {"Authorization": f"{LOGIN}:{SECRET_KEY}"}
            attachment = requests.get(f"{QONTO}/attachments/{attachment_id}", headers=headers).json()["attachment"]
            return requests.get(attachment["url"]).content
        """
    assert qnt202(source) == []


def test_a_configuration_attribute_is_not_a_response_field():
    source = """
        import requests
        from app import config

        def export(login, secret_key):
            headers = {"Authorization": f"{login}:{secret_key}"}
            requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
            return requests.get(config.download_url, headers=headers)
        """
    assert qnt202(source) == []


def test_module_headers_sent_to_each_attachment_of_a_loop():
    source = """
        import os
        import requests
        H = {"Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"}

        def receipts(transactions):
            for transaction in transactions:
                for att in transaction["attachments"]:
                    yield requests.get(att["url"], headers=H).content
        """
    assert qnt202(source) == [
        (8, 52, f'Qonto credentials are sent to a URL taken from an API response (att["url"]), {TAIL}', None)
    ]


def test_a_factory_that_returns_the_client_it_makes():
    source = """
        import os
        import httpx

        QONTO_API = "https://thirdparty.qonto.com/v2"
        KEY = f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"

        def qonto_client():
            return httpx.Client(base_url=QONTO_API, headers={"Authorization": KEY})

        def download(attachment_id):
            client = qonto_client()
            attachment = client.get(f"/attachments/{attachment_id}").json()["attachment"]
            return client.get(attachment["url"]).content

        def organization():
            return qonto_client().get("/organization").json()
        """
    assert [(line, column) for line, column, _message, _fix in qnt202(source)] == [(8, 71)]
    # without the download, the client only ever goes to Qonto
    assert qnt202(source.replace('return client.get(attachment["url"]).content', "return attachment")) == []
