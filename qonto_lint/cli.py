"""The command line: options, configuration, choosing a reporter, the exit status (one place)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from . import __version__
from .config import (
    FORMATS,
    ConfigError,
    LoadedConfig,
    budgets,
    did_you_mean,
    expand_codes,
    host_table,
    load,
    max_file_size,
)
from .config import excludes as config_excludes
from .engine import FileResult, Finding, Options
from .files import PathError, PathMatcher, collect_files, outside_the_tree
from .masking import for_terminal

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageProblem(Exception):
    """A usage error: one line on stderr, exit status 2."""


def usage_message(error: click.UsageError) -> str:
    """click's usage error on one line, worded the same whatever click's version."""
    if isinstance(error, click.NoSuchOption):
        hint = f" (did you mean {', '.join(sorted(error.possibilities))}?)" if error.possibilities else ""
        return f"No such option: {error.option_name}{hint}"
    return _one_line(error.format_message())


def _one_line(text: str) -> str:
    lines = str(text).strip().splitlines()
    return lines[0] if lines else ""


class QontoLintCommand(click.Command):
    """`main` turns every error into one line on stderr and exit status 2, never a traceback.

    Living in the command (not only in `entry`) means click's CliRunner sees exactly
    what a user sees.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        _tolerant_streams()
        err = sys.stderr
        try:
            status = super().main(args, prog_name or "qonto-lint", complete_var, standalone_mode=False, **extra)
        except click.UsageError as error:
            err.write(f"qonto-lint: error: {for_terminal(usage_message(error))}\n")
            status = EXIT_ERROR
        except click.exceptions.Exit as error:
            status = error.exit_code
        except click.Abort:
            err.write("qonto-lint: error: aborted\n")
            status = EXIT_ERROR
        except (UsageProblem, ConfigError, PathError) as error:  # a bad baseline is a ConfigError too
            err.write(f"qonto-lint: error: {for_terminal(_one_line(error))}\n")
            status = EXIT_ERROR
        except SystemExit as error:  # click's answer to a closed pipe (`qonto-lint | head`)
            status = error.code if isinstance(error.code, int) else EXIT_ERROR
        except BrokenPipeError:
            status = EXIT_ERROR
        except KeyboardInterrupt:
            err.write("qonto-lint: interrupted\n")
            status = 130
        except Exception as error:  # the last line of defence: never a traceback, never a secret
            from .engine import internal_reason

            err.write(f"qonto-lint: error: internal error: {for_terminal(internal_reason(error))}\n")
            status = EXIT_ERROR
        status = EXIT_CLEAN if status is None else int(status)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing more to say there
                pass
        if standalone_mode:
            sys.exit(status)
        return status


def _tolerant_streams() -> None:
    from .fast import tolerant_streams

    tolerant_streams()


def _csv(ctx, param, value):
    if value is None:
        return None
    out: list[str] = []
    for item in value:
        out.extend(part.strip() for part in item.split(",") if part.strip())
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
@click.option("--explain", metavar="CODE", help="Print the documentation of one rule and exit.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit (--format json for JSON).")
@click.version_option(__version__, "--version", prog_name="qonto-lint", message="%(prog)s %(version)s")
@click.pass_context
def lint(ctx: click.Context, **kwargs) -> int:
    """Find malformed Qonto Authorization headers and hardcoded Qonto credentials.

    PATHS are files or directories (default: the current directory); `-` reads
    standard input.
    """
    return run(ctx, **kwargs)


def _given(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP, None)


def resolve_selection(cfg: dict, select, extend_select, ignore) -> frozenset[str]:
    """Rule selection in layers, as ruff does: the file's, then the command line's.

    In each layer `select` replaces what was selected, `extend-select` adds and `ignore`
    removes; so `--select QNT101` wins over an `ignore = ["QNT101"]` in the file.
    """
    from .codes import CODES

    selected = frozenset(CODES)
    layers = (
        (cfg.get("select"), cfg.get("extend-select"), cfg.get("ignore"), ""),
        (select or None, extend_select or None, ignore or None, "--"),
    )
    for chosen, extended, ignored, prefix in layers:
        if chosen:
            selected = expand_codes(chosen, f"{prefix}select")
        if extended:
            selected |= expand_codes(extended, f"{prefix}extend-select")
        if ignored:
            selected -= expand_codes(ignored, f"{prefix}ignore")
    return selected


def run(
    ctx: click.Context,
    paths,
    output_format,
    select,
    extend_select,
    ignore,
    exclude,
    extend_exclude,
    force_exclude,
    stdin_filename,
    config_path,
    isolated,
    assume_qonto,
    baseline_path,
    write_baseline_path,
    fix,
    unsafe_fixes,
    diff,
    exit_non_zero_on_fix,
    jobs,
    statistics,
    quiet,
    exit_zero,
    no_color,
    explain,
    list_rules,
) -> int:
    out = sys.stdout
    err = sys.stderr

    if explain is not None:
        return _explain(explain, out)

    config = load(config_path, isolated)
    cfg = config.values
    if not _given(ctx, "output_format") and "format" in cfg:
        output_format = cfg["format"]
    if list_rules:
        return _list_rules(output_format, out)

    if not _given(ctx, "assume_qonto"):
        assume_qonto = bool(cfg.get("assume-qonto", False))
    options = Options(
        resolve_selection(cfg, select, extend_select, ignore), assume_qonto, host_table(cfg), **budgets(cfg)
    )

    excludes, extend_excludes = config_excludes(cfg, exclude, extend_exclude)
    max_size = max_file_size(cfg)
    jobs = jobs or os.cpu_count() or 1

    if baseline_path is not None or write_baseline_path is not None:
        from . import baseline as baselines
    recorded = baselines.read(baseline_path) if baseline_path is not None else None  # bad input fails fast

    if stdin_filename is not None and not stdin_filename.strip():
        raise UsageProblem("--stdin-filename needs a file name, not an empty one")
    paths = list(paths)
    if not paths:
        paths = ["-"] if stdin_filename else ["."]
    results: list[FileResult] = []
    sources: dict | None = {} if output_format == "full" and not statistics else None
    stdin: dict = {}
    outside: set = set()  # files reached through a link out of the linted tree: --fix leaves them
    if "-" in paths:
        results.extend(
            _lint_stdin(
                stdin_filename, options, force_exclude, excludes + extend_excludes, config, sources, stdin, max_size
            )
        )
        paths = [p for p in paths if p != "-"]
    if paths:
        candidates = collect_files(
            paths, exclude=excludes, extend_exclude=extend_excludes, force_exclude=force_exclude, root=config.root
        )
        from .runner import lint_candidates

        results.extend(lint_candidates(candidates, options, max_size, jobs, sources))
        if fix and not diff:
            with_findings = {result.path for result in results if result.findings}
            outside = outside_the_tree([c for c in candidates if c.display in with_findings], paths)

    per_file_ignores = [
        (PathMatcher((glob,), config.root), expand_codes(codes, "per-file-ignores"))
        for glob, codes in cfg.get("per-file-ignores", {}).items()
    ]
    findings = sorted(
        (f for result in results for f in result.findings if not _per_file_ignored(f, per_file_ignores)),
        key=_order,
    )
    errors = [(result.path, code, reason) for result in results for code, reason in result.errors]
    for path, code, reason in errors:
        err.write(f"qonto-lint: error: {for_terminal(f'internal error in {code} on {path}: {_one_line(reason)}')}\n")

    if write_baseline_path is not None:
        count = baselines.write(write_baseline_path, findings)
        if not quiet:
            noun = "finding" if count == 1 else "findings"
            err.write(f"Wrote {count} {noun} to the baseline {for_terminal(write_baseline_path)}.\n")
        return EXIT_ERROR if errors else EXIT_CLEAN

    baselined = 0
    if recorded is not None:
        findings, baselined = baselines.filter_new(findings, baseline_path, recorded)

    if fix or diff:
        if stdin:
            return _fix_stdin(
                stdin,
                findings,
                options,
                fix=fix and not diff,
                unsafe=unsafe_fixes,
                quiet=quiet,
                exit_zero=exit_zero,
                out=out,
                err=err,
            )
        return _fix(
            findings,
            options,
            per_file_ignores,
            results,
            errors,
            outside,
            fix=fix and not diff,
            unsafe=unsafe_fixes,
            exit_non_zero_on_fix=exit_non_zero_on_fix,
            exit_zero=exit_zero,
            quiet=quiet,
            output_format=output_format,
            no_color=no_color,
            sources=sources,
            out=out,
            err=err,
        )

    if statistics:
        from .reporters import statistics as print_statistics

        print_statistics(findings, out, output_format=output_format)
    elif findings or output_format not in ("text", "full", "github"):  # nothing to print for an empty text report
        from .reporters import REPORTERS

        color = output_format in ("text", "full") and not no_color and not os.environ.get("NO_COLOR") and out.isatty()
        REPORTERS[output_format](findings, out, color=color, sources=sources)
    out.flush()
    if not quiet:
        err.write(_summary(findings, results, baselined))

    if errors:
        return EXIT_ERROR
    if findings and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _fix(
    findings,
    options,
    per_file_ignores,
    results,
    errors,
    outside,
    *,
    fix,
    unsafe,
    exit_non_zero_on_fix,
    exit_zero,
    quiet,
    output_format,
    no_color,
    sources,
    out,
    err,
) -> int:
    """--fix and --diff: apply (or show) the fixes, then report what remains."""
    from .fixer import fix_files, fixable
    from .reporters import REPORTERS

    def options_for(path: str):
        ignored = {
            code for matcher, codes in per_file_ignores if matcher.match(Path(path), ancestors=True) for code in codes
        }
        return options.replace(select=frozenset(options.select) - ignored) if ignored else options

    run = fix_files(findings, options_for, unsafe=unsafe, write=fix, outside=outside)
    for message in run.errors:
        err.write(f"qonto-lint: error: {for_terminal(_one_line(message))}\n")
    if not fix:  # --diff
        for text in run.diffs:
            out.write(text)
        out.flush()
        if not quiet:
            would = sum(1 for f in findings if fixable(f, unsafe))
            noun = "fix" if would == 1 else "fixes"
            err.write(f"Would apply {would} {noun} in {len(run.diffs)} file{'' if len(run.diffs) == 1 else 's'}.\n")
        if errors or run.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if run.diffs else EXIT_CLEAN
    remaining = [f for f in findings if f.path not in run.remaining]
    for path, left in run.remaining.items():
        remaining.extend(f for f in left if not _per_file_ignored(f, per_file_ignores))
    remaining.sort(key=_order)
    color = output_format in ("text", "full") and not no_color and not os.environ.get("NO_COLOR") and out.isatty()
    if sources is not None:
        for path in run.remaining:
            sources.pop((path, None), None)
            try:
                with open(path, "rb") as handle:
                    sources[(path, None)] = handle.read().decode("utf-8", "replace").splitlines()
            except OSError:
                pass
    REPORTERS[output_format](remaining, out, color=color, sources=sources)
    out.flush()
    if not quiet:
        noun = "finding" if run.applied == 1 else "findings"
        err.write(f"Fixed {run.applied} {noun} ({len(remaining)} remaining).\n")
    if errors or run.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    if remaining or (exit_non_zero_on_fix and run.applied):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _fix_stdin(stdin: dict, findings, options, *, fix, unsafe, quiet, exit_zero, out, err) -> int:
    """Standard input with --fix: the fixed source goes to stdout (nothing is written); with --diff, the diff."""
    from .fixer import FixError, diff_file, fix_file
    from .reporters import REPORTERS

    name, data = stdin["name"], stdin["data"]
    if stdin.get("excluded"):  # --force-exclude: the source goes back as it came
        if fix:
            out.flush()
            _echo_stdin(data)
        return EXIT_CLEAN
    if stdin.get("over_budget"):  # skipped (QNT900): fixing would cost what the budget refused
        return _unfixed_stdin(data, findings, fix=fix, quiet=quiet, exit_zero=exit_zero, out=out, err=err)
    try:
        outcome = fix_file(data, name, options, unsafe=unsafe)  # a notebook by its name's suffix
    except Exception as error:  # the source goes back unchanged: a pipe must not lose the user's code
        if isinstance(error, FixError):
            reason = _one_line(str(error))
        else:
            from .engine import internal_reason

            reason = f"internal error while fixing: {internal_reason(error)}"
        err.write(f"qonto-lint: error: {for_terminal(f'{name}: {reason}')}\n")
        if fix:
            out.flush()
            _echo_stdin(data)
        return EXIT_ERROR
    if not fix:
        out.write(diff_file(name, data, outcome.fixed) if outcome.changed else "")
        out.flush()
        return EXIT_FINDINGS if outcome.changed else EXIT_CLEAN
    out.flush()
    sys.stdout.buffer.write(outcome.fixed)
    sys.stdout.buffer.flush()
    REPORTERS["text"](outcome.remaining, err)
    if not quiet:
        noun = "finding" if outcome.applied == 1 else "findings"
        err.write(f"Fixed {outcome.applied} {noun} ({len(outcome.remaining)} remaining).\n")
    if outcome.remaining and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _unfixed_stdin(data: bytes, findings, *, fix, quiet, exit_zero, out, err) -> int:
    """Standard input that was not analysed: with --fix the source goes back unchanged and the
    finding is reported on stderr, as a fix's remaining findings are; with --diff, no diff."""
    from .reporters import REPORTERS

    out.flush()
    if fix:
        _echo_stdin(data)
    REPORTERS["text"](findings, err)
    if fix and not quiet:
        err.write(f"Fixed 0 findings ({len(findings)} remaining).\n")
    return EXIT_CLEAN if exit_zero or not findings else EXIT_FINDINGS


def _echo_stdin(data: bytes) -> None:
    """Give standard input back whole, as --fix does when it changes nothing: what was read, then
    whatever was left unread past max-file-size (a pipe must never lose the user's code)."""
    import shutil

    sys.stdout.buffer.write(data)
    shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout.buffer.flush()


def _order(finding: Finding):
    return (finding.path, finding.cell or 0, finding.line, finding.column, finding.code, finding.message)


def _summary(findings: list[Finding], results: list[FileResult], baselined: int) -> str:
    from .fast import summary

    analysed = sum(1 for r in results if not r.skipped)
    return summary(len(findings), len({f.path for f in findings}), len(results), analysed, baselined)


def _lint_stdin(
    stdin_filename, options, force_exclude, patterns, config: LoadedConfig, sources, keep: dict, max_size: int
) -> list[FileResult]:
    from .engine import is_over_budget, unreadable
    from .runner import lint_data, source_lines

    try:
        data = sys.stdin.buffer.read(max_size + 1)
    except (AttributeError, OSError, ValueError):  # no stdin at all (`<&-`), or a closed descriptor
        raise UsageProblem("cannot read standard input: it is closed") from None
    name = os.path.normpath(stdin_filename) if stdin_filename else "-"
    keep["name"], keep["data"] = name, data  # --fix writes it back, unchanged when excluded
    if (
        force_exclude
        and stdin_filename
        and PathMatcher(patterns, config.root).match(Path(stdin_filename), ancestors=True)
    ):
        keep["excluded"] = True
        return []
    if len(data) > max_size:  # the same budget as a file: the rest is not even read
        keep["over_budget"] = True
        reason = f"skipped: standard input is over the {max_size}-byte limit (max-file-size)"
        return [
            FileResult(name, [unreadable(name, reason)] if options.select is None or "QNT900" in options.select else [])
        ]
    result = lint_data(data, name, options)
    keep["over_budget"] = any(is_over_budget(f) for f in result.findings)
    if sources is not None and result.findings:
        for cell, lines in source_lines(data, name).items():
            sources[(name, cell)] = lines
    return [result]


def _per_file_ignored(finding: Finding, table: list[tuple[PathMatcher, frozenset[str]]]) -> bool:
    if finding.path == "-":
        return False
    return any(finding.code in codes and matcher.match(Path(finding.path), ancestors=True) for matcher, codes in table)


def _explain(code: str, out) -> int:
    from .docs import rule_section
    from .rules import ALL_RULES, RULES_BY_CODE

    wanted = code.strip()
    by_name = {rule.NAME: rule for rule in ALL_RULES}
    rule = RULES_BY_CODE.get(wanted.upper()) or by_name.get(wanted.lower())
    if rule is None:
        hint = did_you_mean(wanted.upper(), RULES_BY_CODE) or did_you_mean(wanted.lower(), by_name)
        raise UsageProblem(f"unknown rule '{wanted}' for --explain{hint}")
    out.write(rule_section(rule, level=1))
    return EXIT_CLEAN


def _list_rules(output_format: str, out) -> int:
    from .rules import ALL_RULES

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


def main(argv: list[str] | None = None) -> int:
    """Run qonto-lint with `argv`; returns the exit status (errors are one line on stderr)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["doctor"]:
        from .doctor import doctor_main

        return doctor_main(argv[1:])
    return lint.main(argv, prog_name="qonto-lint", standalone_mode=False)


def entry() -> None:
    sys.exit(main())
