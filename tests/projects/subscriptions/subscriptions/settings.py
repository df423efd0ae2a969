from dataclasses import dataclass
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    qonto_base_url: str = "https://thirdparty.qonto.com/v2"
    qonto_api_key: str = ""
    qonto_login: str = ""
    qonto_secret_key: str = ""
    qonto_access_token: str = ""

    github_token: str = ""
    slack_webhook_token: str = ""


@dataclass
class PartnerAccount:
    login: str = ""
    secret_key: str = ""


@lru_cache
def get_settings() -> Settings:
    return Settings()
