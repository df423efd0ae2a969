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
    host, or, when no request can be traced, in a module that references production
    hosts only. A request to the sandbox that carries it is fine even when the module
    also calls production. Headers given to a fake server's registration in tests
    (`responses`, `respx`, `requests_mock`, `httpretty`, `aioresponses`...) are not
    sent, and the URLs registered there do not count as production references. A
    host that is only the default of an environment variable
    (`os.getenv("QONTO_HOST", "https://thirdparty.qonto.com")`,
    `process.env.QONTO_HOST || "https://thirdparty.qonto.com"`) is the deployment's choice,
    not production.

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
        Example(
            """
            import responses
            from responses import matchers
            PRODUCTION = "https://thirdparty.qonto.com/v2"
            @responses.activate
            def test_no_staging_token_in_production():
                responses.add(responses.GET, f"{PRODUCTION}/labels", json={"labels": []},
                              match=[matchers.header_matcher({"X-Qonto-Staging-Token": "t"})])
            """,
            path="tests/test_client.py",
        ),
        Example(
            """
            const HOSTS = { production: "https://thirdparty.qonto.com", sandbox: "https://thirdparty-sandbox.staging.qonto.co" };
            export const stagingHeaders = (env: string) =>
              env === "sandbox" ? { "X-Qonto-Staging-Token": process.env.QONTO_STAGING_TOKEN ?? "" } : {};
            """,  # noqa: E501
            path="qontoClient.ts",
        ),
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
        Example(
            """
            const QONTO_API = "https://thirdparty.qonto.com/v2";
            export function withStagingToken(instance) {
              instance.defaults.headers.common["X-Qonto-Staging-Token"] = process.env.QONTO_STAGING_TOKEN;
            }
            """,
            3,
            36,
            path="qontoAxios.js",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        production_only: bool | None = None  # asked once, and only of a module that sets the header
        for qonto_site in facts.qonto_sites:
            site = qonto_site.site
            if site.header != "x-qonto-staging-token" or facts.in_mock(site.key_node, site.scope):
                continue  # a header a fake server matches or answers with is not sent
            carriers = [fact for fact in facts.site_carriers(site) if not facts.is_mock(fact)]
            if any(facts.configured_url(fact) for fact in carriers):
                continue  # the deployment chooses the host (the sandbox's, with its token)
            targets = [facts.target(fact) for fact in carriers]
            hosts = [t.host for t in targets if t.host is not None and facts.hosts.is_known_api(t.host)]
            if hosts:
                flagged = all(facts.hosts.is_production(h) for h in hosts)
            else:
                if production_only is None:
                    production_only = _references_production_only(facts)
                flagged = production_only
            if flagged:
                yield self.report(
                    site.key_node,
                    f"'{STAGING_HEADER}' is only for Qonto's sandbox, but this request goes to production: "
                    "drop the header there (or call the sandbox host)",
                )


def _references_production_only(facts: Facts) -> bool:
    """The module names Qonto's production hosts and no sandbox host, and no module connected to
    it through imports chooses a sandbox URL (that costs reading the project: asked last)."""
    # URLs registered with a fake server in tests say nothing about where the code sends
    # nor does the default of an environment variable: the deployment chooses the host
    api_hosts = {
        ref.host
        for string, ref in facts.host_refs
        if facts.hosts.is_known_api(ref.host)
        and not facts.only_in_mocks(string)
        and not facts.environment_default(string.node)
    }
    if not api_hosts or any(facts.hosts.is_sandbox(h) for h in api_hosts):
        return False
    # the sandbox URL is chosen in a module connected to this one
    return facts.project is None or not facts.project.connected_reference_sandbox()
