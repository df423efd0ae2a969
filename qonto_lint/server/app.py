"""The language server: pygls over stdio, the engine on one thread of its own.

Every analysis runs on one engine thread (the project view's caches and the parser's big-stack
worker are not shared between threads), so the protocol stays responsive while a module is
analysed. A change is analysed after a short quiet time (`debounce`); an open or a save at
once. What is published is tied to the version analysed: a result that a newer change has
overtaken is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from .. import __version__
from ..masking import mask_text
from . import convert
from .analysis import Analysis, collect_garbage, lint_text, warm_up
from .settings import SettingsCache, lint_path
from .text import Positions

DEFAULT_DEBOUNCE = 0.2
#: for an editor that does not report files changed on disk (no file watcher): while it types,
#: the project view's scans and file checks are done again at most this often (seconds)
RECHECK_PROJECT = 5.0
#: the engine thread's stack: libcst's parser and the fixer recurse once per nesting level
_STACK_SIZE = 256 * 1024 * 1024
_PYTHON_SUFFIXES = (".py", ".pyi")

log = logging.getLogger("qonto_lint.server")


def _engine_executor() -> ThreadPoolExecutor:
    """One worker thread with a large stack, started now."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qonto-lint-engine")
    try:
        previous = threading.stack_size(_STACK_SIZE)
    except (ValueError, RuntimeError):  # a platform that refuses the size: the default stack
        previous = None
    try:
        executor.submit(lambda: None).result()
    finally:
        if previous is not None:
            threading.stack_size(previous)
    return executor


class QontoLintProtocol(LanguageServerProtocol):
    """pygls' protocol, with every request answered and every error it sends masked.

    A request whose parameters do not deserialise (`position.line` -1, a range without its end)
    is dropped by pygls before any handler sees it: the client waiting for its answer would wait
    forever. It is answered here with the JSON-RPC error. An error's message may quote what the
    client sent (`Method Not Found: <method>`): masked as every message the server sends."""

    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if isinstance(data, dict) and "method" in data and isinstance(data.get("id"), (int, str)):
                self._send_response(data["id"], None, error.to_response_error())
            raise

    def _send_response(self, msg_id, result=None, error=None):
        if error is not None and isinstance(getattr(error, "message", None), str):
            error.message = mask_text(error.message)
        return super()._send_response(msg_id, result, error)


class QontoLintServer(LanguageServer):
    def __init__(self, debounce: float = DEFAULT_DEBOUNCE) -> None:
        super().__init__(
            "qonto-lint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=QontoLintProtocol,
        )
        self.debounce = debounce
        self.settings = SettingsCache()
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.engine = _engine_executor()
        #: a file may have changed on disk since the project view's caches were last cleared
        self.stale_project = True
        #: when the project view's caches were last cleared (time.monotonic())
        self.project_cleared_at = 0.0
        #: the editor reports files changed on disk (its watcher of **/*.py is registered)
        self.watching_files = False
        self._shown_errors: set[str] = set()

    # -- messages: masked, whatever they quote ---------------------------------------------

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=mask_text(message)))

    def report_server_error(self, error: Exception, source: Any) -> None:
        from ..engine import internal_reason

        self.log(f"internal error: {internal_reason(error)}", types.MessageType.Error)

    def _config_error(self, error: str) -> None:
        if error in self._shown_errors:
            return
        self._shown_errors.add(error)
        text = f"qonto-lint: {error}; the defaults are used until it is fixed"
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=mask_text(text)))
        self.log(text, types.MessageType.Error)

    # -- analysis ----------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Load the engine before answering `initialize`, and have the protocol's converter build
        its functions for a document's messages meanwhile: part of the start-up, not of the first
        document's diagnostics."""
        engine = self.engine.submit(warm_up)
        try:
            self._warm_up_protocol()
        except Exception as error:  # never lose the server to a warm-up
            self.report_server_error(error, None)
        try:
            engine.result()
        except Exception as error:  # the first document will say what is wrong
            self.report_server_error(error, None)

    def _warm_up_protocol(self) -> None:
        """cattrs builds the (un)structuring function of each message type on its first use:
        tens of milliseconds for `didOpen` and `publishDiagnostics`. Build them now, on
        messages made up here; nothing is sent or handled."""
        import json

        protocol = self.protocol
        uri = "file:///warm-up.py"
        document = {"uri": uri, "languageId": "python", "version": 1, "text": ""}
        identifier = {"uri": uri, "version": 1}
        for method, params in (
            (types.TEXT_DOCUMENT_DID_OPEN, {"textDocument": document}),
            (types.TEXT_DOCUMENT_DID_CHANGE, {"textDocument": identifier, "contentChanges": [{"text": ""}]}),
            (types.TEXT_DOCUMENT_DID_SAVE, {"textDocument": {"uri": uri}, "text": ""}),
            (types.TEXT_DOCUMENT_DID_CLOSE, {"textDocument": {"uri": uri}}),
        ):
            protocol.structure_message({"jsonrpc": "2.0", "method": method, "params": params})
        where = types.Range(types.Position(0, 0), types.Position(0, 1))
        diagnostic = types.Diagnostic(
            range=where,
            message="warm-up",
            severity=types.DiagnosticSeverity.Warning,
            code="QNT000",
            code_description=types.CodeDescription(href="https://example.invalid/"),
            source=convert.SOURCE,
            tags=[types.DiagnosticTag.Deprecated],
            data={"fix": "safe", "title": "warm-up"},
        )
        published = types.PublishDiagnosticsParams(uri=uri, version=1, diagnostics=[diagnostic])
        kind = protocol.get_message_type(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if kind is not None:
            message = kind(method=types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params=published, jsonrpc="2.0")
            json.dumps(message, default=protocol._serialize_message)

    def schedule(self, uri: str, delay: float) -> None:
        """Analyse `uri` after `delay` seconds, replacing an analysis not yet started."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._analyse_later(uri, delay))

    async def _analyse_later(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.analyse(uri)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # never lose the server to one document
            self.report_server_error(error, None)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def analyse(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        path = _document_path(uri)
        if path is None:
            return
        text, version = document.source, document.version
        loop = asyncio.get_running_loop()
        analysis, config_error, errors = await loop.run_in_executor(
            self.engine, self._analyse_on_engine, uri, version, text, path
        )
        # messages are sent from the event loop's thread, never from the engine's
        if config_error is not None:
            self._config_error(config_error)
        for code, reason in errors:
            self.log(f"{analysis.path}: internal error in {code}: {reason}", types.MessageType.Error)
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            loop.run_in_executor(self.engine, collect_garbage)
            return  # closed, or overtaken by a newer change that has its own analysis coming
        self.analyses[uri] = analysis
        self.publish(analysis)
        loop.run_in_executor(self.engine, collect_garbage)

    def _analyse_on_engine(
        self, uri: str, version: int | None, text: str, path: Path
    ) -> tuple[Analysis, str | None, list[tuple[str, str]]]:
        """(the analysis, the configuration's error, the engine's internal errors)."""
        settings = self.settings.for_document(path)
        shown = lint_path(path)
        if settings.excluded:
            return Analysis(uri, version, text, shown, settings.options, ()), settings.error, []
        if self.stale_project:
            from ..facts.project import clear_cache

            self.stale_project = False
            self.project_cleared_at = time.monotonic()
            clear_cache(modules=False)  # the modules read are kept while their files are unchanged
        findings, errors = lint_text(text, shown, settings.options)
        return Analysis(uri, version, text, shown, settings.options, tuple(findings)), settings.error, errors

    def publish(self, analysis: Analysis) -> None:
        positions = Positions(analysis.text, self.encoding)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=analysis.uri,
                version=analysis.version,
                diagnostics=[convert.diagnostic(positions, finding) for finding in analysis.findings],
            )
        )

    def forget(self, uri: str) -> None:
        pending = self.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.analyses.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def recheck_project(self) -> None:
        """An edit, in an editor that does not report files changed on disk: a module created or
        changed by another tool is seen within RECHECK_PROJECT seconds (the modules read are
        checked against their files at every analysis anyway)."""
        if not self.watching_files and time.monotonic() - self.project_cleared_at >= RECHECK_PROJECT:
            self.stale_project = True

    def files_changed(self, uris: list[str], saved: str | None = None) -> None:
        """Modules changed on disk (`saved` in the editor, or others outside it; `uris`): the open
        modules may read them through the project view, so each is analysed again, `saved` first.
        The project view forgets what it read from them (on the engine's thread, before any later
        analysis), even when their stamps did not change."""
        from ..facts.project import forget_files

        paths = [str(path) for path in map(_document_path, uris) if path is not None]
        if paths:
            self.engine.submit(forget_files, paths)
        self.stale_project = True
        for uri in list(self.workspace.text_documents):
            if _document_path(uri) is not None:
                self.schedule(uri, 0 if uri == saved else self.debounce)

    def reload_configuration(self) -> None:
        """A pyproject.toml changed: read the configurations again and analyse every open document."""
        self.engine.submit(self.settings.clear)  # on the engine's thread, before any later analysis
        self._shown_errors.clear()
        self.stale_project = True
        for uri in list(self.workspace.text_documents):
            if _document_path(uri) is not None:
                self.schedule(uri, 0)

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return str(getattr(encoding, "value", encoding))

    # -- requests ----------------------------------------------------------------------------

    async def on_engine(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self.engine, function, *args)


def _document_path(uri: str) -> Path | None:
    """The file of a Python document; None for anything else (other languages, unsaved buffers
    without a file name, other schemes)."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path is None or not path.endswith(_PYTHON_SUFFIXES):
        return None
    return Path(path)


def _is_pyproject(uri: str) -> bool:
    return uri.startswith("file:") and uri.rstrip("/").endswith("/pyproject.toml")
