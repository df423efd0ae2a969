"""OAuth side of the integration: token exchange and API calls with an access token."""
import requests

TOKEN_URL = "https://oauth.qonto.com/oauth2/token"


def exchange_code(client_id: str, client_secret: str, code: str, redirect_uri: str) -> dict:
    # HTTP Basic client authentication toward the token endpoint is legitimate OAuth.
    return requests.post(
        TOKEN_URL,
        auth=(client_id, client_secret),
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
        timeout=10,
    ).json()


def organization(tokens: dict) -> dict:
    return requests.get(
        "http://thirdparty.qonto.com/v2/organization",
        headers={"Authorization": tokens["access_token"]},
        timeout=10,
    ).json()


def stripe_balance(api_key: str) -> dict:
    # Another API: its Bearer header is correct there, and qonto-lint stays silent.
    return requests.get(
        "https://api.stripe.com/v1/balance",
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=10,
    ).json()
