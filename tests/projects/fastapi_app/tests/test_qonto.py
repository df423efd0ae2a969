"""The client against mocked Qonto answers: registrations are not requests."""

import respx
from httpx import Response

SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"


@respx.mock
async def test_organization():
    respx.get(f"{SANDBOX}/organization").mock(return_value=Response(200, json={"organization": {}}))
