"""Flask app: connect a customer's Qonto account with OAuth, then sync to OneDrive."""
import os
import secrets

import requests
from flask import Flask, redirect, request, session, url_for
from requests.auth import HTTPBasicAuth

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]

AUTHORIZE_URL = "https://oauth.qonto.com/oauth2/auth"
TOKEN_URL = "https://oauth.qonto.com/oauth2/token"
API_BASE = "https://thirdparty.qonto.com/v2"
GRAPH = "https://graph.microsoft.com/v1.0"
CLIENT_ID = os.environ["QONTO_CLIENT_ID"]
CLIENT_SECRET = os.environ["QONTO_CLIENT_SECRET"]


@app.route("/connect")
def connect():
    state = secrets.token_urlsafe(16)
    session["state"] = state
    return redirect(f"{AUTHORIZE_URL}?client_id={CLIENT_ID}&response_type=code&state={state}&scope=offline_access")


@app.route("/callback")
def callback():
    tokens = requests.post(
        TOKEN_URL,
        auth=HTTPBasicAuth(CLIENT_ID, CLIENT_SECRET),
        data={"grant_type": "authorization_code", "code": request.args["code"],
              "redirect_uri": url_for("callback", _external=True)},
        timeout=10,
    ).json()
    session["qonto_access_token"] = tokens["access_token"]
    return redirect(url_for("organization"))


@app.route("/organization")
def organization():
    headers = {"Authorization": "Bearer {}".format(session["qonto_access_token"])}
    return requests.get(f"{API_BASE}/organization", headers=headers, timeout=10).json()


@app.route("/memberships")
def memberships():
    headers = {"Authorization": session["qonto_access_token"]}  # expect: QNT110
    return requests.get(f"{API_BASE}/memberships", headers=headers, timeout=10).json()


@app.route("/attachments/<transaction_id>")
def copy_attachments(transaction_id):
    headers = {"Authorization": f"Bearer {session['qonto_access_token']}"}
    attachments = requests.get(
        f"{API_BASE}/transactions/{transaction_id}/attachments", headers=headers, timeout=10
    ).json()["attachments"]
    for attachment in attachments:
        pdf = requests.get(attachment["url"], headers=headers, timeout=30)  # expect: QNT202
        requests.put(
            f"{GRAPH}/me/drive/root:/receipts/{attachment['file_name']}:/content",
            headers={"Authorization": "Bearer " + session["graph_token"]},
            data=pdf.content,
            timeout=30,
        )
    return {"copied": len(attachments)}


def refresh(refresh_token: str) -> dict:
    return requests.post(
        TOKEN_URL,
        data={"grant_type": "refresh_token", "refresh_token": refresh_token,
              "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
        timeout=10,
    ).json()
