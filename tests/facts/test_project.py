"""The project view: values imported from other modules of the project, read on demand.

Each test writes a small project in tmp_path (a `pyproject.toml` marks its root), lints one
module of it as the command line would (its path relative to the current directory) and
asserts exactly what is reported there, and where the message says the value was built.
"""

from __future__ import annotations

import os
import textwrap

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.facts.project import clear_cache, package_base, project_root

from ..helpers import parsed_modules

BEARER = (
    "'Bearer' is for OAuth access tokens; a Qonto static API key is sent as 'login:secret' with no prefix "
    "(every 401 counts toward Qonto's 200-per-hour throttle)"
)


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def write(root, files: dict[str, str]) -> None:
    (root / "pyproject.toml").write_text("[project]\nname = 'app'\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))


def lint(root, monkeypatch, name: str, **options):
    monkeypatch.chdir(root)
    return lint_source((root / name).read_bytes(), name, Options(**options)).findings


def brief(findings):
    return [(f.line, f.column, f.code, f.message) for f in findings]


SETTINGS = """
import os

QONTO_API_URL = "https://thirdparty.qonto.com/v2"
QONTO_AUTH = "Bearer " + os.environ["QONTO_API_KEY"]
"""

CLIENT = """
import requests

from app.settings import QONTO_API_URL, QONTO_AUTH


def accounts():
    return requests.get(f"{QONTO_API_URL}/bank_accounts", headers={"Authorization": QONTO_AUTH})
"""


def test_a_value_built_in_the_settings_module_is_reported_at_the_header(tmp_path, monkeypatch):
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": SETTINGS, "app/services/qonto.py": CLIENT})
    findings = lint(tmp_path, monkeypatch, "app/services/qonto.py")
    assert brief(findings) == [(7, 85, "QNT102", BEARER + " (value built in app/settings.py:4)")]
    assert findings[0].path == "app/services/qonto.py"
    # the edit would be in app/settings.py: no fix is offered at the importer
    assert findings[0].fix is None


def test_the_settings_module_alone_reports_nothing_it_does_not_send(tmp_path, monkeypatch):
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": SETTINGS, "app/services/qonto.py": CLIENT})
    assert lint(tmp_path, monkeypatch, "app/settings.py") == []


def test_relative_imports_and_module_attributes(tmp_path, monkeypatch):
    client = """
    import requests

    from . import settings
    from .settings import QONTO_API_URL


    def accounts():
        return requests.get(QONTO_API_URL + "/bank_accounts", headers={"Authorization": settings.QONTO_AUTH})
    """
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": SETTINGS, "app/client.py": client})
    assert brief(lint(tmp_path, monkeypatch, "app/client.py")) == [
        (8, 85, "QNT102", BEARER + " (value built in app/settings.py:4)")
    ]


HELPERS = """
import base64


def basic(login, secret):
    return "Basic " + base64.b64encode(f"{login}:{secret}".encode()).decode()


def static_key(secret_key, login):
    return f"{login}:{secret_key}"
"""


def test_a_helper_module_that_encodes_the_key(tmp_path, monkeypatch):
    client = """
    import os

    import requests

    from app.helpers import basic

    LOGIN = os.environ["QONTO_LOGIN"]
    SECRET_KEY = os.environ["QONTO_SECRET_KEY"]


    def accounts():
        headers = {"Authorization": basic(LOGIN, SECRET_KEY)}
        return requests.get("https://thirdparty.qonto.com/v2/bank_accounts", headers=headers)
    """
    write(tmp_path, {"app/__init__.py": "", "app/helpers.py": HELPERS, "app/qonto_client.py": client})
    findings = lint(tmp_path, monkeypatch, "app/qonto_client.py")
    assert [(f.line, f.column, f.code) for f in findings] == [(12, 33, "QNT101"), (12, 33, "QNT103")]
    assert all(f.message.endswith(" (value built in app/helpers.py:5)") for f in findings)
    assert all(f.fix is None for f in findings)


def test_arguments_swapped_by_a_helper_of_another_module(tmp_path, monkeypatch):
    client = """
    import requests

    from app import helpers


    def sync(creds):
        headers = {"Authorization": helpers.static_key(creds["login"], creds["secret_key"])}
        return requests.get("https://thirdparty.qonto.com/v2/transactions", headers=headers)


    def sync_right(creds):
        headers = {"Authorization": helpers.static_key(secret_key=creds["secret_key"], login=creds["login"])}
        return requests.get("https://thirdparty.qonto.com/v2/transactions", headers=headers)
    """
    write(tmp_path, {"app/__init__.py": "", "app/helpers.py": HELPERS, "app/qonto_sync.py": client})
    findings = lint(tmp_path, monkeypatch, "app/qonto_sync.py")
    assert [(f.line, f.column, f.code) for f in findings] == [(7, 33, "QNT105")]
    assert findings[0].message.endswith(" (value built in app/helpers.py:9)")


def test_a_re_export_through_a_package_init(tmp_path, monkeypatch):
    client = """
    import requests

    from app.qonto import AUTHORIZATION


    def accounts():
        return requests.get("https://thirdparty.qonto.com/v2/bank_accounts", headers={"Authorization": AUTHORIZATION})
    """
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto/__init__.py": "from .auth import AUTHORIZATION\n",
            "app/qonto/auth.py": "import os\n\nAUTHORIZATION = f\"Bearer {os.environ['QONTO_SECRET_KEY']}\"\n",
            "app/views.py": client,
        },
    )
    assert brief(lint(tmp_path, monkeypatch, "app/views.py")) == [
        (7, 100, "QNT102", BEARER + " (value built in app/qonto/auth.py:3)")
    ]


def test_django_conf_settings_is_the_projects_settings_module(tmp_path, monkeypatch):
    view = """
    import requests
    from django.conf import settings


    def organization():
        return requests.get(settings.QONTO_API_URL + "/organization", headers={"Authorization": settings.QONTO_AUTH})
    """
    settings = """
    import os

    DEBUG = False
    QONTO_API_URL = "https://thirdparty.qonto.com/v2"
    QONTO_AUTH = "Bearer " + os.environ["QONTO_API_KEY"]
    """
    write(tmp_path, {"manage.py": "", "shop/__init__.py": "", "shop/settings.py": settings, "shop/views.py": view})
    assert brief(lint(tmp_path, monkeypatch, "shop/views.py")) == [
        (6, 93, "QNT102", BEARER + " (value built in shop/settings.py:5)")
    ]


CONFIG = """
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    qonto_base_url: str = "https://thirdparty.qonto.com"
    qonto_api_key: str = Field(default="acme-corp-4242:9f8e7d6c5b4a39281706f5e4d3c2b1a0", description="login:secret")
    qonto_auth_scheme: str = "Bearer"
    stripe_api_base: str = "https://api.stripe.com/v1"
    stripe_api_key: str = ""


@lru_cache
def get_settings() -> Settings:
    return Settings()
"""


def test_field_defaults_of_a_config_class(tmp_path, monkeypatch):
    client = """
    import httpx

    from app.config import Settings, get_settings


    class QontoClient:
        def __init__(self, settings: Settings | None = None) -> None:
            settings = settings or get_settings()
            self._http = httpx.Client(
                base_url=f"{settings.qonto_base_url}/v2",
                headers={"Authorization": f"{settings.qonto_auth_scheme} {settings.qonto_api_key}"},
            )


    class StripeClient:
        def __init__(self, settings: Settings | None = None) -> None:
            settings = settings or get_settings()
            self._http = httpx.Client(
                base_url=settings.stripe_api_base,
                headers={"Authorization": f"Bearer {settings.stripe_api_key}"},
            )
    """
    write(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "app/clients.py": client})
    assert brief(lint(tmp_path, monkeypatch, "app/clients.py")) == [
        (11, 39, "QNT102", BEARER + " (value built in app/config.py:10)")
    ]


def test_a_dict_of_constants_and_a_nested_dict(tmp_path, monkeypatch):
    constants = """
    import os

    QONTO = {"url": "https://thirdparty.qonto.com/v2", "auth": {"prefix": "Basic "}}
    KEY = os.environ["QONTO_API_KEY"]
    """
    client = """
    import requests

    from app.constants import KEY, QONTO


    def accounts():
        headers = {"Authorization": QONTO["auth"]["prefix"] + KEY}
        return requests.get(QONTO["url"] + "/bank_accounts", headers=headers)
    """
    write(tmp_path, {"app/__init__.py": "", "app/constants.py": constants, "app/client.py": client})
    findings = lint(tmp_path, monkeypatch, "app/client.py")
    assert [(f.line, f.column, f.code) for f in findings] == [(7, 33, "QNT101")]
    assert findings[0].message.endswith(" (value built in app/constants.py:3)")


def test_a_local_fix_stays_safe_when_only_a_hole_comes_from_elsewhere(tmp_path, monkeypatch):
    settings = 'import os\n\nQONTO_API_KEY = os.environ["QONTO_API_KEY"]\n'
    client = """
    import requests

    from app.settings import QONTO_API_KEY


    def accounts():
        return requests.get(
            "https://thirdparty.qonto.com/v2/bank_accounts", headers={"Authorization": "Bearer " + QONTO_API_KEY}
        )
    """
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": settings, "app/client.py": client})
    (finding,) = lint(tmp_path, monkeypatch, "app/client.py")
    assert (finding.line, finding.column, finding.code) == (8, 84, "QNT102")
    assert finding.message == BEARER + " (value built in app/settings.py:3)"
    assert finding.fix is not None and finding.fix.safe
    # the edit is in this module: the fix is kept
    assert [(e.row, e.column, e.end_row, e.end_column, e.content) for e in finding.fix.edits] == [
        (8, 84, 8, 109, "QONTO_API_KEY")
    ]


def test_a_literal_keeps_its_qnt201_in_the_module_that_writes_it(tmp_path, monkeypatch):
    settings = 'QONTO_API_KEY = "acme-corp-4242:9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n'
    client = """
    import requests

    from app.settings import QONTO_API_KEY


    def accounts():
        return requests.get("https://thirdparty.qonto.com/v2/bank_accounts", headers={"Authorization": QONTO_API_KEY})
    """
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": settings, "app/client.py": client})
    assert lint(tmp_path, monkeypatch, "app/client.py") == []
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/settings.py")] == [(1, 17, "QNT201")]


def test_star_imports_are_followed(tmp_path, monkeypatch):
    client = """
    import requests

    from app.settings import *


    def accounts():
        return requests.get(QONTO_API_URL + "/bank_accounts", headers={"Authorization": QONTO_AUTH})
    """
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/settings/__init__.py": "from .base import *\n",
            "app/settings/base.py": SETTINGS,
            "app/client.py": client,
        },
    )
    assert brief(lint(tmp_path, monkeypatch, "app/client.py")) == [
        (7, 85, "QNT102", BEARER + " (value built in app/settings/base.py:4)")
    ]


def test_import_cycles_end(tmp_path, monkeypatch):
    first = """
    import requests

    from app.second import QONTO_AUTH, SUFFIX

    PREFIX = SUFFIX + "x"


    def accounts():
        return requests.get("https://thirdparty.qonto.com/v2/x", headers={"Authorization": QONTO_AUTH + PREFIX})
    """
    second = """
    from app.first import PREFIX, QONTO_AUTH
    from app.third import *

    SUFFIX = PREFIX + "y"
    """
    third = "from app.second import *\nfrom app.third import *\n"
    write(
        tmp_path,
        {"app/__init__.py": "", "app/first.py": first, "app/second.py": second, "app/third.py": third},
    )
    assert lint(tmp_path, monkeypatch, "app/first.py") == []


def test_imports_that_resolve_nowhere_stay_holes(tmp_path, monkeypatch):
    client = """
    import requests
    from vendor_sdk.settings import QONTO_AUTH
    from . import missing


    def accounts():
        headers = {"Authorization": QONTO_AUTH, "X-Other": missing.VALUE}
        return requests.get("https://thirdparty.qonto.com/v2/bank_accounts", headers=headers)
    """
    write(tmp_path, {"app/__init__.py": "", "app/client.py": client})
    assert lint(tmp_path, monkeypatch, "app/client.py") == []


def test_an_imported_module_that_does_not_parse_is_ignored(tmp_path, monkeypatch):
    write(
        tmp_path,
        {"app/__init__.py": "", "app/settings.py": "QONTO_AUTH = (\n", "app/services/qonto.py": CLIENT},
    )
    assert lint(tmp_path, monkeypatch, "app/services/qonto.py") == []


@pytest.mark.parametrize("depth", [600, 100_000])
def test_an_imported_module_is_held_to_a_linted_module_s_budgets(tmp_path, monkeypatch, depth):
    # deeper than a linted module may nest: not read, whatever the importer needs from it (libcst
    # alone takes minutes on the long chain, which CPython refuses at once)
    settings = SETTINGS + "DEEP = " + "-" * depth + "1\n"
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": settings, "app/services/qonto.py": CLIENT})
    assert lint(tmp_path, monkeypatch, "app/services/qonto.py") == []
    # the same module within the budget is read
    write(tmp_path, {"app/settings.py": SETTINGS + "DEEP = " + "-" * 50 + "1\n"})
    clear_cache()
    assert [f.code for f in lint(tmp_path, monkeypatch, "app/services/qonto.py")] == ["QNT102"]


def test_a_module_read_is_read_again_once_its_file_changes(tmp_path, monkeypatch):
    # a long-lived process (the language server) keeps the modules it read: an unchanged file is
    # not parsed again, a changed one is, without the caches being cleared in between
    import qonto_lint.facts.project as project

    write(tmp_path, {"app/__init__.py": "", "app/settings.py": SETTINGS, "app/services/qonto.py": CLIENT})
    parsed: list[str] = []
    read = project._read_regular

    def counting(path, limit):
        parsed.append(path)
        return read(path, limit)

    monkeypatch.setattr(project, "_read_regular", counting)
    settings = str(tmp_path / "app" / "settings.py")
    assert [(f.line, f.code) for f in lint(tmp_path, monkeypatch, "app/services/qonto.py")] == [(7, "QNT102")]
    assert parsed.count(settings) == 1
    assert [(f.line, f.code) for f in lint(tmp_path, monkeypatch, "app/services/qonto.py")] == [(7, "QNT102")]
    assert parsed.count(settings) == 1
    # fixed on disk (a shorter file): read again, and the finding goes
    write(tmp_path, {"app/settings.py": SETTINGS.replace('"Bearer " + os.environ', "os.environ")})
    assert lint(tmp_path, monkeypatch, "app/services/qonto.py") == []
    assert parsed.count(settings) == 2
    # deleted: one attempt (the file was there before), then none while it stays away
    (tmp_path / "app" / "settings.py").unlink()
    assert lint(tmp_path, monkeypatch, "app/services/qonto.py") == []
    assert parsed.count(settings) == 3
    assert lint(tmp_path, monkeypatch, "app/services/qonto.py") == []
    assert parsed.count(settings) == 3


def test_stdin_and_examples_read_no_other_module(tmp_path, monkeypatch):
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": SETTINGS})
    monkeypatch.chdir(tmp_path)
    source = textwrap.dedent(CLIENT).lstrip("\n")
    assert lint_source(source, "<stdin>").findings == []
    assert lint_source(source, "app/not_written.py").findings == []


def test_the_project_root(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    assert project_root(str(tmp_path / "pkg" / "sub")) == str(tmp_path)
    # without a marker, imports start above the outermost package holding the file
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "sub" / "__init__.py").write_text("")
    clear_cache()
    assert package_base(str(tmp_path / "pkg" / "sub")) == str(tmp_path)
    assert package_base(str(tmp_path)) == str(tmp_path)


def test_a_key_read_from_a_file_in_one_branch_of_a_conditional(tmp_path, monkeypatch):
    settings = """
    import os
    from pathlib import Path

    KEY_FILE = Path("/run/secrets/qonto.key")
    QONTO_API_KEY = KEY_FILE.read_text() if KEY_FILE.exists() else os.environ.get("QONTO_API_KEY", "")
    """
    command = """
    import requests
    from django.conf import settings

    URL = "https://thirdparty.qonto.com/v2/transactions"


    def backfill():
        return requests.get(URL, headers={"Authorization": settings.QONTO_API_KEY})
    """
    write(tmp_path, {"shop/__init__.py": "", "shop/settings.py": settings, "shop/backfill.py": command})
    findings = lint(tmp_path, monkeypatch, "shop/backfill.py")
    assert [(f.line, f.column, f.code) for f in findings] == [(8, 56, "QNT106")]
    assert findings[0].message.endswith(" (value built in shop/settings.py:5)")


def test_a_dict_of_other_providers_indexed_by_a_variable_is_not_qonto(tmp_path, monkeypatch):
    module = """
    import requests
    from django.conf import settings

    from shop.qonto_client import QontoClient

    PROVIDERS = {
        "openai": {"base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini"},
        "groq": {"base_url": "https://api.groq.com/openai/v1", "model": "llama-3.1-8b-instant"},
    }


    def suggest(label):
        cfg = PROVIDERS[settings.LLM_PROVIDER]
        api_key = settings.LLM_API_KEY
        return requests.post(
            f"{cfg['base_url']}/chat/completions",
            headers={"Authorization": f"Bearer {api_key}"},
            json={"model": cfg["model"], "messages": [{"role": "user", "content": label}]},
        )
    """
    write(tmp_path, {"shop/__init__.py": "", "shop/settings.py": "LLM_API_KEY = ''\n", "shop/reconcile.py": module})
    assert lint(tmp_path, monkeypatch, "shop/reconcile.py") == []


def test_a_method_of_the_projects_own_client_class_goes_where_its_base_url_says(tmp_path, monkeypatch):
    client = """
    import requests
    from django.conf import settings


    class QontoClient:
        def __init__(self):
            self.base_url = settings.QONTO_API_URL

        def request(self, method, path, headers=None):
            return requests.request(method, f"{self.base_url}{path}", headers=headers)
    """
    stripe = """
    import requests


    class StripeClient:
        def __init__(self):
            self.base_url = "https://api.stripe.com/v1"

        def request(self, method, path, headers=None):
            return requests.request(method, f"{self.base_url}{path}", headers=headers)
    """
    tasks = """
    import base64

    from shop.clients import QontoClient
    from shop.stripe import StripeClient


    def statements(login, secret):
        token = base64.b64encode(f"{login}:{secret}".encode()).decode()
        QontoClient().request("GET", "/statements", headers={"Authorization": "Basic " + token})
        client = StripeClient()
        client.request("GET", "/balance", headers={"Authorization": "Basic " + token})
    """
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/settings.py": 'QONTO_API_URL = "https://thirdparty.qonto.com/v2"\n',
            "shop/clients.py": client,
            "shop/stripe.py": stripe,
            "shop/tasks.py": tasks,
        },
    )
    findings = lint(tmp_path, monkeypatch, "shop/tasks.py")
    assert [(f.line, f.column, f.code) for f in findings] == [(9, 75, "QNT101"), (9, 75, "QNT103")]


def test_urls_chosen_by_environment_from_a_dict(tmp_path, monkeypatch):
    settings = """
    import os

    QONTO_ENVIRONMENT = os.environ.get("QONTO_ENVIRONMENT", "sandbox")
    QONTO_OAUTH_TOKEN_URLS = {
        "production": "https://oauth.qonto.com/oauth2/token",
        "sandbox": "https://oauth-sandbox.staging.qonto.co/oauth2/token",
    }
    QONTO_OAUTH_TOKEN_URL = QONTO_OAUTH_TOKEN_URLS[QONTO_ENVIRONMENT]
    QONTO_API_URL = {"production": "https://thirdparty.qonto.com/v2", "sandbox": "https://x.qonto.co/v2"}[
        QONTO_ENVIRONMENT
    ]
    """
    auth = """
    import requests
    from django.conf import settings


    def refresh(token):
        data = {"grant_type": "refresh_token", "refresh_token": token}
        return requests.post(settings.QONTO_OAUTH_TOKEN_URL, auth=(settings.APP_ID, settings.APP_SECRET), data=data)


    def accounts():
        return requests.get(settings.QONTO_API_URL + "/bank_accounts", auth=(settings.LOGIN, settings.SECRET_KEY))
    """
    write(tmp_path, {"shop/__init__.py": "", "shop/settings.py": settings, "shop/auth.py": auth})
    # Basic client authentication to the token endpoint (production or sandbox) is not QNT107
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "shop/auth.py")] == [(11, 73, "QNT107")]


# a module's headers dict that only the modules importing it send


HEADERS_MODULE = """
import os

QONTO_API = "https://thirdparty.qonto.com/v2"
PARTNER_HEADERS = {"Authorization": "Basic " + os.environ["PARTNER_LOGIN"] + ":" + os.environ["PARTNER_SECRET"]}
"""

SENDER = """
import requests

from app.defaults import PARTNER_HEADERS


def push(payout):
    return requests.post("{url}", json=payout, headers=PARTNER_HEADERS)
"""


def _fixes(findings):
    return [(f.line, f.column, f.code, f.fix.safe if f.fix else None) for f in findings]


def test_a_headers_dict_sent_by_its_importers_to_another_service_is_not_qonto_s(tmp_path, monkeypatch):
    # the module names Qonto, but the dict only ever goes to the partner's API
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/defaults.py": HEADERS_MODULE,
            "app/partner.py": SENDER.replace("{url}", "https://api.partner-erp.com/v1/payouts"),
        },
    )
    assert lint(tmp_path, monkeypatch, "app/defaults.py") == []


def test_a_headers_dict_sent_by_its_importers_to_qonto_is_reported_where_it_is_built(tmp_path, monkeypatch):
    # Qonto is seen at the request that sends it: the fix (in the dict's own module) is safe
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/defaults.py": HEADERS_MODULE,
            "app/monthly.py": SENDER.replace("{url}", "https://thirdparty.qonto.com/v2/transfers"),
        },
    )
    assert _fixes(lint(tmp_path, monkeypatch, "app/defaults.py")) == [(4, 37, "QNT101", True)]
    assert lint(tmp_path, monkeypatch, "app/monthly.py") == []


def test_a_headers_dict_with_a_use_that_cannot_be_followed_keeps_the_module_s_context(tmp_path, monkeypatch):
    # one importer also hands the dict to code the analysis cannot follow: the importers do not
    # decide, the module's own evidence does (Qonto, inferred only: the fix is unsafe)
    sender = SENDER.replace("{url}", "https://api.partner-erp.com/v1/payouts") + (
        "\n\ndef audit(log):\n    log.info(PARTNER_HEADERS)\n"
    )
    write(tmp_path, {"app/__init__.py": "", "app/defaults.py": HEADERS_MODULE, "app/partner.py": sender})
    assert _fixes(lint(tmp_path, monkeypatch, "app/defaults.py")) == [(4, 37, "QNT101", False)]


def test_a_test_module_that_imports_the_headers_dict_does_not_decide(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/defaults.py": HEADERS_MODULE,
            "tests/test_partner.py": SENDER.replace("{url}", "https://api.partner-erp.com/v1/payouts"),
        },
    )
    assert _fixes(lint(tmp_path, monkeypatch, "app/defaults.py")) == [(4, 37, "QNT101", False)]


def test_a_local_name_spelled_like_the_headers_dict_is_not_a_use_of_it(tmp_path, monkeypatch):
    sender = SENDER.replace("{url}", "https://api.partner-erp.com/v1/payouts") + (
        "\n\ndef other():\n    PARTNER_HEADERS = {}\n    print(PARTNER_HEADERS)\n"
    )
    write(tmp_path, {"app/__init__.py": "", "app/defaults.py": HEADERS_MODULE, "app/partner.py": sender})
    assert lint(tmp_path, monkeypatch, "app/defaults.py") == []


# a helper module's function that returns headers, called from the project's other modules

HEADER_HELPERS = """
\"\"\"HTTP helpers shared by the Qonto and Stripe integrations.\"\"\"


def bearer_headers(api_key):
    return {"Authorization": f"Bearer {api_key}"}
"""

CALLER = """
import os

import requests

from app.http import bearer_headers


def refunds():
    return requests.get("{url}", headers=bearer_headers(os.environ["API_KEY"]))
"""


def test_a_helper_called_by_other_modules_goes_where_they_send_its_headers(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/http.py": HEADER_HELPERS,
            "app/stripe_sync.py": CALLER.replace("{url}", "https://api.stripe.com/v1/refunds"),
        },
    )
    assert lint(tmp_path, monkeypatch, "app/http.py") == []


def test_a_helper_called_by_other_modules_toward_qonto_is_reported(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/http.py": HEADER_HELPERS,
            "app/bank.py": CALLER.replace("{url}", "https://thirdparty.qonto.com/v2/organization"),
        },
    )
    assert _fixes(lint(tmp_path, monkeypatch, "app/http.py")) == [(5, 30, "QNT102", True)]


def test_a_helper_passed_on_rather_than_called_keeps_the_module_s_context(tmp_path, monkeypatch):
    caller = CALLER.replace("{url}", "https://api.stripe.com/v1/refunds") + "\n\nFACTORIES = [bearer_headers]\n"
    write(tmp_path, {"app/__init__.py": "", "app/http.py": HEADER_HELPERS, "app/stripe_sync.py": caller})
    assert _fixes(lint(tmp_path, monkeypatch, "app/http.py")) == [(5, 30, "QNT102", False)]


def test_a_sandbox_constant_of_a_conftest_used_only_by_fake_servers_is_not_reported(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "tests/__init__.py": "",
            "tests/conftest.py": 'QONTO_SANDBOX_API = "https://thirdparty-sandbox.staging.qonto.co/v2"\n',
            "tests/test_organization.py": (
                "import responses\n\nfrom .conftest import QONTO_SANDBOX_API\n\n\n"
                "@responses.activate\ndef test_organization():\n"
                '    responses.get(f"{QONTO_SANDBOX_API}/organization", json={})\n'
            ),
        },
    )
    assert lint(tmp_path, monkeypatch, "tests/conftest.py") == []


def test_a_sandbox_constant_of_an_application_module_is_still_decided_by_its_connections(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/urls.py": 'QONTO_SANDBOX_API = "https://thirdparty-sandbox.staging.qonto.co/v2"\n',
        },
    )
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/urls.py")] == [(1, 21, "QNT301")]


def test_the_staging_token_set_by_a_session_factory_beside_the_settings(tmp_path, monkeypatch):
    # the client imports the settings (the sandbox URL) and the factory (which sets the token)
    files = {
        "app/__init__.py": "",
        "app/settings.py": 'QONTO_API_URL = "https://thirdparty-sandbox.staging.qonto.co/v2"\n',
        "app/http.py": (
            "import os\n\nimport requests\n\n\ndef qonto_session():\n    session = requests.Session()\n"
            "    session.headers.update({\n"
            '        "Authorization": os.environ["QONTO_API_KEY"],\n'
            '        "X-Qonto-Staging-Token": os.environ["QONTO_STAGING_TOKEN"],\n'
            "    })\n    return session\n"
        ),
        "app/client.py": (
            "from app.http import qonto_session\nfrom app.settings import QONTO_API_URL\n\n\n"
            'def organization():\n    return qonto_session().get(f"{QONTO_API_URL}/organization").json()\n'
        ),
    }
    write(tmp_path, files)
    assert lint(tmp_path, monkeypatch, "app/settings.py") == []
    # without the factory's token, the settings' sandbox URL is reported
    files["app/http.py"] = files["app/http.py"].replace(
        '        "X-Qonto-Staging-Token": os.environ["QONTO_STAGING_TOKEN"],\n', ""
    )
    clear_cache()
    write(tmp_path, files)
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/settings.py")] == [(1, 17, "QNT301")]


HARDCODED = (
    "hardcoded Qonto credential 'acme-corp-4821:9f2c…' (Authorization): anyone with the source can call Qonto as you; "
    "load it from the environment or a secret store, and rotate it"
)


def test_a_constant_another_module_writes_into_a_qonto_header_is_reported_where_it_is_written(tmp_path, monkeypatch):
    # the name says nothing of a credential: only the client's header shows what it is
    settings = """
    QONTO_URL = "https://thirdparty.qonto.com/v2"
    QONTO_AUTH = "acme-corp-4821:9f2c71b0d4e84a6f8c3d5e7a1b2c4d6e"
    """
    client = """
    import requests

    from app import settings


    def organization():
        return requests.get(f"{settings.QONTO_URL}/organization", headers={"Authorization": settings.QONTO_AUTH})
    """
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": settings, "app/client.py": client})
    assert brief(lint(tmp_path, monkeypatch, "app/settings.py")) == [(2, 14, "QNT201", HARDCODED)]
    assert lint(tmp_path, monkeypatch, "app/client.py") == []


def test_a_settings_class_field_written_into_a_qonto_header_by_an_importer(tmp_path, monkeypatch):
    config = """
    from pydantic_settings import BaseSettings


    class Settings(BaseSettings):
        qonto_base_url: str = "https://thirdparty.qonto.com/v2"
        bank_auth: str = "acme-corp-4821:9f2c71b0d4e84a6f8c3d5e7a1b2c4d6e"
        stripe_auth: str = "acme-corp-4821:1f2c71b0d4e84a6f8c3d5e7a1b2c4d6e"


    settings = Settings()
    """
    client = """
    import requests

    from app.config import settings


    def organization():
        return requests.get(f"{settings.qonto_base_url}/organization", headers={"Authorization": settings.bank_auth})


    def charges():
        return requests.get("https://api.stripe.com/v1/charges", headers={"Authorization": settings.stripe_auth})
    """
    # a test module hands the other one to a fake server: it does not decide
    test = """
    import requests

    from app.config import settings


    def test_organization():
        requests.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": settings.stripe_auth})
    """
    write(
        tmp_path,
        {"app/__init__.py": "", "app/config.py": config, "app/client.py": client, "tests/test_client.py": test},
    )
    assert brief(lint(tmp_path, monkeypatch, "app/config.py")) == [(6, 22, "QNT201", HARDCODED)]


def test_a_constant_imported_by_name_and_sent_to_another_service_is_not_reported(tmp_path, monkeypatch):
    settings = """
    QONTO_URL = "https://thirdparty.qonto.com/v2"
    PARTNER_AUTH = "acme-corp-4821:9f2c71b0d4e84a6f8c3d5e7a1b2c4d6e"
    """
    client = """
    import requests

    from app.settings import PARTNER_AUTH


    def invoices():
        return requests.get("https://api.partner.example/invoices", headers={"Authorization": PARTNER_AUTH})
    """
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": settings, "app/client.py": client})
    assert lint(tmp_path, monkeypatch, "app/settings.py") == []
    # sent to Qonto instead: reported where it is written
    write(tmp_path, {"app/client.py": client.replace("https://api.partner.example", "https://thirdparty.qonto.com/v2")})
    clear_cache()
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/settings.py")] == [(2, 16, "QNT201")]


# headers handed out by one module and sent elsewhere by another (QNT202)

SESSION_FACTORY = """
import os

import requests

QONTO_API = "https://thirdparty.qonto.com/v2"


def qonto_session():
    session = requests.Session()
    session.headers["Authorization"] = f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"
    return session
"""

RECEIPTS = """
from app.qonto_http import QONTO_API, qonto_session


def download(attachment_id):
    session = qonto_session()
    attachment = session.get(f"{QONTO_API}/attachments/{attachment_id}").json()["attachment"]
    return session.get({url}).content
"""

FOREIGN = (
    "Qonto credentials are sent to {where}, which is not Qonto: the key leaks to a third party (and pre-signed "
    "storage URLs reject a second authentication); send this request without the Qonto Authorization header "
    "(the request is in {path})"
)


def test_a_session_factory_whose_session_an_importer_sends_to_an_attachment_url(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto_http.py": SESSION_FACTORY,
            "app/receipts.py": RECEIPTS.replace("{url}", 'attachment["url"]'),
        },
    )
    where = 'a URL taken from an API response (attachment["url"])'
    assert brief(lint(tmp_path, monkeypatch, "app/qonto_http.py")) == [
        (10, 40, "QNT202", FOREIGN.format(where=where, path="app/receipts.py"))
    ]
    assert lint(tmp_path, monkeypatch, "app/receipts.py") == []


def test_a_session_factory_whose_session_goes_to_qonto_only_is_not_reported(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto_http.py": SESSION_FACTORY,
            "app/receipts.py": RECEIPTS.replace("{url}", 'f"{QONTO_API}/attachments"'),
        },
    )
    assert lint(tmp_path, monkeypatch, "app/qonto_http.py") == []


def test_a_session_handed_on_by_an_importer_does_not_decide(tmp_path, monkeypatch):
    # the session goes to code the analysis cannot follow: nothing is claimed about its requests
    receipts = RECEIPTS.replace("{url}", 'attachment["url"]') + (
        "\n\ndef share(worker):\n    worker.run(qonto_session)\n"
    )
    write(tmp_path, {"app/__init__.py": "", "app/qonto_http.py": SESSION_FACTORY, "app/receipts.py": receipts})
    assert lint(tmp_path, monkeypatch, "app/qonto_http.py") == []


def test_a_headers_helper_an_importer_sends_to_another_host(tmp_path, monkeypatch):
    helpers = """
    import os


    def auth_headers():
        return {"Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"}
    """
    upload = """
    import requests

    from app.auth import auth_headers


    def upload(data):
        return requests.put("https://receipts.s3.eu-west-3.amazonaws.com/upload", data=data, headers=auth_headers())
    """
    write(tmp_path, {"app/__init__.py": "", "app/auth.py": helpers, "app/upload.py": upload})
    where = "receipts.s3.eu-west-3.amazonaws.com"
    assert brief(lint(tmp_path, monkeypatch, "app/auth.py")) == [
        (5, 30, "QNT202", FOREIGN.format(where=where, path="app/upload.py"))
    ]
    assert lint(tmp_path, monkeypatch, "app/upload.py") == []
    # named after Qonto's headers, the reused object is reported where it is sent, once
    write(
        tmp_path,
        {
            "app/auth.py": helpers.replace("auth_headers", "qonto_headers"),
            "app/upload.py": upload.replace("auth_headers", "qonto_headers"),
        },
    )
    clear_cache()
    assert lint(tmp_path, monkeypatch, "app/auth.py") == []
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/upload.py")] == [(7, 98, "QNT202")]


CLIENT_CLASS = """
import requests

QONTO_API = "https://thirdparty.qonto.com/v2"


class QontoClient:
    def __init__(self, login, secret_key):
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"{login}:{secret_key}"
        self.headers = {"Accept": "application/json"}

    def attachment(self, attachment_id):
        return self.session.get(f"{QONTO_API}/attachments/{attachment_id}").json()["attachment"]
"""

ARCHIVE = """
from app.qonto_client import QontoClient


def archive(client: QontoClient, attachment_id):
    attachment = client.attachment(attachment_id)
    return client.session.get({url}).content
"""


@pytest.mark.parametrize(
    "archive",
    [
        ARCHIVE,
        # the instance made here, and the class reached through its module
        ARCHIVE.replace("client: QontoClient, ", "").replace(
            "    attachment = ", '    client = QontoClient("acme-1234", SECRET)\n    attachment = '
        ),
        ARCHIVE.replace("from app.qonto_client import QontoClient", "from app import qonto_client")
        .replace("client: QontoClient", 'client: "qonto_client.QontoClient"')
        .replace('client: "qonto_client.QontoClient"', "client: qonto_client.QontoClient"),
    ],
)
def test_a_client_s_session_an_importer_sends_to_an_attachment_url(tmp_path, monkeypatch, archive):
    # the session is an attribute of the client's instances: `client.session` is `self.session`
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto_client.py": CLIENT_CLASS,
            "app/archive.py": archive.replace("{url}", 'attachment["url"]'),
        },
    )
    where = 'a URL taken from an API response (attachment["url"])'
    assert brief(lint(tmp_path, monkeypatch, "app/qonto_client.py")) == [
        (9, 49, "QNT202", FOREIGN.format(where=where, path="app/archive.py"))
    ]
    assert lint(tmp_path, monkeypatch, "app/archive.py") == []


def test_a_client_s_session_sent_to_qonto_or_another_object_s_session_is_not_reported(tmp_path, monkeypatch):
    # to Qonto only: nothing; a `session` attribute of an object of another class: not this one
    archive = ARCHIVE.replace("{url}", 'f"{client.base}/attachments"')
    other = ARCHIVE.replace("{url}", 'attachment["url"]').replace("client: QontoClient", "client: Uploader")
    other = other.replace("from app.qonto_client import QontoClient", "from app.uploader import Uploader")
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto_client.py": CLIENT_CLASS.replace('QONTO_API = "', 'QONTO_API = BASE = "'),
            "app/archive.py": archive.replace("client.base", "QONTO_API").replace(
                "import QontoClient", "import QONTO_API, QontoClient"
            ),
            "app/uploader.py": "class Uploader:\n    pass\n",
            "app/other.py": other,
        },
    )
    assert lint(tmp_path, monkeypatch, "app/qonto_client.py") == []


def test_a_client_s_headers_dict_an_importer_sends_to_another_host(tmp_path, monkeypatch):
    client = CLIENT_CLASS.replace(
        '        self.session.headers["Authorization"] = f"{login}:{secret_key}"\n', ""
    ).replace('{"Accept": "application/json"}', '{"Authorization": f"{login}:{secret_key}"}')
    client = client.replace(
        'self.session.get(f"{QONTO_API}/attachments/{attachment_id}")',
        'self.session.get(f"{QONTO_API}/attachments/{attachment_id}", headers=self.headers)',
    )
    upload = """
    import requests

    from app.qonto_client import QontoClient


    def upload(client: QontoClient, data):
        return requests.put("https://files.example-cdn.net/upload", data=data, headers=client.headers)
    """
    write(tmp_path, {"app/__init__.py": "", "app/qonto_client.py": client, "app/upload.py": upload})
    assert brief(lint(tmp_path, monkeypatch, "app/qonto_client.py")) == [
        (9, 42, "QNT202", FOREIGN.format(where="files.example-cdn.net", path="app/upload.py"))
    ]


def test_a_client_s_session_sent_elsewhere_in_its_own_module():
    # one module: a function given the client (annotated), or making it, sends its session away
    source = textwrap.dedent(CLIENT_CLASS).lstrip("\n") + textwrap.dedent("""

        def archive(client: QontoClient, attachment_id):
            attachment = client.attachment(attachment_id)
            return client.session.get(attachment["url"]).content
        """)
    assert [(f.line, f.column, f.code) for f in lint_source(source, "<stdin>").findings] == [(9, 49, "QNT202")]
    made = source.replace("def archive(client: QontoClient, attachment_id):", "def archive(attachment_id):")
    made = made.replace(
        "    attachment = client.attachment",
        '    client = QontoClient("acme-1234", KEY)\n    attachment = client.attachment',
    )
    assert [(f.line, f.column, f.code) for f in lint_source(made, "<stdin>").findings] == [(9, 49, "QNT202")]
    # another class's instance with a `session` of its own: not this one
    other = source.replace("client: QontoClient", "client: Uploader") + "\n\nclass Uploader:\n    session = None\n"
    assert lint_source(other, "<stdin>").findings == []


GENERIC_CLIENT = """
import requests

QONTO_API = "https://thirdparty.qonto.com/v2"
STRIPE_API = "https://api.stripe.com/v1"


class ApiClient:
    def __init__(self, base_url, token):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.headers = {"Authorization": f"Bearer {token}"}


def sync(qonto: ApiClient, stripe: ApiClient):
    qonto.session.get(QONTO_API + "/transactions")
    stripe.session.get(STRIPE_API + "/charges")
    requests.get(QONTO_API + "/transactions", headers=qonto.headers)
    return requests.get(STRIPE_API + "/charges", headers=stripe.headers)
"""


def test_a_generic_client_made_for_qonto_and_for_another_service_is_not_one_object(tmp_path, monkeypatch):
    # only a class made for Qonto (its name says so) has all its instances carry Qonto's header
    source = textwrap.dedent(GENERIC_CLIENT).lstrip("\n")
    assert lint_source(source, "<stdin>").findings == []
    made = source.replace("def sync(qonto: ApiClient, stripe: ApiClient):", "def sync():").replace(
        "    qonto.session.get(",
        '    qonto, stripe = ApiClient(QONTO_API, "a"), ApiClient(STRIPE_API, "b")\n    qonto.session.get(',
    )
    assert lint_source(made, "<stdin>").findings == []
    # across modules: the generic class imported and used for both
    sync = (
        "from app.api import QONTO_API, STRIPE_API, ApiClient\nimport requests\n\n\n"
        + source[source.index("def sync") :]
    )
    write(
        tmp_path,
        {"app/__init__.py": "", "app/api.py": GENERIC_CLIENT[: GENERIC_CLIENT.index("def sync")], "app/sync.py": sync},
    )
    assert lint(tmp_path, monkeypatch, "app/api.py") == []


def test_a_parameter_rebound_to_another_object_is_not_the_client(tmp_path, monkeypatch):
    archive = ARCHIVE.replace("{url}", 'attachment["url"]').replace(
        "    return client.session", "    client = Storage()\n    return client.session"
    )
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto_client.py": CLIENT_CLASS,
            "app/archive.py": "from app.storage import Storage\n" + archive,
        },
    )
    assert lint(tmp_path, monkeypatch, "app/qonto_client.py") == []


def test_a_module_that_sets_no_staging_token_does_not_read_the_project_for_qnt302(tmp_path, monkeypatch):
    # whether a connected module chooses a sandbox URL is asked only of a module that sets the
    # staging header (every module of a large project once read every file of it)
    import qonto_lint.facts.project as project

    module = (
        'import requests\n\nQONTO_URL = "https://thirdparty.qonto.com/v2"\n\n\n'
        "def ping():\n    return requests.get(QONTO_URL)\n"
    )
    write(tmp_path, {"app/__init__.py": "", "app/ping.py": module, "app/other.py": module})
    scans = []
    monkeypatch.setattr(project, "_files_holding", lambda root, needles: scans.append(needles) or ())
    assert lint(tmp_path, monkeypatch, "app/ping.py") == []
    assert scans == []
    # with the header on a request whose URL is unknown, the module's hosts decide, and the question
    # is asked (nothing connected chooses the sandbox)
    staging = module + '\n\ndef get(url):\n    return requests.get(url, headers={"X-Qonto-Staging-Token": T})\n'
    write(tmp_path, {"app/ping.py": staging})
    assert [f.code for f in lint(tmp_path, monkeypatch, "app/ping.py")] == ["QNT302"]
    assert scans


def test_a_qonto_named_headers_dict_sent_elsewhere_by_an_importer_is_reported_once(tmp_path, monkeypatch):
    # the importer's `headers=QONTO_HEADERS` names Qonto's headers: reported there, at the reused
    # object, and not a second time at the dict
    headers = 'import os\n\nQONTO_HEADERS = {"Authorization": os.environ["QONTO_API_KEY"]}\n'
    upload = """
    import requests

    from app.qonto_headers import QONTO_HEADERS


    def upload(data):
        return requests.put("https://receipts.s3.eu-west-3.amazonaws.com/u", data=data, headers=QONTO_HEADERS)
    """
    write(tmp_path, {"app/__init__.py": "", "app/qonto_headers.py": headers, "app/upload.py": upload})
    assert lint(tmp_path, monkeypatch, "app/qonto_headers.py") == []
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/upload.py")] == [(7, 93, "QNT202")]


def test_basic_auth_set_by_a_session_factory_goes_where_its_importers_send_the_session(tmp_path, monkeypatch):
    # the module names Qonto, but the ERP's sessions only ever go to the ERP
    sessions = """
    import os

    import requests

    QONTO_API = "https://thirdparty.qonto.com/v2"


    def erp_session():
        s = requests.Session()
        s.auth = (os.environ["ERP_USER"], os.environ["ERP_PASSWORD"])
        return s


    def erp_helper_session():
        s = requests.Session()
        s.auth = requests.auth.HTTPBasicAuth(os.environ["ERP_USER"], os.environ["ERP_PASSWORD"])
        return s


    def qonto_basic_session():
        s = requests.Session()
        s.auth = (os.environ["QONTO_LOGIN"], os.environ["QONTO_SECRET_KEY"])
        return s
    """
    erp = """
    from app.sessions import QONTO_API, erp_helper_session, erp_session, qonto_basic_session


    def post(entry):
        return erp_session().post("https://erp.northwind.example/api/entries", json=entry)


    def post_again(entry):
        return erp_helper_session().post("https://erp.northwind.example/api/entries", json=entry)


    def organization():
        return qonto_basic_session().get(f"{QONTO_API}/organization")
    """
    write(tmp_path, {"app/__init__.py": "", "app/sessions.py": sessions, "app/erp.py": erp})
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/sessions.py")] == [(22, 14, "QNT107")]


SESSION_FACTORY_FORMS = """
import os

import requests

QONTO_API = "https://thirdparty.qonto.com/v2"
KEY = f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"


def qonto_session():
    session = requests.Session()
    STATEMENT
    return session
"""


@pytest.mark.parametrize(
    ("statement", "column"),
    [
        ('session.headers.update({"Authorization": KEY})', 46),
        ("session.headers.update(Authorization=KEY)", 42),
        ('session.headers = {"Authorization": KEY}', 41),
    ],
)
def test_a_session_factory_setting_its_headers_in_another_form(tmp_path, monkeypatch, statement, column):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto_http.py": SESSION_FACTORY_FORMS.replace("STATEMENT", statement),
            "app/receipts.py": RECEIPTS.replace("{url}", 'attachment["url"]'),
        },
    )
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/qonto_http.py")] == [
        (11, column, "QNT202")
    ]


def test_a_session_factory_used_for_qonto_in_its_own_module_and_elsewhere_by_an_importer(tmp_path, monkeypatch):
    # the factory's own request goes to Qonto; the importer's download does not
    factory = SESSION_FACTORY + (
        '\n\ndef organization():\n    return qonto_session().get(f"{QONTO_API}/organization").json()\n'
    )
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto_http.py": factory,
            "app/receipts.py": RECEIPTS.replace("{url}", 'attachment["url"]'),
        },
    )
    where = 'a URL taken from an API response (attachment["url"])'
    assert brief(lint(tmp_path, monkeypatch, "app/qonto_http.py")) == [
        (10, 40, "QNT202", FOREIGN.format(where=where, path="app/receipts.py"))
    ]
    # an importer that only calls Qonto: nothing
    write(tmp_path, {"app/receipts.py": RECEIPTS.replace("{url}", 'f"{QONTO_API}/attachments"')})
    clear_cache()
    assert lint(tmp_path, monkeypatch, "app/qonto_http.py") == []


def test_a_factory_in_a_module_of_the_same_name(tmp_path, monkeypatch):
    # `from qonto_session import qonto_session`: the import names the module too, which is no use
    receipts = RECEIPTS.replace("from app.qonto_http import", "from app.qonto_session import")
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/qonto_session.py": SESSION_FACTORY,
            "app/receipts.py": receipts.replace("{url}", 'attachment["url"]'),
        },
    )
    where = 'a URL taken from an API response (attachment["url"])'
    assert brief(lint(tmp_path, monkeypatch, "app/qonto_session.py")) == [
        (10, 40, "QNT202", FOREIGN.format(where=where, path="app/receipts.py"))
    ]
    # a flat layout: the module at the root, imported by its own name alone
    write(
        tmp_path,
        {
            "qonto_session.py": SESSION_FACTORY,
            "receipts.py": RECEIPTS.replace("from app.qonto_http import", "from qonto_session import").replace(
                "{url}", 'attachment["url"]'
            ),
        },
    )
    clear_cache()
    assert brief(lint(tmp_path, monkeypatch, "qonto_session.py")) == [
        (10, 40, "QNT202", FOREIGN.format(where=where, path="receipts.py"))
    ]


HANDED_OUT = """
import os

HEADERS = {"Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"}
QONTO_API = "https://thirdparty.qonto.com/v2"


def make_headers():
    return {"Authorization": f"{os.environ['QONTO_LOGIN']}:{os.environ['QONTO_SECRET_KEY']}"}
"""


@pytest.mark.parametrize(
    ("imports", "sent", "line", "column"),
    [
        ("from app.hdrs import HEADERS as H", "H", 3, 29),
        ("from app import hdrs", "hdrs.HEADERS", 3, 29),
        ("import app.hdrs as hdrs", "hdrs.HEADERS", 3, 29),
        ("from app import hdrs", "hdrs.make_headers()", 8, 30),
        ("from app.hdrs import make_headers as headers_for", "headers_for()", 8, 30),
    ],
)
def test_headers_imported_under_another_name_or_through_their_module(
    tmp_path, monkeypatch, imports, sent, line, column
):
    upload = f"""
import requests

{imports}


def upload(data):
    return requests.put("https://receipts.s3.eu-west-3.amazonaws.com/x", data=data, headers={sent})
"""
    write(tmp_path, {"app/__init__.py": "", "app/hdrs.py": HANDED_OUT, "app/upload.py": upload})
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/hdrs.py")] == [
        (line, column, "QNT202")
    ]


def test_another_attribute_of_the_module_is_no_use_of_the_headers(tmp_path, monkeypatch):
    # `hdrs.QONTO_API` is used, `hdrs.HEADERS` goes to Qonto: nothing is sent elsewhere
    upload = """
import requests

from app import hdrs


def organization():
    return requests.get(f"{hdrs.QONTO_API}/organization", headers=hdrs.HEADERS)
"""
    write(tmp_path, {"app/__init__.py": "", "app/hdrs.py": HANDED_OUT, "app/upload.py": upload})
    assert lint(tmp_path, monkeypatch, "app/hdrs.py") == []


def test_a_module_holding_the_name_but_importing_nothing_of_the_project_is_not_parsed(tmp_path, monkeypatch):
    # a copy of the settings module (the same names) whose imports are all outside the project
    # cannot import the linted module: its text is not evidence enough to parse it
    settings = """
    import os

    QONTO_URL = "https://thirdparty.qonto.com/v2"
    QONTO_AUTH = "acme-corp-4821:9f2c71b0d4e84a6f8c3d5e7a1b2c4d6e"
    """
    client = """
    import requests

    from app import settings


    def organization():
        return requests.get(f"{settings.QONTO_URL}/organization", headers={"Authorization": settings.QONTO_AUTH})
    """
    write(
        tmp_path,
        {"app/__init__.py": "", "app/settings.py": settings, "app/settings_copy.py": settings, "app/client.py": client},
    )
    parsed = parsed_modules(monkeypatch)
    assert brief(lint(tmp_path, monkeypatch, "app/settings.py")) == [(4, 14, "QNT201", HARDCODED)]
    assert parsed == [os.path.join("app", "client.py")]


def test_an_importer_through_a_re_export_is_still_found(tmp_path, monkeypatch):
    # views.py names neither `headers` nor the module that builds it: it imports the dict from the
    # package, which re-exports it; its imports lie in the project, so it is parsed and followed
    headers = """
    import os

    QONTO_HEADERS = {"Authorization": "Bearer " + os.environ["QONTO_API_KEY"]}
    """
    init = "from app.hdrs import QONTO_HEADERS\n"
    views = """
    import requests

    from app import QONTO_HEADERS


    def organization():
        return requests.get("https://thirdparty.qonto.com/v2/organization", headers=QONTO_HEADERS)
    """
    unrelated = """
    import requests

    QONTO_HEADERS = {"Accept": "application/json"}
    requests.get("https://thirdparty.qonto.com/v2/organization", headers=QONTO_HEADERS)
    """
    write(
        tmp_path,
        {"app/__init__.py": init, "app/hdrs.py": headers, "app/views.py": views, "app/unrelated.py": unrelated},
    )
    parsed = parsed_modules(monkeypatch)
    assert [(f.line, f.column, f.code) for f in lint(tmp_path, monkeypatch, "app/hdrs.py")] == [(3, 35, "QNT102")]
    assert os.path.join("app", "views.py") in parsed
    assert os.path.join("app", "unrelated.py") not in parsed


def test_a_module_read_under_other_hosts_is_read_again(tmp_path, monkeypatch):
    # one process, two configurations (a monorepo's two pyproject.toml): a module read with one
    # configuration's extra hosts is not reused under another's
    settings = 'URL = "https://bank.internal.example/v2"\nAUTH = "Bearer " + KEY\n'
    client = """
    import requests

    from app.settings import AUTH, URL


    def qonto_organization():
        return requests.get(f"{URL}/organization", headers={"Authorization": AUTH})
    """
    write(tmp_path, {"app/__init__.py": "", "app/settings.py": settings, "app/client.py": client})
    from qonto_lint.facts.hosts import HostTable

    parsed = parsed_modules(monkeypatch)
    extra = HostTable(extra_production=frozenset({"bank.internal.example"}))
    assert [f.code for f in lint(tmp_path, monkeypatch, "app/client.py", hosts=extra)] == ["QNT102"]
    assert lint(tmp_path, monkeypatch, "app/client.py") == []
    assert [f.code for f in lint(tmp_path, monkeypatch, "app/client.py", hosts=extra)] == ["QNT102"]
    assert parsed == [os.path.join("app", "settings.py")] * 3
    # under the same hosts, an unchanged module is not parsed again
    assert [f.code for f in lint(tmp_path, monkeypatch, "app/client.py", hosts=extra)] == ["QNT102"]
    assert len(parsed) == 3


@pytest.mark.parametrize(
    ("source", "heads"),
    [
        ("import os\n", {"os"}),
        ("import os.path as p, json\n", {"os", "json"}),
        ("from app.settings import KEY\n", {"app"}),
        ("from . import settings\n", {"."}),
        ("from.settings import KEY\n", {"."}),
        ("from ..core import KEY\n", {"."}),
        ("import\\\n    app\n", {"app"}),
        ("from \\\r\n app import KEY\n", {"app"}),
        ("import\tos; import app\n", {"os", "app"}),
        ("import os,\\\n    app\n", {"os", "app"}),
        ("def f():\n    if x:\n        import app.core\n", {"app"}),
        ("x = 1  # no import here\n", set()),
    ],
)
def test_the_first_names_an_import_may_name_are_read_from_the_text(tmp_path, source, heads):
    from qonto_lint.facts.project import _import_heads

    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    # a superset: words after `import` in the same statement (`as p`) count too
    found = _import_heads(str(path))
    assert found is not None and heads <= found
    assert found - heads <= {"path", "as", "p", "core", "settings", "KEY", "here"}


@pytest.mark.parametrize(
    "source",
    [
        b"# -*- coding: latin-1 -*-\nimport app\nNAME = '\xe9'\n",  # not UTF-8
        # bytes that are UTF-8 too, under a cookie that says they are not
        b"#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\nimport app\n",
        b"# coding: utf-7\nfrom +AGEAcABw-.defaults import KEY\n",
        "from पैकेज.defaults import KEY\n".encode(),  # combining marks: `\\w` would cut the name
        "import ａｐｐ\n".encode(),  # libcst reads the name as written, Python in NFKC form
        "from µsvc import KEY\n".encode(),
    ],
)
def test_a_module_whose_imports_the_text_cannot_tell_is_parsed_to_know_them(tmp_path, source):
    from qonto_lint.facts.project import _import_heads

    path = tmp_path / "module.py"
    path.write_bytes(source)
    assert _import_heads(str(path)) is None


def test_a_utf8_cookie_and_non_ascii_elsewhere_keep_the_text_s_answer(tmp_path):
    from qonto_lint.facts.project import _import_heads

    path = tmp_path / "module.py"
    path.write_text("# -*- coding: utf-8 -*-\nimport app.core\nNOM = 'été'\n", encoding="utf-8")
    assert _import_heads(str(path)) == frozenset({"app", "core"})


@pytest.mark.parametrize("package", ["app", "पैकेज", "ข้อมูล", "µsvc"])
def test_a_headers_dict_its_importer_sends_to_a_partner_whatever_the_package_s_name(tmp_path, monkeypatch, package):
    defaults = """
    import os

    QONTO_API = "https://thirdparty.qonto.com/v2"
    PARTNER_HEADERS = {"Authorization": "Basic " + os.environ["PARTNER_LOGIN"] + ":" + os.environ["PARTNER_SECRET"]}
    """
    partner = f"""
    import requests

    from {package}.defaults import PARTNER_HEADERS


    def push(payout):
        return requests.post("https://api.partner-erp.com/v1/payouts", json=payout, headers=PARTNER_HEADERS)
    """
    write(
        tmp_path, {f"{package}/__init__.py": "", f"{package}/defaults.py": defaults, f"{package}/partner.py": partner}
    )
    assert lint(tmp_path, monkeypatch, f"{package}/defaults.py") == []


def test_the_scan_for_importers_does_not_read_test_modules(tmp_path, monkeypatch):
    # test modules never count as importers (they hand headers to fake servers): not even read
    import qonto_lint.facts.project as project

    headers = 'import os\n\nQONTO_HEADERS = {"Authorization": "Bearer " + os.environ["QONTO_API_KEY"]}\n'
    user = "from app.hdrs import QONTO_HEADERS\n"
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/hdrs.py": headers,
            "app/views.py": user,
            "app/test_hdrs.py": user,
            "app/conftest.py": user,
            "tests/test_views.py": user,
            "tests/unit/helpers.py": user,
        },
    )
    read: list[str] = []
    original = project._read_regular

    def counting(path, limit):
        read.append(os.path.relpath(path, tmp_path))
        return original(path, limit)

    monkeypatch.setattr(project, "_read_regular", counting)
    assert project._files_holding(str(tmp_path), (b"qonto_headers",)) == (
        str(tmp_path / "app" / "hdrs.py"),
        str(tmp_path / "app" / "views.py"),
    )
    assert sorted(read) == [os.path.join("app", name) for name in ("__init__.py", "hdrs.py", "views.py")]
