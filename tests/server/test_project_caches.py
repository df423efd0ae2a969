"""The server's engine side in this process: what an open document costs the project view.

Opening a document makes the project view look at the project again (which files exist, which
hold a name), but a module it parsed before and whose file has not changed is not parsed again.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

import qonto_lint.facts.project as project
from qonto_lint.server.app import QontoLintServer

from ..helpers import parsed_modules
from .test_server import SERVICE, SETTINGS, _settings_project

SETTINGS_PATH = os.path.join("app", "settings.py")


@pytest.fixture
def server():
    made = QontoLintServer(debounce=0)
    project.clear_cache()
    yield made
    made.engine.shutdown()
    project.clear_cache()


def _opened(server: QontoLintServer, path: Path) -> list[tuple[str, int]]:
    """What `didOpen` of `path` (its text on disk) has the engine find: (code, line)."""
    server.stale_project = True  # what didOpen does
    analysis, error, errors = server._analyse_on_engine(path.as_uri(), 1, path.read_text(), path)
    assert error is None and errors == []
    return [(finding.code, finding.line) for finding in analysis.findings]


def test_an_unchanged_module_is_not_parsed_again_when_a_document_is_opened(server, tmp_path: Path, monkeypatch):
    settings = _settings_project(tmp_path)
    services = [tmp_path / "app" / "services" / name for name in ("accounts.py", "payments.py")]
    for path in services:
        path.write_text(SERVICE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    parsed = parsed_modules(monkeypatch)

    assert _opened(server, services[0]) == [("QNT102", 7)]
    assert _opened(server, services[1]) == [("QNT102", 7)]
    # the settings module was parsed once, and the other service (which holds the names the
    # first one imports but imports nothing from it) never
    assert parsed == [SETTINGS_PATH]
    # changed on disk: parsed again at the next open, and its answer followed
    settings.write_text(SETTINGS.replace('"Bearer " + os.environ', "os.environ"), encoding="utf-8")
    assert _opened(server, services[0]) == []
    assert parsed == [SETTINGS_PATH, SETTINGS_PATH]


def test_a_module_reported_changed_is_read_again_even_with_the_same_stamp(server, tmp_path: Path, monkeypatch):
    # a rewrite within one tick of a coarse file-system clock, of the same size, leaves the stamp
    # as it was: the editor's report of the change is what tells
    settings = _settings_project(tmp_path)
    service = tmp_path / "app" / "services" / "accounts.py"
    service.write_text(SERVICE, encoding="utf-8")
    monkeypatch.setattr(project, "_stamp", lambda path: (1, 2, 3, 4))

    assert _opened(server, service) == [("QNT102", 7)]
    settings.write_text(SETTINGS.replace('"Bearer " + os.environ', "os.environ    "), encoding="utf-8")
    assert _opened(server, service) == [("QNT102", 7)]  # nothing reported yet: the stamp says unchanged

    from pygls.workspace import Workspace

    server.protocol._workspace = Workspace(tmp_path.as_uri())  # as `initialize` makes it (no open document)

    async def reported() -> None:
        server.files_changed([settings.as_uri()])

    asyncio.run(reported())
    server.engine.submit(lambda: None).result()  # what was submitted before has run
    assert _opened(server, service) == []
