"""QNT305 unknown-qonto-host: a Qonto-looking API host that does not exist.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from qonto_lint import Options, lint_source

MESSAGE = (
    "{host} is not a Qonto API host: use thirdparty.qonto.com (production) or "
    "thirdparty-sandbox.staging.qonto.co (sandbox); calls to it fail"
)


def _reported(source: str) -> list[tuple[int, int, str, str]]:
    result = lint_source(source, "qonto_client.py", Options(select=frozenset({"QNT305"})))
    return [(f.line, f.column, f.code, f.message) for f in result.findings]


@pytest.mark.parametrize(
    "host",
    [
        "auth.qonto.com",  # `auth` is an API word: Qonto's OAuth host is oauth.qonto.com
        "thirdparty.sandbox.qonto.com",
        "thirdparty-sandbox.qonto.com",
        "api.qonto.eu",
    ],
)
def test_hosts_that_do_not_exist(host):
    source = f'URL = "https://{host}/v2"\n'
    assert _reported(source) == [(1, 7, "QNT305", MESSAGE.format(host=host))]


@pytest.mark.parametrize(
    "host",
    [
        "api-doc.qonto.com",  # the former documentation site
        "onboarding-partners.qonto.com",
        "oauth.qonto.com",
        "developers.qonto.com",
    ],
)
def test_qonto_hosts_that_exist_are_not_reported(host):
    assert _reported(f'URL = "https://{host}/v2"\n') == []


def test_the_tables_agree_with_the_rule():
    from qonto_lint.facts.hosts import is_unknown_api_host
    from qonto_lint.knowledge.qonto import NONEXISTENT_HOSTS, PRODUCTION_HOSTS, SANDBOX_HOSTS, WEB_HOSTS

    assert all(is_unknown_api_host(host) for host in NONEXISTENT_HOSTS)
    assert not any(is_unknown_api_host(host) for host in PRODUCTION_HOSTS | SANDBOX_HOSTS | WEB_HOSTS)
