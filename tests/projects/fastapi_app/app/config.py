"""Settings read from the environment (pydantic)."""

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    qonto_api_url: str = "https://thirdparty.qonto.com/v2"
    qonto_login: str = ""
    qonto_secret_key: str = ""
    openai_api_key: str = ""


settings = Settings()

PROVIDERS = {
    "openai": {"base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini"},
    "groq": {"base_url": "https://api.groq.com/openai/v1", "model": "llama-3.1-8b-instant"},
}
