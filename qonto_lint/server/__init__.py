"""`qonto-lint server`: a Language Server Protocol server over stdio.

Diagnostics as the document is opened, edited (after a short quiet time) and saved, computed on
the editor's buffer; code actions for the fixes, for fixing every safe problem and for a noqa
comment; the rule's explanation on hover. The configuration is each document's nearest
pyproject.toml. The server never writes a file: every edit goes back to the editor.

pygls and lsprotocol are imported when the server starts, never by a lint run.
"""

from __future__ import annotations

import sys

USAGE = """Usage: qonto-lint server [--debounce-ms N]

  Run the qonto-lint language server on stdin and stdout (Language Server Protocol).

Options:
  --debounce-ms N  wait N milliseconds after the last change before analysing (default 200)
  -h, --help       show this message and exit
"""


def main(argv: list[str]) -> int:
    """Run the server until the client asks it to exit; 2 for a bad command line."""
    debounce = None
    items = iter(argv)
    for item in items:
        name, equals, value = item.partition("=")
        if item in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if name == "--debounce-ms":
            given = value if equals else next(items, None)
            if given is None or not given.isdigit():
                sys.stderr.write("qonto-lint server: --debounce-ms takes a number of milliseconds\n")
                return 2
            debounce = int(given) / 1000
        else:
            sys.stderr.write(f"qonto-lint server: unknown argument {item!r} (try --help)\n")
            return 2
    try:
        from .features import create_server
    except ImportError as error:
        sys.stderr.write(f"qonto-lint server: the language server needs pygls and lsprotocol ({error})\n")
        return 2
    _quiet_logging()
    create_server(debounce).start_io()
    return 0


def _quiet_logging() -> None:
    """pygls logs to Python's logging: warnings and errors go to stderr (the editor's log),
    masked like every other output."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(masked_formatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)


def masked_formatter():
    """A logging formatter whose lines go through masking (an exception's text may quote the source)."""
    import logging

    from ..masking import mask_text

    class Masked(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return mask_text(super().format(record))

    return Masked("qonto-lint server: %(levelname)s %(name)s: %(message)s")
