"""QNT103 base64-encoded-credentials: the credentials are base64-encoded."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ..authorization.shape import base64_literal, decodes_to_pair
from ..facts.values import Origin, Text, Value
from ._header_rule import HeaderRule
from .base import Example

if TYPE_CHECKING:
    import libcst as cst

    from ..authorization.shape import Reading
    from ..facts.analysis import Facts
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix


class Base64EncodedCredentials(HeaderRule):
    CODE = "QNT103"
    NAME = "base64-encoded-credentials"
    SUMMARY = "The credentials are base64-encoded"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` header sent to Qonto whose credentials are base64-encoded:
    a call to a `base64` encoder (however imported) or `codecs.encode(x, "base64")`,
    or a literal that decodes to text with a colon.

    ## Why is this bad?
    Qonto reads `login:secret` as plain text. Encoding it (the habit of HTTP Basic
    auth) gives a 401 on every call, and repeated 401s get the caller throttled.

    ## Example
    ```python
    token = base64.b64encode(f"{login}:{secret}".encode()).decode()
    headers = {"Authorization": token}
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"{login}:{secret}"}
    ```

    ## Fix safety
    Unwrapping an encoder call written inside the header value, or decoding a base64 literal in place, is safe. Unwrapping a call that feeds a variable (`token = b64encode(...)`) is unsafe: the variable may have other uses.

    Whatever the edit, a fix is safe only where Qonto is seen at the header: the request's URL is a Qonto host, or a part of the value or the client is qonto-named (`QONTO_SECRET_KEY`, `qonto_session`). Where the Qonto context is only inferred (the function's, class's or module's evidence, `qonto` in the path, `assume-qonto`) or the header is also sent to another host, the fix is unsafe: the header may be another service's, and the edit would break its call.
    """  # noqa: E501
    VALID = [
        Example(
            """
            import base64
            def mailjet(api_key, secret_key):
                token = base64.b64encode(f"{api_key}:{secret_key}".encode()).decode()
                return requests.get("https://api.mailjet.com/v3/REST/contact", headers={"Authorization": f"Basic {token}"})
            """,  # noqa: E501
            path="qonto_and_mailjet.py",
        ),
        Example(
            """
            const QONTO_API = "https://thirdparty.qonto.com/v2";
            export function accounts(login, secretKey) {
              return fetch(`${QONTO_API}/bank_accounts`, { headers: { Authorization: `${login}:${secretKey}` } });
            }
            """,
            path="bankService.js",
        ),
    ]
    INVALID = [
        Example(
            """
            from base64 import b64encode as enc
            QONTO = "https://thirdparty.qonto.com/v2"
            def labels(login, secret):
                encoded = enc(f"{login}:{secret}".encode("utf-8"))
                return {"Authorization": encoded.decode("ascii")}
            """,
            5,
            30,
        ),
        Example(
            """
            import codecs
            def qonto_headers(login, secret):
                return {"Authorization": codecs.encode(f"{login}:{secret}".encode(), "base64")}
            """,
            3,
            30,
        ),
        Example(
            """
            const QONTO_API = "https://thirdparty.qonto.com/v2";
            export function accounts(login: string, secretKey: string) {
              const token = Buffer.from(`${login}:${secretKey}`).toString("base64");
              return fetch(`${QONTO_API}/bank_accounts`, { headers: { Authorization: token } });
            }
            """,
            4,
            74,
            path="bankService.ts",
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        encoded = [h for h in reading.value.holes if h.origin is Origin.BASE64]
        decoded_literal = base64_literal(reading.shape) if not encoded else None
        if not (encoded or decoded_literal is not None) or reading.exempt:
            return None
        what = f"{encoded[0].name}()" if encoded else "a base64 literal"
        return Problem(
            self.CODE,
            f"Qonto static API keys are not base64-encoded: send 'login:secret' as plain text, not {what} ({COST})",
            {"holes": encoded},
        )

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        if facts.edits is not None:  # the front end edits its own language's text
            return facts.edits.fix_base64(site.value, site.value_node)
        return fix_base64(site.value, site.value_node, facts.parents)


def fix_base64(value: Value, value_node, parents) -> Fix | None:
    import libcst as cst

    from ..fixes.edits import Edit, Fix, edit_literal, within

    edits = []
    safe = True
    for hole in value.holes:
        if hole.origin is not Origin.BASE64 or not isinstance(hole.node, cst.Call) or not hole.node.args:
            continue
        call: cst.Call = hole.node
        if call.args[0].star or call.args[0].keyword is not None:
            continue  # b64encode(*parts): unwrapped, the header would get the list itself
        inner = call.args[0].value
        edits.append(
            Edit(
                call,
                inner.with_changes(lpar=call.lpar, rpar=call.rpar) if hasattr(inner, "lpar") and call.lpar else inner,
            )
        )
        if not within(call, value_node, parents):
            safe = False
    if not edits:
        # A base64 literal: decode it in place.
        for part in value.parts:
            if (
                isinstance(part, Text)
                and isinstance(part.node, cst.SimpleString)
                and within(part.node, value_node, parents)
            ):
                replacement = edit_literal(part.node, _decode_base64_body)
                if replacement is not None:
                    edits.append(Edit(part.node, replacement))
                    break
    if not edits:
        return None
    return Fix("Unwrap the base64 encoding", tuple(edits), safe)


def _decode_base64_body(body: str, _edge: bool) -> str | None:
    for match in re.finditer(r"[A-Za-z0-9+/_-]{8,}={0,2}", body):
        decoded = decodes_to_pair(match.group(0))
        if decoded is not None and "\\" not in decoded and "'" not in decoded and '"' not in decoded:
            return body[: match.start()] + decoded + body[match.end() :]
    return None
