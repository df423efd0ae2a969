"""Django settings fragment for the bank integration."""
import os

QONTO_API_URL = "https://thirdparty.qonto.com/v2"
QONTO_LOGIN = os.environ.get("QONTO_LOGIN", "")
QONTO_SECRET_KEY = os.environ.get("QONTO_SECRET_KEY", "")
QONTO_STAGING_TOKEN = os.environ.get("QONTO_STAGING_TOKEN", "")
SENDGRID_API_KEY = os.environ.get("SENDGRID_API_KEY", "")
