"""Smoke test against the Qonto sandbox before each release."""
import os
import sys

import httpx

SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
LOGIN = os.environ["QONTO_SANDBOX_LOGIN"]
SECRET_KEY = os.environ["QONTO_SANDBOX_SECRET_KEY"]
STAGING = os.environ["QONTO_STAGING_TOKEN"]


def check_organization() -> bool:
    r = httpx.get(
        f"{SANDBOX}/v2/organization",
        headers={"Authorization": f"{LOGIN}:{SECRET_KEY}", "X-Qonto-Staging-Token": STAGING},
    )
    return r.status_code == 200


def check_accounts() -> bool:
    r = httpx.get(
        f"{SANDBOX}/v2/bank_accounts",
        headers={"Authorization": f"{LOGIN}:{SECRET_KEY}", "X-QONTO-STAGING-TOKEN": STAGING},  # expect: QNT303
    )
    return r.status_code == 200


def check_labels_insecure() -> bool:
    r = httpx.get(
        "http://thirdparty-sandbox.staging.qonto.co/v2/labels",  # expect: QNT304
        headers={"Authorization": f"{LOGIN}:{SECRET_KEY}", "X-Qonto-Staging-Token": STAGING},
    )
    return r.status_code == 200


def check_with_trailing_space() -> bool:
    r = httpx.get(
        f"{SANDBOX}/v2/memberships",
        headers={"Authorization": f"{LOGIN}:{SECRET_KEY} ", "X-Qonto-Staging-Token": STAGING},  # expect: QNT106
    )
    return r.status_code == 200


def check_without_staging() -> bool:
    r = httpx.get(
        "https://thirdparty-sandbox.staging.qonto.co/v2/transactions",  # expect: QNT301
        headers={"Authorization": f"{LOGIN}:{SECRET_KEY}"},
    )
    return r.status_code == 200


if __name__ == "__main__":
    ok = all([check_organization(), check_accounts(), check_labels_insecure(), check_with_trailing_space()])
    sys.exit(0 if ok else 1)
