"""QNT102 bearer-scheme-on-api-key: the `Bearer ` scheme in front of a Qonto API key.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import json

import pytest

from ..fixcheck import fixed
from ..helpers import findings_of, run_cli

FIXES = [
    (
        "QNT102 f-string",
        'H = {"Authorization": f"Bearer {LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    ("QNT102 plain+", 'H = {"Authorization": "Bearer " + QONTO_API_KEY}\n', 'H = {"Authorization": QONTO_API_KEY}\n'),
    (
        "QNT102 %",
        'H = {"Authorization": "Bearer %s" % QONTO_API_KEY}\n',
        'H = {"Authorization": "%s" % QONTO_API_KEY}\n',
    ),
    (
        "QNT102 format",
        'H = {"Authorization": "Bearer {}".format(QONTO_API_KEY)}\n',
        'H = {"Authorization": "{}".format(QONTO_API_KEY)}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


# -- evidence against Qonto, and where a fix is safe --------------------------------------------

MIXED_MODULE = '''\
"""Bank sync: Qonto transactions, and ledger suggestions from a chat-completion model."""
import os

import requests

QONTO_API = "https://thirdparty.qonto.com/v2"
PROVIDERS = {
    "openai": {"base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini"},
    "groq": {"base_url": "https://api.groq.com/openai/v1", "model": "llama-3.1-8b-instant"},
}


class QontoClient:
    def __init__(self):
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"

    def transactions(self, iban):
        return self.session.get(f"{QONTO_API}/transactions", params={"iban": iban}).json()


def suggest(provider, api_key, prompt):
    config = PROVIDERS[provider]
    response = requests.post(
        f"{config['base_url']}/chat/completions",
        headers={"Authorization": f"Bearer {api_key}"},
        json={"model": config["model"], "messages": [{"role": "user", "content": prompt}]},
    )
    return response.json()


def models(provider, api_key):
    config = PROVIDERS[provider]
    return requests.get(config["base_url"] + "/models", headers={"Authorization": f"Bearer {api_key}"}).json()
'''


def test_chat_completion_clients_beside_a_qonto_client_are_not_qontos(tmp_path):
    from qonto_lint import Options
    from qonto_lint.fixing import fix_source

    assert findings_of(MIXED_MODULE, "bank_sync.py") == []
    outcome = fix_source(MIXED_MODULE.encode(), "bank_sync.py", Options(), unsafe=True)
    assert not outcome.changed


def test_a_bearer_token_sent_to_the_onboarding_api_is_right():
    source = (
        "import requests\n"
        "ONBOARDING = 'https://onboarding-partners.qonto.com/api/v1'\n"
        "def register(api_key, partner_id, payload):\n"
        "    headers = {'Authorization': f'Bearer {api_key}', 'Qonto-Partner-Id': partner_id}\n"
        "    return requests.post(ONBOARDING + '/registrations', headers=headers, json=payload)\n"
    )
    assert findings_of(source, "qonto_onboarding.py") == []
    business = source.replace("onboarding-partners.qonto.com/api/v1", "thirdparty.qonto.com/v2")
    assert findings_of(business, "qonto_onboarding.py") == [(4, 33, "QNT102")]


SEEN = (
    "import requests\n"
    "def labels(api_key):\n"
    '    return requests.get("https://thirdparty.qonto.com/v2/labels", '
    'headers={"Authorization": f"Bearer {api_key}"})\n'
)
INFERRED = (
    '"""Qonto sync."""\n'
    "import requests\n"
    "def labels(url, api_key):\n"
    '    return requests.get(url, headers={"Authorization": f"Bearer {api_key}"})\n'
)


def _json_fix(tmp_path, source: str) -> tuple[int, int, str | None]:
    (tmp_path / "sync.py").write_text(source)
    proc = run_cli("--isolated", "--format", "json", "sync.py", cwd=tmp_path)
    (row,) = json.loads(proc.stdout)
    fix = row["fix"]
    return row["location"]["row"], row["location"]["column"], fix and fix["applicability"]


def test_the_fix_is_safe_where_the_request_goes_to_qonto(tmp_path):
    assert _json_fix(tmp_path, SEEN) == (3, 93, "safe")
    proc = run_cli("--isolated", "--fix", "sync.py", cwd=tmp_path)
    assert proc.returncode == 0
    assert (tmp_path / "sync.py").read_text() == SEEN.replace('f"Bearer {api_key}"', 'f"{api_key}"')


def test_the_fix_is_unsafe_where_qonto_is_only_inferred(tmp_path):
    assert _json_fix(tmp_path, INFERRED) == (4, 56, "unsafe")
    proc = run_cli("--isolated", "--fix", "sync.py", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == b"Fixed 0 findings (1 remaining).\n"
    assert (tmp_path / "sync.py").read_text() == INFERRED
    proc = run_cli("--isolated", "--fix", "--unsafe-fixes", "sync.py", cwd=tmp_path)
    assert proc.returncode == 0
    assert (tmp_path / "sync.py").read_text() == INFERRED.replace('f"Bearer {api_key}"', 'f"{api_key}"')
