"""Async treasury poller: balances from Qonto, FX rates from a public API."""
import asyncio
import os

import aiohttp
from aiohttp import hdrs

QONTO_BASE = "https://thirdparty.qonto.com"
FX_BASE = "https://api.exchangerate.host"


class TreasuryPoller:
    def __init__(self, login: str, secret_key: str) -> None:
        self.login = login
        self.secret_key = secret_key

    async def balances(self) -> list:
        auth = aiohttp.BasicAuth(self.login, self.secret_key)  # expect: QNT107
        async with aiohttp.ClientSession(base_url=QONTO_BASE, auth=auth) as session:
            async with session.get("/v2/bank_accounts") as resp:
                return (await resp.json())["bank_accounts"]

    async def balances_v2(self) -> list:
        headers = {hdrs.AUTHORIZATION: f"{self.login}:{self.secret_key}"}
        async with aiohttp.ClientSession(headers=headers) as session:
            async with session.get(QONTO_BASE + "/v2/bank_accounts") as resp:
                return (await resp.json())["bank_accounts"]

    async def labels(self) -> list:
        headers = {hdrs.AUTHORIZATION: "Bearer " + os.environ["QONTO_API_KEY"]}  # expect: QNT102
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{QONTO_BASE}/v2/labels", headers=headers) as resp:
                return (await resp.json())["labels"]


async def fx_rates(access_key: str) -> dict:
    async with aiohttp.ClientSession() as session:
        async with session.get(
            f"{FX_BASE}/live",
            headers={"Authorization": f"Bearer {access_key}"},
        ) as resp:
            return await resp.json()


async def partner_api(user: str, password: str) -> dict:
    async with aiohttp.ClientSession(auth=aiohttp.BasicAuth(user, password)) as session:
        async with session.get("https://partners.example-erp.io/api/v1/me") as resp:
            return await resp.json()


if __name__ == "__main__":
    poller = TreasuryPoller(os.environ["QONTO_LOGIN"], os.environ["QONTO_SECRET_KEY"])
    print(asyncio.run(poller.balances()))
