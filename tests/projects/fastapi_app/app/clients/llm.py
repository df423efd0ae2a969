"""Chat completions from one of several providers."""

import httpx

from app.config import PROVIDERS, settings


async def complete(provider: str, prompt: str, api_key: str = settings.openai_api_key):
    config = PROVIDERS[provider]
    headers = {"Authorization": f"Bearer {api_key}"}
    payload = {"model": config["model"], "messages": [{"role": "user", "content": prompt}]}
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{config['base_url']}/chat/completions", headers=headers, json=payload)
        return response.json()
