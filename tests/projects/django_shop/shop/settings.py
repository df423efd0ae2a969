"""Django settings (excerpt)."""

import os

DEBUG = False
QONTO_API_URL = "https://thirdparty.qonto.com/v2"
QONTO_LOGIN = os.environ["QONTO_LOGIN"]
QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]
STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]
GITHUB_TOKEN = os.environ.get("GITHUB_TOKEN", "")
