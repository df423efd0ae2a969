"""Authorization helpers."""
import base64

from . import settings


def encoded_key() -> str:
    return base64.b64encode(settings.QONTO_API_KEY.encode()).decode()


def basic_authorization() -> str:
    return "Basic " + encoded_key()


def raw_authorization() -> str:
    return settings.QONTO_API_KEY
