"""HTTP client for the bank: transactions and statements."""
import requests

from .auth_helpers import bank_basic_value, bank_raw_value
from .settings import settings


class BankClient:
    def __init__(self) -> None:
        self.session = requests.Session()
        self.session.headers.update({"Authorization": bank_raw_value(), "Accept": "application/json"})
        if settings.sandbox:
            self.session.headers["X-Qonto-Staging-Token"] = settings.staging_token

    def transactions(self, bank_account_id: str, page: int = 1) -> dict:
        response = self.session.get(
            f"{settings.base_url}/transactions",
            params={"bank_account_id": bank_account_id, "page": page},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def statements_legacy(self) -> dict:
        headers = {"Authorization": bank_basic_value()}  # expect: QNT101 QNT103
        return requests.get(f"{settings.base_url}/statements", headers=headers, timeout=30).json()
