"""Runtime configuration for the ledger sync worker."""
import os
from dataclasses import dataclass, field

BANK_PRODUCTION_URL = "https://thirdparty.qonto.com/v2"
BANK_SANDBOX_URL = "https://thirdparty-sandbox.staging.qonto.co/v2"
SLACK_WEBHOOK_BASE = "https://hooks.slack.com/services"


@dataclass
class BankSettings:
    organization_slug: str = field(default_factory=lambda: os.environ["QONTO_LOGIN"])
    secret_key: str = field(default_factory=lambda: os.environ["QONTO_SECRET_KEY"])
    staging_token: str = field(default_factory=lambda: os.getenv("QONTO_STAGING_TOKEN", ""))
    sandbox: bool = field(default_factory=lambda: os.getenv("QONTO_ENV", "production") != "production")

    @property
    def base_url(self) -> str:
        return BANK_SANDBOX_URL if self.sandbox else BANK_PRODUCTION_URL


settings = BankSettings()
