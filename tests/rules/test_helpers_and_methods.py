"""Headers built by helpers and methods, followed to the requests that send them: a helper that
builds its dict in a variable and returns it, two classes of one module each with their own
`_headers()` method; and hardcoded keys in parameter defaults and glued to a login literal.

Each case was written from real integrations that talk to Qonto and to other services from the
same module."""

from __future__ import annotations

from ..helpers import findings_of


def test_a_helper_returning_its_dict_variable_is_followed_to_a_foreign_host():
    # the Basic header is the partner ERP's own: it goes to api.partner-erp.com only
    source = """
        import requests

        QONTO_API = "https://thirdparty.qonto.com/v2"


        def _erp_headers(token):
            headers = {"Authorization": f"Basic {token}"}
            return headers


        def push(payout, token):
            return requests.post("https://api.partner-erp.com/v1/payouts", json=payout, headers=_erp_headers(token))
        """
    assert findings_of(source) == []


def test_a_helper_returning_its_dict_variable_is_followed_to_qonto():
    source = """
        import requests

        def _erp_headers(token):
            headers = {"Authorization": f"Basic {token}"}
            return headers


        def organization(token):
            return requests.get("https://thirdparty.qonto.com/v2/organization", headers=_erp_headers(token))
        """
    assert findings_of(source, path="client.py") == [(4, 33, "QNT101")]


def test_a_helper_that_adds_to_its_dict_before_returning_it_sends_it_where_it_is_used():
    # the key, then the staging token when set, then the dict: sent to a pre-signed attachment URL
    source = """
        import os
        import requests

        def _bank_headers():
            headers = {"Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"}
            if os.environ.get("STAGING_TOKEN"):
                headers["X-Qonto-Staging-Token"] = os.environ["STAGING_TOKEN"]
            return headers


        def fetch(attachment):
            return requests.get(attachment["url"], headers=_bank_headers())
        """
    assert findings_of(source, path="client.py") == [(12, 52, "QNT202")]


def test_a_helper_variable_that_is_not_returned_is_not_followed_to_the_callers():
    source = """
        import requests

        def _log_headers(token):
            headers = {"Authorization": f"Basic {token}"}
            print(sorted(headers))
            return {}


        def push(token):
            return requests.post("https://api.partner-erp.com/v1/x", headers=_log_headers(token))
        """
    # not sent anywhere the module shows, and the module names no host of Qonto's: silent
    assert findings_of(source, path="client.py") == []


TWO_CLIENTS = """
    import requests


    class Bank:
        def _headers(self):
            return {"Authorization": f"{self.qonto_login}:{self.qonto_secret_key}"}

        def org(self):
            return requests.get("https://thirdparty.qonto.com/v2/organization", headers=self._headers())


    class Crm:
        def _headers(self):
            return {"Authorization": f"Bearer {self.api_key}"}

        def contacts(self):
            return requests.get("https://api.brevo.com/v3/contacts", headers=self._headers())
    """


def test_each_class_sends_its_own_method_s_headers():
    # Crm's Bearer key goes to Brevo only; Bank's Qonto key goes to Qonto only
    assert findings_of(TWO_CLIENTS) == []


def test_each_class_s_own_method_still_carries_its_mistakes():
    source = TWO_CLIENTS.replace('f"{self.qonto_login}', 'f"Basic {self.qonto_login}')
    assert findings_of(source) == [(6, 34, "QNT101")]


def test_an_inherited_method_is_still_followed():
    # the subclass defines no `_headers` of its own: `self._headers()` is its base's, whose class
    # names another service's host; the request says the header goes to Qonto
    source = """
        import requests


        class Base:
            DOCS = "https://developers.brevo.com"

            def _headers(self):
                return {"Authorization": f"Basic {self.login}:{self.secret_key}"}


        class Client(Base):
            def org(self):
                return requests.get("https://thirdparty.qonto.com/v2/organization", headers=self._headers())
        """
    assert findings_of(source, path="client.py") == [(8, 34, "QNT101")]


def test_a_hardcoded_secret_in_a_parameter_default_is_reported_and_the_login_is_not():
    source = """
        import requests


        class QontoClient:
            def __init__(self, login="atelier-verre-3307", secret_key="d5f8a1c4e7b2d9f6a3c8e1b4d7f2a9c5"):
                self.login, self.secret_key = login, secret_key

            def org(self):
                return requests.get(
                    "https://thirdparty.qonto.com/v2/organization",
                    headers={"Authorization": f"{self.login}:{self.secret_key}"},
                )
        """
    assert findings_of(source, path="client.py") == [(5, 63, "QNT201")]


def test_a_parameter_default_of_another_service_is_not_a_qonto_credential():
    source = """
        import stripe


        def charge(amount, api_key="sk4f8a1c4e7b2d9f6a3c8e1b4d7f2a9c5"):
            return stripe.Charge.create(amount=amount, api_key=api_key)
        """
    assert findings_of(source, path="billing.py") == []


def test_a_login_literal_glued_to_a_secret_constant_reports_the_constant_only():
    source = """
        import requests

        QONTO_SECRET = "w9e4r7t2y5u8i1o6p3a0s5d8f2g7h4j9"
        requests.get(
            "https://thirdparty.qonto.com/v2/organization",
            headers={"Authorization": "atelier-verre-3307" + QONTO_SECRET},
        )
        """
    # the constant's QNT201 where it is written, the missing colon where the header is; the
    # login literal alone is not secret
    assert findings_of(source, path="client.py") == [(3, 16, "QNT201"), (6, 31, "QNT104")]


def test_a_glued_pair_in_one_literal_is_still_reported_at_that_literal():
    source = """
        import requests

        requests.get(
            "https://thirdparty.qonto.com/v2/organization",
            headers={"Authorization": "atelier-verre-3307w9e4r7t2y5u8i1o6p3a0s5d8f2g7h4j9"},
        )
        """
    assert [(line, col) for line, col, code in findings_of(source, path="client.py") if code == "QNT201"] == [(5, 31)]


def test_a_request_to_either_qonto_host_is_no_production_request():
    # the staging token is set only outside production; the URL may be the sandbox's
    source = """
        import os
        import requests

        SANDBOX_URL = "https://thirdparty-sandbox.staging.qonto.co/v2"
        PRODUCTION_URL = "https://thirdparty.qonto.com/v2"


        def base_url():
            return PRODUCTION_URL if os.getenv("QONTO_ENV") == "production" else SANDBOX_URL


        def headers():
            result = {"Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"}
            if os.getenv("QONTO_ENV") != "production":
                result["X-Qonto-Staging-Token"] = os.environ["QONTO_STAGING_TOKEN"]
            return result


        def organization():
            return requests.get(f"{base_url()}/organization", headers=headers(), timeout=10).json()
        """
    assert findings_of(source) == []


def test_settings_fields_left_empty_are_set_at_run_time():
    # pydantic's BaseSettings reads them from the environment: "" is no value of theirs
    source = """
        import httpx
        from pydantic import Field
        from pydantic_settings import BaseSettings

        URL = "https://thirdparty.qonto.com/v2/organization"


        class Settings(BaseSettings):
            qonto_api_key: str = ""
            qonto_login: str = Field("", description="login")
            qonto_secret_key: str = Field(default="")


        settings = Settings()


        def organization():
            return httpx.get(URL, headers={"Authorization": f"Bearer {settings.qonto_api_key}"})


        def swapped():
            return httpx.get(URL, headers={"Authorization": f"{settings.qonto_secret_key}:{settings.qonto_login}"})
        """
    # not QNT106 ("Bearer " + "" would end with a space): the key's name says what it is
    assert findings_of(source, path="client.py") == [(18, 53, "QNT102"), (22, 53, "QNT105")]


def test_dataclass_fields_left_empty_take_the_constructor_s_values():
    source = """
        import os
        from dataclasses import dataclass

        import requests


        @dataclass
        class QontoAccount:
            login: str = ""
            secret_key: str = ""


        account = QontoAccount(login=os.environ["QONTO_LOGIN"], secret_key=os.environ["QONTO_SECRET_KEY"])
        requests.get(
            "https://thirdparty.qonto.com/v2/organization",
            headers={"Authorization": f"{account.login}{account.secret_key}"},
        )
        """
    assert findings_of(source, path="client.py") == [(16, 31, "QNT104")]


def test_a_field_with_a_value_keeps_it():
    source = """
        import requests
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            qonto_api_url: str = "http://thirdparty.qonto.com/v2"
            qonto_auth: str = ""


        settings = Settings()
        requests.get(settings.qonto_api_url + "/organization", headers={"Authorization": settings.qonto_auth})
        """
    assert findings_of(source, path="client.py") == [(6, 26, "QNT304")]
