"""QNT107 http-basic-auth-helper: an HTTP client's Basic auth, which sends `Basic base64(login:secret)`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..authorization.problem import COST
from ..authorization.shape import is_client_auth

if TYPE_CHECKING:
    from ..facts.analysis import Facts
    from ..facts.questions import BasicAuthUse
from .base import Example, Need, Report, Rule


class HttpBasicAuthHelper(Rule):
    CODE = "QNT107"
    NAME = "http-basic-auth-helper"
    SUMMARY = "An HTTP client's Basic auth is used toward Qonto"
    NEEDS = frozenset({Need.AUTH_HELPER})
    DOCS = """
    ## What it does
    Flags HTTP Basic authentication toward Qonto: an `auth=(login, secret)` tuple or
    list, `session.auth = (login, secret)`, `requests.auth.HTTPBasicAuth`,
    `httpx.BasicAuth`, `aiohttp.BasicAuth`, `urllib3.make_headers(basic_auth=...)`
    and urllib's `HTTPBasicAuthHandler`; in JavaScript and TypeScript, axios'
    `auth: { username, password }`, got's `username` / `password` options and
    superagent's `.auth(login, secret)`.

    ## Why is this bad?
    All of them send `Authorization: Basic base64(login:secret)`: the guide's
    "Basic prefix" and "base64 encoding" mistakes at once, written by the library.
    Qonto answers 401, and repeated 401s get the caller throttled. Basic client
    authentication toward the OAuth token endpoint (or with `client_id` /
    `client_secret`) is legitimate OAuth and is not flagged.

    ## Example
    ```python
    requests.get(f"{QONTO_API}/bank_accounts", auth=(QONTO_LOGIN, QONTO_SECRET_KEY))
    ```

    Use instead:
    ```python
    requests.get(
        f"{QONTO_API}/bank_accounts",
        headers={"Authorization": f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}"},
    )
    ```
    """
    VALID = [
        Example("""
            import requests
            def exchange(client_id, client_secret, code):
                return requests.post("https://oauth.qonto.com/oauth2/token", auth=(client_id, client_secret), data={"code": code})
            """),  # noqa: E501
        Example(
            """
            import requests
            def twilio(sid, token):
                return requests.get("https://api.twilio.com/2010-04-01/Accounts", auth=(sid, token))
            """,
            path="qonto_sms.py",
        ),
        Example(
            """
            const QONTO_API = "https://thirdparty.qonto.com/v2";
            axios.get("https://api.stripe.com/v1/payouts", {
              auth: { username: process.env.STRIPE_SECRET_KEY, password: "" },
            });
            """,
            path="payouts.js",
        ),
    ]
    INVALID = [
        Example(
            """
            import requests
            def accounts(login, secret):
                return requests.get("https://thirdparty.qonto.com/v2/bank_accounts", auth=(login, secret))
            """,
            3,
            79,
        ),
        Example(
            """
            from requests.auth import HTTPBasicAuth as Basic
            QONTO = "https://thirdparty.qonto.com/v2"
            def accounts(session, login, secret):
                session.auth = Basic(login, secret)
            """,
            4,
            20,
        ),
        Example(
            """
            import httpx
            def client(login, secret):
                return httpx.Client(base_url="https://thirdparty.qonto.com", auth=httpx.BasicAuth(login, secret))
            """,
            3,
            71,
        ),
        Example(
            """
            import aiohttp
            async def accounts(login, secret):
                async with aiohttp.ClientSession(auth=aiohttp.BasicAuth(login, secret)) as session:
                    return await session.get("https://thirdparty.qonto.com/v2/bank_accounts")
            """,
            3,
            43,
        ),
        Example(
            """
            import urllib3
            def qonto_headers(login, secret):
                return urllib3.make_headers(basic_auth=f"{login}:{secret}")
            """,
            3,
            12,
        ),
        Example(
            """
            import urllib.request
            def qonto_opener(manager):
                return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(manager))
            """,
            3,
            40,
        ),
        Example(
            """
            import axios from "axios";
            export const qonto = axios.create({
              baseURL: "https://thirdparty.qonto.com/v2",
              auth: { username: process.env.QONTO_LOGIN, password: process.env.QONTO_SECRET_KEY },
            });
            """,
            4,
            9,
            path="qontoAxios.mjs",
        ),
        Example(
            """
            import superagent from "superagent";
            export const statements = () =>
              superagent.get("https://thirdparty.qonto.com/v2/statements").auth(process.env.QONTO_LOGIN!, process.env.QONTO_SECRET_KEY!);
            """,  # noqa: E501
            3,
            64,
            path="bankFeed.ts",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        for use in facts.basic_auth_uses:
            if self._flag(facts, use):
                yield self.report(use.node, self._message(use.label))

    def _flag(self, facts: Facts, use: BasicAuthUse) -> bool:
        """Whether to report: not toward the token endpoint, not client credentials, in Qonto context."""
        if facts.goes_to_token_endpoint(use.targets):
            return False
        if is_client_auth(use.value):
            return False
        return facts.in_qonto_context(use.scope, use.targets, use.value)

    def _message(self, what: str) -> str:
        return (
            f"{what} sends 'Basic base64(login:secret)', which Qonto rejects: send the header "
            f"'Authorization: login:secret' instead ({COST})"
        )
