"""The lint command: options, then lint, fix or report, and the exit status (one place)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..config import FORMATS, ConfigError, did_you_mean, load
from ..engine.parsing import internal_reason
from ..files import PathError, PathMatcher, collect_files, outside_the_tree
from ..masking import for_terminal
from ..model import FileResult
from .errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageProblem, guarded, one_line, read_stdin
from .outcome import Linted, StdinInput, order
from .settings import Settings, output_format


class QontoLintCommand(click.Command):
    """`main` turns every error into one line on stderr and exit status 2, never a traceback.

    Living in the command (not only in `entry`) means click's CliRunner sees exactly
    what a user sees.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from .streams import tolerant_streams

        tolerant_streams()
        status = guarded(
            lambda: super(QontoLintCommand, self).main(
                args, prog_name or "qonto-lint", complete_var, standalone_mode=False, **extra
            ),
            prog="qonto-lint",
            fail=_fail,
            expected=(UsageProblem, ConfigError, PathError),  # a bad baseline is a ConfigError too
            internal=lambda error: _fail(f"internal error: {for_terminal(internal_reason(error))}", masked=True),
        )
        if standalone_mode:
            sys.exit(status)
        return status


def _fail(message: str, masked: bool = False) -> None:
    line = message if masked else for_terminal(one_line(message))
    sys.stderr.write(f"qonto-lint: error: {line}\n")


def _csv(ctx, param, value):
    if value is None:
        return None
    out: list[str] = []
    for item in value:
        out.extend(part.strip() for part in item.split(",") if part.strip())
    if value and not out and param.name == "select":
        # `--select "$CODES"` with nothing in it would otherwise select every rule
        raise click.BadParameter(f"{','.join(value)!r} names no rule code or prefix")
    return tuple(out)


@click.command(
    name="qonto-lint",
    cls=QontoLintCommand,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=(
        "Exit status: 0 no findings, 1 findings, 2 usage, configuration or internal error.\n\n"
        "To diagnose one Authorization value step by step: qonto-lint doctor --help"
    ),
)
# readable=False: an unreadable file is a QNT900 finding of the run, not a usage error that stops it
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True, readable=False))
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format."
)
@click.option(
    "--select", multiple=True, callback=_csv, help="Rule codes or prefixes to enable (e.g. QNT1,QNT201). Default: all."
)
@click.option(
    "--extend-select", multiple=True, callback=_csv, help="Rule codes or prefixes to enable on top of --select."
)
@click.option("--ignore", multiple=True, callback=_csv, help="Rule codes or prefixes to disable.")
@click.option(
    "--exclude",
    multiple=True,
    callback=_csv,
    help="Globs of paths to skip (replaces the defaults and the configured list).",
)
@click.option("--extend-exclude", multiple=True, callback=_csv, help="Globs of paths to skip, on top of the defaults.")
@click.option(
    "--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too (for pre-commit)."
)
@click.option("--stdin-filename", metavar="NAME", help="Lint standard input as this file (with `-`, or alone).")
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    help="Read [tool.qonto-lint] from this file instead of the nearest pyproject.toml.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--assume-qonto/--no-assume-qonto",
    default=False,
    help="Treat every header as Qonto's (for projects that call no other API).",
)
@click.option(
    "--baseline", "baseline_path", metavar="FILE", help="Report only the findings that this baseline does not record."
)
@click.option(
    "--write-baseline", "write_baseline_path", metavar="FILE", help="Record today's findings in FILE and exit 0."
)
@click.option("--fix", is_flag=True, help="Apply safe fixes; files are rewritten atomically.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change, and change nothing.")
@click.option(
    "--exit-non-zero-on-fix", is_flag=True, help="With --fix, exit 1 when anything was fixed, even if nothing remains."
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to use. Default: the number of CPUs."
)
@click.option("--statistics", is_flag=True, help="Print the number of findings per code instead of the findings.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--no-color", is_flag=True, help="Never colour the text output (NO_COLOR is honoured too).")
@click.option("--show-settings", is_flag=True, help="Print the settings of the first PATH (and their file), and exit.")
@click.option("--show-files", is_flag=True, help="Print the files that would be linted, and exit.")
@click.option("--explain", metavar="CODE", help="Print the documentation of one rule and exit.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit (--format json for JSON).")
@click.version_option(__version__, "--version", prog_name="qonto-lint", message="%(prog)s %(version)s")
@click.pass_context
def lint(ctx: click.Context, **kwargs) -> int:
    """Find malformed Qonto Authorization headers and hardcoded Qonto credentials.

    PATHS are files or directories (default: the current directory); `-` reads
    standard input.
    """
    return run(ctx, kwargs)


def run(ctx: click.Context, params: dict[str, Any]) -> int:
    if params["explain"] is not None:
        return _explain(params["explain"], sys.stdout)
    config = load(params["config_path"], params["isolated"])
    chosen_format = output_format(ctx, params["output_format"], config.values)
    if params["list_rules"]:
        return _list_rules(chosen_format, sys.stdout)
    settings = Settings.merge(ctx, params, config, chosen_format)
    if settings.baseline_path is not None or settings.write_baseline_path is not None:
        from .. import baseline as baselines
    recorded = baselines.read(settings.baseline_path) if settings.baseline_path is not None else None  # fails fast
    if settings.stdin_filename is not None and not settings.stdin_filename.strip():
        raise UsageProblem("--stdin-filename needs a file name, not an empty one")
    if params["show_settings"] or params["show_files"]:
        from .show import show_files, show_settings

        if params["show_settings"]:
            return show_settings(settings, sys.stdout)
        return show_files(settings, _candidates(settings, [p for p in settings.paths if p != "-"] or ["."]), sys.stdout)
    linted = _lint(settings)
    if settings.write_baseline_path is not None:
        return _write_baseline(settings, linted, baselines)
    if recorded is not None:
        assert settings.baseline_path is not None  # `recorded` was read from it
        linted.findings, linted.baselined = baselines.filter_new(linted.findings, settings.baseline_path, recorded)
    if settings.fix or settings.diff:
        if linted.stdin is not None:
            from .fix import fix_stdin

            return fix_stdin(settings, linted.stdin, linted.findings)
        from .fix import fix_and_report

        return fix_and_report(settings, linted)
    return _report(settings, linted)


def _lint(settings: Settings) -> Linted:
    """Lint standard input and the paths; internal errors are written to stderr."""
    linted = Linted()
    if settings.output_format == "full" and not settings.statistics:
        linted.sources = {}
    paths = settings.paths or (["-"] if settings.stdin_filename else ["."])
    if "-" in paths:
        linted.stdin, result = _lint_stdin(settings, linted.sources)
        linted.results.extend(result)
        paths = [p for p in paths if p != "-"]
    if paths:
        candidates = _candidates(settings, paths)
        from ..runner import lint_candidates

        options_of = (
            None if settings.resolver is None else (lambda c: settings.settings_for(c.path, is_file=True).options)
        )
        linted.results.extend(
            lint_candidates(candidates, settings.options, settings.jobs, linted.sources, options_of=options_of)
        )
        if settings.fix and not settings.diff:
            with_findings = {result.path for result in linted.results if result.findings}
            linted.outside = outside_the_tree([c for c in candidates if c.display in with_findings], paths)
    linted.findings = sorted(
        (f for result in linted.results for f in result.findings if not settings.ignored(f)), key=order
    )
    linted.errors = [(result.path, code, reason) for result in linted.results for code, reason in result.errors]
    for path, code, reason in linted.errors:
        sys.stderr.write(
            f"qonto-lint: error: {for_terminal(f'internal error in {code} on {path}: {one_line(reason)}')}\n"
        )
    return linted


def _candidates(settings: Settings, paths: list[str]) -> list:
    """The files to lint: the walk with the run's excludes, then each file's own configuration's."""
    candidates = collect_files(
        paths,
        exclude=settings.excludes,
        extend_exclude=settings.extend_excludes,
        force_exclude=settings.force_exclude,
        root=settings.config.root,
        listing=None if settings.resolver is None else settings.resolver.listed,
    )
    if settings.resolver is not None:
        candidates = [c for c in candidates if not _excluded_by_own_config(settings, c)]
    return candidates


def _excluded_by_own_config(settings: Settings, candidate) -> bool:
    own = settings.settings_for(candidate.path, is_file=True)
    return own is not settings and own.excluded(candidate.path, candidate.explicit)


def _write_baseline(settings: Settings, linted: Linted, baselines) -> int:
    assert settings.write_baseline_path is not None
    count = baselines.write(settings.write_baseline_path, linted.findings)
    if not settings.quiet:
        noun = "finding" if count == 1 else "findings"
        sys.stderr.write(f"Wrote {count} {noun} to the baseline {for_terminal(settings.write_baseline_path)}.\n")
    return EXIT_ERROR if linted.errors else EXIT_CLEAN


def _report(settings: Settings, linted: Linted) -> int:
    out = sys.stdout
    findings = linted.findings
    if settings.statistics:
        from ..reporters.statistics import statistics

        statistics(findings, out, output_format=settings.output_format)
    elif findings or settings.output_format not in ("text", "full", "github"):  # nothing to print for empty text
        from ..reporters import reporter

        reporter(settings.output_format)(
            findings, out, color=settings.color(out), sources=linted.sources, unsafe_fixes=settings.unsafe_fixes
        )
    out.flush()
    if not settings.quiet:
        from ..reporters.summary import fixable_line

        sys.stderr.write(summary_line(linted) + fixable_line(findings, settings.unsafe_fixes))
    if linted.errors:
        return EXIT_ERROR
    if findings and not settings.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def summary_line(linted: Linted) -> str:
    from ..reporters.summary import summary

    findings, results = linted.findings, linted.results
    analysed = sum(1 for r in results if not r.skipped)
    return summary(len(findings), len({f.path for f in findings}), len(results), analysed, linted.baselined)


def _lint_stdin(settings: Settings, sources: dict | None) -> tuple[StdinInput, list[FileResult]]:
    from ..engine.parsing import unreadable
    from ..runner import lint_data, source_lines

    stdin_filename = settings.stdin_filename
    options = settings.settings_for(stdin_filename).options if stdin_filename else settings.options
    max_size = options.max_file_size
    data = read_stdin(max_size + 1)
    name = os.path.normpath(stdin_filename) if stdin_filename else "-"
    stdin = StdinInput(name, data)
    patterns = settings.excludes + settings.extend_excludes
    if (
        settings.force_exclude
        and stdin_filename
        and PathMatcher(patterns, settings.config.root).match(Path(stdin_filename), ancestors=True)
    ):
        stdin.excluded = True
        return stdin, []
    if len(data) > max_size:  # the same budget as a file: the rest is not even read
        stdin.over_budget = True
        reason = f"skipped: standard input is over the {max_size}-byte limit (max-file-size)"
        return stdin, [FileResult(name, [unreadable(name, reason)] if options.selected("QNT900") else [])]
    result = lint_data(data, name, options)
    stdin.over_budget = result.over_budget
    if sources is not None and result.findings:
        for cell, lines in source_lines(data, name).items():
            sources[(name, cell)] = lines
    return stdin, [result]


def _explain(code: str, out) -> int:
    from ..docs import rule_section
    from ..rules import ALL_RULES, RULES_BY_CODE

    wanted = code.strip()
    by_name = {rule.NAME: rule for rule in ALL_RULES}
    rule = RULES_BY_CODE.get(wanted.upper()) or by_name.get(wanted.lower())
    if rule is None:
        hint = did_you_mean(wanted.upper(), RULES_BY_CODE) or did_you_mean(wanted.lower(), by_name)
        raise UsageProblem(f"unknown rule '{wanted}' for --explain{hint}")
    out.write(rule_section(rule, level=1))
    return EXIT_CLEAN


def _list_rules(output_format: str, out) -> int:
    from ..rules import ALL_RULES

    if output_format in ("json", "json-lines"):
        import json

        rows = [{"code": r.CODE, "name": r.NAME, "fixable": r.FIXABLE, "summary": r.SUMMARY} for r in ALL_RULES]
        if output_format == "json":
            out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        else:
            out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        return EXIT_CLEAN
    width = max(len(r.NAME) for r in ALL_RULES)
    for r in ALL_RULES:
        out.write(f"{r.CODE}  {r.NAME:<{width}}  {'fixable' if r.FIXABLE else '-      '}  {r.SUMMARY}\n")
    return EXIT_CLEAN
