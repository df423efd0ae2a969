"""QNT301 sandbox-without-staging-token: a request to the sandbox sends no X-Qonto-Staging-Token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ._header_rule import STAGING_HEADER
from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts


class SandboxWithoutStagingToken(Rule):
    CODE = "QNT301"
    NAME = "sandbox-without-staging-token"
    SUMMARY = "The sandbox is called but no X-Qonto-Staging-Token is set"
    NEEDS = frozenset({Need.QONTO_HOST})
    DOCS = """
    ## What it does
    Flags a string that holds a Qonto sandbox host when a request, client or session
    made to it in the module does not send the `X-Qonto-Staging-Token` header (any
    case), even if other sandbox requests of the module do. A request whose headers
    cannot all be seen (a parameter, a helper of another module, `**kwargs`), and a
    sandbox URL that no request can be traced to (a constant in a config module), are
    decided by the module: flagged when nothing in it sets the header.

    URLs registered with a fake server in tests (`responses`, `respx`, `requests_mock`,
    `httpretty`, `aioresponses`, `pytest-httpserver`, `pytest-httpx`, and their
    fixtures) are not requests, and headers given to such a registration (to match or
    to answer with) are not sent.

    ## Why is this bad?
    Every sandbox request, the OAuth token endpoint's included, needs
    `X-Qonto-Staging-Token`. Without it the sandbox answers with an HTML page or a
    redirect to the SSO login instead of JSON.

    ## Example
    ```python
    SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
    requests.get(f"{SANDBOX}/v2/bank_accounts", headers={"Authorization": key})
    ```

    Use instead:
    ```python
    SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
    requests.get(
        f"{SANDBOX}/v2/bank_accounts",
        headers={"Authorization": key, "X-Qonto-Staging-Token": os.environ["QONTO_STAGING_TOKEN"]},
    )
    ```
    """
    VALID = [
        Example("""
            SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
            def headers(key, staging):
                return {"Authorization": key, "X-Qonto-Staging-Token": staging}
            """),
        Example(
            """
            import responses
            SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"
            @responses.activate
            def test_labels():
                responses.add(responses.GET, f"{SANDBOX}/labels", json={"labels": []})
            """,
            path="tests/test_client.py",
        ),
        Example(
            """
            const SANDBOX_URL = "https://thirdparty-sandbox.staging.qonto.co/v2";
            await fetch(`${SANDBOX_URL}/organization`, {
              headers: {
                Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}`,
                "X-Qonto-Staging-Token": process.env.QONTO_STAGING_TOKEN,
              },
            });
            """,
            path="quickstart.mjs",
        ),
    ]
    INVALID = [
        Example(
            """
            SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
            """,
            1,
            11,
        ),
        Example(
            """
            def token_url():
                return f"https://oauth-sandbox.staging.qonto.co/oauth2/token"
            """,
            2,
            12,
        ),
        Example(
            """
            import requests
            def labels(key, staging):
                return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/labels",
                                    headers={"Authorization": key, "X-Qonto-Staging-Token": staging})
            def memberships(key):
                return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/memberships",
                                    headers={"Authorization": key})
            """,
            6,
            25,
        ),
        Example(
            """
            const QONTO_SANDBOX_API = "https://thirdparty-sandbox.staging.qonto.co/v2";
            export const probe = (login: string, secretKey: string) =>
              fetch(`${QONTO_SANDBOX_API}/organization`, { headers: { Authorization: `${login}:${secretKey}` } });
            """,
            1,
            27,
            path="probe.ts",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        from ..facts.questions import Staging

        reported = set()
        for url in facts.sandbox_urls:
            node, host = url.string.node, url.ref.host
            if node in reported:
                continue
            if url.staging is Staging.MISSING:
                reported.add(node)
                yield self.report(
                    node,
                    f"{host} is Qonto's sandbox, and a request made to it here does not send the "
                    f"'{STAGING_HEADER}' header it requires: the sandbox answers with an HTML page or an SSO "
                    "redirect instead of JSON",
                )
            elif (
                url.staging in (Staging.UNKNOWN, Staging.UNTRACED)
                and not facts.staging_token_set_around(url)
                and not facts.only_mocked_here(url)
            ):
                reported.add(node)
                yield self.report(
                    node,
                    f"{host} is Qonto's sandbox, and nothing in this module sets the "
                    f"'{STAGING_HEADER}' header it requires: the sandbox answers with an HTML page or an SSO "
                    "redirect instead of JSON",
                )
