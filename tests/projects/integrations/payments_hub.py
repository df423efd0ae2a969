"""Payments hub: collects money with Stripe, pays suppliers through Qonto, texts with Twilio."""
import base64
import os

import requests
import urllib3
from requests.auth import HTTPBasicAuth

STRIPE_KEY = os.environ["STRIPE_SECRET_KEY"]
TWILIO_SID = os.environ["TWILIO_ACCOUNT_SID"]
TWILIO_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]
QONTO_LOGIN = os.environ["QONTO_LOGIN"]
QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]


def stripe_payouts():
    return requests.get("https://api.stripe.com/v1/payouts", auth=(STRIPE_KEY, ""), timeout=10).json()


def stripe_charge(amount: int):
    return requests.post(
        "https://api.stripe.com/v1/charges",
        headers={"Authorization": "Bearer %s" % STRIPE_KEY},
        data={"amount": amount, "currency": "eur"},
        timeout=10,
    ).json()


def sms(to: str, body: str):
    return requests.post(
        f"https://api.twilio.com/2010-04-01/Accounts/{TWILIO_SID}/Messages.json",
        auth=HTTPBasicAuth(TWILIO_SID, TWILIO_TOKEN),
        data={"To": to, "Body": body},
        timeout=10,
    )


def mailgun_events(api_key: str):
    http = urllib3.PoolManager(headers=urllib3.make_headers(basic_auth="api:" + api_key))
    return http.request("GET", "https://api.mailgun.net/v3/mg.example.org/events")


def supplier_transfer(payload: dict):
    return requests.post(
        "https://thirdparty.qonto.com/v2/sepa/transfers",
        headers={"Authorization": f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}"},
        json=payload,
        timeout=10,
    ).json()


def supplier_transfer_b64(payload: dict):
    value = base64.b64encode(f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}".encode()).decode()
    return requests.post(
        "https://thirdparty.qonto.com/v2/sepa/transfers",
        headers={"Authorization": value},  # expect: QNT103
        json=payload,
        timeout=10,
    ).json()


def qonto_pool_headers() -> dict:
    return urllib3.make_headers(basic_auth=f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}")  # expect: QNT107


def qonto_session() -> requests.Session:
    s = requests.Session()
    s.auth = (QONTO_LOGIN, QONTO_SECRET_KEY)  # expect: QNT107
    return s


def send_receipt_to_partner(pdf: bytes):
    return requests.post(
        "https://api.pennylane.com/api/external/v1/supplier_invoices",
        headers={"Authorization": f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}"},  # expect: QNT202
        files={"file": pdf},
        timeout=10,
    )
