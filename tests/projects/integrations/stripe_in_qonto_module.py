"""Billing service: Stripe for card payments, Qonto for SEPA reconciliation."""
import os

import httpx

QONTO_API = "https://thirdparty.qonto.com/v2"


class StripeClient:
    base_url = "https://api.stripe.com/v1"

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.api_key}"}

    def _basic(self):
        return httpx.BasicAuth(self.api_key, "")

    def balance(self) -> dict:
        return httpx.get(f"{self.base_url}/balance", headers=self._headers()).json()


class QontoReconciler:
    def __init__(self, login: str, secret_key: str) -> None:
        self.login = login
        self.secret_key = secret_key

    def _headers(self) -> dict:
        return {"Authorization": f"{self.login}:{self.secret_key}"}

    def _headers_bearer(self) -> dict:
        return {"Authorization": f"Bearer {self.secret_key}"}  # expect: QNT102

    def credits(self) -> list:
        return httpx.get(f"{QONTO_API}/transactions", params={"side": "credit"}, headers=self._headers()).json()


def github_release_notes(token: str) -> dict:
    return httpx.get(
        "https://api.github.com/repos/acme/billing/releases/latest",
        headers={"Authorization": "Bearer " + token},
    ).json()


STRIPE = StripeClient(os.environ["STRIPE_SECRET_KEY"])
