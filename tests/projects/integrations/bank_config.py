"""Static configuration for the accounting exporter (do not commit real keys!)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class QontoConfig:
    login: str = "lumen-analytics-4821"
    secret_key: str = "k4t9w2m7x1q8z5r3v6b0n2p4s7d9f1h3"  # expect: QNT201
    api_url: str = "https://thirdparty.qonto.com/v2"
    staging_token: str = ""


@dataclass(frozen=True)
class MailerConfig:
    host: str = "smtp.mailgun.org"
    user: str = "postmaster@mg.example.org"
    password: str = ""


QONTO_DEMO = QontoConfig(login="demo-company-1234", secret_key="your-secret-key-here")
QONTO_CI = QontoConfig(login="ci-runner-0001", secret_key="0123456789abcdef0123456789abcdef")  # expect: QNT201

DEFAULT_HEADERS = {
    "Authorization": "{login}:{secret_key}",  # expect: QNT109
    "Accept": "application/json",
}


def headers_for(config: QontoConfig) -> dict:
    return {"Authorization": "%s:%s" % (config.login, config.secret_key)}
