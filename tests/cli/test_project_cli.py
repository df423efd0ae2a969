"""The command line over a multi-module project: one file named (as pre-commit passes staged
files), the whole tree, and `--fix`, which edits only the module it fixes."""

from __future__ import annotations

import json
import textwrap

import pytest

from qonto_lint.facts.project import clear_cache

from ..helpers import invoke

BEARER = (
    "'Bearer' is for OAuth access tokens; a Qonto static API key is sent as 'login:secret' with no prefix "
    "(every 401 counts toward Qonto's 200-per-hour throttle)"
)
SETTINGS = """\
import os

QONTO_API_URL = "https://thirdparty.qonto.com/v2"
QONTO_AUTH = "Bearer " + os.environ["QONTO_API_KEY"]
QONTO_API_KEY = os.environ["QONTO_API_KEY"]
"""
SERVICE = """\
import requests

from app.settings import QONTO_API_KEY, QONTO_API_URL, QONTO_AUTH


def accounts():
    return requests.get(f"{QONTO_API_URL}/bank_accounts", headers={"Authorization": QONTO_AUTH})


def organization():
    return requests.get(f"{QONTO_API_URL}/organization", headers={"Authorization": "Bearer " + QONTO_API_KEY})
"""
STRIPE = """\
import requests

from app.settings import QONTO_API_URL

STRIPE_URL = "https://api.stripe.com/v1"


def balance(key):
    return requests.get(STRIPE_URL + "/balance", headers={"Authorization": f"Bearer {key}"})
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    clear_cache()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'app'\n")
    (tmp_path / "app" / "services").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "settings.py").write_text(SETTINGS)
    (tmp_path / "app" / "services" / "qonto.py").write_text(SERVICE)
    (tmp_path / "app" / "services" / "stripe.py").write_text(STRIPE)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    clear_cache()


EXPECTED = (
    f"app/services/qonto.py:7:85: QNT102 {BEARER} (value built in app/settings.py:4)\n"
    f"app/services/qonto.py:11:84: QNT102 [*] {BEARER} (value built in app/settings.py:5)\n"
)


def test_one_file_named_reads_what_it_imports(project):
    result = invoke("--isolated", "app/services/qonto.py")
    assert (result.exit_code, result.stdout) == (1, EXPECTED)


def test_the_whole_tree(project):
    result = invoke("--isolated", ".")
    assert (result.exit_code, result.stdout) == (1, EXPECTED)


def test_json_fix_only_where_the_module_is_edited(project):
    result = invoke("--isolated", "--format", "json", "app/services/qonto.py")
    rows = json.loads(result.stdout)
    assert [(r["location"]["row"], r["code"], r["fix"] is None) for r in rows] == [
        (7, "QNT102", True),
        (11, "QNT102", False),
    ]
    assert rows[1]["fix"]["applicability"] == "safe"


def test_fix_edits_only_the_module_fixed(project):
    before = (project / "app" / "settings.py").read_bytes()
    result = invoke("--isolated", "--fix", "app/services/qonto.py")
    assert result.exit_code == 1
    assert (project / "app" / "settings.py").read_bytes() == before
    fixed = (project / "app" / "services" / "qonto.py").read_text()
    assert fixed == SERVICE.replace('"Bearer " + QONTO_API_KEY', "QONTO_API_KEY")
    assert result.stdout == f"app/services/qonto.py:7:85: QNT102 {BEARER} (value built in app/settings.py:4)\n"


def test_an_import_cycle_and_a_broken_module_on_the_command_line(project):
    (project / "app" / "a.py").write_text("from app.b import X\nfrom app.b import *\nQONTO = X\n")
    (project / "app" / "b.py").write_text("from app.a import *\nfrom app.a import QONTO as X\n")
    (project / "app" / "broken.py").write_text("def (:\n")
    (project / "app" / "uses_broken.py").write_text(
        textwrap.dedent(
            """\
            import requests
            from app.broken import QONTO_AUTH

            requests.get("https://thirdparty.qonto.com/v2/x", headers={"Authorization": QONTO_AUTH})
            """
        )
    )
    result = invoke("--isolated", "app/a.py", "app/b.py", "app/uses_broken.py")
    assert (result.exit_code, result.stdout) == (0, "")
