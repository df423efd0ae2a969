"""Worker configuration."""

import os
from pathlib import Path

BROKER_URL = os.environ.get("BROKER_URL", "redis://localhost:6379/0")
QONTO_BASE_URL = "https://thirdparty.qonto.com/v2"
QONTO_KEY_FILE = Path(os.environ.get("QONTO_KEY_FILE", "/run/secrets/qonto"))
SLACK_WEBHOOK_TOKEN = os.environ.get("SLACK_TOKEN", "")
