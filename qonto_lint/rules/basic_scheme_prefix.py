"""QNT101 basic-scheme-prefix: the Authorization value starts with 'Basic '."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ._header_rule import HeaderRule
from .base import Example

if TYPE_CHECKING:
    from ..authorization.shape import Reading
    from ..facts.analysis import Facts
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix

_BASIC = re.compile(r"\s*basic\s+", re.IGNORECASE)


class BasicSchemePrefix(HeaderRule):
    CODE = "QNT101"
    NAME = "basic-scheme-prefix"
    SUMMARY = "The Authorization value starts with 'Basic '"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` header sent to Qonto whose value starts with `Basic `.

    ## Why is this bad?
    Qonto's static API key is sent raw as `login:secret`. The guide warns: "Do not
    include 'Basic' before the credentials". Qonto answers 401, and more than 200
    401s in an hour get the caller throttled.

    Basic credentials sent to the OAuth token endpoint, or built from
    `client_id` / `client_secret`, are OAuth client authentication and are not flagged.

    ## Example
    ```python
    headers = {"Authorization": f"Basic {login}:{secret_key}"}
    requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"{login}:{secret_key}"}
    requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
    ```

    ## Fix safety
    Safe when the `Basic ` text is in a string literal inside the header value: the fix removes it from that literal. When the prefix comes from a constant or a variable defined elsewhere, the fix is unsafe (other code may use it).

    Whatever the edit, a fix is safe only where Qonto is seen at the header: the request's URL is a Qonto host, or a part of the value or the client is qonto-named (`QONTO_SECRET_KEY`, `qonto_session`). Where the Qonto context is only inferred (the function's, class's or module's evidence, `qonto` in the path, `assume-qonto`) or the header is also sent to another host, the fix is unsafe: the header may be another service's, and the edit would break its call.
    """  # noqa: E501
    VALID = [
        Example("""
            import requests
            def org(login, secret_key):
                headers = {"Authorization": f"{login}:{secret_key}"}
                return requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
            """),
        Example("""
            import requests
            def token(client_id, client_secret):
                basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
                return requests.post("https://oauth.qonto.com/oauth2/token", headers={"Authorization": "Basic " + basic})
            """),  # noqa: E501
        Example(
            """
            import requests
            def mailjet(key, secret):
                return requests.get("https://api.mailjet.com/v3/REST/contact", headers={"Authorization": f"Basic {key}:{secret}"})
            """,  # noqa: E501
            path="sync_qonto.py",
        ),
        Example(
            """
            async function token(clientId, clientSecret) {
              return fetch("https://oauth.qonto.com/oauth2/token", {
                method: "POST",
                headers: { Authorization: "Basic " + btoa(`${clientId}:${clientSecret}`) },
              });
            }
            """,
            path="qontoOAuth.js",
        ),
    ]
    INVALID = [
        Example(
            """
            import requests
            def org(login, secret_key):
                headers = {"Authorization": f"Basic {login}:{secret_key}"}
                return requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
            """,
            3,
            33,
        ),
        Example(
            """
            QONTO_LOGIN = os.environ["QONTO_LOGIN"]
            QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]
            HEADERS = {"Authorization": "Basic " + QONTO_LOGIN + ":" + QONTO_SECRET_KEY}
            """,
            3,
            29,
            path="client.py",
        ),
        Example(
            """
            export async function organization(login: string, secretKey: string) {
              return fetch("https://thirdparty.qonto.com/v2/organization", {
                headers: { Authorization: `Basic ${login}:${secretKey}` },
              });
            }
            """,
            3,
            31,
            path="qontoClient.ts",
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        if reading.shape.scheme != "basic" or reading.exempt:
            return None
        return Problem(
            self.CODE,
            f"Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is ({COST})",
            {"scheme_text": reading.shape.scheme_text},
        )

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        if facts.edits is not None:  # the front end edits its own language's text
            return facts.edits.remove_prefix(site.value, site.value_node, _BASIC, "Remove the 'Basic ' prefix")
        from ..fixes.edits import remove_prefix

        return remove_prefix(site.value, site.value_node, facts.parents, _BASIC, "Remove the 'Basic ' prefix")
