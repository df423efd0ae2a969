"""The questions every front end answers the same way once it has its header sites: which are in
Qonto context (`qonto_sites`), whether Qonto is seen there (`qonto_seen`), and each Authorization
value read once for the header rules (`authorization_readings`).

No libcst here: the Python facts (`sites.SiteQuestions`) and the JavaScript facts
(`javascript.facts`) both build on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..authorization.shape import Reading, read_authorization
from ..knowledge.qonto import mentions_qonto
from ..record import ValueRecord
from .values import Value, vendor_of

if TYPE_CHECKING:
    from .collect import HeaderSite


class Context(str, Enum):
    """How a place is known to talk to Qonto. Qonto is *seen* when the source says so at the
    place itself (the request's URL, a qonto-named part of the value or the client); otherwise it
    is only *inferred*, and a fix there may break another service's call."""

    #: every request that carries it whose URL is known goes to a Qonto host
    URL = "request URL"
    #: a part of the value is qonto-named (`QONTO_SECRET_KEY`, `settings.qonto_login`)
    NAME = "qonto-named part"
    #: the client or session that sends it is qonto-named (`qonto_session`, `self.qonto`)
    CLIENT = "qonto-named client"
    #: sent to Qonto and to another host too
    SHARED = "also sent elsewhere"
    #: only the enclosing function's, class's or module's evidence (the path included) says Qonto
    SCOPE = "surrounding evidence"
    #: `assume-qonto`
    ASSUMED = "assume-qonto"

    @property
    def seen(self) -> bool:
        return self in (Context.URL, Context.NAME, Context.CLIENT)


class QontoSite(ValueRecord):
    """A header site (Authorization or staging token) in Qonto context: the value it carries,
    where its requests go and how its Qonto context was established."""

    __slots__ = ("site", "value", "targets", "context")

    def __init__(self, site: HeaderSite, value: Value, targets: list, context: Context = Context.SCOPE) -> None:
        self.site = site
        self.value = value
        self.targets = targets  # RequestTarget
        self.context = context

    @property
    def value_node(self) -> Any:
        return self.site.value_node


class HeaderQuestions:
    if TYPE_CHECKING:  # what the front end's facts provide
        # the sites are the front end's own records (`HeaderSite`, `JsSite`), with the same fields
        @property
        def header_sites(self) -> Sequence[Any]: ...

        def site_value(self, site: Any) -> Value: ...
        def site_carriers(self, site: Any) -> list: ...
        def targets_of(self, facts_: list) -> list: ...
        def site_context(self, site: Any, targets: Any, value: Value) -> Context | None: ...
        def goes_to_token_endpoint(self, targets: list) -> bool: ...
        def is_qonto_host(self, host: str) -> bool: ...
        def scope_is_qonto(self, scope: Any) -> bool: ...
        def owner_names(self, receivers: Sequence[Any], targets: Sequence[Any]) -> list[str]: ...

        assume_qonto: bool

    # -- Qonto context ----------------------------------------------------------------------

    def in_qonto_context(self, scope: Any, targets: Sequence[Any] = (), value: Value | None = None) -> bool:
        """Whether a place talks to Qonto (see `qonto_context`)."""
        return self.qonto_context(scope, targets, value) is not None

    def qonto_context(
        self, scope: Any, targets: Sequence[Any] = (), value: Value | None = None, receivers: Sequence[Any] = ()
    ) -> Context | None:
        """How a place is known to talk to Qonto, or None when it is not: asked in order, the
        requests' URLs, the value's names, the client's name (`receivers`: the objects the header
        is set on, besides the requests' receivers), the scopes' evidence, `assume-qonto`."""
        how = self._context(scope, targets, value, receivers)
        if how is None and self.assume_qonto:
            return Context.ASSUMED
        return how

    def _context(self, scope, targets, value, receivers) -> Context | None:
        resolved = [t.host for t in targets if t.host is not None]
        qonto = [h for h in resolved if self.is_qonto_host(h)]
        # a header also sent to another host: Qonto's, but a fix would change the other request too
        elsewhere = len(qonto) < len(resolved)
        if qonto:
            return Context.SHARED if elsewhere else Context.URL
        if resolved and len(resolved) == len(targets):
            return None
        if value is not None:
            names = [name for hole in value.walk_holes() for name in hole.all_names()]
            if any(mentions_qonto(name) for name in names):
                return Context.SHARED if elsewhere else Context.NAME
            if any(vendor_of(name) for name in names):
                return None  # settings.STRIPE_SECRET_KEY: another service's header
        if not self.scope_is_qonto(scope):
            return None
        # the scope says Qonto; a qonto-named client at the place itself makes it seen there
        if not elsewhere and any(mentions_qonto(owner) for owner in self.owner_names(receivers, targets)):
            return Context.CLIENT  # qonto_session.get(...), self.qonto.post(...)
        return Context.SCOPE

    # -- header sites ---------------------------------------------------------------------

    def site_targets(self, site: Any) -> list:
        """Where the requests that send a header site's header go."""
        return self.targets_of(self.site_carriers(site))

    def importer_carriers(self, site: Any) -> list:
        """The requests of the project's other modules that send a header site's header (a
        language without a project view has none)."""
        return []

    def importers_facts(self, names: tuple[str, ...]) -> list:
        """The facts of the project's modules that import this one and name one of `names` (a
        language without a project view has none)."""
        return []

    @cached_property
    def qonto_sites(self) -> list[QontoSite]:
        """Header sites (Authorization and staging token) that are in Qonto context."""
        found = []
        for site in self.header_sites:
            value = self.site_value(site)
            targets = self.site_targets(site)
            context = self.site_context(site, targets, value)
            if context is not None:
                found.append(QontoSite(site, value, targets, context))
        return found

    def qonto_seen(self, site: QontoSite) -> bool:
        """Whether Qonto is seen at the site (its request's URL, a qonto-named part or client),
        not only inferred from what surrounds it: a fix is safe only where it is."""
        return site.context.seen

    @cached_property
    def authorization_readings(self) -> list[tuple[QontoSite, Reading]]:
        """Each Authorization site in Qonto context with its value read for the header rules, once."""
        return [
            (site, read_authorization(site.value, oauth_client=self.goes_to_token_endpoint(site.targets), glued=True))
            for site in self.qonto_sites
            if site.site.header == "authorization"
        ]


class BasicAuthUse(ValueRecord):
    """One place that sends Basic auth: the node reported, how messages name it, the scope it is
    sent from, where its requests go, and (computed on first use) what its arguments carry."""

    __slots__ = ("node", "label", "scope", "targets", "_value_of", "_value")

    def __init__(self, node: Any, label: str, scope: Any, targets: list, value_of: Callable[[], Value]) -> None:
        self.node = node
        self.label = label
        self.scope = scope
        self.targets = targets
        self._value_of = value_of
        self._value: Value | None = None

    @property
    def value(self) -> Value:
        if self._value is None:
            self._value = self._value_of()
        return self._value


class Staging(str, Enum):
    """Whether the requests a sandbox URL string is traced to send the staging token."""

    SENT = "sent"  # every request it reaches sends the header
    MISSING = "missing"  # a request it reaches has all its headers in sight, and not this one
    UNKNOWN = "unknown"  # it reaches requests whose headers cannot all be seen
    MOCK = "mock"  # it reaches no request, only registrations with a fake server in tests
    UNTRACED = "untraced"  # it reaches no request: a constant, a setting, a table
