"""Where the connector's credentials come from."""

import os

QONTO_LOGIN = os.environ["QONTO_LOGIN"]
QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]


def authorization(login: str, secret_key: str) -> str:
    return f"{secret_key}:{login}"
