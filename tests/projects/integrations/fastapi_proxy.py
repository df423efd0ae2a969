"""FastAPI proxy exposing a read-only subset of the bank API to the dashboard."""
import httpx
from fastapi import FastAPI
from pydantic_settings import BaseSettings

QONTO_URL = "https://thirdparty.qonto.com/v2"


class Settings(BaseSettings):
    qonto_organization_slug: str
    qonto_secret_key: str
    sentry_dsn: str = ""


settings = Settings()
app = FastAPI()


def auth_value() -> str:
    return f"{settings.qonto_organization_slug}:{settings.qonto_secret_key}"


def swapped_value() -> str:
    return ":".join([settings.qonto_secret_key, settings.qonto_organization_slug])


client = httpx.AsyncClient(base_url=QONTO_URL, headers={"Authorization": auth_value()}, timeout=20)
debug_client = httpx.AsyncClient(base_url=QONTO_URL, headers={"Authorization": swapped_value()})  # expect: QNT105


@app.get("/accounts")
async def accounts():
    return (await client.get("/bank_accounts")).json()


@app.get("/debug/accounts")
async def debug_accounts():
    return (await debug_client.get("/bank_accounts")).json()


@app.get("/invoices")
async def invoices():
    async with httpx.AsyncClient() as c:
        r = await c.get(
            f"{QONTO_URL}/client_invoices",
            headers=dict(Authorization="{0}{1}".format(settings.qonto_organization_slug, settings.qonto_secret_key)),  # expect: QNT104
        )
        return r.json()


@app.get("/suppliers")
async def suppliers():
    async with httpx.AsyncClient(auth=httpx.BasicAuth(settings.qonto_organization_slug, settings.qonto_secret_key)) as c:  # expect: QNT107
        return (await c.get(f"{QONTO_URL}/supplier_invoices")).json()
