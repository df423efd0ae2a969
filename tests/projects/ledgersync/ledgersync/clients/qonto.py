"""Qonto Business API client."""
import requests

from ledgersync import settings
from ..auth import basic_authorization, raw_authorization


class QontoClient:
    def __init__(self) -> None:
        self.session = requests.Session()
        self.session.headers["Authorization"] = raw_authorization()

    def organization(self) -> dict:
        response = self.session.get(f"{settings.QONTO_BASE_URL}/organization")
        response.raise_for_status()
        return response.json()["organization"]

    def transactions(self, iban: str) -> list:
        response = requests.get(
            f"{settings.QONTO_BASE_URL}/transactions",
            params={"iban": iban},
            headers={"Authorization": basic_authorization()},  # expect: QNT101 QNT103
        )
        response.raise_for_status()
        return response.json()["transactions"]
