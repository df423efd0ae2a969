"""Generated trees for the whole-project benchmark cases of benchmarks/run.py.

- A project of N modules (Django-style: settings, helpers, a Qonto client, and many application
  modules importing each other), and one file of it linted alone: pre-commit names only the staged
  file, and the project view must read what that file imports without costing much more than the
  file alone (target: ≤ 2×).
- Tree C: M small Qonto client modules, each with a request, a header and a settings import: the
  analysis of many small files against bandit's default run on the same tree (target: ≤ 1.0×).

The trees are deterministic and rebuilt only when their recipe changes (a stamp file).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

RECIPE = "project-trees 1"

SETTINGS = '''"""Settings of the application."""
import os

QONTO_API_URL = "https://thirdparty.qonto.com"
QONTO_SANDBOX_URL = "https://thirdparty-sandbox.staging.qonto.co"
QONTO_LOGIN = os.environ["QONTO_LOGIN"]
QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]
QONTO_STAGING_TOKEN = os.environ.get("QONTO_STAGING_TOKEN", "")
PROVIDERS = {
    "openai": {"base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini"},
    "groq": {"base_url": "https://api.groq.com/openai/v1", "model": "llama3"},
}
TIMEOUT = 30
'''

HELPERS = '''"""Helpers shared by the clients."""
from .settings import QONTO_LOGIN, QONTO_SECRET_KEY


def qonto_auth(login=QONTO_LOGIN, secret=QONTO_SECRET_KEY):
    return f"{login}:{secret}"


def json_headers():
    return {"Accept": "application/json", "Content-Type": "application/json"}
'''

CLIENT = '''"""The Qonto client: the file pre-commit names."""
import requests

from app import settings
from app.helpers import json_headers, qonto_auth
{imports}


def list_accounts():
    headers = {{**json_headers(), "Authorization": "Bearer " + qonto_auth()}}
    response = requests.get(f"{{settings.QONTO_API_URL}}/v2/bank_accounts", headers=headers, timeout=settings.TIMEOUT)
    response.raise_for_status()
    return response.json()["bank_accounts"]


def list_transactions(iban):
    headers = {{"Authorization": qonto_auth()}}
    params = {{"iban": iban, "per_page": 100}}
    response = requests.get(settings.QONTO_API_URL + "/v2/transactions", headers=headers, params=params)
    return response.json()["transactions"]
'''

APP_MODULE = '''"""Application module {index}."""
{imports}

CONSTANT_{index} = "value-{index}"
LIMIT_{index} = {index} * 3


def handle_{index}(payload):
    total = 0
    for item in payload:
        total += len(str(item)) + LIMIT_{index}
    return {{"module": {index}, "total": total, "name": CONSTANT_{index}}}


class Service{index}:
    prefix = "service-{index}"

    def run(self, values):
        return [f"{{self.prefix}}-{{value}}" for value in values]
'''

SMALL_CLIENT = '''"""Qonto client {index}."""
import os

import requests

from .config import QONTO_URL

LOGIN = os.environ["QONTO_LOGIN_{index}"]
SECRET = os.environ["QONTO_SECRET_{index}"]


def fetch_{index}(path):
    headers = {{"Authorization": f"{{LOGIN}}:{{SECRET}}", "Accept": "application/json"}}
    response = requests.get(f"{{QONTO_URL}}/v2/{{path}}", headers=headers, timeout=30)
    response.raise_for_status()
    return response.json()


def organization_{index}():
    return fetch_{index}("organization")["organization"]
'''


def _fresh(target: Path, manifest: str) -> Path | None:
    stamp = target / ".complete"
    if stamp.is_file() and stamp.read_text() == manifest:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=target.name + "-", dir=target.parent))


def _finish(staging: Path, target: Path, manifest: str) -> None:
    (staging / ".complete").write_text(manifest)
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)


def build_project(trees: Path, modules: int) -> tuple[Path, Path, Path]:
    """(project root, the client file inside it, the same file alone in a project of its own)."""
    target = trees / f"project-{modules}"
    manifest = f"{RECIPE}\n{modules}\n"
    staging = _fresh(target, manifest)
    if staging is not None:
        project = staging / "project"
        app = project / "app"
        (app / "services").mkdir(parents=True)
        (app / "modules").mkdir()
        (project / "pyproject.toml").write_text('[project]\nname = "app"\nversion = "0"\n')
        (app / "__init__.py").write_text("")
        (app / "services" / "__init__.py").write_text("")
        (app / "modules" / "__init__.py").write_text("")
        (app / "settings.py").write_text(SETTINGS)
        (app / "helpers.py").write_text(HELPERS)
        count = max(modules - 6, 1)
        for index in range(count):
            # each module imports the next three: what the client imports reaches the whole project
            deps = [f"from . import m{(index + step) % count:04d}" for step in (1, 2, 3) if (index + step) < count]
            text = APP_MODULE.format(index=index, imports="\n".join(["from app import settings", *deps]))
            (app / "modules" / f"m{index:04d}.py").write_text(text)
        imports = "\n".join(f"from app.modules import m{index:04d}" for index in range(min(5, count)))
        (app / "services" / "qonto.py").write_text(CLIENT.format(imports=imports))
        alone = staging / "alone"
        alone.mkdir()
        (alone / "pyproject.toml").write_text('[project]\nname = "alone"\nversion = "0"\n')
        (alone / "qonto.py").write_text(CLIENT.format(imports=imports))
        _finish(staging, target, manifest)
    project = target / "project"
    return project, project / "app" / "services" / "qonto.py", target / "alone" / "qonto.py"


def build_tree_c(trees: Path, files: int) -> Path:
    """`files` small Qonto client modules in packages of 100, each package with its config module."""
    target = trees / f"C-{files}"
    manifest = f"{RECIPE}\n{files}\n"
    staging = _fresh(target, manifest)
    if staging is not None:
        (staging / "pyproject.toml").write_text('[project]\nname = "clients"\nversion = "0"\n')
        for index in range(files):
            package = staging / "clients" / f"p{index // 100:03d}"
            if not package.is_dir():
                package.mkdir(parents=True)
                (package / "__init__.py").write_text("")
                (package / "config.py").write_text('QONTO_URL = "https://thirdparty.qonto.com"\n')
            (package / f"client_{index:05d}.py").write_text(SMALL_CLIENT.format(index=index))
        _finish(staging, target, manifest)
    return target
