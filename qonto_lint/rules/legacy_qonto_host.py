"""QNT306 legacy-qonto-host: the legacy host thirdparty.qonto.eu is used."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..facts.hosts import LEGACY_HOSTS
from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts


class LegacyQontoHost(Rule):
    CODE = "QNT306"
    NAME = "legacy-qonto-host"
    SUMMARY = "The legacy host thirdparty.qonto.eu is used"
    FIXABLE = True
    NEEDS = frozenset({Need.QONTO_HOST})
    DOCS = """
    ## What it does
    Flags the legacy production host `thirdparty.qonto.eu`.
    A host that is only matched (`.replace()`, `.startswith()`, a comparison, the key of a
    migration table, a constant used only that way) or quoted in a log or exception message is
    not in use and is not flagged.

    ## Why is this bad?
    It is no longer documented; the production API is `thirdparty.qonto.com`.

    ## Example
    ```python
    QONTO_API = "https://thirdparty.qonto.eu/v2"
    ```

    Use instead:
    ```python
    QONTO_API = "https://thirdparty.qonto.com/v2"
    ```

    ## Fix safety
    Safe: the host in the literal becomes `thirdparty.qonto.com`.
    Qonto is always seen here: the edited literal is a Qonto URL.
    """
    VALID = [
        Example("""
            QONTO_API = "https://thirdparty.qonto.com/v2"
            """),
        Example(
            """
            export const modern = (url: string) => url.replace("thirdparty.qonto.eu", "thirdparty.qonto.com");
            """,
            path="migrate.ts",
        ),
    ]
    INVALID = [
        Example(
            """
            QONTO_API = "https://thirdparty.qonto.eu/v2"
            """,
            1,
            13,
        ),
        Example(
            """
            import http.client
            conn = http.client.HTTPSConnection("thirdparty.qonto.eu")
            """,
            2,
            36,
        ),
        Example(
            """
            export const QONTO_BASE_URL = "https://thirdparty.qonto.eu/v2";
            """,
            1,
            31,
            path="qontoHosts.mjs",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        if facts.edits is not None:  # the front end edits its own language's text
            replace_in_string = facts.edits.replace_in_string
        else:
            from ..fixes.edits import replace_in_string

        for string, ref in facts.host_refs:
            if ref.host in LEGACY_HOSTS:
                yield self.report(
                    string.node,
                    _legacy(ref.host),
                    replace_in_string(string.node, ref.host, "thirdparty.qonto.com", "Use thirdparty.qonto.com")
                    if facts.want_fixes
                    else None,
                )
        for built in facts.built_refs:
            if built.ref.host in LEGACY_HOSTS and not built.whole:
                yield self.report(built.node, _legacy(built.ref.host))


def _legacy(host: str) -> str:
    return f"{host} is Qonto's legacy host, no longer documented: use thirdparty.qonto.com"
