"""Code actions and hover for one analysed document (run on the engine thread)."""

from __future__ import annotations

from lsprotocol import types

from ..model import Finding
from . import convert
from .analysis import Analysis, fix_all_edits, fix_edits
from .noqa import noqa_edit
from .text import Positions


def _overlaps(a: types.Range, b: types.Range) -> bool:
    start = (a.start.line, a.start.character)
    end = (a.end.line, a.end.character)
    return start <= (b.end.line, b.end.character) and (b.start.line, b.start.character) <= end


def code_actions(
    analysis: Analysis, wanted: types.Range, only: list[str] | None, encoding: str
) -> list[types.CodeAction]:
    """The actions for the findings under `wanted`: each one's fix, its noqa comment; and the
    fix of every safe problem of the document."""
    positions = Positions(analysis.text, encoding)
    actions: list[types.CodeAction] = []
    quick = convert.kind_wanted(types.CodeActionKind.QuickFix, only)
    for finding in analysis.findings if quick else ():
        diagnostic = convert.diagnostic(positions, finding)
        if not _overlaps(diagnostic.range, wanted):
            continue
        fix = _fix_action(analysis, finding, diagnostic, encoding)
        if fix is not None:
            actions.append(fix)
        noqa = _noqa_action(analysis, positions, finding, diagnostic, encoding)
        if noqa is not None:
            actions.append(noqa)
    fix_all = only is not None or any(f.fix is not None and f.fix.safe and f.fix.edits for f in analysis.findings)
    if fix_all and convert.kind_wanted(convert.FIX_ALL_KIND, only):
        edits = fix_all_edits(analysis, encoding)
        if edits:
            actions.append(
                types.CodeAction(
                    title=convert.FIX_ALL_TITLE,
                    kind=convert.FIX_ALL_KIND,
                    edit=convert.workspace_edit(analysis.uri, analysis.version, edits),
                )
            )
    return actions


def _fix_action(
    analysis: Analysis, finding: Finding, diagnostic: types.Diagnostic, encoding: str
) -> types.CodeAction | None:
    if finding.fix is None or not finding.fix.edits:
        return None
    edits = fix_edits(analysis, finding, encoding)
    if not edits:
        return None
    return types.CodeAction(
        title=convert.fix_title(finding),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=finding.fix.safe,
        edit=convert.workspace_edit(analysis.uri, analysis.version, edits),
    )


#: findings about the whole file, which no noqa comment silences
_NOT_SILENCED = frozenset({"QNT900"})


def _noqa_action(
    analysis: Analysis, positions: Positions, finding: Finding, diagnostic: types.Diagnostic, encoding: str
) -> types.CodeAction | None:
    if finding.code in _NOT_SILENCED:
        return None
    last = finding.end_line if finding.end_line > 0 else finding.line
    placed = noqa_edit(analysis.text, finding.code, finding.line - 1, last - 1)
    if placed is None:
        return None
    line, start, end, new_text = placed
    edit = (positions.position(line, start), positions.position(line, end), new_text)
    return types.CodeAction(
        title=convert.noqa_title(finding.code),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=convert.workspace_edit(analysis.uri, analysis.version, [edit]),
    )


def hover(analysis: Analysis, where: types.Position, encoding: str) -> types.Hover | None:
    """The explanation of the rules whose findings cover `where`."""
    positions = Positions(analysis.text, encoding)
    point = types.Range(where, where)
    parts = []
    covered = None
    for finding in analysis.findings:
        found = convert.to_range(positions, finding)
        if _overlaps(found, point):
            parts.append(convert.hover_text(finding))
            covered = covered or found
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=covered,
    )
