"""OAuth against Qonto."""
import requests

TOKEN_URL = "https://oauth.qonto.com/oauth2/token"


def exchange(client_id, client_secret, code):
    tokens = requests.post(TOKEN_URL, auth=(client_id, client_secret), data={"code": code}).json()
    headers = {"Authorization": "Bearer " + tokens["access_token"]}
    return requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers).json()


def refresh():
    return requests.post(TOKEN_URL, data={"client_secret": "kX9mQ2vR7tL4wZ8nB3cF6hJ1", "grant_type": "refresh_token"})
