"""Qonto header shapes, right and wrong, for fuzzing."""
import base64
import codecs
import os
from base64 import b64encode as enc

import httpx
import requests
from requests.auth import HTTPBasicAuth

QONTO_API = "https://thirdparty.qonto.com/v2"
SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"
LEGACY = "http://thirdparty.qonto.eu/v1"
LOGIN = os.environ["QONTO_LOGIN"]
SECRET = os.getenv("QONTO_SECRET_KEY", "")
QONTO_SECRET_KEY = "62885d39f3a0ddedd3d3ee0432a43ccr"
PREFIX = "Basic "


class QontoClient:
    def __init__(self, login, secret_key, access_token=None):
        self.login = login
        self.secret_key = secret_key
        self.access_token = access_token
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"{login}:{secret_key}"

    def _pair(self):
        return "%s;%s" % (self.login, self.secret_key)

    def headers(self):
        return {
            "Authorization": PREFIX + self._pair(),
            "x-qonto-staging-token": os.environ["QONTO_STAGING_TOKEN"],
        }

    def oauth(self):
        return {"Authorization": self.access_token}

    def accounts(self):
        return self.session.get(f"{QONTO_API}/bank_accounts", headers=self.headers()).json()


def variants(login, secret, path, tokens):
    a = {"Authorization": f"Bearer {login}:{secret}"}
    b = {"Authorisation": "{}:{}".format(secret, login)}
    c = dict(Authorization=base64.b64encode(f"{login}:{secret}".encode()).decode())
    d = {"Authorization": codecs.encode(":".join([login, secret]).encode(), "base64")}
    e = {"Authorization": path.read_text()}
    f = {"Authorization": "{LOGIN}:{SECRET}"}
    g = [("Authorization", tokens["access_token"])]
    h = {"Authorization": enc((login + secret).encode())}
    requests.get(QONTO_API + "/labels", auth=(login, secret))
    requests.get(QONTO_API + "/labels", auth=HTTPBasicAuth(login, secret))
    httpx.Client(base_url=SANDBOX, auth=httpx.BasicAuth(login, secret))
    return a, b, c, d, e, f, g, h
