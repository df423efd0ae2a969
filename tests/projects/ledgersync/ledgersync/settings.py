"""Runtime settings, read from the environment."""
import os

QONTO_BASE_URL = "https://thirdparty.qonto.com/v2"
QONTO_LOGIN = os.environ["QONTO_LOGIN"]
QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]
QONTO_API_KEY = f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}"

GITHUB_API = "https://api.github.com"
GITHUB_TOKEN = os.environ.get("GITHUB_TOKEN", "")
GITHUB_USER = os.environ.get("GITHUB_USER", "ledger-bot")
