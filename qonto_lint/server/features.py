"""The protocol's requests and notifications, wired to the server."""

from __future__ import annotations

from lsprotocol import types

from . import actions, convert
from .app import QontoLintServer, _document_path, _is_pyproject

_WATCH_ID = "qonto-lint-pyproject"


def create_server(debounce: float | None = None) -> QontoLintServer:
    server = QontoLintServer() if debounce is None else QontoLintServer(debounce)
    _register_documents(server)
    _register_requests(server)
    return server


def _register_documents(server: QontoLintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: QontoLintServer, params: types.InitializeParams) -> None:
        ls.warm_up()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: QontoLintServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[
                    types.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
                    # modules changed outside the editor (a checkout, a generator): the project
                    # view's answers may change with them
                    types.FileSystemWatcher(glob_pattern="**/*.py"),
                ]
            )
            registration = types.Registration(
                id=_WATCH_ID, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
            )
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
                ls.watching_files = True
            except Exception as error:  # the client refused: a save of pyproject.toml still reloads
                ls.log(f"pyproject.toml is not watched: {error}")

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: QontoLintServer, params: types.DidOpenTextDocumentParams) -> None:
        if _document_path(params.text_document.uri) is not None:
            ls.stale_project = True
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: QontoLintServer, params: types.DidChangeTextDocumentParams) -> None:
        # the project view reads files, which an edit leaves as they are: its caches are kept (a
        # module it read is read again once its file changes; without a file watcher, its scans
        # are done again every few seconds)
        if _document_path(params.text_document.uri) is not None:
            ls.recheck_project()
            ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: QontoLintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_pyproject(uri):
            ls.reload_configuration()
        elif _document_path(uri) is not None:
            ls.files_changed([uri], saved=uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: QontoLintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: QontoLintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_pyproject(change.uri) for change in params.changes):
            ls.reload_configuration()
        elif any(_document_path(change.uri) is not None for change in params.changes):
            ls.files_changed([change.uri for change in params.changes])


def _register_requests(server: QontoLintServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, convert.FIX_ALL_KIND]),
    )
    async def code_action(ls: QontoLintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        try:
            analysis = await _current(ls, params.text_document.uri)
            if analysis is None:
                return None
            only = params.context.only
            found = await ls.on_engine(actions.code_actions, analysis, params.range, only, ls.encoding)
        except Exception as error:  # answered as "no action", the reason logged masked (never sent raw)
            ls.report_server_error(error, None)
            return None
        return found or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: QontoLintServer, params: types.HoverParams) -> types.Hover | None:
        try:
            analysis = await _current(ls, params.text_document.uri)
            return None if analysis is None else actions.hover(analysis, params.position, ls.encoding)
        except Exception as error:
            ls.report_server_error(error, None)
            return None


async def _current(ls: QontoLintServer, uri: str):
    """The analysis of the document as the client has it now: a pending one is run first."""
    document = ls.workspace.text_documents.get(uri)
    if document is None or _document_path(uri) is None:
        return None
    analysis = ls.analyses.get(uri)
    if analysis is None or analysis.version != document.version:
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        await ls.analyse(uri)
        analysis = ls.analyses.get(uri)
    return analysis if analysis is not None and analysis.version == document.version else None
