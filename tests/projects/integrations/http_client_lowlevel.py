"""Low-level Qonto calls with http.client (used by the lambda, no third-party deps)."""
import http.client
import json
import os

AUTH_HEADER = "Authorization"
HOST = "thirdparty.qonto.com"


def _conn() -> http.client.HTTPSConnection:
    return http.client.HTTPSConnection(HOST, timeout=15)


def organization() -> dict:
    conn = _conn()
    conn.putrequest("GET", "/v2/organization")
    conn.putheader(AUTH_HEADER, "Basic " + os.environ["QONTO_LOGIN"] + ":" + os.environ["QONTO_SECRET_KEY"])  # expect: QNT101
    conn.endheaders()
    return json.loads(conn.getresponse().read())


def bank_accounts() -> dict:
    conn = _conn()
    headers = [
        ("Accept", "application/json"),
        (AUTH_HEADER, "{secret}:{login}".format(  # expect: QNT105
            login=os.environ["QONTO_LOGIN"], secret=os.environ["QONTO_SECRET_KEY"])),
    ]
    conn.request("GET", "/v2/bank_accounts", headers=dict(headers))
    return json.loads(conn.getresponse().read())


def labels() -> dict:
    conn = _conn()
    headers = {}
    headers.setdefault(AUTH_HEADER, os.environ["QONTO_LOGIN"] + ": " + os.environ["QONTO_SECRET_KEY"])  # expect: QNT106
    conn.request("GET", "/v2/labels", headers=headers)
    return json.loads(conn.getresponse().read())


def memberships() -> dict:
    conn = _conn()
    headers = {
        "Authorization":
            "Bearer " + os.environ["QONTO_SECRET_KEY"],  # expect: QNT102
    }
    conn.request("GET", "/v2/memberships", headers=headers)
    return json.loads(conn.getresponse().read())
