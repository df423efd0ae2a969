"""Sandbox session with the staging token set once."""
import os

import requests

SANDBOX_API = "https://thirdparty-sandbox.staging.qonto.co/v2"  # expect: QNT301

session = requests.Session()
session.headers["Authorization"] = f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"
session.headers["X-Qonto-Staging-Token"] = os.environ["QONTO_STAGING_TOKEN"]


def accounts() -> dict:
    return session.get(f"{SANDBOX_API}/bank_accounts", timeout=10).json()


def plain_request() -> dict:
    return requests.get(
        f"{SANDBOX_API}/labels",
        headers={"Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"},
        timeout=10,
    ).json()
