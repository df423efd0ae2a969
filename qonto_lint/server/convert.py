"""Findings and edits as lsprotocol values: diagnostics, code actions, hover text."""

from __future__ import annotations

from lsprotocol import types

from ..masking import mask_text
from ..model import Finding
from .text import Edit, Positions

SOURCE = "qonto-lint"
FIX_ALL_KIND = "source.fixAll.qonto-lint"
FIX_ALL_TITLE = "Fix all safe qonto-lint problems"

#: the request will be refused or the credential is exposed: an error; the rest (hosts, the
#: sandbox) a warning; a file that cannot be analysed (often a buffer in mid-edit) information
_SEVERITY_BY_FAMILY = {
    "QNT1": types.DiagnosticSeverity.Error,
    "QNT2": types.DiagnosticSeverity.Error,
    "QNT3": types.DiagnosticSeverity.Warning,
    "QNT9": types.DiagnosticSeverity.Information,
}
#: rules whose finding is code that still works but is on its way out (shown struck through)
_DEPRECATED = frozenset({"QNT306"})


def severity(code: str) -> types.DiagnosticSeverity:
    return _SEVERITY_BY_FAMILY.get(code[:4], types.DiagnosticSeverity.Warning)


def to_range(positions: Positions, finding: Finding) -> types.Range:
    (line, character), (end_line, end_character) = positions.finding_range(
        finding.line, finding.column, finding.end_line, finding.end_column
    )
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def diagnostic(positions: Positions, finding: Finding) -> types.Diagnostic:
    fix = finding.fix if finding.fix is not None and finding.fix.edits else None
    return types.Diagnostic(
        range=to_range(positions, finding),
        message=mask_text(finding.message),
        severity=severity(finding.code),
        code=finding.code,
        code_description=types.CodeDescription(href=finding.url),
        source=SOURCE,
        tags=[types.DiagnosticTag.Deprecated] if finding.code in _DEPRECATED else None,
        data=None if fix is None else {"fix": fix.applicability, "title": mask_text(fix.message)},
    )


def text_edits(edits: list[Edit]) -> list[types.TextEdit]:
    return [
        types.TextEdit(types.Range(types.Position(*start), types.Position(*end)), new_text)
        for start, end, new_text in edits
    ]


def workspace_edit(uri: str, version: int | None, edits: list[Edit]) -> types.WorkspaceEdit:
    """The edits of one document, tied to the version they were computed on: a client whose
    buffer has moved on since refuses them rather than applying them in the wrong place."""
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=list(text_edits(edits)),
            )
        ]
    )


def fix_title(finding: Finding) -> str:
    assert finding.fix is not None
    title = f"{mask_text(finding.fix.message)} ({finding.code})"
    return title if finding.fix.safe else f"{title} (unsafe)"


def noqa_title(code: str) -> str:
    return f"Ignore with `# noqa: {code}`"


def hover_text(finding: Finding) -> str:
    """The rule's explanation (its DOCS) under the finding's message, in Markdown."""
    from ..rules import RULES_BY_CODE

    rule = RULES_BY_CODE.get(finding.code)
    message = mask_text(finding.message)
    if rule is None:
        return f"**{finding.code}**: {message}\n\n[Documentation]({finding.url})"
    return f"**{rule.CODE} {rule.NAME}**: {message}\n\n---\n\n{rule.docs()}\n[Documentation]({finding.url})"


def kind_wanted(kind: str, only: list[str] | None) -> bool:
    """A client's `only` filter: a kind is wanted when it is, or is under, one of the requested ones."""
    return only is None or any(kind == wanted or kind.startswith(wanted + ".") for wanted in only)
