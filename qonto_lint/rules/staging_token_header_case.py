"""QNT303 staging-token-header-case: x-Qonto-Staging-Token is written with other capitalisation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ._header_rule import STAGING_HEADER
from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts


class StagingTokenHeaderCase(Rule):
    CODE = "QNT303"
    NAME = "staging-token-header-case"
    SUMMARY = "X-Qonto-Staging-Token is written with other capitalisation"
    FIXABLE = True
    NEEDS = frozenset({Need.HEADER_KEY})
    DOCS = """
    ## What it does
    Flags an `X-Qonto-Staging-Token` header key written with any other
    capitalisation (`x-qonto-staging-token`, `X-QONTO-STAGING-TOKEN`).

    ## Why is this bad?
    Qonto documents the header with exactly this spelling and the sandbox must
    receive it as written; write it as the documentation does.

    ## Example
    ```python
    headers["x-qonto-staging-token"] = token
    ```

    Use instead:
    ```python
    headers["X-Qonto-Staging-Token"] = token
    ```

    ## Fix safety
    Safe: only the key literal changes.
    Qonto is always seen here: the edited key is Qonto's own header.
    """
    VALID = [
        Example("""
            def headers(key, token):
                return {"Authorization": key, "X-Qonto-Staging-Token": token}
            """),
        Example(
            """
            const request = superagent.get("https://thirdparty-sandbox.staging.qonto.co/v2/transactions");
            request.set("X-Qonto-Staging-Token", process.env.QONTO_STAGING_TOKEN!);
            """,
            path="bankFeed.ts",
        ),
    ]
    INVALID = [
        Example(
            """
            def headers(key, token):
                return {"Authorization": key, "x-qonto-staging-token": token}
            """,
            2,
            35,
        ),
        Example(
            """
            const request = superagent.get("https://thirdparty-sandbox.staging.qonto.co/v2/transactions");
            request.set("x-qonto-staging-token", process.env.QONTO_STAGING_TOKEN);
            """,
            2,
            13,
            path="bankFeed.js",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        for site in facts.staging_sites:
            if site.key != STAGING_HEADER:
                if facts.want_fixes and facts.edits is None:
                    from ..fixes.edits import fix_key
                elif facts.want_fixes:  # the front end edits its own language's text
                    fix_key = facts.edits.fix_key

                yield self.report(
                    site.key_node,
                    f"header {site.key!r} should be spelled '{STAGING_HEADER}', exactly as Qonto documents it",
                    fix_key(
                        site.key_node,
                        STAGING_HEADER,
                        f"Spell the header '{STAGING_HEADER}'",
                        container=site.container,
                        parents=facts.parents,
                    )
                    if facts.want_fixes
                    else None,
                )
