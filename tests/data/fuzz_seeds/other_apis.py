"""Other services in a project that also talks to qonto."""
import requests

GRAPH = "https://graph.microsoft.com/v1.0"


def stripe(api_key):
    return requests.get("https://api.stripe.com/v1/balance", headers={"Authorization": f"Bearer {api_key}"})


def graph(token, payload):
    return requests.put(f"{GRAPH}/me/drive/root:/qonto.csv:/content", headers={"Authorization": f"Bearer {token}"}, data=payload)


def twilio(sid, auth_token):
    return requests.get(f"https://api.twilio.com/2010-04-01/Accounts/{sid}/Messages.json", auth=(sid, auth_token))
