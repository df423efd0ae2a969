"""Qonto hosts: which are the API, which are legacy, which do not exist; and URLs found in text.

The hosts themselves are data, in `knowledge/qonto.py`.
"""

from __future__ import annotations

import re

from ..knowledge.qonto import (
    API_HOST_WORDS,
    DOMAINS,
    HELP_HOST_PREFIX,
    LEGACY_HOSTS,
    NONEXISTENT_HOSTS,
    OAUTH_TOKEN_PATHS,
    PRODUCTION_HOSTS,
    SANDBOX_HOSTS,
    WEB_HOSTS,
)
from ..knowledge.vendors import FOREIGN_API_PATHS
from ..record import ValueRecord

#: patterns, compiled on first use by `re`'s cache (a run that only gates files never needs them)
_URL = r"(?i)\b(https?)://(?:[^\s/@'\"]*@)?([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d+)?(/[^\s'\"]*)?"
#: a bare host, also protocol-relative (`//host/v2`) or with the root's trailing dot (`host.`)
_BARE_HOST = (
    r"(?i)^\s*(?://)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)\.?(?::\d+)?(/[^\s]*)?\s*$"
)
#: Top-level domains accepted for a bare host (no scheme) as evidence of another API.
_COMMON_TLDS = frozenset(["com", "net", "org", "io", "eu", "dev", "cloud", "fr", "de", "uk", "us", "uz"])


class UrlRef(ValueRecord):
    """One URL or host found in a piece of text."""

    __slots__ = ("scheme", "host", "path", "start", "end")

    def __init__(self, scheme: str | None, host: str, path: str, start: int, end: int) -> None:
        self.scheme = scheme  # "http", "https" or None for a bare host
        self.host = host  # lowercased
        self.path = path
        self.start = start  # offset of the reference in the text
        self.end = end


class HostTable(ValueRecord):
    """The hosts known to be Qonto's, with a project's extra hosts (config `extra-hosts`)."""

    __slots__ = ("extra_production", "extra_sandbox")

    def __init__(
        self, extra_production: frozenset[str] = frozenset(), extra_sandbox: frozenset[str] = frozenset()
    ) -> None:
        self.extra_production = extra_production
        self.extra_sandbox = extra_sandbox

    def sandbox_hosts(self) -> frozenset[str]:
        return SANDBOX_HOSTS | frozenset(self.extra_sandbox)

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
    return any(host == s or host.endswith("." + s) for s in DOMAINS)


def is_unknown_api_host(host: str) -> bool:
    """QNT305: a Qonto-domain host that looks like an API host but is not a known one."""
    host = host.lower().rstrip(".")
    if not is_qonto_domain(host):
        return False
    if host in NONEXISTENT_HOSTS:
        return True
    if host in PRODUCTION_HOSTS or host in SANDBOX_HOSTS or host in LEGACY_HOSTS or host in WEB_HOSTS:
        return False
    if host.startswith(HELP_HOST_PREFIX) and host.endswith(".qonto.com"):
        return False
    words = re.split(r"[.\-\d_]+", host)
    return any(word.startswith(api) for word in words for api in API_HOST_WORDS)


def foreign_api_of(path: str) -> str | None:
    """The service whose API a path is (`/v1/chat/completions`: openai), or None."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    for vendor, fragment in FOREIGN_API_PATHS:
        at = path.find(fragment)
        while at >= 0:
            if path[at + len(fragment) : at + len(fragment) + 1] in ("", "/"):
                return vendor
            at = path.find(fragment, at + 1)
    return None


def is_token_endpoint(path: str) -> bool:
    path = path.split("?", 1)[0].rstrip("/")
    return any(path.endswith(p) for p in OAUTH_TOKEN_PATHS)


def find_urls(text: str) -> list[UrlRef]:
    """Every `scheme://host` in the text, or the whole text when it is a bare host name."""
    refs = [
        UrlRef(m.group(1).lower(), m.group(2).lower().rstrip("."), m.group(3) or "", m.start(), m.end())
        for m in re.finditer(_URL, text)
    ]
    if refs:
        return refs
    bare = re.match(_BARE_HOST, text)
    if bare:
        host = bare.group(1).lower()
        tld = host.rsplit(".", 1)[-1]
        if is_qonto_domain(host) or (tld in _COMMON_TLDS and host.count(".") >= 1 and not _looks_like_file(host)):
            return [UrlRef(None, host, bare.group(2) or "", bare.start(1), bare.end())]
    return []


def _looks_like_file(host: str) -> bool:
    # "settings.py", "report.csv": dotted names that are files or modules, not hosts.
    return host.rsplit(".", 1)[-1] in {"py", "csv", "json", "txt", "md", "yaml", "yml", "toml", "cfg", "ini"}
