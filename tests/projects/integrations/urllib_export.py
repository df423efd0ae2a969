#!/usr/bin/env python3
"""Export Qonto transactions to CSV using only the standard library."""
import csv
import json
import os
import sys
import urllib.request
from pathlib import Path

API = "https://thirdparty.qonto.com/v2"
KEY_FILE = Path.home() / ".config" / "qonto" / "secret_key"


def read_secret() -> str:
    return KEY_FILE.read_text()


def fetch(path: str) -> dict:
    login = os.environ["QONTO_LOGIN"]
    secret = read_secret()
    req = urllib.request.Request(API + path)
    req.add_header("Authorization", login + ":" + secret)  # expect: QNT106
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def fetch_stripped(path: str) -> dict:
    login = os.environ["QONTO_LOGIN"]
    secret = KEY_FILE.read_text().strip()
    req = urllib.request.Request(API + path, headers={"Authorization": "%s:%s" % (login, secret)})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def opener_with_basic(login: str, secret: str):
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, API, login, secret)
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(manager))  # expect: QNT107


def main(iban: str) -> None:
    data = fetch_stripped(f"/transactions?iban={iban}")
    writer = csv.writer(sys.stdout)
    for tx in data["transactions"]:
        writer.writerow([tx["settled_at"], tx["amount"], tx["label"]])


if __name__ == "__main__":
    main(sys.argv[1])
