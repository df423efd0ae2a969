"""The README's VS Code and Helix set-ups: the command each one names is started and spoken to
as those editors do (initialize, open a document, diagnostics, shutdown). The editors are not
installed on the test machine; Neovim's snippet runs in Neovim (test_neovim.py)."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, client_capabilities

from .readme import block, script_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

pytestmark = pytest.mark.asyncio(loop_scope="function")

SOURCE = 'import requests\nrequests.get("https://thirdparty.qonto.com/v2/x", headers={"Authorization": "Basic " + k})\n'


def _vscode() -> list[str]:
    settings = json.loads(block("json"))
    assert settings["glspc.server.languageId"] == ["python"]
    return [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]]


def _helix() -> list[str]:
    config = tomllib.loads(block("toml"))
    (python,) = [language for language in config["language"] if language["name"] == "python"]
    assert "qonto-lint" in python["language-servers"]
    server = config["language-server"]["qonto-lint"]
    return [server["command"], *server["args"]]


@pytest.mark.parametrize("editor", [_vscode, _helix], ids=["vscode", "helix"])
async def test_the_readme_command_serves(editor, tmp_path) -> None:
    path = script_path()
    if path is None:
        pytest.skip("the qonto-lint console script is not installed next to this interpreter")
    command = editor()
    assert command == ["qonto-lint", "server"]
    config = ClientServerConfig(server_command=command, server_env=dict(os.environ, PATH=path))
    client = await config.start()
    await client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), process_id=None)
    )
    document = tmp_path / "client.py"
    document.write_text(SOURCE, encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(document.as_uri(), "python", 1, SOURCE))
    )
    params = await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in params.diagnostics] == [("QNT101", 1, 76)]
    await client.shutdown_session()
