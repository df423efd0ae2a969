"""Services used by the invoices views."""
import requests
from django.conf import settings


def _bank_headers() -> dict:
    headers = {
        "Authorization": "{}:{}".format(settings.QONTO_LOGIN, settings.QONTO_SECRET_KEY),
        "Accept": "application/json",
    }
    if settings.QONTO_STAGING_TOKEN:
        headers["X-Qonto-Staging-Token"] = settings.QONTO_STAGING_TOKEN
    return headers


def list_client_invoices(page: int = 1) -> dict:
    response = requests.get(
        f"{settings.QONTO_API_URL}/client_invoices", params={"page": page}, headers=_bank_headers(), timeout=15
    )
    response.raise_for_status()
    return response.json()


def download_invoice_pdf(invoice: dict) -> bytes:
    return requests.get(invoice["pdf_url"], headers=_bank_headers(), timeout=30).content  # expect: QNT202


def download_attachment(attachment: dict) -> bytes:
    return requests.get(attachment["url"], headers=_bank_headers(), timeout=30).content  # expect: QNT202


def download_attachment_v2(attachment: dict) -> bytes:
    pdf_url = attachment["url"]
    return requests.get(pdf_url, headers=_bank_headers(), timeout=30).content  # expect: QNT202


def email_invoice(to: str, pdf: bytes) -> None:
    requests.post(
        "https://api.sendgrid.com/v3/mail/send",
        headers={"Authorization": "Bearer " + settings.SENDGRID_API_KEY},
        json={"personalizations": [{"to": [{"email": to}]}]},
        timeout=15,
    )


def bank_headers_bearer() -> dict:
    return {"Authorization": "Bearer " + settings.QONTO_SECRET_KEY}  # expect: QNT102


def bank_headers_oauth(token_response: dict) -> dict:
    return {"Authorization": token_response["access_token"]}  # expect: QNT110
