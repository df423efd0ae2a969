"""QNT202 credential-to-foreign-host: Qonto credentials are sent to a host that is not Qonto's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..authorization.shape import is_client_auth, is_login, is_secret, shape_of
from ..facts.hosts import is_token_endpoint
from ..facts.values import says_qonto, vendor_of
from ..knowledge.qonto import API_RESOURCES, LOCAL_DOMAINS, LOCAL_HOSTS, PRIVATE_NETWORK_PREFIXES
from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    import libcst as cst

    from ..facts.analysis import Facts
    from ..facts.collect import CallFact, HeaderSite
    from ..facts.values import Value


class CredentialToForeignHost(Rule):
    CODE = "QNT202"
    NAME = "credential-to-foreign-host"
    SUMMARY = "Qonto credentials are sent to a host that is not Qonto's"
    NEEDS = frozenset({Need.HEADER_KEY, Need.QONTO_HEADERS})
    DOCS = """
    ## What it does
    Flags a request that carries Qonto credentials to a host that is not Qonto's: a
    literal URL on another host, or a URL taken from a Qonto API response
    (`attachment["url"]`, `pdf_url`, `file_url`, `download_url`, `redirection_link`...).
    The credentials are Qonto's when the value is built from qonto-named parts
    (`QONTO_SECRET_KEY`, `settings.QONTO_LOGIN`, a helper imported from a `qonto`
    module), when it is a `login:secret` key in Qonto code, or when the same headers
    object is also sent to a Qonto host (`self.headers`, a client's `qonto.headers`).
    The session or headers attribute of a class made for Qonto (its name says so)
    goes wherever its instances send it: `client.session.get(...)` or
    `headers=client.headers`, for a `client: QontoClient` parameter or a
    `client = QontoClient(...)`; a generic `ApiClient` may serve several services.
    The finding is at the header value, or at the `headers=` value when a headers
    object built elsewhere is reused; headers one module hands out (a headers dict,
    a helper that returns them, a session factory, a client class) and another module
    of the project sends elsewhere are reported at the header value, naming the module that sends
    them (at that module's `headers=` value when it names Qonto's headers,
    `headers=QONTO_HEADERS`). Not flagged: the OAuth token endpoint, this
    machine and private networks (a test server, a local proxy), and a URL whose path is
    one of Qonto's API paths (`/v2/...`: a gateway in front of Qonto).

    ## Why is this bad?
    The API key (or OAuth token) leaks to a third party: the storage host of a
    pre-signed URL, a webhook receiver, another vendor's API. Pre-signed URLs also
    reject a second authentication, so the download fails as well.

    ## Example
    ```python
    attachment = requests.get(f"{QONTO_API}/attachments/{id}", headers=self.headers).json()["attachment"]
    pdf = requests.get(attachment["url"], headers=self.headers)
    ```

    Use instead:
    ```python
    attachment = requests.get(f"{QONTO_API}/attachments/{id}", headers=self.headers).json()["attachment"]
    pdf = requests.get(attachment["url"])
    ```
    """
    VALID = [
        Example("""
            import os
            import requests
            def charges():
                return requests.get(
                    "https://api.stripe.com/v1/charges",
                    headers={"Authorization": f"Bearer {os.environ['STRIPE_SECRET_KEY']}"},
                )
            def qonto_accounts():
                return requests.get(
                    "https://thirdparty.qonto.com/v2/bank_accounts",
                    headers={"Authorization": os.environ["QONTO_API_KEY"]},
                )
            """),
        Example("""
            import requests
            class QontoClient:
                def __init__(self, login, secret_key):
                    self.headers = {"Authorization": f"{login}:{secret_key}"}
                def attachment(self, attachment_id):
                    url = f"https://thirdparty.qonto.com/v2/attachments/{attachment_id}"
                    return requests.get(url, headers=self.headers).json()["attachment"]
                def download(self, attachment_id):
                    return requests.get(self.attachment(attachment_id)["url"]).content
            """),
        Example(
            """
            export async function upload(body: Blob) {
              return fetch("https://thirdparty.qonto.com/v2/attachments", {
                method: "POST",
                headers: { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` },
                body,
              });
            }
            """,
            path="upload.ts",
        ),
    ]
    INVALID = [
        Example(
            """
            import requests
            class QontoClient:
                def __init__(self, login, secret_key):
                    self.headers = {"Authorization": f"{login}:{secret_key}"}
                def attachment(self, attachment_id):
                    url = f"https://thirdparty.qonto.com/v2/attachments/{attachment_id}"
                    return requests.get(url, headers=self.headers).json()["attachment"]
                def download(self, attachment_id):
                    attachment = self.attachment(attachment_id)
                    return requests.get(attachment["url"], headers=self.headers).content
            """,
            10,
            56,
        ),
        Example(
            """
            import os
            import requests
            def upload_receipt(data):
                return requests.put(
                    "https://receipts.s3.eu-west-3.amazonaws.com/upload",
                    data=data,
                    headers={"Authorization": os.environ["QONTO_SECRET_KEY"]},
                )
            """,
            7,
            35,
        ),
        Example(
            """
            async function upload(url, body) {
              return fetch("https://files.example-cdn.net/upload", {
                method: "PUT",
                headers: { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` },
                body,
              });
            }
            """,
            4,
            31,
            path="upload.js",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        reported: set = set()
        for site in facts.authorization_sites:
            carriers = _unique([*facts.site_carriers(site), *facts.headers_receivers(site)])
            if not carriers:
                yield from self._sent_by_importers(facts, site, reported)
                continue
            if not _qonto_credential(facts, site, carriers):
                continue
            for fact in carriers:
                where = _foreign_destination(facts, fact)
                if where is not None:
                    node = facts.foreign_report_node(site, fact)
                    if node not in reported:
                        reported.add(node)
                        yield self.report(node, _message(where))
            # the factory's own requests go to Qonto; a module that imports it may send it elsewhere
            yield from self._sent_by_importers(facts, site, reported, carriers)
        for fact in facts.requests:
            headers = _qonto_headers_argument(fact.node)
            if headers is None or headers in reported:
                continue
            where = _foreign_destination(facts, fact)
            if where is not None:
                reported.add(headers)
                yield self.report(headers, _message(where))

    def _sent_by_importers(
        self, facts: Facts, site: HeaderSite, reported: set, carriers: list | None = None
    ) -> Iterator[Report]:
        """Headers this module hands out (a headers dict, a helper that returns them, a session
        factory) that the project's modules importing them send elsewhere: reported at the header
        value, here, naming the module that sends them."""
        sent = facts.importer_carriers(site)
        if not sent or site.value_node in reported:
            return
        to_qonto = any(t.host is not None and facts.is_qonto_host(t.host) for t in (o.target(f) for _, o, f in sent))
        if not (to_qonto or _qonto_credential(facts, site, carriers or [])):
            return
        for path, other, fact in sent:
            if _qonto_headers_argument(fact.node) is not None:
                continue  # `headers=QONTO_HEADERS`: reported there, at the reused headers object
            where = _foreign_destination(other, fact)
            if where is not None:
                reported.add(site.value_node)
                yield self.report(site.value_node, _message(where) + f" (the request is in {path})")
                return


def _message(where: str) -> str:
    return (
        f"Qonto credentials are sent to {where}, which is not Qonto: the key leaks to a third party "
        "(and pre-signed storage URLs reject a second authentication); send this request without "
        "the Qonto Authorization header"
    )


def _unique(facts_: list[CallFact]) -> list[CallFact]:
    seen: set = set()
    found = []
    for fact in facts_:
        if fact.node not in seen:
            seen.add(fact.node)
            found.append(fact)
    return found


def _qonto_credential(facts: Facts, site: HeaderSite, carriers: list[CallFact]) -> bool:
    """The header carries Qonto's credentials: by its parts, by its shape in Qonto code, or because
    the same header also goes to Qonto."""
    value = facts.site_value(site)
    names = [name for hole in value.walk_holes() for name in hole.all_names()]
    if any(vendor_of(name) for name in names) or is_client_auth(value):
        return False
    if any(says_qonto(name) for name in names) or _imported_from_qonto(facts, site, value):
        return True
    if _is_static_key(value) and facts.scope_is_qonto(site.scope):
        return True
    return any(t.host is not None and facts.is_qonto_host(t.host) for t in facts.targets_of(carriers))


def _imported_from_qonto(facts: Facts, site: HeaderSite, value: Value) -> bool:
    """A part computed by a helper of a qonto module: `from billing.qonto.auth import api_key`."""
    return any(says_qonto(facts.hole_qualname(hole, site.scope) or "") for hole in value.walk_holes())


def _is_static_key(value: Value) -> bool:
    """`login:secret`, the shape only Qonto's static keys have."""
    shape = shape_of(value)
    return (
        shape.scheme is None
        and len(shape.atoms) == 2
        and shape.separators == [":"]
        and is_login(shape.atoms[0])
        and is_secret(shape.atoms[1])
    )


def _foreign_destination(facts: Facts, fact: CallFact) -> str | None:
    """What the request goes to, said for the message, when that is not Qonto; else None."""
    expr = facts.url_expression(fact.node)
    if expr is not None:
        source = facts.response_url(expr, fact.scope)
        if source is not None:
            return f"a URL taken from an API response ({source})"
    target = facts.target(fact)
    host = target.host
    if host is None or host.startswith("<") or facts.is_qonto_host(host) or _is_local(host):
        return None
    if is_token_endpoint(target.path) or _qonto_api_path(target.path):
        # an OAuth token endpoint; a gateway or proxy that forwards Qonto's own API paths
        return None
    return host


def _qonto_api_path(path: str) -> bool:
    """`/v2/transactions...`, `/oauth2/...`: a path of Qonto's API (`/v1/charges`, `/v1.0/me`,
    `/v2/payments` are other services')."""
    segments = path.split("?", 1)[0].split("#", 1)[0].strip("/").split("/")
    if segments[0] == "oauth2":
        return True
    return len(segments) > 1 and segments[0] == "v2" and segments[1] in API_RESOURCES


def _is_local(host: str) -> bool:
    """This machine, a private network, a test or documentation domain: not a third party."""
    if host in LOCAL_HOSTS or host.startswith(PRIVATE_NETWORK_PREFIXES):
        return True
    return any(host == domain or host.endswith("." + domain) for domain in LOCAL_DOMAINS)


def _qonto_headers_argument(call: cst.Call) -> cst.BaseExpression | None:
    """The `headers=` value when it names Qonto's headers: `qonto.headers`, `QONTO_HEADERS`,
    `self.qonto_client.headers`, `qonto_headers()`."""
    import libcst as cst

    from ..facts.collect import dotted_name, last_name

    for arg in call.args:
        if arg.keyword is None or arg.keyword.value != "headers":
            continue
        node = arg.value.func if isinstance(arg.value, cst.Call) else arg.value
        if says_qonto(dotted_name(node) or "") and "header" in last_name(node).lower():
            return arg.value
    return None
