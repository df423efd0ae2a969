"""Sandbox, staging token and host rules (QNT301-QNT306)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..facts.collect import last_name, string_value, within
from ..facts.hosts import find_urls, is_unknown_api_host
from ..knowledge.qonto import LEGACY_HOSTS, STAGING_HEADER
from .base import Example, Report, Rule
from .headers import qonto_sites

if TYPE_CHECKING:
    from ..facts.analysis import Facts


#: string methods whose argument is a pattern to look for, not a URL in use
_MATCHING_METHODS = frozenset(
    {
        "replace",
        "startswith",
        "endswith",
        "find",
        "rfind",
        "index",
        "count",
        "removeprefix",
        "removesuffix",
        "split",
        "sub",
        "match",
        "search",
    }
)


def _is_a_pattern(facts: Facts, node) -> bool:
    """`url.replace("thirdparty.qonto.eu", ...)`, `if "thirdparty.qonto.eu" in url`: the host is
    matched, not used."""
    import libcst as cst

    parent = facts.parent(node)
    if isinstance(parent, cst.Arg):
        call = facts.parent(parent)
        return (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value in _MATCHING_METHODS
        )
    if isinstance(parent, cst.ComparisonTarget):
        return True
    if isinstance(parent, cst.Comparison):
        return True
    if isinstance(parent, cst.DictElement) and parent.key is node:
        # a migration table: {"thirdparty.qonto.eu": "thirdparty.qonto.com"}
        return "qonto" in (string_value(parent.value) or "").lower()
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        # LEGACY_URL = "https://thirdparty.qonto.eu", used only as a pattern: url.startswith(LEGACY_URL)
        uses = _uses_of(facts, parent.targets[0].target)
        return bool(uses) and all(_is_a_pattern(facts, use) or _in_len(facts, use) for use in uses)
    return False


def _uses_of(facts: Facts, target) -> list:
    """The other Name nodes of the module with the same name as `target`."""
    import libcst as cst

    memo = facts.memo.setdefault("names_by_value", {})
    if not memo:
        for node in facts.c.parents:
            if isinstance(node, cst.Name):
                memo.setdefault(node.value, []).append(node)
    return [n for n in memo.get(target.value, ()) if n is not target]


def _in_len(facts: Facts, node) -> bool:
    """`len(LEGACY_URL)`, as in `url[len(LEGACY_URL):]`."""
    import libcst as cst

    parent = facts.parent(node)
    call = facts.parent(parent) if isinstance(parent, cst.Arg) else None
    return isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "len"


#: calls whose string arguments are messages, not URLs in use
_MESSAGE_CALLS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print", "echo", "secho"}
)


def _is_a_message(facts: Facts, node) -> bool:
    """`log.info("calling http://thirdparty.qonto.com failed")`, `raise Error("...")`: text about a URL."""
    import libcst as cst

    current = node
    for _ in range(3):  # the literal, maybe inside an f-string or a concatenation
        parent = facts.parent(current)
        if isinstance(parent, cst.Arg) and parent.keyword is None:
            call = facts.parent(parent)
            if isinstance(call, cst.Call):
                name = last_name(call.func) or ""
                if name in _MESSAGE_CALLS or name.endswith(("Error", "Exception", "Warning")):
                    return True
            return False
        if not isinstance(
            parent, (cst.FormattedString, cst.ConcatenatedString, cst.BinaryOperation, cst.FormattedStringExpression)
        ):
            return False
        current = parent
    return False


def _host_refs(facts: Facts):
    """(string fact, reference) for every URL or host in a string literal that uses it."""
    memo = facts.memo
    if "host_refs" not in memo:
        refs = []
        for string in facts.c.strings:
            if string.node in facts.c.docstrings or "." not in string.text:
                continue
            found = find_urls(string.text)
            # the parent checks only for strings that hold a URL or host (most do not)
            if found and not _is_a_pattern(facts, string.node) and not _is_a_message(facts, string.node):
                refs.extend((string, ref) for ref in found)
        memo["host_refs"] = refs
    return memo["host_refs"]


#: methods that read, remove or test a header by name
_READ_METHODS = frozenset({"pop", "get", "remove", "discard", "getone", "getall", "getlist", "has_key"})


def _only_read(facts: Facts, node) -> bool:
    """The string names a header that is read, removed or tested, not set."""
    import libcst as cst

    parent = facts.parent(node)
    if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
        return True
    if isinstance(parent, cst.Index):  # headers["X-Qonto-Staging-Token"]: set only when assigned to
        subscript = facts.parent(facts.parent(parent))
        return not isinstance(facts.parent(subscript), (cst.AssignTarget, cst.AnnAssign, cst.AugAssign))
    if isinstance(parent, cst.Arg):
        call = facts.parent(parent)
        method = call.func.attr.value if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) else ""
        return method in _READ_METHODS or method in _MESSAGE_CALLS
    return False


def _built_refs(facts: Facts):
    """URLs and hosts put together from parts and bound to a name (`URL = SCHEME + HOST + "/v2"`,
    `f"http://{HOST}/v2"`, `"http://%s/v2" % HOST`): (node to report, reference, the first literal
    part's node, whether one literal holds the host whole, whether one holds `scheme://host`).
    The node reported is the literal that starts the URL when the expression holds it, else the
    expression itself."""
    memo = facts.memo
    if "built_refs" not in memo:
        import libcst as cst

        from ..facts.values import Text

        found = []
        seen = set()
        for scope in (facts.c.root, *facts.c.scope_of_node.values()):
            for bindings in scope.bindings.values():
                for binding in bindings:
                    node = binding.value
                    if binding.kind != "assign" or node is None or node in seen or not _builds_string(node):
                        continue
                    seen.add(node)
                    value = facts.value(node, binding.scope)
                    text = value.prefix()
                    if "." not in text:
                        continue
                    texts = [p for p in value.parts if isinstance(p, Text)]
                    first = texts[0].node if texts and value.parts[0] is texts[0] else None
                    for ref in find_urls(text):
                        whole = any(ref.host in p.text.lower() for p in texts)
                        with_scheme = bool(ref.scheme) and any(
                            f"{ref.scheme}://{ref.host}" in p.text.lower() for p in texts
                        )
                        inside = isinstance(first, cst.CSTNode) and within(first, node, facts.c.parents)
                        found.append((first if inside else node, ref, first, whole, with_scheme))
        memo["built_refs"] = found
    return memo["built_refs"]


def _builds_string(node) -> bool:
    import libcst as cst

    if isinstance(node, cst.BinaryOperation):
        return isinstance(node.operator, (cst.Add, cst.Modulo))
    if isinstance(node, cst.FormattedString):
        return any(isinstance(p, cst.FormattedStringExpression) for p in node.parts)
    if isinstance(node, cst.ConcatenatedString):
        return True
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format"


def _plain_http(host: str) -> str:
    return f"http://{host} is plain HTTP: Qonto's API is HTTPS only, use https:// (plain HTTP calls fail and expose the key)"


def _legacy(host: str) -> str:
    return f"{host} is Qonto's legacy host, no longer documented: use thirdparty.qonto.com"


def _string_fix(node, old: str, new: str, message: str):
    from ..fixes import fix_in_string

    fix = fix_in_string(node, old, new, message)
    if fix is None:  # the host is written in another case: match it as written
        import libcst as cst

        source = node.value if isinstance(node, cst.SimpleString) else ""
        index = source.lower().find(old.lower())
        if index >= 0:
            fix = fix_in_string(node, source[index : index + len(old)], new, message)
    return fix


class SandboxWithoutStagingToken(Rule):
    CODE = "QNT301"
    NAME = "sandbox-without-staging-token"
    SUMMARY = "The sandbox is called but no X-Qonto-Staging-Token is set"
    DOCS = """
    ## What it does
    Flags a string that holds a Qonto sandbox host when nothing in the same module
    sets the `X-Qonto-Staging-Token` header.

    ## Why is this bad?
    Every sandbox request, the OAuth token endpoint's included, needs
    `X-Qonto-Staging-Token`. Without it the sandbox answers with an HTML page or a
    redirect to the SSO login instead of JSON.

    ## Example
    ```python
    SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
    requests.get(f"{SANDBOX}/v2/bank_accounts", headers={"Authorization": key})
    ```

    Use instead:
    ```python
    SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
    requests.get(
        f"{SANDBOX}/v2/bank_accounts",
        headers={"Authorization": key, "X-Qonto-Staging-Token": os.environ["QONTO_STAGING_TOKEN"]},
    )
    ```
    """
    VALID = [
        Example("""
            SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
            def headers(key, staging):
                return {"Authorization": key, "X-Qonto-Staging-Token": staging}
            """),
    ]
    INVALID = [
        Example(
            """
            SANDBOX = "https://thirdparty-sandbox.staging.qonto.co"
            """,
            1,
            11,
        ),
        Example(
            """
            def token_url():
                return f"https://oauth-sandbox.staging.qonto.co/oauth2/token"
            """,
            2,
            12,
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        if facts.staging_sites:
            return
        # The header's name written anywhere (a constant, a config table) counts as setting it,
        # unless it is only read, removed or compared (`headers.pop(...)`, `"..." in headers`).
        if any(
            string.text.strip().lower() == "x-qonto-staging-token" and not _only_read(facts, string.node)
            for string in facts.c.strings
        ):
            return
        reported = set()
        for string, ref in _host_refs(facts):
            if facts.hosts.is_sandbox(ref.host) and string.node not in reported:
                reported.add(string.node)
                yield self.report(
                    string.node,
                    f"{ref.host} is Qonto's sandbox, and nothing in this module sets the "
                    f"'{STAGING_HEADER}' header it requires: the sandbox answers with an HTML page or an SSO "
                    "redirect instead of JSON",
                )


class StagingTokenToProduction(Rule):
    CODE = "QNT302"
    NAME = "staging-token-to-production"
    SUMMARY = "X-Qonto-Staging-Token is sent to production"
    DOCS = """
    ## What it does
    Flags an `X-Qonto-Staging-Token` header set on a request to a Qonto production
    host, or in a module that references production hosts only.

    ## Why is this bad?
    The staging token belongs to the sandbox; production does not accept it. Its
    presence means the code believes it talks to the sandbox while it calls
    production (or sends the sandbox token where it does not belong).

    ## Example
    ```python
    requests.get("https://thirdparty.qonto.com/v2/organization",
                 headers={"Authorization": key, "X-Qonto-Staging-Token": staging})
    ```

    Use instead:
    ```python
    requests.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": key})
    ```
    """
    VALID = [
        Example("""
            import requests
            def org(key, staging):
                return requests.get("https://thirdparty-sandbox.staging.qonto.co/v2/organization",
                                    headers={"Authorization": key, "X-Qonto-Staging-Token": staging})
            """),
    ]
    INVALID = [
        Example(
            """
            import requests
            def org(key, staging):
                return requests.get("https://thirdparty.qonto.com/v2/organization",
                                    headers={"Authorization": key, "X-Qonto-Staging-Token": staging})
            """,
            4,
            56,
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        api_hosts = {ref.host for _s, ref in _host_refs(facts) if facts.hosts.is_known_api(ref.host)}
        production_only = bool(api_hosts) and not any(facts.hosts.is_sandbox(h) for h in api_hosts)
        for site, _value, targets in qonto_sites(facts):
            if site.header != "x-qonto-staging-token":
                continue
            hosts = [t.host for t in targets if t.host is not None and facts.hosts.is_known_api(t.host)]
            if hosts:
                flagged = all(facts.hosts.is_production(h) for h in hosts)
            else:
                flagged = production_only
            if flagged:
                yield self.report(
                    site.key_node,
                    f"'{STAGING_HEADER}' is only for Qonto's sandbox, but this request goes to production: "
                    "drop the header there (or call the sandbox host)",
                )


class StagingTokenHeaderCase(Rule):
    CODE = "QNT303"
    NAME = "staging-token-header-case"
    SUMMARY = "X-Qonto-Staging-Token is written with other capitalisation"
    FIXABLE = True
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
    """
    VALID = [
        Example("""
            def headers(key, token):
                return {"Authorization": key, "X-Qonto-Staging-Token": token}
            """),
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
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        for site in facts.staging_sites:
            if site.key != STAGING_HEADER:
                if facts.want_fixes:
                    from ..fixes import fix_key

                yield self.report(
                    site.key_node,
                    f"header {site.key!r} should be spelled '{STAGING_HEADER}', exactly as Qonto documents it",
                    fix_key(
                        site.key_node,
                        STAGING_HEADER,
                        f"Spell the header '{STAGING_HEADER}'",
                        container=site.container,
                        parents=facts.c.parents,
                    )
                    if facts.want_fixes
                    else None,
                )


class PlainHttpQontoUrl(Rule):
    CODE = "QNT304"
    NAME = "plain-http-qonto-url"
    SUMMARY = "A Qonto API URL uses http://"
    FIXABLE = True
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
    """
    VALID = [
        Example("""
            QONTO_API = "https://thirdparty.qonto.com/v2"
            """),
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
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        reported = set()
        for string, ref in _host_refs(facts):
            if ref.scheme == "http" and facts.hosts.is_api(ref.host):
                reported.add(string.node)
                yield self.report(
                    string.node,
                    _plain_http(ref.host),
                    # no fix when the URL names port 80: https:// on it would not work either
                    _string_fix(string.node, f"http://{ref.host}", f"https://{ref.host}", "Use https://")
                    if facts.want_fixes and f"http://{ref.host}:80" not in string.text.lower()
                    else None,
                )
        # A URL put together from parts and bound to a name: URL = SCHEME + HOST + "/v2".
        for node, ref, first, _whole, with_scheme in _built_refs(facts):
            if ref.scheme != "http" or with_scheme or not facts.hosts.is_api(ref.host) or node in reported:
                continue
            reported.update((node, first))
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
            node = getattr(first, "node", None)
            if node is None or node in reported:
                continue
            reported.add(node)
            fix = _string_fix(node, "http://", "https://", "Use https://") if facts.want_fixes else None
            if fix is not None:
                # `SCHEME = "http://"` may build other URLs too (`SCHEME + "localhost:8080"`): unsafe
                from dataclasses import replace

                fix = replace(fix, safe=False)
            yield self.report(
                node,
                _plain_http(target.host),
                fix,
            )


class UnknownQontoHost(Rule):
    CODE = "QNT305"
    NAME = "unknown-qonto-host"
    SUMMARY = "A Qonto-looking API host that does not exist"
    DOCS = """
    ## What it does
    Flags a URL or host under `qonto.com`, `qonto.co` or `qonto.eu` that looks like
    an API host (`api`, `thirdparty`, `oauth`, `sandbox`, `staging`, `onboarding`)
    but is not one of Qonto's API hosts: `thirdparty-sandbox.qonto.com`,
    `api.qonto.com`, `thirdparty.qonto.co`...

    ## Why is this bad?
    The host does not exist (or is not the API): every call fails. Use
    `thirdparty.qonto.com` in production and `thirdparty-sandbox.staging.qonto.co`
    in the sandbox. Company proxies go in `extra-hosts`.

    ## Example
    ```python
    SANDBOX = "https://thirdparty-sandbox.qonto.com/v2"
    ```

    Use instead:
    ```python
    SANDBOX = "https://thirdparty-sandbox.staging.qonto.co/v2"
    ```
    """
    VALID = [
        Example("""
            WEB = "https://app.qonto.com/settings"
            API = "https://thirdparty.qonto.com/v2"
            """),
    ]
    INVALID = [
        Example(
            """
            SANDBOX = "https://thirdparty-sandbox.qonto.com/v2"
            """,
            1,
            11,
        ),
        Example(
            """
            HOST = "api.qonto.com"
            """,
            1,
            8,
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        refs = [(string.node, ref) for string, ref in _host_refs(facts)]
        refs += [(node, ref) for node, ref, _first, whole, _scheme in _built_refs(facts) if not whole]
        for node, ref in refs:
            if is_unknown_api_host(ref.host) and not facts.hosts.is_known_api(ref.host):
                yield self.report(
                    node,
                    f"{ref.host} is not a Qonto API host: use thirdparty.qonto.com (production) or "
                    "thirdparty-sandbox.staging.qonto.co (sandbox); calls to it fail",
                )


class LegacyQontoHost(Rule):
    CODE = "QNT306"
    NAME = "legacy-qonto-host"
    SUMMARY = "The legacy host thirdparty.qonto.eu is used"
    FIXABLE = True
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
    """
    VALID = [
        Example("""
            QONTO_API = "https://thirdparty.qonto.com/v2"
            """),
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
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        for string, ref in _host_refs(facts):
            if ref.host in LEGACY_HOSTS:
                yield self.report(
                    string.node,
                    _legacy(ref.host),
                    _string_fix(string.node, ref.host, "thirdparty.qonto.com", "Use thirdparty.qonto.com")
                    if facts.want_fixes
                    else None,
                )
        for node, ref, _first, whole, _scheme in _built_refs(facts):
            if ref.host in LEGACY_HOSTS and not whole:
                yield self.report(node, _legacy(ref.host))
