"""The key mounted as a file: login:secret."""

from .config import QONTO_KEY_FILE


def qonto_api_key() -> str:
    return QONTO_KEY_FILE.read_text()
