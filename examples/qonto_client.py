"""A small Qonto client, written with a few habits from other APIs.

Run `qonto-lint examples/` to see what qonto-lint reports here.
"""
import base64
import os
from pathlib import Path

import requests

QONTO_API = "https://thirdparty.qonto.com/v2"
QONTO_SANDBOX = "https://thirdparty-sandbox.qonto.com/v2"
QONTO_LOGIN = os.environ["QONTO_LOGIN"]
QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]


def basic_headers() -> dict:
    token = base64.b64encode(f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def bank_accounts() -> list:
    response = requests.get(f"{QONTO_API}/bank_accounts", headers=basic_headers(), timeout=10)
    response.raise_for_status()
    return response.json()["bank_accounts"]


def transactions(iban: str) -> list:
    response = requests.get(
        f"{QONTO_API}/transactions",
        params={"iban": iban},
        auth=(QONTO_LOGIN, QONTO_SECRET_KEY),
        timeout=10,
    )
    return response.json()["transactions"]


def key_from_file(path: Path) -> dict:
    key = path.read_text()
    return {"Authorization": key}


def swapped() -> dict:
    return {"Authorization": f"{QONTO_SECRET_KEY}:{QONTO_LOGIN}"}


def labels() -> list:
    headers = {"Authorization": f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}"}
    return requests.get(f"{QONTO_API}/labels", headers=headers, timeout=10).json()["labels"]
