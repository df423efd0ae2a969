"""QNT107 http-basic-auth-helper: an HTTP client's Basic-auth helper aimed at Qonto.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..helpers import findings_of


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            (
                "import requests\n"
                "s = requests.Session()\n"
                "s.auth = (LOGIN, SECRET)\n"
                "s.get('https://thirdparty.qonto.com/v2/labels')\n"
            ),
            [(3, 10, "QNT107")],
        ),
        (
            (
                "from requests.auth import HTTPBasicAuth\n"
                "import requests\n"
                "requests.get('https://thirdparty.qonto.com/v2/labels', auth=HTTPBasicAuth(LOGIN, SECRET))\n"
            ),
            [(3, 61, "QNT107")],
        ),
        (
            (
                "import httpx as hx\n"
                "c = hx.AsyncClient(base_url='https://thirdparty.qonto.com', auth=hx.BasicAuth(LOGIN, SECRET))\n"
            ),
            [(2, 66, "QNT107")],
        ),
        (
            (
                "from aiohttp import BasicAuth, ClientSession\n"
                "s = ClientSession(auth=BasicAuth(LOGIN, SECRET))\n"
                "URL = 'https://thirdparty.qonto.com'\n"
            ),
            [(2, 24, "QNT107")],
        ),
        (
            (
                "from urllib3 import make_headers, PoolManager\n"
                "h = make_headers(basic_auth=f'{LOGIN}:{SECRET}')\n"
                "PoolManager().request('GET', 'https://thirdparty.qonto.com/v2/labels', headers=h)\n"
            ),
            [(2, 5, "QNT107")],
        ),
        (
            "from urllib3 import make_headers\nh = make_headers(user_agent='qonto-sync')\n",
            [],
        ),
        (
            (
                "import urllib.request as ur\n"
                "mgr = ur.HTTPPasswordMgrWithDefaultRealm()\n"
                "mgr.add_password(None, 'https://thirdparty.qonto.com', LOGIN, SECRET)\n"
                "opener = ur.build_opener(ur.HTTPBasicAuthHandler(mgr))\n"
            ),
            [(4, 26, "QNT107")],
        ),
    ],
)
def test_basic_auth_helpers_of_each_client(source, expected):
    assert findings_of(source, "sync.py") == expected


def test_an_auth_tuple_kept_in_the_settings_module_is_reported_where_it_is_sent(tmp_path):
    import json

    from ..helpers import run_cli

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "app"\n')
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "settings.py").write_text(
        'import os\n\nQONTO_AUTH = (os.environ["QONTO_LOGIN"], os.environ["QONTO_SECRET_KEY"])\n'
    )
    (tmp_path / "app" / "client.py").write_text(
        "import requests\n\nfrom app import settings\nfrom .settings import QONTO_AUTH\n\n\n"
        "def organization():\n"
        '    return requests.get("https://thirdparty.qonto.com/v2/organization", auth=settings.QONTO_AUTH)\n\n\n'
        "def accounts():\n"
        '    return requests.get("https://thirdparty.qonto.com/v2/bank_accounts", auth=QONTO_AUTH)\n'
    )
    proc = run_cli("--isolated", "--format", "json", "app/client.py", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = [(f["code"], f["location"]["row"], f["location"]["column"]) for f in json.loads(proc.stdout)]
    assert found == [("QNT107", 8, 78), ("QNT107", 12, 79)]
    assert proc.stderr.decode().startswith("Found 2 findings in 1 of 1 file")
