"""QNT105 swapped-login-and-secret: the secret comes before the login."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ..authorization.shape import is_login, is_secret
from ..facts.values import Hole, Value
from ._header_rule import HeaderRule, neighbours
from .base import Example

if TYPE_CHECKING:
    from ..authorization.shape import Reading
    from ..facts.analysis import Facts
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix


class SwappedLoginAndSecret(HeaderRule):
    CODE = "QNT105"
    NAME = "swapped-login-and-secret"
    SUMMARY = "The secret comes before the login"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` value sent to Qonto where a secret-like part comes before
    the colon and a login-like part after it.

    ## Why is this bad?
    Qonto expects the login first: `login:secret`. A swapped pair is a 401 on every
    call, and repeated 401s get the caller throttled.

    ## Example
    ```python
    headers = {"Authorization": "{}:{}".format(secret, login)}
    ```

    Use instead:
    ```python
    headers = {"Authorization": "{}:{}".format(login, secret)}
    ```

    ## Fix safety
    Swapping the two fields of one f-string is safe. Swapping the arguments of a `.format()` call, the items of a `%` tuple or the operands of `+` is unsafe: it changes more than the literal text.
    A hardcoded pair (`"<secret>:<login>"`) is swapped inside its string literal, quotes and prefix kept: safe when the literal is written in the header value, unsafe when it is a constant defined elsewhere (other code may use it). The literal is still a hardcoded credential (QNT201): move it out of the source and rotate it.

    Whatever the edit, a fix is safe only where Qonto is seen at the header: the request's URL is a Qonto host, or a part of the value or the client is qonto-named (`QONTO_SECRET_KEY`, `qonto_session`). Where the Qonto context is only inferred (the function's, class's or module's evidence, `qonto` in the path, `assume-qonto`) or the header is also sent to another host, the fix is unsafe: the header may be another service's, and the edit would break its call.
    """  # noqa: E501
    VALID = [
        Example("""
            def qonto_headers(login, secret):
                return {"Authorization": "{}:{}".format(login, secret)}
            """),
        Example(
            """
            const QONTO_API = "https://thirdparty.qonto.com/v2";
            axios.get(`${QONTO_API}/transactions`, {
              headers: { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` },
            });
            """,
            path="reconcile.ts",
        ),
    ]
    INVALID = [
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorization": "{}:{}".format(secret, login)}
            """,
            2,
            30,
        ),
        Example(
            """
            class QontoClient:
                def __init__(self, organization_slug, secret_key):
                    self.organization_slug = organization_slug
                    self.secret_key = secret_key
                def headers(self):
                    return {"Authorization": f"{self.secret_key}:{self.organization_slug}"}
            """,
            6,
            34,
        ),
        Example(
            """
            const QONTO_API = "https://thirdparty.qonto.com/v2";
            axios.get(`${QONTO_API}/transactions`, {
              headers: { Authorization: process.env.QONTO_SECRET_KEY + ":" + process.env.QONTO_LOGIN },
            });
            """,
            3,
            29,
            path="reconcile.js",
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        for i, a, b, sep in neighbours(reading):
            if ":" in sep and is_secret(a) and is_login(b):
                return Problem(
                    self.CODE,
                    f"login and secret are swapped ({a.describe()} comes first): Qonto expects 'login:secret', "
                    f"login first ({COST})",
                    {"index": i},
                )
        return None

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        if facts.edits is not None:  # the front end edits its own language's text
            return facts.edits.fix_swap(site.value, site.value_node, problem.data.get("index", 0))
        return fix_swap(site.value, site.value_node, facts.parents, problem.data.get("index", 0))


def fix_swap(value: Value, value_node, parents, index: int) -> Fix | None:
    """Swap the two parts around the colon (atoms `index` and `index + 1` are holes)."""
    import libcst as cst

    from ..fixes.edits import Edit, Fix, visible_hole, within

    literal = _swap_in_literal(value, value_node, parents, index)
    if literal is not None:
        return literal
    holes = [visible_hole(p) for p in value.parts if isinstance(p, Hole)]
    if len(holes) < 2:
        return None
    a, b = holes[0], holes[1]
    if a.node is None or b.node is None or a.node is b.node:
        return None
    if not (within(a.node, value_node, parents) and within(b.node, value_node, parents)):
        return None
    if within(a.node, b.node, parents) or within(b.node, a.node, parents):
        return None
    pa, pb = parents.get(a.node), parents.get(b.node)
    safe = (
        isinstance(pa, cst.FormattedStringExpression)
        and isinstance(pb, cst.FormattedStringExpression)
        and parents.get(pa) is parents.get(pb)
    )
    return Fix("Swap login and secret", (Edit(a.node, b.node), Edit(b.node, a.node)), safe)


def _swap_in_literal(value: Value, value_node, parents, index: int) -> Fix | None:
    """`"<secret>:<login>"` -> `"<login>:<secret>"` inside the one string literal that holds
    both parts and the colon; quotes and prefix stay as written."""
    from ..fixes.edits import pair_in_literal

    return pair_in_literal(
        value, value_node, parents, index, lambda a, sep, b: f"{b}{sep}{a}", lambda _sep: "Swap login and secret"
    )
