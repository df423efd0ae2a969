"""Partner onboarding: create Qonto accounts for our customers."""
import os

import requests

ONBOARDING = "https://onboarding-partners.qonto.com/api/v2"
PARTNER_ID = os.environ["QONTO_PARTNER_ID"]


def create_registration(partner_token: str, payload: dict) -> dict:
    return requests.post(
        f"{ONBOARDING}/registrations",
        headers={"Authorization": f"Bearer {partner_token}", "Qonto-Partner-Id": PARTNER_ID},
        json=payload,
        timeout=10,
    ).json()


def create_registration_keyed(payload: dict) -> dict:
    api_key = os.environ["QONTO_ONBOARDING_API_KEY"]
    return requests.post(
        f"{ONBOARDING}/registrations",
        headers={"Authorization": f"Bearer {api_key}", "Qonto-Partner-Id": PARTNER_ID},
        json=payload,
        timeout=10,
    ).json()
