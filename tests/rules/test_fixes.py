"""Fixes in general: repeated until nothing changes, never over a `# noqa`, every other byte kept.

Each rule's own fixes (the exact text before and after, for each string form) are in its file here."""

from __future__ import annotations

import pytest

from qonto_lint import Options
from qonto_lint.fixing import fix_source

from ..fixcheck import HEAD, fixed
from . import (
    test_base64_encoded_credentials,
    test_basic_scheme_prefix,
    test_bearer_scheme_on_api_key,
    test_legacy_qonto_host,
    test_malformed_authorization_header,
    test_missing_colon_separator,
    test_oauth_token_without_bearer,
    test_plain_http_qonto_url,
    test_staging_token_header_case,
    test_swapped_login_and_secret,
    test_whitespace_in_credentials,
)


def test_fixes_repeat_until_nothing_changes():
    before = (
        "import base64\nH = {'Authorization': 'Basic ' + base64.b64encode(f'{SECRET} : {LOGIN}'.encode()).decode()}\n"
    )
    after = fixed(before, unsafe=True)
    assert after == "import base64\nH = {'Authorization': f'{LOGIN}:{SECRET}'.encode().decode()}\n"
    again = fix_source((HEAD + after).encode(), "client.py", Options(), unsafe=True)
    assert not again.changed and again.applied == 0


def test_noqa_suppressed_findings_are_not_fixed():
    before = 'H = {"Authorization": f"Basic {LOGIN}:{SECRET}"}  # noqa: QNT101\n'
    assert fixed(before) == before


def test_everything_else_stays_byte_for_byte():
    before = (
        "# -*- coding: utf-8 -*-\r\n"
        "H = {  'Authorization' :  f'Basic {LOGIN}:{SECRET}' ,  # keep me\r\n"
        "      'Accept': 'application/json'}\r\n"
    )
    after = fixed(before)
    assert after == before.replace("f'Basic {LOGIN}", "f'{LOGIN}")


def _cases(*modules, qonto_named: bool | None = None):
    """The rules' fix cases; with `qonto_named`, only those whose value has (or has no) qonto-named part."""
    return [
        pytest.param(before, after, id=label)
        for module in modules
        for label, before, after in module.FIXES
        if qonto_named is None or ("QONTO_" in before) == qonto_named
    ]


HEADER_RULES = (
    test_basic_scheme_prefix,
    test_bearer_scheme_on_api_key,
    test_base64_encoded_credentials,
    test_missing_colon_separator,
    test_swapped_login_and_secret,
    test_whitespace_in_credentials,
    test_malformed_authorization_header,
    test_oauth_token_without_bearer,
)


@pytest.mark.parametrize(("before", "after"), _cases(*HEADER_RULES, qonto_named=False))
def test_a_header_fix_is_unsafe_where_qonto_is_only_inferred(before, after):
    # the same edits, in a module whose only evidence of Qonto is a constant: the headers may be
    # another service's, so the fixes need --unsafe-fixes
    assert fixed(before, seen=False) == before
    assert fixed(before, unsafe=True, seen=False) == after


@pytest.mark.parametrize(("before", "after"), _cases(*HEADER_RULES, qonto_named=True))
def test_a_header_fix_stays_safe_where_a_part_of_the_value_is_qonto_named(before, after):
    assert fixed(before, seen=False) == after


@pytest.mark.parametrize(
    ("before", "after"), _cases(test_plain_http_qonto_url, test_legacy_qonto_host, test_staging_token_header_case)
)
def test_fixes_of_qontos_own_urls_and_header_names_stay_safe(before, after):
    assert fixed(before, seen=False) == after
