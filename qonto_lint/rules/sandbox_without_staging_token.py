"""QNT301 sandbox-without-staging-token: the sandbox is called but no X-Qonto-Staging-Token is set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ._header_rule import STAGING_HEADER
from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts


class SandboxWithoutStagingToken(Rule):
    CODE = "QNT301"
    NAME = "sandbox-without-staging-token"
    SUMMARY = "The sandbox is called but no X-Qonto-Staging-Token is set"
    NEEDS = frozenset({Need.QONTO_HOST})
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
            for string in facts.strings
        ):
            return
        reported = set()
        for string, ref in facts.host_refs:
            if facts.hosts.is_sandbox(ref.host) and string.node not in reported:
                reported.add(string.node)
                yield self.report(
                    string.node,
                    f"{ref.host} is Qonto's sandbox, and nothing in this module sets the "
                    f"'{STAGING_HEADER}' header it requires: the sandbox answers with an HTML page or an SSO "
                    "redirect instead of JSON",
                )


#: methods that read, remove or test a header by name
_READ_METHODS = frozenset({"pop", "get", "remove", "discard", "getone", "getall", "getlist", "has_key"})


def _only_read(facts: Facts, node) -> bool:
    """The string names a header that is read, removed or tested, not set."""
    import libcst as cst

    from ..facts.sites import MESSAGE_CALLS

    parent = facts.parent(node)
    if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
        return True
    if isinstance(parent, cst.Index):  # headers["X-Qonto-Staging-Token"]: set only when assigned to
        subscript = facts.parent(facts.parent(parent))
        return not isinstance(facts.parent(subscript), (cst.AssignTarget, cst.AnnAssign, cst.AugAssign))
    if isinstance(parent, cst.Arg):
        call = facts.parent(parent)
        method = call.func.attr.value if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) else ""
        return method in _READ_METHODS or method in MESSAGE_CALLS
    return False
