"""Nightly job: push Qonto client invoices to the Brevo CRM."""
import os

import requests


class QontoInvoices:
    base_url = "https://thirdparty.qonto.com/v2"

    def __init__(self) -> None:
        self.login = os.environ["QONTO_LOGIN"]
        self.secret_key = os.environ["QONTO_SECRET_KEY"]

    def _headers(self) -> dict:
        return {"Authorization": f"{self.login}:{self.secret_key}", "Accept": "application/json"}

    def unpaid(self) -> list:
        r = requests.get(f"{self.base_url}/client_invoices", params={"status": "unpaid"}, headers=self._headers(), timeout=20)
        return r.json()["client_invoices"]


class BrevoContacts:
    base_url = "https://api.brevo.com/v3"

    def __init__(self) -> None:
        self.api_key = os.environ["BREVO_API_KEY"]

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}

    def tag_unpaid(self, email: str) -> None:
        requests.put(f"{self.base_url}/contacts/{email}", json={"attributes": {"UNPAID": True}}, headers=self._headers(), timeout=20)


def run() -> None:
    crm = BrevoContacts()
    for invoice in QontoInvoices().unpaid():
        crm.tag_unpaid(invoice["client"]["email"])
