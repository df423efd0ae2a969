"""Qonto hosts (SPEC §1): which are the API, which are legacy, which do not exist."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PRODUCTION_HOSTS = frozenset(
    {
        "thirdparty.qonto.com",
        "oauth.qonto.com",
        "onboarding-partners.qonto.com",
    }
)
SANDBOX_HOSTS = frozenset(
    {
        "thirdparty-sandbox.staging.qonto.co",
        "oauth-sandbox.staging.qonto.co",
    }
)
LEGACY_HOSTS = frozenset({"thirdparty.qonto.eu"})
#: Qonto hosts that serve people, not the API: never an unknown API host.
WEB_HOSTS = frozenset(
    {
        "qonto.com",
        "www.qonto.com",
        "app.qonto.com",
        "developers.qonto.com",
        "docs.qonto.com",
        "sandbox.staging.qonto.co",
    }
)
OAUTH_TOKEN_PATHS = ("/oauth2/token", "/v2/oauth2/token")
_QONTO_SUFFIXES = ("qonto.com", "qonto.co", "qonto.eu")
_API_WORDS = ("api", "thirdparty", "oauth", "sandbox", "staging", "onboarding")

_URL = re.compile(r"(?i)\b(https?)://([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d+)?(/[^\s'\"]*)?")
_BARE_HOST = re.compile(
    r"(?i)^\s*([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?::\d+)?(/[^\s]*)?\s*$"
)
#: Top-level domains accepted for a bare host (no scheme) as evidence of another API.
_COMMON_TLDS = frozenset(
    "com net org io eu dev cloud fr de uk us uz".split()
)


@dataclass(frozen=True)
class UrlRef:
    """One URL or host found in a piece of text."""

    scheme: str | None  # "http", "https" or None for a bare host
    host: str  # lowercased
    path: str
    start: int  # offset of the reference in the text
    end: int


@dataclass(frozen=True)
class HostTable:
    """The hosts known to be Qonto's, with a project's extra hosts (config `extra-hosts`)."""

    extra_production: frozenset[str] = field(default_factory=frozenset)
    extra_sandbox: frozenset[str] = field(default_factory=frozenset)

    def is_sandbox(self, host: str) -> bool:
        return host in SANDBOX_HOSTS or host in self.extra_sandbox

    def is_production(self, host: str) -> bool:
        return host in PRODUCTION_HOSTS or host in LEGACY_HOSTS or host in self.extra_production

    def is_known_api(self, host: str) -> bool:
        return self.is_sandbox(host) or self.is_production(host)

    def is_qonto(self, host: str) -> bool:
        """Any Qonto host, API or not, and the configured extra hosts."""
        return self.is_known_api(host) or is_qonto_domain(host)

    def is_api(self, host: str) -> bool:
        """A host that receives API calls: known, legacy, extra or unknown-but-API-looking."""
        return self.is_known_api(host) or is_unknown_api_host(host)


def is_qonto_domain(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == s or host.endswith("." + s) for s in _QONTO_SUFFIXES)


def is_unknown_api_host(host: str) -> bool:
    """SPEC QNT305: a Qonto-domain host that looks like an API host but is not a known one."""
    host = host.lower().rstrip(".")
    if not is_qonto_domain(host):
        return False
    if host in PRODUCTION_HOSTS or host in SANDBOX_HOSTS or host in LEGACY_HOSTS or host in WEB_HOSTS:
        return False
    if host.startswith("support") and host.endswith(".qonto.com"):
        return False
    words = re.split(r"[.\-\d_]+", host)
    return any(word.startswith(api) for word in words for api in _API_WORDS)


def is_token_endpoint(path: str) -> bool:
    path = path.split("?", 1)[0].rstrip("/")
    return any(path.endswith(p) for p in OAUTH_TOKEN_PATHS)


def find_urls(text: str) -> list[UrlRef]:
    """Every `scheme://host` in the text, or the whole text when it is a bare host name."""
    refs = [
        UrlRef(m.group(1).lower(), m.group(2).lower().rstrip("."), m.group(3) or "", m.start(), m.end())
        for m in _URL.finditer(text)
    ]
    if refs:
        return refs
    bare = _BARE_HOST.match(text)
    if bare:
        host = bare.group(1).lower()
        tld = host.rsplit(".", 1)[-1]
        if is_qonto_domain(host) or (tld in _COMMON_TLDS and host.count(".") >= 1 and not _looks_like_file(host)):
            return [UrlRef(None, host, bare.group(2) or "", bare.start(1), bare.end())]
    return []


def _looks_like_file(host: str) -> bool:
    # "settings.py", "report.csv": dotted names that are files or modules, not hosts.
    return host.rsplit(".", 1)[-1] in {"py", "csv", "json", "txt", "md", "yaml", "yml", "toml", "cfg", "ini"}
