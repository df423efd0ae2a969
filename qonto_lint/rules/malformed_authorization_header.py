"""QNT108 malformed-authorization-header: the header name is misspelled, or pasted into the value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ._header_rule import HeaderRule, site_fix
from .base import Example, Report

if TYPE_CHECKING:
    from ..authorization.shape import Reading
    from ..facts.analysis import Facts
    from ..facts.collect import HeaderSite
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix

_PASTED = re.compile(r"\s*authorization\s*:\s*", re.IGNORECASE)


class MalformedAuthorizationHeader(HeaderRule):
    CODE = "QNT108"
    NAME = "malformed-authorization-header"
    SUMMARY = "The header name is misspelled, or pasted into the value"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags a header key that misspells `Authorization` (`Authorisation`,
    `Autorization`, `Authentication`, a trailing colon, spaces), reported at the key,
    and a value that starts with `Authorization:` (the header line pasted whole),
    reported at the value.

    ## Why is this bad?
    Qonto never sees credentials under a misspelled header, and a pasted header name
    becomes part of the key: both are 401s that count toward the throttle.

    ## Example
    ```python
    headers = {"Authorisation": f"{login}:{secret}"}
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"{login}:{secret}"}
    ```

    ## Fix safety
    Renaming a misspelled key and removing a pasted `Authorization:` from a literal are safe.
    A key that is a name bound to a misspelled string (`AUTH = "Authorisation"`) is reported
    where it is used and not renamed there: the string is fixed where it is written.

    Whatever the edit, a fix is safe only where Qonto is seen at the header: the request's URL is a Qonto host, or a part of the value or the client is qonto-named (`QONTO_SECRET_KEY`, `qonto_session`). Where the Qonto context is only inferred (the function's, class's or module's evidence, `qonto` in the path, `assume-qonto`) or the header is also sent to another host, the fix is unsafe: the header may be another service's, and the edit would break its call.
    """  # noqa: E501
    VALID = [
        Example("""
            def qonto_headers(login, secret):
                return {"authorization": f"{login}:{secret}"}
            """),
        Example(
            """
            superagent
              .get("https://thirdparty.qonto.com/v2/transactions")
              .set("Authorization", `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}`);
            """,
            path="bankFeed.js",
        ),
    ]
    INVALID = [
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorisation": f"{login}:{secret}"}
            """,
            2,
            13,
        ),
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorization": f"Authorization: {login}:{secret}"}
            """,
            2,
            30,
        ),
        Example(
            """
            def qonto_headers(login, secret):
                headers = {}
                headers["Authorization:"] = f"{login}:{secret}"
                return headers
            """,
            3,
            13,
        ),
        Example(
            """
            export function labels(login: string, secretKey: string) {
              return fetch("https://thirdparty.qonto.com/v2/labels", {
                headers: { "Authorization:": `${login}:${secretKey}` },
              });
            }
            """,
            3,
            16,
            path="bankService.ts",
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        if not reading.shape.pasted:
            return None
        return Problem(
            self.CODE,
            f"the value repeats the header name 'Authorization:': send only the credentials ({COST})",
            {"pasted": True},
        )

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        if not problem.data.get("pasted"):
            return None
        if facts.edits is not None:  # the front end edits its own language's text
            return facts.edits.remove_prefix(
                site.value, site.value_node, _PASTED, "Remove the 'Authorization: ' prefix"
            )
        from ..fixes.edits import remove_prefix

        return remove_prefix(site.value, site.value_node, facts.parents, _PASTED, "Remove the 'Authorization: ' prefix")

    def check(self, facts: Facts) -> Iterator[Report]:
        for site in facts.qonto_sites:
            if site.site.header == "authorization":
                report = self._misspelled_key(facts, site)
                if report is not None:
                    yield report
        yield from self.check_values(facts)

    def _misspelled_key(self, facts: Facts, qonto_site: QontoSite) -> Report | None:
        site = qonto_site.site
        key = site.key
        if key == key.strip() and key.strip().lower() == "authorization":
            return None
        if key.strip().rstrip(":").strip().lower() != "authorization" and not _looks_like_headers(
            facts, site, qonto_site.targets
        ):
            return None  # {"Authentication": "..."} in an error-message table is not a header
        fix = None
        if facts.want_fixes and facts.edits is not None:  # the front end edits its own language's text
            fix = facts.edits.fix_key(
                site.key_node, "Authorization", "Rename the header to 'Authorization'", site.container
            )
        elif facts.want_fixes:
            from ..fixes.edits import fix_key

            fix = fix_key(
                site.key_node,
                "Authorization",
                "Rename the header to 'Authorization'",
                site.form == "keyword",
                site.container,
                facts.parents,
            )
        return self.report(
            site.key_node,
            f"header name {key!r} is not 'Authorization': Qonto never reads the credentials "
            f"under it; name the header 'Authorization' ({COST})",
            site_fix(facts, qonto_site, fix),
        )


_HEADER_NAMES = frozenset(
    {
        "accept",
        "content-type",
        "user-agent",
        "x-qonto-staging-token",
        "accept-language",
        "cache-control",
        "content-length",
        "host",
        "cookie",
        "idempotency-key",
        "x-qonto-idempotency-key",
        "x-request-id",
    }
)


def _looks_like_headers(facts: Facts, site: HeaderSite, targets: list) -> bool:
    """A misspelled key is a header only where the code says it is building headers: it goes with
    a request, its neighbours are header names, or the variable, keyword, receiver or function
    it goes through is named after headers."""
    if targets:
        return True
    keys, names = facts.header_neighbourhood(site)
    if any(key.lower() in _HEADER_NAMES or key.lower().startswith("x-") for key in keys):
        return True
    if site.scope.kind == "function":
        names.append(site.scope.name)
    return any("header" in name.lower() for name in names)
