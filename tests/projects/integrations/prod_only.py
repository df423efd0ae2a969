"""Production-only exporter."""
import os

import httpx

API = "https://thirdparty.qonto.com/v2"


def client() -> httpx.Client:
    return httpx.Client(
        base_url=API,
        headers={
            "Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}",
            "X-Qonto-Staging-Token": os.environ.get("QONTO_STAGING_TOKEN", ""),  # expect: QNT302
        },
    )
