"""Monthly treasury report."""
import requests

from reporting.http_defaults import BANK_HEADERS


def balances() -> list:
    r = requests.get("https://thirdparty.qonto.com/v2/bank_accounts", headers=BANK_HEADERS, timeout=20)
    return r.json()["bank_accounts"]
