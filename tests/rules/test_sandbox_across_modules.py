"""QNT301 for a sandbox URL string that no request in its module uses: the modules connected to
it through imports decide (those it imports, and those of the project that import it)."""

from __future__ import annotations

import json

from ..helpers import run_cli

CONFIG = 'QONTO_URL = "https://thirdparty-sandbox.staging.qonto.co/v2"\n'
CLIENT_WITH_TOKEN = """\
import os

import requests

from .config import QONTO_URL


def organization():
    headers = {"Authorization": os.environ["QONTO_KEY"], "X-Qonto-Staging-Token": os.environ["QONTO_STAGING"]}
    return requests.get(QONTO_URL + "/organization", headers=headers)
"""


def _project(tmp_path, files: dict[str, str]):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "app"\n')
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def _findings(root, *paths: str) -> list[tuple[str, int, int, str]]:
    proc = run_cli("--isolated", "--format", "json", *paths, cwd=root)
    assert proc.returncode in (0, 1), proc.stderr
    return sorted(
        (f["filename"].replace(str(root) + "/", ""), f["location"]["row"], f["location"]["column"], f["code"])
        for f in json.loads(proc.stdout)
    )


def test_a_config_url_whose_importer_sends_the_token_is_fine(tmp_path):
    root = _project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "app/client.py": CLIENT_WITH_TOKEN})
    assert _findings(root, ".") == []
    assert _findings(root, "app/config.py") == []  # pre-commit names the config module alone


def test_a_config_url_nobody_sends_the_token_to_is_reported(tmp_path):
    client = CLIENT_WITH_TOKEN.replace(', "X-Qonto-Staging-Token": os.environ["QONTO_STAGING"]', "")
    root = _project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "app/client.py": client})
    assert _findings(root, ".") == [("app/config.py", 1, 13, "QNT301")]
    assert _findings(root, "app/config.py") == [("app/config.py", 1, 13, "QNT301")]


def test_a_module_that_does_not_import_the_config_does_not_count(tmp_path):
    other = CLIENT_WITH_TOKEN.replace("from .config import QONTO_URL", 'QONTO_URL = "https://example.com"')
    root = _project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "app/other.py": other})
    assert _findings(root, "app/config.py") == [("app/config.py", 1, 13, "QNT301")]


def test_a_test_module_giving_the_token_to_a_fake_server_does_not_count(tmp_path):
    test = """\
import responses
from responses import matchers

from app.config import QONTO_URL


@responses.activate
def test_organization():
    matcher = matchers.header_matcher({"X-Qonto-Staging-Token": "t"})
    responses.add(responses.GET, QONTO_URL + "/organization", match=[matcher])
"""
    root = _project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "tests/test_client.py": test})
    assert _findings(root, "app/config.py") == [("app/config.py", 1, 13, "QNT301")]


def test_a_module_the_config_imports_may_send_the_token(tmp_path):
    headers = 'STAGING_HEADERS = {"X-Qonto-Staging-Token": "from-the-environment"}\n'
    config = "from .headers import STAGING_HEADERS\n" + CONFIG
    root = _project(tmp_path, {"app/__init__.py": "", "app/config.py": config, "app/headers.py": headers})
    assert _findings(root, "app/config.py") == []


def test_django_settings_are_connected_to_the_modules_that_read_them(tmp_path):
    client = CLIENT_WITH_TOKEN.replace("from .config import QONTO_URL", "from django.conf import settings").replace(
        "QONTO_URL +", "settings.QONTO_URL +"
    )
    root = _project(tmp_path, {"shop/__init__.py": "", "shop/settings.py": CONFIG, "shop/client.py": client})
    assert _findings(root, "shop/settings.py") == []


STAGING_CLIENT = """\
import os

import requests

from .config import ENVIRONMENTS

PRODUCTION = "https://thirdparty.qonto.com/v2"


def get(url, token):
    return requests.get(url, headers={"X-Qonto-Staging-Token": token, "Authorization": os.environ["QONTO_KEY"]})
"""


def test_qnt302_a_sandbox_url_in_an_imported_module_is_where_the_token_may_go(tmp_path):
    config = 'ENVIRONMENTS = {"sandbox": "https://thirdparty-sandbox.staging.qonto.co/v2"}\n'
    root = _project(tmp_path, {"app/__init__.py": "", "app/config.py": config, "app/client.py": STAGING_CLIENT})
    assert _findings(root, "app/client.py") == []


def test_qnt302_production_everywhere_the_module_is_connected_to(tmp_path):
    config = 'ENVIRONMENTS = {"production": "https://thirdparty.qonto.com/v2"}\n'
    root = _project(tmp_path, {"app/__init__.py": "", "app/config.py": config, "app/client.py": STAGING_CLIENT})
    assert _findings(root, "app/client.py") == [("app/client.py", 11, 39, "QNT302")]


def test_the_search_for_importers_never_opens_a_fifo(tmp_path):
    import os

    root = _project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG})
    os.mkfifo(root / "app" / "pipe.py")
    assert _findings(root, "app/config.py") == [("app/config.py", 1, 13, "QNT301")]
