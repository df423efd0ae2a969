"""QNT102 bearer-scheme-on-api-key: a static API key is sent with the 'Bearer ' prefix."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ..facts.values import Kind
from ._header_rule import HeaderRule
from .base import Example

if TYPE_CHECKING:
    from ..authorization.shape import Reading
    from ..facts.analysis import Facts
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix

_BEARER = re.compile(r"\s*bearer\s+", re.IGNORECASE)


class BearerSchemeOnApiKey(HeaderRule):
    CODE = "QNT102"
    NAME = "bearer-scheme-on-api-key"
    SUMMARY = "A static API key is sent with the 'Bearer ' prefix"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` header sent to Qonto that puts `Bearer ` before a static
    API key (a `login:secret` pair, or a part named like a secret or an API key).
    Requests to the Onboarding API (`onboarding-partners.qonto.com`) are not flagged:
    it takes `Bearer <token>`.

    ## Why is this bad?
    `Bearer` is only for OAuth access tokens. A static key with a `Bearer` prefix is
    rejected with a 401, and repeated 401s get the caller throttled.

    ## Example
    ```python
    headers = {"Authorization": f"Bearer {self.login}:{self.secret_key}"}
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"{self.login}:{self.secret_key}"}
    ```

    ## Fix safety
    Safe when the `Bearer ` text is in a string literal inside the header value: the fix removes it from that literal. When the prefix comes from elsewhere, the fix is unsafe.

    Whatever the edit, a fix is safe only where Qonto is seen at the header: the request's URL is a Qonto host, or a part of the value or the client is qonto-named (`QONTO_SECRET_KEY`, `qonto_session`). Where the Qonto context is only inferred (the function's, class's or module's evidence, `qonto` in the path, `assume-qonto`) or the header is also sent to another host, the fix is unsafe: the header may be another service's, and the edit would break its call.
    """  # noqa: E501
    VALID = [
        Example("""
            import httpx
            def org(access_token):
                return httpx.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": f"Bearer {access_token}"})
            """),  # noqa: E501
        Example(
            """
            import requests
            def stripe(api_key):
                return requests.get("https://api.stripe.com/v1/balance", headers={"Authorization": f"Bearer {api_key}"})
            """,
            path="qonto_sync.py",
        ),
        Example("""
            import requests
            def register(api_key, partner_id, payload):
                headers = {"Authorization": f"Bearer {api_key}", "Qonto-Partner-Id": partner_id}
                return requests.post("https://onboarding-partners.qonto.com/api/v1/registrations", headers=headers, json=payload)
            """),  # noqa: E501
        Example(
            """
            export async function organization(accessToken: string) {
              return fetch("https://thirdparty.qonto.com/v2/organization", {
                headers: { Authorization: `Bearer ${accessToken}` },
              });
            }
            """,
            path="qontoClient.ts",
        ),
    ]
    INVALID = [
        Example(
            """
            import httpx
            def org(login, secret_key):
                return httpx.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": f"Bearer {login}:{secret_key}"})
            """,  # noqa: E501
            3,
            96,
        ),
        Example(
            """
            import os
            def labels():
                key = os.environ["QONTO_API_KEY"]
                return {"Authorization": "Bearer %s" % key}
            """,
            4,
            30,
        ),
        Example(
            """
            const QONTO_API = "https://thirdparty.qonto.com/v2";
            axios.get(`${QONTO_API}/organization`, {
              headers: { Authorization: `Bearer ${process.env.QONTO_API_KEY}` },
            });
            """,
            3,
            29,
            path="qonto.js",
        ),
    ]

    def applies(self, facts: Facts, site: QontoSite) -> bool:
        # the Onboarding API takes `Bearer <token>`: a key sent there with it is right
        return not facts.takes_bearer(site)

    def diagnose(self, reading: Reading) -> Problem | None:
        shape = reading.shape
        atoms = shape.atoms
        if shape.scheme != "bearer" or not atoms or any(Kind.OAUTH in a.kinds for a in atoms):
            return None
        pair = len(atoms) >= 2 and ":" in shape.separators[0]
        single = len(atoms) == 1 and bool(atoms[0].kinds & {Kind.SECRET, Kind.STATIC_KEY})
        if not (pair or single):
            return None
        return Problem(
            self.CODE,
            "'Bearer' is for OAuth access tokens; a Qonto static API key is sent as 'login:secret' "
            f"with no prefix ({COST})",
            {"scheme_text": shape.scheme_text},
        )

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        if facts.edits is not None:  # the front end edits its own language's text
            return facts.edits.remove_prefix(site.value, site.value_node, _BEARER, "Remove the 'Bearer ' prefix")
        from ..fixes.edits import remove_prefix

        return remove_prefix(site.value, site.value_node, facts.parents, _BEARER, "Remove the 'Bearer ' prefix")
