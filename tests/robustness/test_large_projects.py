"""A project of 20,000 modules: the project view reads what one file needs and stays bounded.

The config module holds a sandbox URL that no request in it uses, so its QNT301 is decided by the
modules connected to it through imports: the project is searched for importers (a bounded text
scan), and everything else is left unread.
"""

from __future__ import annotations

import json

from ..helpers import run_cli

MODULES = 20_000


def test_one_file_of_a_twenty_thousand_module_project(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "big"\n')
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "config.py").write_text('QONTO_URL = "https://thirdparty-sandbox.staging.qonto.co/v2"\n')
    for package_index in range(MODULES // 500):
        package = app / f"p{package_index:03d}"
        package.mkdir()
        (package / "__init__.py").write_text("from .m000 import *\n")
        for index in range(500):
            following = f"from .m{index + 1:03d} import *\n" if index < 499 else "from app.config import *\n"
            (package / f"m{index:03d}.py").write_text(f"{following}VALUE_{index} = {index}\n")
    proc = run_cli("--isolated", "--format", "json", "app/config.py", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert [(f["code"], f["location"]["row"], f["location"]["column"]) for f in json.loads(proc.stdout)] == [
        ("QNT301", 1, 13)
    ]
    # a client at the head of a star-import chain 500 modules deep: the chain is cut, never a hang
    client = app / "p000" / "m000.py"
    client.write_text(
        "from .m001 import *\nimport requests\n\n\ndef organization(key):\n"
        '    return requests.get(QONTO_URL + "/organization", headers={"Authorization": f"Bearer {key}"})\n'
    )
    proc = run_cli("--isolated", "--format", "json", "app/p000/m000.py", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == b"Found 1 finding in 1 of 1 file (1 analysed).\n[*] 1 fixable with `--fix`.\n"
    # QONTO_URL is not found within the chain's budget: the request goes to a qonto-named URL
    assert [(f["code"], f["location"]["row"], f["location"]["column"]) for f in json.loads(proc.stdout)] == [
        ("QNT102", 6, 80)
    ]
