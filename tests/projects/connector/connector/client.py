"""Transactions for the accounting connector."""

import requests

from .credentials import QONTO_LOGIN, QONTO_SECRET_KEY, authorization

BASE_URL = "https://thirdparty.qonto.com/v2"


def transactions(iban: str):
    headers = {"Authorization": authorization(QONTO_LOGIN, QONTO_SECRET_KEY)}  # expect: QNT105
    return requests.get(f"{BASE_URL}/transactions", params={"iban": iban}, headers=headers, timeout=30).json()
