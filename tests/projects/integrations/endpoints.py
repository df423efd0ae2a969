"""Known endpoints used across the integrations layer."""

QONTO = {
    "api": "https://thirdparty.qonto.com/v2",
    "sandbox": "https://thirdparty-sandbox.staging.qonto.co/v2",  # expect: QNT301
    "oauth_token": "https://oauth.qonto.com/oauth2/token",
    "onboarding": "https://onboarding-partners.qonto.com/api/v2",
    "old_sandbox": "https://thirdparty.sandbox.qonto.com/v2",  # expect: QNT305
    "typo": "https://thirdparty.qonto.co/v2",  # expect: QNT305
    "docs": "https://docs.qonto.com/api-reference",
    "old_docs": "https://api-doc.qonto.com/docs/business-api",
    "web": "https://app.qonto.com",
}

STRIPE_API = "https://api.stripe.com/v1"
GITHUB_API = "https://api.github.com"
AUTH0_DOMAIN = "https://acme.eu.auth0.com"
