"""QNT107 http-basic-auth-helper: an HTTP client's Basic auth, which sends `Basic base64(login:secret)`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..authorization.problem import COST
from ..authorization.shape import is_client_auth
from ..facts.values import Value
from ..knowledge.http_clients import BASIC_AUTH_LABELS

if TYPE_CHECKING:
    import libcst as cst

    from ..facts.analysis import Facts
    from ..facts.collect import CallFact
from .base import Example, Need, Report, Rule


class HttpBasicAuthHelper(Rule):
    CODE = "QNT107"
    NAME = "http-basic-auth-helper"
    SUMMARY = "An HTTP client's Basic auth is used toward Qonto"
    NEEDS = frozenset({Need.AUTH_HELPER})
    DOCS = """
    ## What it does
    Flags HTTP Basic authentication toward Qonto: an `auth=(login, secret)` tuple or
    list, `session.auth = (login, secret)`, `requests.auth.HTTPBasicAuth`,
    `httpx.BasicAuth`, `aiohttp.BasicAuth`, `urllib3.make_headers(basic_auth=...)`
    and urllib's `HTTPBasicAuthHandler`.

    ## Why is this bad?
    All of them send `Authorization: Basic base64(login:secret)`: the guide's
    "Basic prefix" and "base64 encoding" mistakes at once, written by the library.
    Qonto answers 401, and repeated 401s get the caller throttled. Basic client
    authentication toward the OAuth token endpoint (or with `client_id` /
    `client_secret`) is legitimate OAuth and is not flagged.

    ## Example
    ```python
    requests.get(f"{QONTO_API}/bank_accounts", auth=(QONTO_LOGIN, QONTO_SECRET_KEY))
    ```

    Use instead:
    ```python
    requests.get(
        f"{QONTO_API}/bank_accounts",
        headers={"Authorization": f"{QONTO_LOGIN}:{QONTO_SECRET_KEY}"},
    )
    ```
    """
    VALID = [
        Example("""
            import requests
            def exchange(client_id, client_secret, code):
                return requests.post("https://oauth.qonto.com/oauth2/token", auth=(client_id, client_secret), data={"code": code})
            """),  # noqa: E501
        Example(
            """
            import requests
            def twilio(sid, token):
                return requests.get("https://api.twilio.com/2010-04-01/Accounts", auth=(sid, token))
            """,
            path="qonto_sms.py",
        ),
    ]
    INVALID = [
        Example(
            """
            import requests
            def accounts(login, secret):
                return requests.get("https://thirdparty.qonto.com/v2/bank_accounts", auth=(login, secret))
            """,
            3,
            79,
        ),
        Example(
            """
            from requests.auth import HTTPBasicAuth as Basic
            QONTO = "https://thirdparty.qonto.com/v2"
            def accounts(session, login, secret):
                session.auth = Basic(login, secret)
            """,
            4,
            20,
        ),
        Example(
            """
            import httpx
            def client(login, secret):
                return httpx.Client(base_url="https://thirdparty.qonto.com", auth=httpx.BasicAuth(login, secret))
            """,
            3,
            71,
        ),
        Example(
            """
            import aiohttp
            async def accounts(login, secret):
                async with aiohttp.ClientSession(auth=aiohttp.BasicAuth(login, secret)) as session:
                    return await session.get("https://thirdparty.qonto.com/v2/bank_accounts")
            """,
            3,
            43,
        ),
        Example(
            """
            import urllib3
            def qonto_headers(login, secret):
                return urllib3.make_headers(basic_auth=f"{login}:{secret}")
            """,
            3,
            12,
        ),
        Example(
            """
            import urllib.request
            def qonto_opener(manager):
                return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(manager))
            """,
            3,
            40,
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        import libcst as cst

        seen: set = set()
        for fact in facts.requests:
            for arg in fact.node.args:
                if arg.keyword is None or arg.keyword.value != "auth":
                    continue
                found = self._pair(facts, arg.value, fact)
                if found is None:
                    continue
                pair, pair_scope = found
                # a tuple written in another module (`auth=settings.QONTO_AUTH`) is reported
                # where it is sent: the `auth=` argument of this module
                here = pair if facts.project is None or facts.project.foreign(pair) is None else arg.value
                if here not in seen:
                    seen.add(here)
                    targets = facts.targets_of(facts.carriers(here, fact.scope, "auth") or [fact])
                    if self._flag(facts, fact.scope, targets, pair, pair_scope):
                        yield self.report(here, self._message("an auth=(login, secret) tuple"))
        for assign in facts.auth_assigns:
            value = assign.value_node
            if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == 2 and value not in seen:
                seen.add(value)
                targets = facts.targets_of(facts.requests_on(assign.target.value, assign.scope))
                if self._flag(facts, assign.scope, targets, value):
                    yield self.report(value, self._message("session.auth = (login, secret)"))
        for helper in facts.basic_helpers:
            label = self._helper(facts, helper)
            if label is None:
                continue
            keyword = "headers" if "make_headers" in label else "auth"
            targets = self._helper_targets(facts, helper, keyword)
            if self._flag(facts, helper.scope, targets, helper.node):
                yield self.report(helper.node, self._message(label))

    def _pair(self, facts: Facts, value: cst.BaseExpression, fact: CallFact):
        """The `(login, secret)` display an `auth=` value is, or names (in this module or, through
        the project's imports, in another), with the scope it is written in."""
        import libcst as cst

        if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == 2:
            return value, fact.scope
        if isinstance(value, (cst.Name, cst.Attribute)):
            binding = facts.binding_of(value, fact.scope)
            if (
                binding is not None
                and binding.kind == "assign"
                and isinstance(binding.value, (cst.Tuple, cst.List))
                and len(binding.value.elements) == 2
            ):
                return binding.value, binding.scope
        return None

    def _helper(self, facts: Facts, helper: CallFact) -> str | None:
        qual = facts.qualname(helper.node.func, helper.scope) or ""
        label = BASIC_AUTH_LABELS.get(qual)
        if label is None:
            return None
        if "make_headers" in qual and not any(
            a.keyword is not None and a.keyword.value == "basic_auth" for a in helper.node.args
        ):
            return None
        return label

    def _helper_targets(self, facts: Facts, helper: CallFact, keyword: str):
        import libcst as cst

        carriers = facts.carriers(helper.node, helper.scope, keyword)
        if not carriers:
            parent = facts.parent(helper.node)
            if (
                isinstance(parent, cst.Assign)
                and len(parent.targets) == 1
                and isinstance(parent.targets[0].target, cst.Attribute)
            ):
                target = parent.targets[0].target
                if target.attr.value == "auth":
                    carriers = facts.requests_on(target.value, helper.scope)
        return facts.targets_of(carriers)

    def _flag(self, facts: Facts, scope, targets, node, node_scope=None) -> bool:
        """Whether to report: not toward the token endpoint, not client credentials, in Qonto
        context (`node_scope`: where `node` is written, when not in `scope`)."""
        if facts.goes_to_token_endpoint(targets):
            return False
        value = self._arguments_value(facts, node, node_scope or scope)
        if is_client_auth(value):
            return False
        return facts.in_qonto_context(scope, targets, value)

    def _arguments_value(self, facts: Facts, node, scope) -> Value:
        import libcst as cst

        if isinstance(node, (cst.Tuple, cst.List)):
            expressions = [e.value for e in node.elements]
        elif isinstance(node, cst.Call):
            expressions = [a.value for a in node.args]
        else:
            expressions = []
        parts: tuple = ()
        for expression in expressions:
            parts += facts.value(expression, scope).parts
        return Value(parts, node)

    def _message(self, what: str) -> str:
        return (
            f"{what} sends 'Basic base64(login:secret)', which Qonto rejects: send the header "
            f"'Authorization: login:secret' instead ({COST})"
        )
