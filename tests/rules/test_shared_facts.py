"""The answers several rules share, asked of `Facts` the way rules ask them."""

from __future__ import annotations

import textwrap

import libcst as cst

from qonto_lint.facts.analysis import Facts
from qonto_lint.facts.collect import collect
from qonto_lint.facts.hosts import HostTable

SOURCE = textwrap.dedent(
    """\
    import requests
    LEGACY = "https://thirdparty.qonto.eu"
    HOST = "thirdparty.qonto.com"
    BASE = "http://" + HOST + "/v2"
    log.info("calling https://thirdparty.qonto.com failed")
    def migrate(url):
        return url.startswith(LEGACY)
    def org(login, secret, token):
        headers = {"Authorization": f"{login}:{secret}", "X-Qonto-Staging-Token": token}
        return requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
    def stripe(key):
        return requests.get("https://api.stripe.com/v1/balance", headers={"Authorization": key})
    """
)


def _facts() -> Facts:
    return Facts(collect(cst.parse_module(SOURCE), False, HostTable()))


def test_qonto_sites_are_the_header_sites_that_go_to_qonto():
    facts = _facts()
    sites = [(s.site.key, s.value_node.__class__.__name__, [t.host for t in s.targets]) for s in facts.qonto_sites]
    assert sites == [
        ("Authorization", "FormattedString", ["thirdparty.qonto.com"]),
        ("X-Qonto-Staging-Token", "Name", ["thirdparty.qonto.com"]),
    ]
    assert facts.qonto_sites is facts.qonto_sites  # computed once


def test_each_authorization_site_is_read_once_for_the_header_rules():
    facts = _facts()
    ((site, reading),) = facts.authorization_readings
    assert site is facts.qonto_sites[0]
    assert (reading.shape.scheme, [a.describe() for a in reading.shape.atoms], reading.exempt) == (
        None,
        ["login", "secret"],
        False,
    )


def test_host_refs_leave_out_patterns_and_messages():
    facts = _facts()
    refs = [(string.text, ref.scheme, ref.host) for string, ref in facts.host_refs]
    assert refs == [
        ("thirdparty.qonto.com", None, "thirdparty.qonto.com"),
        ("https://thirdparty.qonto.com/v2/organization", "https", "thirdparty.qonto.com"),
        ("https://api.stripe.com/v1/balance", "https", "api.stripe.com"),
    ]


def test_built_refs_are_urls_put_together_from_parts():
    facts = _facts()
    built = [
        (facts.module.code_for_node(b.node), b.ref.scheme, b.ref.host, b.whole, b.with_scheme) for b in facts.built_refs
    ]
    assert built == [('"http://"', "http", "thirdparty.qonto.com", True, False)]


def test_uses_of_a_name_are_its_other_occurrences():
    facts = _facts()
    (assign,) = [s for s in facts.module.body if facts.module.code_for_node(s).startswith("LEGACY")]
    target = assign.body[0].targets[0].target
    uses = facts.uses_of(target)
    assert [facts.module.code_for_node(facts.parent(facts.parent(use))) for use in uses] == ["url.startswith(LEGACY)"]
    assert facts.is_a_pattern(assign.body[0].value)  # a name used only as a pattern: its URL is not in use
