"""Header format rules: the guide's six common mistakes and their relatives.

Every rule here reads the same per-header diagnosis (`checks.diagnose_authorization`),
computed once per header site and kept in `facts.memo`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..authorization.diagnose import diagnose_authorization
from ..authorization.placeholder import placeholder_in
from ..authorization.problem import COST, Problem
from ..facts.values import Value
from ..record import MutableRecord
from .base import Example, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts, HeaderSite, RequestTarget


class SiteDiagnosis(MutableRecord):
    __slots__ = ("site", "value", "targets", "problems")

    def __init__(self, site: HeaderSite, value: Value, targets: list[RequestTarget], problems: list[Problem]) -> None:
        self.site = site
        self.value = value
        self.targets = targets
        self.problems = problems


def qonto_sites(facts: Facts) -> list[tuple[HeaderSite, Value, list[RequestTarget]]]:
    """Header sites (Authorization and staging token) that are in Qonto context."""
    memo = facts.memo
    if "qonto_sites" not in memo:
        found = []
        for site in facts.header_sites:
            value = facts.site_value(site)
            targets = facts.targets_of(facts.site_carriers(site))
            if facts.in_qonto_context(site.scope, targets, value):
                found.append((site, value, targets))
        memo["qonto_sites"] = found
    return memo["qonto_sites"]


def diagnoses(facts: Facts) -> list[SiteDiagnosis]:
    memo = facts.memo
    if "diagnoses" not in memo:
        out = []
        for site, value, targets in qonto_sites(facts):
            if site.header != "authorization":
                continue
            problems = diagnose_authorization(value, oauth_client=facts.goes_to_token_endpoint(targets), glued=True)
            out.append(SiteDiagnosis(site, value, targets, problems))
        memo["diagnoses"] = out
    return memo["diagnoses"]


def fix_for(code: str, diagnosis: SiteDiagnosis, problem: Problem, facts: Facts):
    """The fix of one header problem, or None (see fixes.py for what is safe)."""
    if not facts.want_fixes:
        return None
    from .. import fixes

    value, node, parents = diagnosis.value, diagnosis.site.value_node, facts.c.parents
    if code in ("QNT101", "QNT102") or (code == "QNT108" and problem.data.get("pasted")):
        return fixes.fix_scheme(code, value, node, parents)
    if code == "QNT103":
        return fixes.fix_base64(value, node, parents)
    if code == "QNT104":
        return fixes.fix_separator(value, node, parents, problem.data.get("index", 0))
    if code == "QNT105":
        return fixes.fix_swap(value, node, parents, problem.data.get("index", 0))
    if code == "QNT106":
        return fixes.fix_whitespace(value, node, parents)
    if code == "QNT110" and problem.data.get("bare"):  # not over another scheme or a glued 'Bearer'
        return fixes.fix_bearer(value, node, parents)
    return None


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


def _looks_like_headers(facts: Facts, site: HeaderSite, targets) -> bool:
    """A misspelled key is a header only where the code says it is building headers."""
    import libcst as cst

    from ..facts.collect import last_name, string_value

    if targets:
        return True
    container = site.container
    if isinstance(container, cst.Dict):
        for element in container.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is not None and (key.lower() in _HEADER_NAMES or key.lower().startswith("x-")):
                return True
    names = []
    current = container
    for _ in range(4):  # the variable, receiver, argument or function the headers go through
        parent = facts.parent(current)
        if parent is None:
            break
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            targets_ = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            names.extend(last_name(t) for t in targets_)
            break
        if isinstance(parent, cst.Arg) and parent.keyword is not None:
            names.append(parent.keyword.value)
            break
        current = parent
    if site.form in ("subscript", "method", "keyword") and not isinstance(container, cst.Dict):
        receiver = container.value if site.form == "subscript" else getattr(container.func, "value", None)
        names.append(last_name(receiver) if receiver is not None else "")
    if site.scope.kind == "function":
        names.append(site.scope.name)
    return any("header" in name.lower() for name in names)


class _DiagnosisRule(Rule):
    def check(self, facts: Facts) -> Iterator[Report]:
        for diagnosis in diagnoses(facts):
            for problem in diagnosis.problems:
                if problem.code == self.CODE:
                    fix = fix_for(self.CODE, diagnosis, problem, facts) if self.FIXABLE else None
                    yield self.report(diagnosis.site.value_node, problem.message, fix)


class BasicSchemePrefix(_DiagnosisRule):
    CODE = "QNT101"
    NAME = "basic-scheme-prefix"
    SUMMARY = "The Authorization value starts with 'Basic '"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` header sent to Qonto whose value starts with `Basic `.

    ## Why is this bad?
    Qonto's static API key is sent raw as `login:secret`. The guide warns: "Do not
    include 'Basic' before the credentials". Qonto answers 401, and more than 200
    401s in an hour get the caller throttled.

    Basic credentials sent to the OAuth token endpoint, or built from
    `client_id` / `client_secret`, are OAuth client authentication and are not flagged.

    ## Example
    ```python
    headers = {"Authorization": f"Basic {login}:{secret_key}"}
    requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"{login}:{secret_key}"}
    requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
    ```

    ## Fix safety
    Safe when the `Basic ` text is in a string literal inside the header value: the fix removes it from that literal. When the prefix comes from a constant or a variable defined elsewhere, the fix is unsafe (other code may use it).
    """
    VALID = [
        Example("""
            import requests
            def org(login, secret_key):
                headers = {"Authorization": f"{login}:{secret_key}"}
                return requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
            """),
        Example("""
            import requests
            def token(client_id, client_secret):
                basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
                return requests.post("https://oauth.qonto.com/oauth2/token", headers={"Authorization": "Basic " + basic})
            """),
        Example(
            """
            import requests
            def mailjet(key, secret):
                return requests.get("https://api.mailjet.com/v3/REST/contact", headers={"Authorization": f"Basic {key}:{secret}"})
            """,
            path="sync_qonto.py",
        ),
    ]
    INVALID = [
        Example(
            """
            import requests
            def org(login, secret_key):
                headers = {"Authorization": f"Basic {login}:{secret_key}"}
                return requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
            """,
            3,
            33,
        ),
        Example(
            """
            QONTO_LOGIN = os.environ["QONTO_LOGIN"]
            QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]
            HEADERS = {"Authorization": "Basic " + QONTO_LOGIN + ":" + QONTO_SECRET_KEY}
            """,
            3,
            29,
            path="client.py",
        ),
    ]


class BearerSchemeOnApiKey(_DiagnosisRule):
    CODE = "QNT102"
    NAME = "bearer-scheme-on-api-key"
    SUMMARY = "A static API key is sent with the 'Bearer ' prefix"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` header sent to Qonto that puts `Bearer ` before a static
    API key (a `login:secret` pair, or a part named like a secret or an API key).

    ## Why is this bad?
    `Bearer` is only for OAuth access tokens. A static key with a `Bearer` prefix is
    rejected with a 401, and repeated 401s get the caller throttled.

    ## Example
    ```python
    headers = {"Authorization": f"Bearer {self.login}:{self.secret_key}"}
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"{self.login}:{self.secret_key}"}
    ```

    ## Fix safety
    Safe when the `Bearer ` text is in a string literal inside the header value: the fix removes it from that literal. When the prefix comes from elsewhere, the fix is unsafe.
    """
    VALID = [
        Example("""
            import httpx
            def org(access_token):
                return httpx.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": f"Bearer {access_token}"})
            """),
        Example(
            """
            import requests
            def stripe(api_key):
                return requests.get("https://api.stripe.com/v1/balance", headers={"Authorization": f"Bearer {api_key}"})
            """,
            path="qonto_sync.py",
        ),
    ]
    INVALID = [
        Example(
            """
            import httpx
            def org(login, secret_key):
                return httpx.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": f"Bearer {login}:{secret_key}"})
            """,
            3,
            96,
        ),
        Example(
            """
            import os
            def labels():
                key = os.environ["QONTO_API_KEY"]
                return {"Authorization": "Bearer %s" % key}
            """,
            4,
            30,
        ),
    ]


class Base64EncodedCredentials(_DiagnosisRule):
    CODE = "QNT103"
    NAME = "base64-encoded-credentials"
    SUMMARY = "The credentials are base64-encoded"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` header sent to Qonto whose credentials are base64-encoded:
    a call to a `base64` encoder (however imported) or `codecs.encode(x, "base64")`,
    or a literal that decodes to text with a colon.

    ## Why is this bad?
    Qonto reads `login:secret` as plain text. Encoding it (the habit of HTTP Basic
    auth) gives a 401 on every call, and repeated 401s get the caller throttled.

    ## Example
    ```python
    token = base64.b64encode(f"{login}:{secret}".encode()).decode()
    headers = {"Authorization": token}
    ```

    Use instead:
    ```python
    headers = {"Authorization": f"{login}:{secret}"}
    ```

    ## Fix safety
    Unwrapping an encoder call written inside the header value, or decoding a base64 literal in place, is safe. Unwrapping a call that feeds a variable (`token = b64encode(...)`) is unsafe: the variable may have other uses.
    """
    VALID = [
        Example(
            """
            import base64
            def mailjet(api_key, secret_key):
                token = base64.b64encode(f"{api_key}:{secret_key}".encode()).decode()
                return requests.get("https://api.mailjet.com/v3/REST/contact", headers={"Authorization": f"Basic {token}"})
            """,
            path="qonto_and_mailjet.py",
        ),
    ]
    INVALID = [
        Example(
            """
            from base64 import b64encode as enc
            QONTO = "https://thirdparty.qonto.com/v2"
            def labels(login, secret):
                encoded = enc(f"{login}:{secret}".encode("utf-8"))
                return {"Authorization": encoded.decode("ascii")}
            """,
            5,
            30,
        ),
        Example(
            """
            import codecs
            def qonto_headers(login, secret):
                return {"Authorization": codecs.encode(f"{login}:{secret}".encode(), "base64")}
            """,
            3,
            30,
        ),
    ]


class MissingColonSeparator(_DiagnosisRule):
    CODE = "QNT104"
    NAME = "missing-colon-separator"
    SUMMARY = "Login and secret are joined without a colon"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` value sent to Qonto where a login-like part and a
    secret-like part are joined with nothing between them, or with another separator
    (`;`, `/`, `|`, `,`, a space).

    ## Why is this bad?
    Qonto splits the key at its one colon. Without it the key cannot be read and the
    call fails with a 401; repeated 401s get the caller throttled.

    ## Example
    ```python
    headers = {"Authorization": login + secret}
    ```

    Use instead:
    ```python
    headers = {"Authorization": login + ":" + secret}
    ```

    ## Fix safety
    Safe when the fix only edits literal text inside the header value (an f-string, a `%` or `.format` template, a `join` separator, a wrong separator character). Inserting `":"` into a `+` expression is unsafe.
    """
    VALID = [
        Example("""
            def qonto_headers(login, secret):
                return {"Authorization": ":".join((login, secret))}
            """),
        Example("""
            def qonto_headers(token, suffix):
                return {"Authorization": token + suffix}
            """),
    ]
    INVALID = [
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorization": login + secret}
            """,
            2,
            30,
        ),
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorization": "%s;%s" % (login, secret)}
            """,
            2,
            30,
        ),
    ]


class SwappedLoginAndSecret(_DiagnosisRule):
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
    """
    VALID = [
        Example("""
            def qonto_headers(login, secret):
                return {"Authorization": "{}:{}".format(login, secret)}
            """),
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
    ]


class WhitespaceInCredentials(_DiagnosisRule):
    CODE = "QNT106"
    NAME = "whitespace-in-credentials"
    SUMMARY = "The credentials carry spaces, tabs or line breaks"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` value sent to Qonto with leading or trailing whitespace,
    whitespace around the colon, any line break or tab, or a part read from a file
    (`read()`, `read_text()`, `readline()`) without `.strip()`.

    ## Why is this bad?
    Qonto compares the key byte for byte: a space or the newline at the end of a key
    file makes it a different key, and every call a 401 toward the throttle.

    ## Example
    ```python
    key = Path("qonto.key").read_text()
    headers = {"Authorization": key}
    ```

    Use instead:
    ```python
    key = Path("qonto.key").read_text().strip()
    headers = {"Authorization": key}
    ```

    ## Fix safety
    The fix removes only the whitespace that is part of the credentials: at the start and the end of the whole value and around the colon between login and secret (spaces, `\\n`, `\\r`, `\\t`). Other text in the value is left as written; when that would leave the problem in place (a line break in the middle of the value, whitespace split over several literals) there is no fix. Editing string literals inside the header value is safe, a constant defined elsewhere is unsafe. Adding `.strip()` to a file read is safe inside the header value and unsafe when the read feeds a variable.
    """
    VALID = [
        Example("""
            def qonto_headers(path):
                key = path.read_text().strip()
                return {"Authorization": key}
            """),
    ]
    INVALID = [
        Example(
            """
            def qonto_headers(path):
                key = path.read_text()
                return {"Authorization": key}
            """,
            3,
            30,
        ),
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorization": f"{login} : {secret}"}
            """,
            2,
            30,
        ),
    ]


class MalformedAuthorizationHeader(Rule):
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
    """
    VALID = [
        Example("""
            def qonto_headers(login, secret):
                return {"authorization": f"{login}:{secret}"}
            """),
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
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        for site, value, targets in qonto_sites(facts):
            if site.header != "authorization":
                continue
            key = site.key
            if key != key.strip() or key.strip().lower() != "authorization":
                if key.strip().rstrip(":").strip().lower() != "authorization" and not _looks_like_headers(
                    facts, site, targets
                ):
                    continue  # {"Authentication": "..."} in an error-message table is not a header
                if facts.want_fixes:
                    from ..fixes import fix_key

                yield self.report(
                    site.key_node,
                    f"header name {key!r} is not 'Authorization': Qonto never reads the credentials "
                    f"under it; name the header 'Authorization' ({COST})",
                    fix_key(
                        site.key_node,
                        "Authorization",
                        "Rename the header to 'Authorization'",
                        site.form == "keyword",
                        site.container,
                        facts.c.parents,
                    )
                    if facts.want_fixes
                    else None,
                )
        for diagnosis in diagnoses(facts):
            for problem in diagnosis.problems:
                if problem.code == self.CODE:
                    yield self.report(
                        diagnosis.site.value_node, problem.message, fix_for(self.CODE, diagnosis, problem, facts)
                    )


class PlaceholderCredentials(Rule):
    CODE = "QNT109"
    NAME = "placeholder-credentials"
    SUMMARY = "The value still holds a template or a documentation placeholder"
    DOCS = """
    ## What it does
    Flags an `Authorization` (or `X-Qonto-Staging-Token`) value sent to Qonto that
    still holds a template that is never formatted (`"{login}:{secret}"` without the
    `f` prefix, `.format` or `%`), or a placeholder copied from documentation:
    `<login>`, `your-login-here`, `YOUR_SECRET`.

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
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        for diagnosis in diagnoses(facts):
            for problem in diagnosis.problems:
                if problem.code == self.CODE:
                    yield self.report(diagnosis.site.value_node, problem.message)
        for site, value, _targets in qonto_sites(facts):
            if site.header == "x-qonto-staging-token":
                placeholder = placeholder_in(value)
                if placeholder:
                    yield self.report(site.value_node, f"{placeholder}: put the real staging token in ({COST})")


class OAuthTokenWithoutBearer(_DiagnosisRule):
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
    """
    VALID = [
        Example("""
            def qonto_headers(tokens):
                return {"Authorization": "Bearer " + tokens["access_token"]}
            """),
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
    ]
