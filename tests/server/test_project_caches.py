"""The server's engine side in this process: what an open document costs the project view.

Opening a document makes the project view look at the project again (which files exist, which
hold a name), but a module it parsed before and whose file has not changed is not parsed again.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import qonto_lint.facts.project as project
from qonto_lint.server.app import QontoLintServer

from .test_server import SERVICE, SETTINGS


@pytest.fixture
def server():
    made = QontoLintServer(debounce=0)
    project.clear_cache()
    yield made
    made.engine.shutdown()
    project.clear_cache()


def test_an_unchanged_module_is_not_parsed_again_when_a_document_is_opened(server, tmp_path: Path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'app'\n", encoding="utf-8")
    (tmp_path / "app" / "services").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("", encoding="utf-8")
    settings = tmp_path / "app" / "settings.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    services = [tmp_path / "app" / "services" / name for name in ("accounts.py", "payments.py")]
    for path in services:
        path.write_text(SERVICE, encoding="utf-8")
    parsed: list[str] = []
    read = project._read

    def counting(path, hosts, parse):
        def parsing(data):
            parsed.append(Path(path).name)
            return parse(data)

        return read(path, hosts, parsing)

    monkeypatch.setattr(project, "_read", counting)

    def opened(path: Path) -> list[tuple[str, int]]:
        server.stale_project = True  # what didOpen does
        analysis, error, errors = server._analyse_on_engine(path.as_uri(), 1, path.read_text(), path)
        assert error is None and errors == []
        return [(finding.code, finding.line) for finding in analysis.findings]

    assert opened(services[0]) == [("QNT102", 7)]
    assert opened(services[1]) == [("QNT102", 7)]
    # the settings module was parsed once, and the other service (which holds the names the
    # first one imports but imports nothing from it) never
    assert parsed == ["settings.py"]
    # changed on disk: parsed again at the next open, and its answer followed
    settings.write_text(SETTINGS.replace('"Bearer " + os.environ', "os.environ"), encoding="utf-8")
    assert opened(services[0]) == []
    assert parsed == ["settings.py", "settings.py"]


def test_a_module_reported_changed_is_read_again_even_with_the_same_stamp(server, tmp_path: Path, monkeypatch):
    # a rewrite within one tick of a coarse file-system clock, of the same size, leaves the stamp
    # as it was: the editor's report of the change is what tells
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'app'\n", encoding="utf-8")
    (tmp_path / "app" / "services").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("", encoding="utf-8")
    settings = tmp_path / "app" / "settings.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    service = tmp_path / "app" / "services" / "accounts.py"
    service.write_text(SERVICE, encoding="utf-8")
    monkeypatch.setattr(project, "_stamp", lambda path: (1, 2, 3, 4))

    def opened() -> list[tuple[str, int]]:
        server.stale_project = True
        analysis, _, _ = server._analyse_on_engine(service.as_uri(), 1, SERVICE, service)
        return [(finding.code, finding.line) for finding in analysis.findings]

    assert opened() == [("QNT102", 7)]
    settings.write_text(SETTINGS.replace('"Bearer " + os.environ', "os.environ    "), encoding="utf-8")
    assert opened() == [("QNT102", 7)]  # nothing reported yet: the stamp says unchanged

    from pygls.workspace import Workspace

    server.protocol._workspace = Workspace(tmp_path.as_uri())  # as `initialize` makes it (no open document)

    async def reported() -> None:
        server.files_changed([settings.as_uri()])

    asyncio.run(reported())
    server.engine.submit(lambda: None).result()  # what was submitted before has run
    assert opened() == []
