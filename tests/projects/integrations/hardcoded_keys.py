"""One-off reconciliation script (keys pasted while debugging)."""
import os

import requests

QONTO_LOGIN = "brasserie-du-port-5519"
QONTO_SECRET_KEY = os.getenv("QONTO_SECRET_KEY", "h2k8m4q9t1w6z3c7v5b0n8p2r4s6x9y1")  # expect: QNT201
STAGING_TOKEN = "8f3kd92mx7qp41zt6wc0vb5ny2hs9ej4"  # expect: QNT201
OAUTH = {
    "client_id": "6a1e7c22-9d4b-4f0e-b3a8-2c5d9e7f1b40",
    "client_secret": "Qm7xT2vK9pL4wR8nZ3cF6hJ1sD5gB0aY",  # expect: QNT201
}


def with_basic_literal():
    return requests.get(
        "https://thirdparty.qonto.com/v2/organization",
        headers={"Authorization": "Basic YnJhc3NlcmllLWR1LXBvcnQtNTUxOTpoMms4bTRxOXQxdzZ6M2M3djViMG44cDJyNHM2eDl5MQ=="},  # expect: QNT101 QNT103 QNT201
        timeout=10,
    )


def with_oauth_literal():
    return requests.get(
        "https://thirdparty.qonto.com/v2/organization",
        headers={"Authorization": "Bearer ory_at_Zk3mQ9xW2vB7nR4tL8cF1hJ6sD0gA5yE3uI9oP2kM7q.Xw4Rt8Yb2Nm6Kq1Zs9Df3Gh7Jl5Vc0Bx4Pn8Mt2Wr6"},  # expect: QNT201
        timeout=10,
    )


def with_docs_example():
    return requests.get(
        "https://thirdparty.qonto.com/v2/organization",
        headers={"Authorization": "pied-piper-7132:62885d39f3a0ddedd3d3ee0432a43ccr"},  # expect: QNT201
        timeout=10,
    )


def percent_unformatted():
    return requests.get(
        "https://thirdparty.qonto.com/v2/organization",
        headers={"Authorization": "%s:%s"},  # expect: QNT109
        timeout=10,
    )
