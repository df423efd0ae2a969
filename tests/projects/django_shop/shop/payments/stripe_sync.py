"""Charges from Stripe, issues from GitHub: other services, their own schemes."""

import requests
from django.conf import settings


def charges():
    headers = {"Authorization": f"Bearer {settings.STRIPE_API_KEY}"}
    return requests.get("https://api.stripe.com/v1/charges", headers=headers, timeout=30).json()


def issues():
    headers = {"Authorization": f"Bearer {settings.GITHUB_TOKEN}"}
    return requests.get("https://api.github.com/repos/acme/shop/issues", headers=headers, timeout=30).json()
