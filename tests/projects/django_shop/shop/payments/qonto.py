"""Bank accounts from Qonto."""

import requests
from django.conf import settings

HEADERS = {"Authorization": f"Bearer {settings.QONTO_LOGIN}:{settings.QONTO_SECRET_KEY}"}  # expect: QNT102


def bank_accounts():
    response = requests.get(settings.QONTO_API_URL + "/bank_accounts", headers=HEADERS, timeout=30)
    response.raise_for_status()
    return response.json()["bank_accounts"]
