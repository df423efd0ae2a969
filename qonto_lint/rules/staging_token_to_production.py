"""QNT302 staging-token-to-production: x-Qonto-Staging-Token is sent to production."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ._header_rule import STAGING_HEADER
from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts


class StagingTokenToProduction(Rule):
    CODE = "QNT302"
    NAME = "staging-token-to-production"
    SUMMARY = "X-Qonto-Staging-Token is sent to production"
    NEEDS = frozenset({Need.HEADER_KEY})
    DOCS = """
    ## What it does
    Flags an `X-Qonto-Staging-Token` header set on a request to a Qonto production
    host, or in a module that references production hosts only.

    ## Why is this bad?
    The staging token belongs to the sandbox; production does not accept it. Its
    presence means the code believes it talks to the sandbox while it calls
    production (or sends the sandbox token where it does not belong).

    ## Example
    ```python
    requests.get("https://thirdparty.qonto.com/v2/organization",
                 headers={"Authorization": key, "X-Qonto-Staging-Token": staging})
    ```

    Use instead:
    ```python
    requests.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": key})
    ```
    """
    VALID = [
        Example("""
            import requests
            def org(key, staging):
                return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/organization",
                                    headers={"Authorization": key, "X-Qonto-Staging-Token": staging})
            """),
    ]
    INVALID = [
        Example(
            """
            import requests
            def org(key, staging):
                return requests.get("https://thirdparty.qonto.com/v2/organization",
                                    headers={"Authorization": key, "X-Qonto-Staging-Token": staging})
            """,
            4,
            56,
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        api_hosts = {ref.host for _s, ref in facts.host_refs if facts.hosts.is_known_api(ref.host)}
        production_only = bool(api_hosts) and not any(facts.hosts.is_sandbox(h) for h in api_hosts)
        for qonto_site in facts.qonto_sites:
            site, targets = qonto_site.site, qonto_site.targets
            if site.header != "x-qonto-staging-token":
                continue
            hosts = [t.host for t in targets if t.host is not None and facts.hosts.is_known_api(t.host)]
            if hosts:
                flagged = all(facts.hosts.is_production(h) for h in hosts)
            else:
                flagged = production_only
            if flagged:
                yield self.report(
                    site.key_node,
                    f"'{STAGING_HEADER}' is only for Qonto's sandbox, but this request goes to production: "
                    "drop the header there (or call the sandbox host)",
                )
