"""Reports of one module whose values come from other modules of the project.

A header mistake is reported at the header site, in the module that sends it, even when the
value was built in another module: the message then says where (`settings.py:12`). What a rule
would report at a node of another module (a literal written there) is that module's finding,
reported when that module is linted: it is dropped here. A fix may only edit the module being
linted: a fix with an edit in another module is dropped (the engine, `--fix` and the reporters
only ever place and apply edits in the module they were computed for).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.values import Text

if TYPE_CHECKING:
    from ..facts.analysis import Facts
    from ..facts.project import ProjectView
    from ..facts.values import Value


def localise(reports: list, facts: Facts, view: ProjectView) -> list:
    """`reports` kept to this module: notes on values built elsewhere, foreign edits dropped."""
    if not view.read_any:  # no other module was read: nothing can be foreign
        return reports
    sites = {site.value_node: site for site in facts.header_sites}
    kept = []
    notes: dict = {}
    for report in reports:
        if view.foreign(report.node) is not None:
            continue
        fix = report.fix
        if fix is not None and any(view.foreign(edit.node) is not None for edit in fix.edits):
            report = report.replace(fix=None)
        site = sites.get(report.node)
        if site is not None:
            if site not in notes:
                notes[site] = built_in(facts.site_value(site), view)
            if notes[site]:
                report = report.replace(message=f"{report.message} (value built in {notes[site]})")
        kept.append(report)
    return kept


def built_in(value: Value, view: ProjectView) -> str:
    """`path:line` of where a value was built in another module ('' when it is all local):
    its first literal text from another module, else its first part from another module."""
    first_hole = None
    for part in _parts(value):
        node = part.node
        if node is None:
            continue
        loaded = view.foreign(node)
        if loaded is None:
            continue
        if isinstance(part, Text):
            return _where(node, loaded, view)
        if first_hole is None:
            first_hole = (node, loaded)
    return _where(*first_hole, view) if first_hole is not None else ""


def _parts(value: Value):
    for part in value.parts:
        yield part
        inner = getattr(part, "inner", None)
        if inner is not None:
            yield from _parts(inner)


def _where(node, loaded, view: ProjectView) -> str:
    from .positions import node_ranges

    ranges = node_ranges(loaded.facts.module, [node])
    line = ranges[node][0] if node in ranges else 1
    return f"{view.relative(loaded.path)}:{line}"
