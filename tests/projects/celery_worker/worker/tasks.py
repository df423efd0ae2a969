"""Nightly jobs."""

import requests
from celery import Celery

from .config import BROKER_URL, QONTO_BASE_URL, SLACK_WEBHOOK_TOKEN
from .credentials import qonto_api_key

app = Celery("worker", broker=BROKER_URL)


@app.task
def sync_transactions(iban: str):
    headers = {"Authorization": qonto_api_key()}  # expect: QNT106
    response = requests.get(f"{QONTO_BASE_URL}/transactions", params={"iban": iban}, headers=headers, timeout=30)
    return response.json()["transactions"]


@app.task
def notify(text: str):
    headers = {"Authorization": f"Bearer {SLACK_WEBHOOK_TOKEN}"}
    return requests.post("https://slack.com/api/chat.postMessage", headers=headers, json={"text": text}, timeout=10)
