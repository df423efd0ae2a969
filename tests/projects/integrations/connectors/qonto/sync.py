"""Bank sync job."""
import os

import requests

BASE = os.environ.get("BANK_BASE_URL", "")


def run(token):
    creds = os.environ["BANK_CREDENTIALS"]
    r = requests.get(BASE + "/v2/transactions", headers={"Authorization": "Basic " + creds}, timeout=10)  # expect: QNT101
    return r.json()


def run_with_bearer(token):
    r = requests.get(BASE + "/v2/transactions", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    return r.json()
