"""QNT109 placeholder-credentials: the value still holds a template or a documentation placeholder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..authorization.placeholder import placeholder_in
from ..authorization.problem import COST, Problem
from ._header_rule import HeaderRule
from .base import Example, Report

if TYPE_CHECKING:
    from ..authorization.shape import Reading
    from ..facts.analysis import Facts


class PlaceholderCredentials(HeaderRule):
    CODE = "QNT109"
    NAME = "placeholder-credentials"
    SUMMARY = "The value still holds a template or a documentation placeholder"
    DOCS = """
    ## What it does
    Flags an `Authorization` (or `X-Qonto-Staging-Token`) value sent to Qonto that
    still holds a template that is never formatted (`"{login}:{secret}"` without the
    `f` prefix, `.format` or `%`), or a placeholder copied from documentation:
    `<login>`, `{organization-slug}`, `your-login-here`, `YOUR_SECRET`.

    ## Why is this bad?
    The placeholder is sent as is: every call is a 401 toward the throttle.

    ## Example
    ```python
    headers = {"Authorization": "{LOGIN}:{SECRET}"}
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"{LOGIN}:{SECRET}"}
    ```
    """
    VALID = [
        Example("""
            def qonto_headers(login, secret):
                template = "{login}:{secret}"
                return {"Authorization": template.format(login=login, secret=secret)}
            """),
        Example(
            """
            await fetch("https://thirdparty.qonto.com/v2/organization", {
              headers: { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` },
            });
            """,
            path="quickstart.ts",
        ),
    ]
    INVALID = [
        Example(
            """
            def qonto_headers():
                return {"Authorization": "{LOGIN}:{SECRET}"}
            """,
            2,
            30,
        ),
        Example(
            """
            def qonto_headers():
                return {"Authorization": "your-login-here:your-secret-here"}
            """,
            2,
            30,
        ),
        Example(
            """
            def qonto_sandbox_headers(login, secret):
                return {"Authorization": f"{login}:{secret}", "X-Qonto-Staging-Token": "<staging-token>"}
            """,
            2,
            76,
        ),
        Example(
            """
            await fetch("https://thirdparty.qonto.com/v2/organization", {
              headers: { Authorization: '${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}' },
            });
            """,
            2,
            29,
            path="quickstart.mjs",
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        placeholder = placeholder_in(reading.value)
        if not placeholder:
            return None
        return Problem(self.CODE, f"{placeholder}: put the real credentials in before calling Qonto ({COST})")

    def check(self, facts: Facts) -> Iterator[Report]:
        yield from self.check_values(facts)
        for site in facts.qonto_sites:
            if site.site.header == "x-qonto-staging-token":
                placeholder = placeholder_in(site.value)
                if placeholder:
                    yield self.report(site.value_node, f"{placeholder}: put the real staging token in ({COST})")
