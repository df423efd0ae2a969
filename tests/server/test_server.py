"""`qonto-lint server` end to end: a real client (pytest-lsp) talks to the server in a child
process over stdio, as an editor does."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from qonto_lint.engine import lint_source
from qonto_lint.server.text import apply_edits

pytestmark = pytest.mark.asyncio(loop_scope="function")

SERVER = [sys.executable, "-m", "qonto_lint", "server", "--debounce-ms", "50"]
#: seconds to wait for diagnostics: a server that never answers fails the test instead of hanging it
WAIT = 60
DOCS = "https://github.com/qonto-lint/qonto-lint/blob/main/docs/rules.md"

SAMPLE = """\
import requests

QONTO_URL = "https://thirdparty.qonto.eu/v2"


def organization(login, secret):
    headers = {"Authorization": "Basic " + login + ":" + secret}
    return requests.get(QONTO_URL + "/organization", headers=headers)
"""
BASIC = (
    "Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is "
    "(every 401 counts toward Qonto's 200-per-hour throttle)"
)
LEGACY = "thirdparty.qonto.eu is Qonto's legacy host, no longer documented: use thirdparty.qonto.com"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    registered: list[types.Registration] = []
    lsp_client.registrations = registered  # type: ignore[attr-defined]

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registered.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), process_id=None)
    )
    yield
    await lsp_client.shutdown_session()


#: a debounce far longer than the client takes to send a burst of changes, however loaded the machine
@pytest_lsp.fixture(config=ClientServerConfig(server_command=[*SERVER[:-1], "1000"]))
async def patient_client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("neovim"), process_id=None)
    )
    yield
    await lsp_client.shutdown_session()


def _range(line: int, character: int, end_line: int, end_character: int) -> types.Range:
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def _summary(diagnostics) -> list[tuple]:
    return [
        (
            d.code,
            (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
            d.message,
            d.severity,
        )
        for d in diagnostics
    ]


class Editor:
    """One document as the client holds it: opened, changed, saved; diagnostics awaited."""

    def __init__(self, client: LanguageClient, path: Path, text: str) -> None:
        self.client = client
        self.path = path
        self.uri = path.as_uri()
        self.text = text
        self.version = 1
        path.write_text(text, encoding="utf-8")

    async def open(self):
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=self.uri, language_id="python", version=self.version, text=self.text)
            )
        )
        return await self.diagnostics()

    async def change(self, text: str):
        self.version += 1
        self.text = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                [types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return await self.diagnostics()

    async def diagnostics(self):
        return await asyncio.wait_for(self._diagnostics(), WAIT)

    async def _diagnostics(self):
        while True:
            params = await self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == self.uri and params.version == self.version:
                return params.diagnostics

    async def actions(self, line: int, character: int, only=None):
        return await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=self.uri),
                range=_range(line, character, line, character),
                context=types.CodeActionContext(diagnostics=[], only=only),
            )
        )

    def applied(self, action: types.CodeAction) -> str:
        """The text after the client applies the action's WorkspaceEdit."""
        assert action.edit is not None and action.edit.document_changes is not None
        (change,) = action.edit.document_changes
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == self.uri and change.text_document.version == self.version
        edits = [(e.range.start, e.range.end, e.new_text) for e in change.edits]
        return apply_edits(
            self.text, [((s.line, s.character), (e.line, e.character), new) for s, e, new in edits], "utf-16"
        )


async def test_diagnostics_on_open_are_exact(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    diagnostics = await editor.open()
    assert _summary(diagnostics) == [
        ("QNT306", (2, 12, 2, 44), LEGACY, types.DiagnosticSeverity.Warning),
        ("QNT101", (6, 32, 6, 63), BASIC, types.DiagnosticSeverity.Error),
    ]
    legacy, basic = diagnostics
    assert {d.source for d in diagnostics} == {"qonto-lint"}
    assert basic.code_description == types.CodeDescription(href=f"{DOCS}#qnt101")
    assert legacy.code_description == types.CodeDescription(href=f"{DOCS}#qnt306")
    assert list(legacy.tags or ()) == [types.DiagnosticTag.Deprecated]
    assert basic.tags is None
    assert basic.data == {"fix": "safe", "title": "Remove the 'Basic ' prefix"}


async def test_a_change_is_analysed_unsaved(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    await editor.open()
    fixed_host = SAMPLE.replace("qonto.eu", "qonto.com")
    diagnostics = await editor.change(fixed_host)
    assert _summary(diagnostics) == [("QNT101", (6, 32, 6, 63), BASIC, types.DiagnosticSeverity.Error)]
    assert editor.path.read_text(encoding="utf-8") == SAMPLE  # the buffer, not the file, is analysed
    diagnostics = await editor.change(fixed_host.replace('"Basic " + login', "login"))
    assert list(diagnostics) == []


async def test_only_the_last_of_quick_changes_is_analysed(patient_client: LanguageClient, tmp_path: Path) -> None:
    client = patient_client
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    await editor.open()
    published: list[int | None] = []
    for n in range(5):
        editor.version += 1
        editor.text = SAMPLE + f"# {n}\n"
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=editor.uri, version=editor.version),
                [types.TextDocumentContentChangeWholeDocument(text=editor.text)],
            )
        )

    async def until_the_last() -> None:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            published.append(params.version)
            if params.version == editor.version:
                return

    await asyncio.wait_for(until_the_last(), WAIT)
    assert published == [editor.version]


async def test_fix_action_applied_removes_the_finding(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    await editor.open()
    actions = await editor.actions(6, 40)
    assert [(a.title, a.kind, a.is_preferred) for a in actions] == [
        ("Remove the 'Basic ' prefix (QNT101)", types.CodeActionKind.QuickFix, True),
        ("Ignore with `# noqa: QNT101`", types.CodeActionKind.QuickFix, None),
        ("Fix all safe qonto-lint problems", "source.fixAll.qonto-lint", None),
    ]
    fix, noqa, _fix_all = actions
    assert [d.code for d in fix.diagnostics or ()] == ["QNT101"]
    fixed = editor.applied(fix)
    assert fixed == SAMPLE.replace('"Basic " + login', "login")
    assert editor.path.read_text(encoding="utf-8") == SAMPLE  # the server never writes
    diagnostics = await editor.change(fixed)
    assert [d.code for d in diagnostics] == ["QNT306"]


async def test_noqa_action_adds_or_extends_the_comment(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    await editor.open()
    noqa = next(a for a in await editor.actions(6, 40) if a.title.startswith("Ignore"))
    silenced = editor.applied(noqa)
    line = '    headers = {"Authorization": "Basic " + login + ":" + secret}'
    assert silenced == SAMPLE.replace(line, line + "  # noqa: QNT101")
    assert [d.code for d in await editor.change(silenced)] == ["QNT306"]
    # a line with a noqa comment for another code: the code is added to it
    other = silenced.replace("# noqa: QNT101", "# noqa: QNT999").replace(
        'QONTO_URL = "https://thirdparty.qonto.eu/v2"', 'QONTO_URL = "https://thirdparty.qonto.eu/v2"  # see docs'
    )
    await editor.change(other)
    (noqa,) = [a for a in await editor.actions(6, 40) if a.title.startswith("Ignore")]
    assert noqa.title == "Ignore with `# noqa: QNT101`"
    assert editor.applied(noqa) == other.replace("# noqa: QNT999", "# noqa: QNT999, QNT101")
    (host_noqa,) = [a for a in await editor.actions(2, 20) if a.title.startswith("Ignore")]
    assert editor.applied(host_noqa) == other.replace("  # see docs", "  # see docs  # noqa: QNT306")


async def test_fix_all_applies_every_safe_fix(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    await editor.open()
    (fix_all,) = await editor.actions(0, 0, only=[types.CodeActionKind.SourceFixAll])
    assert (fix_all.title, fix_all.kind) == ("Fix all safe qonto-lint problems", "source.fixAll.qonto-lint")
    fixed = editor.applied(fix_all)
    assert fixed == SAMPLE.replace('"Basic " + login', "login").replace("qonto.eu", "qonto.com")
    assert list(await editor.change(fixed)) == []
    assert await editor.actions(0, 0, only=[types.CodeActionKind.SourceFixAll]) is None


async def test_hover_shows_the_rule_explanation(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    await editor.open()
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=editor.uri), types.Position(6, 40))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    from qonto_lint.rules import RULES_BY_CODE

    docs = RULES_BY_CODE["QNT101"].docs()
    assert hover.contents.value == (
        f"**QNT101 basic-scheme-prefix**: {BASIC}\n\n---\n\n{docs}\n[Documentation]({DOCS}#qnt101)"
    )
    assert hover.range == _range(6, 32, 6, 63)
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=editor.uri), types.Position(0, 3))
    )
    assert nothing is None


async def test_configuration_of_the_nearest_pyproject_reloaded(client: LanguageClient, tmp_path: Path) -> None:
    backend = tmp_path / "backend"
    backend.mkdir()
    pyproject = backend / "pyproject.toml"
    pyproject.write_text('[tool.qonto-lint]\nignore = ["QNT306"]\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.qonto-lint]\nignore = ["QNT101"]\n', encoding="utf-8")
    editor = Editor(client, backend / "sample.py", SAMPLE)
    assert [d.code for d in await editor.open()] == ["QNT101"]
    assert [r.method for r in client.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]  # type: ignore[attr-defined]
    pyproject.write_text('[tool.qonto-lint]\nselect = ["QNT3"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(pyproject.as_uri(), types.FileChangeType.Changed)])
    )
    assert [d.code for d in await editor.diagnostics()] == ["QNT306"]
    # a save of the pyproject.toml open in the editor reloads too
    pyproject.write_text("[tool.qonto-lint]\n", encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(pyproject.as_uri())))
    assert [d.code for d in await editor.diagnostics()] == ["QNT306", "QNT101"]
    # changed on disk with no word from the editor: the next analysis reads it again
    pyproject.write_text('[tool.qonto-lint]\nselect = ["QNT101"]\n', encoding="utf-8")
    assert [d.code for d in await editor.change(SAMPLE + "\n")] == ["QNT101"]


SECRET = "62885d39e1f64f0c9c4ad2b0e2a9d3f1"
LEAKY = f"""\
import requests


def organization():
    headers = {{"Authorization": "Basic pied-piper-7132:{SECRET}"}}
    return requests.get("https://thirdparty.qonto.com/v2/organization", headers=headers)
"""


async def test_no_secret_in_any_message_hover_title_or_log(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.qonto-lint]\nignore = ["{SECRET}"]\n', encoding="utf-8")
    editor = Editor(client, tmp_path / "secret.py", LEAKY)
    diagnostics = await editor.open()
    assert [(d.code, d.range.start.line, d.range.start.character) for d in diagnostics] == [
        ("QNT101", 4, 32),
        ("QNT201", 4, 32),
    ]
    assert "'pied-piper-7132:6288…'" in diagnostics[1].message
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=editor.uri), types.Position(4, 40))
    )
    actions = await editor.actions(4, 40)
    shown = [d.message for d in diagnostics] + [hover.contents.value] + [a.title for a in actions]  # type: ignore[union-attr]
    shown += [m.message for m in client.log_messages]
    assert any("is not a valid rule code" in text or "unknown rule code" in text for text in shown)  # the bad config
    assert all(SECRET[:5] not in text for text in shown), shown
    (fix,) = [a for a in actions if a.title.startswith("Remove")]
    assert editor.applied(fix) == LEAKY.replace('"Basic pied', '"pied')
    assert all(SECRET not in edit.new_text for edit in fix.edit.document_changes[0].edits)  # type: ignore[union-attr]


HOSTILE_NAMES = f"""\
import requests


def organization(tokens):
    requests.get("http://{SECRET}.thirdparty.qonto.com/v2/x")
    return requests.get(
        "https://thirdparty.qonto.com/v2/organization", headers={{"Authorization": tokens["access_token_{SECRET}"]}}
    )
"""


async def test_a_secret_in_a_host_or_a_name_is_masked_as_the_command_line_masks_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    # the rules' messages quote hosts and names as written; the command line masks them, and so
    # do the diagnostics, their fix titles, the code actions and the hover
    editor = Editor(client, tmp_path / "hosts.py", HOSTILE_NAMES)
    diagnostics = await editor.open()
    assert [(d.code, d.message.split(" is ")[0]) for d in diagnostics] == [
        ("QNT304", "http://6288…"),
        ("QNT305", "6288…"),
        ("QNT110", "OAuth access token acce…"),
    ]
    shown = [d.message for d in diagnostics] + [str(d.data) for d in diagnostics]
    for line, character in ((4, 20), (6, 100)):
        hover = await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri=editor.uri), types.Position(line, character))
        )
        shown.append(hover.contents.value)  # type: ignore[union-attr]
        shown += [a.title for a in await editor.actions(line, character)]
    assert len(shown) > 8
    assert all(SECRET[:6] not in text for text in shown), shown


SETTINGS = """\
import os

QONTO_API_URL = "https://thirdparty.qonto.com/v2"
QONTO_AUTH = "Bearer " + os.environ["QONTO_API_KEY"]
"""
SERVICE = """\
import requests

from app.settings import QONTO_API_URL, QONTO_AUTH


def accounts():
    return requests.get(f"{QONTO_API_URL}/bank_accounts", headers={"Authorization": QONTO_AUTH})
"""


def _settings_project(tmp_path: Path) -> Path:
    """A project whose `app/settings.py` (returned) holds the header the service imports."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'app'\n", encoding="utf-8")
    (tmp_path / "app" / "services").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("", encoding="utf-8")
    settings = tmp_path / "app" / "settings.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    return settings


async def test_cross_module_answers_follow_the_other_module(client: LanguageClient, tmp_path: Path) -> None:
    settings = _settings_project(tmp_path)
    editor = Editor(client, tmp_path / "app" / "services" / "qonto.py", SERVICE)
    assert [(d.code, d.range.start.line) for d in await editor.open()] == [("QNT102", 6)]
    # the settings module is fixed and saved in the editor: the service's finding goes away
    settings.write_text(SETTINGS.replace('"Bearer " + os.environ', "os.environ"), encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(settings.as_uri())))
    assert list(await editor.diagnostics()) == []
    # changed back on disk by another tool: the next change of the service reads it again
    settings.write_text(SETTINGS, encoding="utf-8")
    assert [(d.code, d.range.start.line) for d in await editor.change(SERVICE + "\n")] == [("QNT102", 6)]


async def test_a_module_changed_outside_the_editor_analyses_the_open_ones_again(
    client: LanguageClient, tmp_path: Path
) -> None:
    settings = _settings_project(tmp_path)
    editor = Editor(client, tmp_path / "app" / "services" / "qonto.py", SERVICE)
    assert [(d.code, d.range.start.line) for d in await editor.open()] == [("QNT102", 6)]
    # the editor watches the project's modules as well as its pyproject.toml files
    (registration,) = client.registrations  # type: ignore[attr-defined]
    watchers = registration.register_options["watchers"]
    assert [w["globPattern"] for w in watchers] == ["**/pyproject.toml", "**/*.py"]
    # fixed by another tool (a checkout), which the editor's watcher reports: the open service
    # is analysed again with no edit of its own, and its finding goes
    settings.write_text(SETTINGS.replace('"Bearer " + os.environ', "os.environ"), encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(settings.as_uri(), types.FileChangeType.Changed)])
    )
    assert list(await editor.diagnostics()) == []


async def test_close_clears_and_other_languages_are_left_alone(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    assert len(await editor.open()) == 2
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(editor.uri)))
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == editor.uri:
            break
    assert (params.version, list(params.diagnostics)) == (None, [])
    markdown = tmp_path / "notes.md"
    markdown.write_text(SAMPLE, encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(markdown.as_uri(), "markdown", 1, SAMPLE))
    )
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=markdown.as_uri()), types.Position(6, 40))
    )
    assert hover is None
    assert markdown.as_uri() not in client.diagnostics


async def test_utf16_columns(client: LanguageClient, tmp_path: Path) -> None:
    source = SAMPLE.replace('headers = {"Author', 'headers = {"X-Note": "😀 é", "Author')
    editor = Editor(client, tmp_path / "sample.py", source)
    diagnostics = await editor.open()
    # 😀 is one character to Python and two UTF-16 code units to the protocol
    line = source.splitlines()[6]
    start, end = line.index('"Basic') + 1, line.index("}") + 1
    assert (start, end) == (50, 81)
    assert [(d.code, d.range.start.character, d.range.end.character) for d in diagnostics][1] == ("QNT101", start, end)
    noqa = next(a for a in await editor.actions(6, 60) if a.title.startswith("Ignore"))
    assert editor.applied(noqa).splitlines()[6].endswith("secret}  # noqa: QNT101")


async def test_excluded_files_and_per_file_ignores(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.qonto-lint]\nextend-exclude = ["generated"]\n'
        '[tool.qonto-lint.per-file-ignores]\n"legacy/*" = ["QNT306"]\n',
        encoding="utf-8",
    )
    for folder in ("generated", "legacy"):
        (tmp_path / folder).mkdir()
    assert list(await Editor(client, tmp_path / "generated" / "client.py", SAMPLE).open()) == []
    assert [d.code for d in await Editor(client, tmp_path / "legacy" / "client.py", SAMPLE).open()] == ["QNT101"]
    assert [d.code for d in await Editor(client, tmp_path / "client.py", SAMPLE).open()] == ["QNT306", "QNT101"]


async def test_a_buffer_that_does_not_parse(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, tmp_path / "sample.py", SAMPLE)
    await editor.open()
    broken = SAMPLE.replace("def organization(login, secret):", "def organization(login, secret:")
    diagnostics = await editor.change(broken)
    # the message is the engine's, whose words for the syntax error are the interpreter's
    (expected,) = lint_source(broken.encode("utf-8"), "sample.py").findings
    assert expected.message.startswith("cannot analyse this file: syntax error at line 6, column ")
    assert _summary(diagnostics) == [("QNT900", (0, 0, 0, 0), expected.message, types.DiagnosticSeverity.Information)]
    assert await editor.actions(0, 0) is None  # no fix, and no noqa comment silences QNT900
