"""Quick Qonto client for the finance notebook."""
import requests


class QontoClient:
    def __init__(self, login: str = "atelier-verre-3307", secret_key: str = "d5f8a1c4e7b2d9f6a3c8e1b4d7f2a9c5"):  # expect: QNT201
        self.login = login
        self.secret_key = secret_key

    def organization(self) -> dict:
        return requests.get(
            "https://thirdparty.qonto.com/v2/organization",
            headers={"Authorization": f"{self.login}:{self.secret_key}"},
            timeout=10,
        ).json()


QONTO_SECRET = "w9e4r7t2y5u8i1o6p3a0s5d8f2g7h4j9"  # expect: QNT201


def organization_no_colon() -> dict:
    return requests.get(
        "https://thirdparty.qonto.com/v2/organization",
        headers={"Authorization": "atelier-verre-3307" + QONTO_SECRET},  # expect: QNT104
        timeout=10,
    ).json()
