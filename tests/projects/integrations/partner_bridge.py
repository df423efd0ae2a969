"""Bridge between Qonto and the partner ERP (receipts and payouts)."""
import base64
import os

import requests

QONTO_API = "https://thirdparty.qonto.com/v2"
ERP_API = "https://api.partner-erp.com/v1"


def _erp_headers() -> dict:
    token = base64.b64encode(f"{os.environ['ERP_USER']}:{os.environ['ERP_PASSWORD']}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    headers["Accept"] = "application/json"
    return headers


def _bank_headers() -> dict:
    headers = {"Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"}
    headers["Accept"] = "application/json"
    return headers


def push_payout(payout: dict) -> dict:
    return requests.post(f"{ERP_API}/payouts", json=payout, headers=_erp_headers(), timeout=20).json()


def copy_receipts(transaction_id: str) -> int:
    attachments = requests.get(
        f"{QONTO_API}/transactions/{transaction_id}/attachments", headers=_bank_headers(), timeout=20
    ).json()["attachments"]
    for attachment in attachments:
        pdf = requests.get(attachment["url"], headers=_bank_headers(), timeout=60)  # expect: QNT202
        requests.post(f"{ERP_API}/documents", files={"file": pdf.content}, headers=_erp_headers(), timeout=60)
    return len(attachments)
