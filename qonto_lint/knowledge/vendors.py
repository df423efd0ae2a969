"""Other services, and the words that make a name a credential's.

A value, a scope or a literal named after another service is that service's, not Qonto's; a
literal shaped like another service's credential is not a Qonto credential.
"""

from __future__ import annotations

#: services whose credentials and headers are not Qonto's (a name holding one of these words
#: belongs to that service): APIs, and the infrastructure whose secrets sit next to API keys.
#: One string split on whitespace: a list literal would be formatted one name a line.
VENDOR_WORDS = frozenset(
    """
    stripe github gitlab bitbucket slack twilio sendgrid mailgun mailjet mailchimp brevo sendinblue
    postmark mandrill notion airtable hubspot salesforce zendesk intercom jira atlassian confluence
    trello asana clickup shopify woocommerce paypal adyen mollie gocardless revolut pennylane
    sellsy quickbooks xero pipedrive zoho freshdesk openai anthropic mistral cohere google gmail
    gcp firebase azure microsoft graph sharepoint onedrive dropbox aws s3 datadog sentry mixpanel
    amplitude algolia cloudflare vercel netlify heroku docker npm pypi telegram discord whatsapp
    facebook instagram twitter linkedin yousign docusign pandadoc treezor mangopay lemonway stancer
    payplug lydia sumup plaid powens nordigen chargebee recurly payfit lucca spendesk agicap odoo
    dolibarr frappe erpnext zapier n8n typeform calendly webflow wordpress contentful strapi
    supabase postgres mysql redis mongo smtp imap ldap jwt csrf django flask celery rabbitmq kafka
    ovh scaleway
    """.split()  # noqa: SIM905
)

#: the prefixes of other services' credentials, as patterns anchored at the start of a literal
FOREIGN_CREDENTIAL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("stripe", r"(?:sk|pk|rk)_(?:live|test)_"),
    ("stripe", r"whsec_"),
    ("github", r"gh[pousr]_"),
    ("github", r"github_pat_"),
    ("slack", r"xox[abposr]-"),
    ("aws", r"AKIA"),
    ("google", r"AIza"),
    ("sendgrid", r"SG\."),
    ("shopify", r"shpat_"),
    ("gitlab", r"glpat-"),
    ("facebook", r"EAA"),
    ("openai", r"sk-"),
    ("django", r"django-insecure-"),
)

#: paths that are another API's wherever they are sent (`f"{base_url}/chat/completions"`): a
#: request to one of them is not Qonto's even when its host is unknown. Matched at path segment
#: boundaries anywhere in the path; only paths no Qonto endpoint shares belong here.
FOREIGN_API_PATHS: tuple[tuple[str, str], ...] = (
    ("openai", "/chat/completions"),
    ("openai", "/v1/completions"),
    ("openai", "/v1/embeddings"),
    ("openai", "/audio/transcriptions"),
    ("anthropic", "/v1/messages"),
    ("stripe", "/v1/charges"),
    ("stripe", "/v1/payment_intents"),
    ("stripe", "/v1/checkout/sessions"),
    ("sendgrid", "/v3/mail/send"),
    ("slack", "/chat.postMessage"),
    ("twilio", "/2010-04-01/Accounts"),
)

# -- credential names -----------------------------------------------------------------------
#
# A name is split into lower-case words (`QONTO_SECRET_KEY` -> qonto, secret, key; `apiKey` ->
# api, key). "Pairs" are two consecutive words, "words" single ones.

#: the kind of Qonto credential a name holds: an OAuth token, a static key, a login, a secret
OAUTH_PAIRS = frozenset({("access", "token"), ("oauth", "token"), ("bearer", "token")})
OAUTH_WORDS = frozenset({"accesstoken", "oauthtoken", "bearertoken"})
STATIC_KEY_PAIRS = frozenset(
    {("api", "key"), ("secret", "key"), ("api", "credentials"), ("static", "key"), ("auth", "key")}
)
STATIC_KEY_WORDS = frozenset({"apikey", "credentials", "secretkey", "statickey", "authkey"})
LOGIN_PAIRS = frozenset(
    {
        ("sign", "in"),
        ("organization", "slug"),
        ("org", "slug"),
        ("organization", "id"),
        ("org", "id"),
        ("api", "id"),
        ("api", "login"),
    }
)
LOGIN_WORDS = frozenset({"login", "signin", "slug", "identifier", "username", "user", "orgslug"})
SECRET_WORDS = frozenset({"secret", "key", "password", "apikey", "secretkey", "apisecret"})
#: names built from these are OAuth client credentials, not a static API key
CLIENT_CREDENTIAL_PAIRS = frozenset({("client", "id"), ("client", "secret")})
CLIENT_CREDENTIAL_WORDS = frozenset({"clientid", "clientsecret"})

#: how surely a name holds a secret: these say so...
STRONG_SECRET_PAIRS = frozenset(
    {
        ("api", "key"),
        ("secret", "key"),
        ("access", "token"),
        ("refresh", "token"),
        ("staging", "token"),
        ("oauth", "token"),
        ("bearer", "token"),
        ("auth", "token"),
        ("static", "key"),
        ("auth", "key"),
        ("client", "secret"),
        ("api", "secret"),
        ("api", "credentials"),
    }
)
STRONG_SECRET_WORDS = frozenset(
    {"secret", "apikey", "secretkey", "credentials", "accesstoken", "refreshtoken", "clientsecret"}
)
#: ...these say it may be one...
WEAK_SECRET_WORDS = frozenset({"key", "token", "password", "passwd", "pwd", "creds", "credential", "pass"})
#: ...and a name ending with one of these names something about a secret, not the secret
NOT_SECRET_LAST_WORDS = frozenset(
    {
        "id",
        "ids",
        "url",
        "uri",
        "endpoint",
        "path",
        "file",
        "filename",
        "name",
        "type",
        "header",
        "prefix",
        "length",
        "len",
        "env",
        "var",
        "field",
        "param",
        "scope",
        "scopes",
        "expiry",
        "expires",
        "host",
        "label",
        "format",
        "pattern",
        "regex",
    }
)
#: names holding these are not secrets
NOT_SECRET_WORDS = frozenset({"idempotency", "public", "publishable"})
#: names of things that are secret but not API credentials
NOT_API_WORDS = frozenset(
    {
        "db",
        "database",
        "session",
        "csrf",
        "django",
        "flask",
        "jwt",
        "smtp",
        "signing",
        "encryption",
        "fernet",
        "webhook",
        "webhooks",
        "signature",
        "hmac",
    }
)
