"""QNT110 oauth-token-without-bearer: an OAuth access token is sent without 'Bearer '."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ..facts.values import Kind, Value
from ._header_rule import HeaderRule
from .base import Example

if TYPE_CHECKING:
    from ..authorization.shape import Reading
    from ..facts.analysis import Facts
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix


class OAuthTokenWithoutBearer(HeaderRule):
    CODE = "QNT110"
    NAME = "oauth-token-without-bearer"
    SUMMARY = "An OAuth access token is sent without 'Bearer '"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` value sent to Qonto that is an OAuth access token (a
    part named `access_token`, `oauth_token` or `bearer_token`, a value read from a
    token response, or an `ory_at_` literal) without the `Bearer ` prefix.

    ## Why is this bad?
    OAuth access tokens go in `Authorization: Bearer <access_token>`. Without the
    scheme Qonto reads the token as a static key and answers 401.

    ## Example
    ```python
    headers = {"Authorization": tokens["access_token"]}
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    ```

    ## Fix safety
    Adding `Bearer ` to an `ory_at_` literal is safe. Adding it to an expression whose OAuth kind was inferred from its name (`tokens["access_token"]`) is unsafe.
    There is no fix for bytes (`token.encode()`), for a token glued to `Bearer` with no space,
    or for a token after another scheme (`Basic <token>`: QNT101's fix removes `Basic ` first).

    Whatever the edit, a fix is safe only where Qonto is seen at the header: the request's URL is a Qonto host, or a part of the value or the client is qonto-named (`QONTO_SECRET_KEY`, `qonto_session`). Where the Qonto context is only inferred (the function's, class's or module's evidence, `qonto` in the path, `assume-qonto`) or the header is also sent to another host, the fix is unsafe: the header may be another service's, and the edit would break its call.
    """  # noqa: E501
    VALID = [
        Example("""
            def qonto_headers(tokens):
                return {"Authorization": "Bearer " + tokens["access_token"]}
            """),
        Example(
            """
            qonto.interceptors.request.use((config) => {
              config.headers.Authorization = `Bearer ${tokenStore.accessToken}`;
              return config;
            });
            """,
            path="qontoAxios.js",
        ),
    ]
    INVALID = [
        Example(
            """
            def qonto_headers(tokens):
                return {"Authorization": tokens["access_token"]}
            """,
            2,
            30,
        ),
        Example(
            """
            class QontoOAuthClient:
                def __init__(self, access_token):
                    self.access_token = access_token
                def headers(self):
                    return {"Authorization": self.access_token}
            """,
            5,
            34,
        ),
        Example(
            """
            export async function memberships(tokens: { access_token: string }) {
              return fetch("https://thirdparty.qonto.com/v2/memberships", {
                headers: { Authorization: tokens.access_token },
              });
            }
            """,
            3,
            31,
            path="qontoOAuth.ts",
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        shape = reading.shape
        atoms, seps = shape.atoms, shape.separators
        if shape.scheme == "bearer" or not atoms or Kind.OAUTH not in atoms[-1].kinds:
            return None
        # the token alone, after another scheme (`Basic <token>`), or glued to `Bearer` (`"Bearer" + token`)
        bare = shape.scheme is None and len(atoms) == 1
        glued = (
            shape.scheme is None
            and len(atoms) == 2
            and seps[0] == ""
            and not atoms[0].is_hole
            and atoms[0].part.lower() == "bearer"  # type: ignore[union-attr]
        )
        if not (bare or glued or (shape.scheme == "basic" and len(atoms) == 1)):
            return None
        return Problem(
            self.CODE,
            f"OAuth access token {atoms[-1].describe()} is sent without the 'Bearer ' prefix: "
            f"send 'Bearer <access_token>' ({COST})",
            {"bare": bare},
        )

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        if not problem.data.get("bare"):  # not over another scheme or a glued 'Bearer'
            return None
        if facts.edits is not None:  # the front end edits its own language's text
            return facts.edits.fix_bearer(site.value, site.value_node)
        return fix_bearer(site.value, site.value_node, facts.parents)


def fix_bearer(value: Value, value_node, parents) -> Fix | None:
    """Add 'Bearer ' in front of an OAuth access token."""
    import libcst as cst

    from ..fixes.edits import Edit, Fix, edit_literal

    if _is_bytes(value_node):
        return None  # "Bearer " + token.encode() would add str and bytes
    if isinstance(value_node, cst.SimpleString):
        replacement = edit_literal(value_node, lambda body, _e: "Bearer " + body)
        if replacement is not None:
            return Fix("Add the 'Bearer ' prefix", (Edit(value_node, replacement),), True)
        return None
    if isinstance(value_node, cst.FormattedString):
        parts = list(value_node.parts)
        parts.insert(0, cst.FormattedStringText("Bearer "))
        return Fix("Add the 'Bearer ' prefix", (Edit(value_node, value_node.with_changes(parts=parts)),), False)
    new = cst.BinaryOperation(
        left=cst.SimpleString('"Bearer "'),
        operator=cst.Add(),
        right=value_node.with_changes(lpar=(), rpar=()) if hasattr(value_node, "lpar") else value_node,
        lpar=getattr(value_node, "lpar", ()),
        rpar=getattr(value_node, "rpar", ()),
    )
    return Fix("Add the 'Bearer ' prefix", (Edit(value_node, new),), False)


def _is_bytes(node) -> bool:
    """A bytes literal, `x.encode(...)`, or a concatenation or format of such."""
    import libcst as cst

    if isinstance(node, cst.SimpleString):
        return "b" in node.prefix.lower()
    if isinstance(node, cst.ConcatenatedString):
        return _is_bytes(node.left)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value == "encode" or (
            node.func.attr.value in ("strip", "rstrip", "lstrip", "format") and _is_bytes(node.func.value)
        )
    if isinstance(node, cst.BinaryOperation):
        return _is_bytes(node.left) or _is_bytes(node.right)
    return False
