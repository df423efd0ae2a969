"""Collect subscription payments on the Qonto account."""
import os

import httpx

from subscriptions.settings import PartnerAccount, get_settings


def _client() -> httpx.Client:
    settings = get_settings()
    return httpx.Client(
        base_url=settings.qonto_base_url,
        headers={"Authorization": f"Bearer {settings.qonto_api_key}"},  # expect: QNT102
    )


def incoming(iban: str) -> list:
    with _client() as client:
        return client.get("/transactions", params={"iban": iban, "side": "credit"}).json()["transactions"]


def memberships() -> list:
    settings = get_settings()
    response = httpx.get(
        f"{settings.qonto_base_url}/memberships",
        headers={"Authorization": f"{settings.qonto_secret_key}:{settings.qonto_login}"},  # expect: QNT105
    )
    return response.json()["memberships"]


def labels() -> list:
    settings = get_settings()
    response = httpx.get(f"{settings.qonto_base_url}/labels", headers={"Authorization": settings.qonto_access_token})  # expect: QNT110
    return response.json()["labels"]


def partner_org() -> dict:
    account = PartnerAccount(login=os.environ["PARTNER_LOGIN"], secret_key=os.environ["PARTNER_SECRET_KEY"])
    settings = get_settings()
    response = httpx.get(f"{settings.qonto_base_url}/organization", headers={"Authorization": f"{account.login}{account.secret_key}"})  # expect: QNT104
    return response.json()["organization"]
