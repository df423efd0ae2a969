"""The Qonto client."""

import httpx

from app.auth import qonto_authorization
from app.config import settings


async def organization():
    headers = {"Authorization": qonto_authorization(settings.qonto_login, settings.qonto_secret_key)}  # expect: QNT103
    async with httpx.AsyncClient(base_url=settings.qonto_api_url) as client:
        response = await client.get("/organization", headers=headers)
        return response.json()
