"""Authorization values."""

import base64


def qonto_authorization(login: str, secret_key: str) -> str:
    return base64.b64encode(f"{login}:{secret_key}".encode()).decode()
