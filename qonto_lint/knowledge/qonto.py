"""Qonto's API as the analyzer knows it: hosts, paths, header names, credential shapes."""

from __future__ import annotations

#: the API hosts in production
PRODUCTION_HOSTS = frozenset(
    {
        "thirdparty.qonto.com",
        "oauth.qonto.com",
        "onboarding-partners.qonto.com",
    }
)
#: the sandbox's API hosts (they need the X-Qonto-Staging-Token header)
SANDBOX_HOSTS = frozenset(
    {
        "thirdparty-sandbox.staging.qonto.co",
        "oauth-sandbox.staging.qonto.co",
    }
)
#: the former API host, no longer documented
LEGACY_HOSTS = frozenset({"thirdparty.qonto.eu"})
#: Qonto hosts that serve people, not the API: never an unknown API host.
WEB_HOSTS = frozenset(
    {
        "qonto.com",
        "www.qonto.com",
        "app.qonto.com",
        "developers.qonto.com",
        "docs.qonto.com",
        "api-doc.qonto.com",
        "sandbox.staging.qonto.co",
    }
)
#: API-looking hosts seen in real code that do not exist: always unknown, whatever their words
NONEXISTENT_HOSTS = frozenset(
    {
        "thirdparty-sandbox.qonto.com",
        "thirdparty.sandbox.qonto.com",
        "api.qonto.com",
        "api.qonto.eu",
        "thirdparty.qonto.co",
        "auth.qonto.com",
    }
)
#: the API hosts whose Authorization value is `Bearer <token>` whatever the token is called
#: (the Onboarding API's partner token)
BEARER_HOSTS = frozenset({"onboarding-partners.qonto.com"})
#: the help centre's hosts start with this (`support.qonto.com`, `support-fr.qonto.com`)
HELP_HOST_PREFIX = "support"
#: Qonto's domains: every host under them is Qonto's
DOMAINS = ("qonto.com", "qonto.co", "qonto.eu")
#: the domains to look for in text: `qonto.com` contains `qonto.co`
DOMAIN_NEEDLES = tuple(d for d in DOMAINS if not any(o != d and o in d for o in DOMAINS))
#: words that make a Qonto host look like an API host (`api-v3.qonto.com`)
API_HOST_WORDS = ("api", "auth", "thirdparty", "oauth", "sandbox", "staging", "onboarding")

#: how the API's paths start: a relative URL starting so is a Qonto request
API_PATH_PREFIXES = ("/v2", "/v1", "/oauth2")
#: the first segment after `/v2/` of the Business API's paths: a gateway that forwards them to
#: Qonto (`https://gateway.acme.internal/v2/transactions`) is in front of Qonto, whereas another
#: service's `/v1/charges`, `/v1.0/me` or `/v2/payments` is not
API_RESOURCES = frozenset(
    {
        "organization",
        "organizations",
        "bank_accounts",
        "transactions",
        "attachments",
        "labels",
        "memberships",
        "teams",
        "requests",
        "transfers",
        "external_transfers",
        "internal_transfers",
        "bulk_transfers",
        "recurring_transfers",
        "sepa",
        "international",
        "beneficiaries",
        "trusted_beneficiaries",
        "cards",
        "statements",
        "client_invoices",
        "supplier_invoices",
        "credit_notes",
        "quotes",
        "clients",
        "products",
        "insurance_contracts",
        "webhook_subscriptions",
        "payment_links",
        "einvoicing",
        "e_invoicing",
        "oauth2",
    }
)
#: the OAuth token endpoint's paths (Basic client authentication is legitimate there)
OAUTH_TOKEN_PATHS = ("/oauth2/token", "/v2/oauth2/token")

#: header names, normalised (lower case) and as documented
AUTHORIZATION = "authorization"
STAGING = "x-qonto-staging-token"
STAGING_HEADER = "X-Qonto-Staging-Token"

#: a login: the organisation's slug, a dash and digits (`acme-robotics-2231`); unanchored, so that
#: a login can also be found inside a longer text
LOGIN_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*-\d+"
#: a static secret key: 32 lowercase letters and digits
SECRET_KEY_PATTERN = r"^[a-z0-9]{32}$"
#: OAuth access tokens start so
OAUTH_ACCESS_TOKEN_PREFIXES = ("ory_at_",)
#: every OAuth credential Qonto issues: access tokens, refresh tokens, authorisation codes
OAUTH_PREFIXES = ("ory_at_", "ory_rt_", "ory_ac_")

#: fields of Qonto API responses that hold a URL to another host (an attachment's pre-signed
#: storage URL, a statement's file, a payment's redirection link): such a URL must be fetched
#: without the Qonto Authorization header
RESPONSE_URL_FIELDS = frozenset(
    {
        "pdf_url",
        "file_url",
        "download_url",
        "attachment_url",
        "invoice_url",
        "receipt_url",
        "redirection_link",
        "redirect_url",
        "signed_url",
        "presigned_url",
        "pre_signed_url",
        "temporary_url",
        "public_url",
    }
)
#: a generic URL field (`attachment["url"]`) counts when its object is one of the resources below
RESPONSE_URL_GENERIC_FIELDS = frozenset({"url", "link", "href"})
#: the API resources whose `url` points to a file on a storage host
RESPONSE_URL_RESOURCES = frozenset(
    {
        "attachment",
        "attachments",
        "probative",
        "statement",
        "statements",
        "invoice",
        "invoices",
        "receipt",
        "receipts",
        "document",
        "documents",
        "file",
        "files",
        "upload",
        "export",
    }
)
#: hosts that are this machine or a test double, never a third party
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "testserver", "host.docker.internal"})
#: addresses of this machine and of private networks
PRIVATE_NETWORK_PREFIXES = ("127.", "10.", "192.168.")
#: domains reserved for tests and documentation, and for a private network's own names
LOCAL_DOMAINS = (
    "localhost",
    "test",
    "example",
    "invalid",
    "local",
    "internal",
    "example.com",
    "example.org",
    "example.net",
)


#: words written after `qonto` with no separator that still make it Qonto's name (`qontoclient`)
_JOINED_WORDS = (
    "api",
    "auth",
    "bank",
    "client",
    "config",
    "connector",
    "credential",
    "header",
    "http",
    "integration",
    "key",
    "login",
    "oauth",
    "org",
    "provider",
    "secret",
    "service",
    "session",
    "setting",
    "sdk",
    "token",
    "url",
)


def mentions_qonto(text: str) -> bool:
    """Whether `text` holds the word `qonto` (any case): `QONTO_API_KEY`, `QontoClient`,
    `myQontoClient`, `thirdparty.qonto.com`, `Qonto's`, `qontoclient`; not another word that
    holds its letters (`qontos`, the QONTOS SDK; `laqonto`; `QONTOS`)."""
    lowered = text.lower()
    start = lowered.find("qonto")
    while start != -1:
        end = start + 5
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        starts = not before.isalpha() or before.isupper() != text[start].isupper()
        ends = (
            not after.isalpha()
            or (after.isupper() and text[end - 1].islower())
            or (after.islower() and lowered.startswith(_JOINED_WORDS, end))
        )
        if starts and ends:
            return True
        start = lowered.find("qonto", end)
    return False
