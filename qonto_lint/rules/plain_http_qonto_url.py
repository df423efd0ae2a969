"""QNT304 plain-http-qonto-url: a Qonto API URL uses http://."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts


class PlainHttpQontoUrl(Rule):
    CODE = "QNT304"
    NAME = "plain-http-qonto-url"
    SUMMARY = "A Qonto API URL uses http://"
    FIXABLE = True
    NEEDS = frozenset({Need.QONTO_HOST})
    DOCS = """
    ## What it does
    Flags an `http://` URL to a Qonto API host (known, legacy or unknown), written in one
    literal or put together from parts (`SCHEME + HOST`, `f"http://{HOST}/v2"`).
    A host that is only matched (`.replace()`, `.startswith()`, a comparison, the key of a
    migration table, a constant used only that way) or quoted in a log or exception message is
    not in use and is not flagged.

    ## Why is this bad?
    Qonto's API is HTTPS only: plain HTTP calls fail, and they would send the
    credentials in clear text.

    ## Example
    ```python
    QONTO_API = "http://thirdparty.qonto.com/v2"
    ```

    Use instead:
    ```python
    QONTO_API = "https://thirdparty.qonto.com/v2"
    ```

    ## Fix safety
    Safe: `http://` becomes `https://` in the literal that holds the whole URL. When the
    scheme comes from a shared piece (`SCHEME = "http://"` then `SCHEME + HOST`), the fix to that
    piece is unsafe, since other URLs may be built from it; a URL bound to a name from pieces
    defined elsewhere is reported at its expression, with no fix.
    Qonto is always seen here: the edited literal is a Qonto URL.
    """
    VALID = [
        Example("""
            QONTO_API = "https://thirdparty.qonto.com/v2"
            """),
        Example(
            """
            export const QONTO_API = "https://thirdparty.qonto.com/v2";
            """,
            path="qontoHosts.ts",
        ),
    ]
    INVALID = [
        Example(
            """
            QONTO_API = "http://thirdparty.qonto.com/v2"
            """,
            1,
            13,
        ),
        Example(
            """
            def url(path):
                return f"http://thirdparty.qonto.com/v2/{path}"
            """,
            2,
            12,
        ),
        Example(
            """
            const LOCAL_PROXY = process.env.QONTO_PROXY_URL || "http://thirdparty.qonto.com/v2";
            """,
            1,
            52,
            path="qontoHosts.js",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        if facts.edits is not None:  # the front end edits its own language's text
            replace_in_string = facts.edits.replace_in_string
        else:
            from ..fixes.edits import replace_in_string

        reported: set = set()
        for string, ref in facts.host_refs:
            if ref.scheme == "http" and facts.hosts.is_api(ref.host):
                reported.add(string.node)
                yield self.report(
                    string.node,
                    _plain_http(ref.host),
                    # no fix when the URL names port 80: https:// on it would not work either
                    replace_in_string(string.node, f"http://{ref.host}", f"https://{ref.host}", "Use https://")
                    if facts.want_fixes and f"http://{ref.host}:80" not in string.text.lower()
                    else None,
                )
        # A URL put together from parts and bound to a name: URL = SCHEME + HOST + "/v2".
        for built in facts.built_refs:
            node, ref = built.node, built.ref
            if ref.scheme != "http" or built.with_scheme or not facts.hosts.is_api(ref.host) or node in reported:
                continue
            reported.update((node, built.first))
            yield self.report(
                node,
                _plain_http(ref.host),
            )
        # A request URL put together from parts: f"http://{QONTO_HOST}/v2/...".
        for fact in facts.requests:
            target = facts.target(fact)
            if target.scheme != "http" or target.host is None or not facts.hosts.is_api(target.host):
                continue
            expression = facts.url_expression(fact.node)
            value = facts.value(expression, fact.scope) if expression is not None else None
            first = value.parts[0] if value is not None and value.parts else None
            literal = getattr(first, "node", None)
            if literal is None or literal in reported:
                continue
            reported.add(literal)
            fix = replace_in_string(literal, "http://", "https://", "Use https://") if facts.want_fixes else None
            if fix is not None:
                # `SCHEME = "http://"` may build other URLs too (`SCHEME + "localhost:8080"`): unsafe
                fix = fix.replace(safe=False)
            yield self.report(
                literal,
                _plain_http(target.host),
                fix,
            )


def _plain_http(host: str) -> str:
    return (
        f"http://{host} is plain HTTP: Qonto's API is HTTPS only, use https:// "
        "(plain HTTP calls fail and expose the key)"
    )
