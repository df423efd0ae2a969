"""One file: bytes -> text gate -> parse -> facts -> rules -> noqa -> findings.

The engine is pure: source in, findings out. It never prints, never touches files,
and imports libcst only for a file that passes the text gate.

- `gates`: the text gate and CPython's AST gate
- `javascript`: JavaScript and TypeScript files (by their suffix): their gates, then their front end
- `parsing`: budgets, CPython's vetting, libcst's parse on a big stack, QNT900 reasons
- `placing` (with `positions` and `noqa`): reports -> findings with their placed fixes
"""

from __future__ import annotations

from ..files import is_javascript
from ..model import DOCS_URL, FileResult, Finding, Options
from .gates import passes_gate
from .parsing import OverBudget, Unparsable, internal_reason, on_big_stack, syntax_nodes, unreadable
from .running import TOO_DEEP, run_rules, skip

__all__ = [
    "DOCS_URL",
    "FileResult",
    "Finding",
    "Options",
    "analyse_module",
    "internal_reason",
    "lint_source",
    "passes_gate",
    "syntax_nodes",
    "unreadable",
]


def lint_source(data: bytes | str, path: str = "<stdin>", options: Options | None = None) -> FileResult:
    """Lint one module's source. `path` is the path shown, relative to the current directory; its
    suffix says the language (JAVASCRIPT_SUFFIXES: JavaScript or TypeScript, anything else: Python)."""
    options = options or Options()
    if isinstance(data, str):
        data = data.encode("utf-8")
    result = FileResult(path)
    if is_javascript(path):
        from .javascript import _lint_javascript

        return _lint_javascript(data, path, options, result)
    if not passes_gate(data, path, options):
        result.skipped = True
        return result
    return on_big_stack(_parse_and_analyse, data, path, options, result)


def _parse_and_analyse(data: bytes, path: str, options: Options, result: FileResult) -> FileResult:
    from .gates import cpython_parse
    from .parsing import check_text_budgets, parse

    try:
        check_text_budgets(data, options)
        tree, refused, may_report, size = cpython_parse(data, options)
        if not may_report:
            return result  # CPython's AST shows nothing any rule could report: libcst is not needed
        module = parse(data, tree, refused, options.max_syntax_nodes, size)
        _run_rules(module, path, options, data, result, tree)
    except (OverBudget, Unparsable) as error:
        skip(result, error, options)
    return result


def analyse_module(module, path: str, options: Options, data: bytes | None = None):
    """Run the rules over a parsed module.

    Returns (findings sorted, internal errors, [(report, range)] kept after noqa, parents).
    The reports keep their libcst nodes and Fix objects, and `parents` maps each node
    to its parent, for `--fix`.
    """
    result = FileResult(path)
    try:
        kept, parents = _run_rules(module, path, options, data, result)
    except (OverBudget, Unparsable) as error:
        skip(result, error, options)
        return result.findings, result.errors, [], {}
    return result.findings, result.errors, kept, parents


def _run_rules(
    module, path: str, options: Options, data: bytes | None, result: FileResult, tree=None
) -> tuple[list, dict]:
    """Facts, then every selected rule, then placing: the findings and internal errors go to
    `result`; returns the kept reports and the parents map. `tree`: CPython's AST of `data`, when
    the lint has it (the positions of findings are then found without counting lines)."""
    from ..facts.analysis import Facts
    from ..facts.collect import collect
    from ..facts.evaluate import EvaluationBudgetExceeded
    from ..facts.project import project_view
    from ..knowledge.qonto import mentions_qonto
    from .across import localise
    from .parsing import parse_vetted
    from .placing import place

    try:
        collected = collect(module, mentions_qonto(path), options.hosts)
        view = project_view(path, collected, options.hosts, parse_vetted)
        facts = Facts(
            collected,
            assume_qonto=options.assume_qonto,
            evaluation_budget=options.max_evaluation_steps,
            project=view,
        )
        facts.want_fixes = options.fixes
    except RecursionError:
        raise Unparsable(TOO_DEEP) from None
    if len(facts.header_sites) > options.max_header_sites:  # each costs every rule and every pass of --fix
        raise OverBudget("header sites", options.max_header_sites, "max-header-sites")
    reports = run_rules(facts, options, result, (EvaluationBudgetExceeded,))
    if view is not None:
        reports = localise(reports, facts, view)
    if not reports:
        return [], facts.c.parents
    try:
        findings, kept = place(reports, module, path, data, facts.c.parents, tree)
    except RecursionError:  # printing the tree back to find positions recurses once per nesting level
        raise Unparsable(TOO_DEEP) from None
    result.findings.extend(findings)
    return kept, facts.c.parents
