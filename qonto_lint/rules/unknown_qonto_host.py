"""QNT305 unknown-qonto-host: a Qonto-looking API host that does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..facts.hosts import is_unknown_api_host
from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts


class UnknownQontoHost(Rule):
    CODE = "QNT305"
    NAME = "unknown-qonto-host"
    SUMMARY = "A Qonto-looking API host that does not exist"
    NEEDS = frozenset({Need.QONTO_HOST})
    DOCS = """
    ## What it does
    Flags a URL or host under `qonto.com`, `qonto.co` or `qonto.eu` that looks like
    an API host (`api`, `auth`, `thirdparty`, `oauth`, `sandbox`, `staging`, `onboarding`)
    but is not one of Qonto's API hosts: `thirdparty-sandbox.qonto.com`,
    `thirdparty.sandbox.qonto.com`, `api.qonto.com`, `auth.qonto.com`, `thirdparty.qonto.co`...
    Qonto's sites for people (`app.qonto.com`, `api-doc.qonto.com`, the former
    documentation site) are not API hosts and are not reported.

    ## Why is this bad?
    The host does not exist (or is not the API): every call fails. Use
    `thirdparty.qonto.com` in production and `thirdparty-sandbox.staging.qonto.co`
    in the sandbox. Company proxies go in `extra-hosts`.

    ## Example
    ```python
    SANDBOX = "https://thirdparty-sandbox.qonto.com/v2"
    ```

    Use instead:
    ```python
    SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"
    ```
    """
    VALID = [
        Example("""
            WEB = "https://app.qonto.com/settings"
            API = "https://thirdparty.qonto.com/v2"
            """),
        Example("""
            # Reference: https://api-doc.qonto.com/docs/business-api
            DOCS = "https://api-doc.qonto.com/docs/business-api/ZG9jOjQ2NDA2-introduction"
            """),
        Example(
            """
            const LINKS = { dashboard: "https://app.qonto.com", developers: "https://developers.qonto.com" };
            """,
            path="links.js",
        ),
    ]
    INVALID = [
        Example(
            """
            SANDBOX = "https://thirdparty-sandbox.qonto.com/v2"
            """,
            1,
            11,
        ),
        Example(
            """
            HOST = "api.qonto.com"
            """,
            1,
            8,
        ),
        Example(
            """
            TOKEN_URL = "https://auth.qonto.com/oauth2/token"
            """,
            1,
            13,
        ),
        Example(
            """
            export const WEBHOOKS_URL = "https://api.qonto.com/v2/webhook_subscriptions";
            """,
            1,
            29,
            path="qontoHosts.ts",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        refs = [(string.node, ref) for string, ref in facts.host_refs]
        refs += [(built.node, built.ref) for built in facts.built_refs if not built.whole]
        for node, ref in refs:
            if is_unknown_api_host(ref.host) and not facts.hosts.is_known_api(ref.host):
                yield self.report(
                    node,
                    f"{ref.host} is not a Qonto API host: use thirdparty.qonto.com (production) or "
                    "thirdparty-sandbox.staging.qonto.co (sandbox); calls to it fail",
                )
