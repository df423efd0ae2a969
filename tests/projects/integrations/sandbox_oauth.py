"""Sandbox OAuth client."""
import os

import requests

SANDBOX_API = "https://thirdparty-sandbox.staging.qonto.co"
SANDBOX_TOKEN_URL = "https://oauth-sandbox.staging.qonto.co/oauth2/token"  # expect: QNT301


def token(code: str) -> dict:
    return requests.post(
        SANDBOX_TOKEN_URL,
        auth=(os.environ["QONTO_CLIENT_ID"], os.environ["QONTO_CLIENT_SECRET"]),
        data={"grant_type": "authorization_code", "code": code},
        timeout=10,
    ).json()


def organization(access_token: str) -> dict:
    return requests.get(
        f"{SANDBOX_API}/v2/organization",
        headers={"Authorization": f"Bearer {access_token}", "X-Qonto-Staging-Token": os.environ["QONTO_STAGING_TOKEN"]},
        timeout=10,
    ).json()
