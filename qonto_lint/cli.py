"""The command line: options, configuration, choosing a reporter, the exit status (one place)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from . import __version__
from .config import DEFAULT_MAX_FILE_SIZE, FORMATS, ConfigError, load
from .engine import FileResult, Finding, Options
from .facts.hosts import HostTable
from .files import DEFAULT_EXCLUDES, PathError, collect_files

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageProblem(Exception):
    """A usage or configuration error: one line on stderr, exit status 2."""


def all_codes() -> list[str]:
    from .rules import ALL_RULES

    return [rule.CODE for rule in ALL_RULES]


def expand_codes(values: list[str] | tuple[str, ...], option: str) -> set[str]:
    """Codes or prefixes (`QNT1`, `ALL`) -> the set of codes; an unknown one is an error."""
    codes = all_codes()
    out: set[str] = set()
    for raw in values:
        for item in str(raw).split(","):
            item = item.strip().upper()
            if not item:
                continue
            if item == "ALL":
                out.update(codes)
                continue
            matched = [code for code in codes if code.startswith(item)]
            if not matched:
                import difflib

                suggestion = difflib.get_close_matches(item, codes, n=1)
                hint = f" (did you mean {suggestion[0]}?)" if suggestion else ""
                raise UsageProblem(f"unknown rule code or prefix '{item}' in {option}{hint}")
            out.update(matched)
    return out


def _csv(ctx, param, value):
    if value is None:
        return None
    out: list[str] = []
    for item in value:
        out.extend(part.strip() for part in item.split(",") if part.strip())
    return tuple(out)


@click.command(
    name="qonto-lint",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Exit status: 0 no findings, 1 findings, 2 usage, configuration or internal error.",
)
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, callback=_csv, help="Rule codes or prefixes to enable (e.g. QNT1,QNT201). Default: all.")
@click.option("--extend-select", multiple=True, callback=_csv, help="Rule codes or prefixes to enable on top of --select.")
@click.option("--ignore", multiple=True, callback=_csv, help="Rule codes or prefixes to disable.")
@click.option("--exclude", multiple=True, callback=_csv, help="Globs of paths to skip (replaces the defaults).")
@click.option("--extend-exclude", multiple=True, callback=_csv, help="Globs of paths to skip, on top of the defaults.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too (for pre-commit).")
@click.option("--stdin-filename", metavar="NAME", help="The file name to use for source read from stdin (`-`).")
@click.option("--config", "config_path", metavar="PATH", help="Read [tool.qonto-lint] from this file instead of the nearest pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--assume-qonto/--no-assume-qonto", default=False, help="Treat every header as Qonto's (for projects that call no other API).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to use. Default: the number of CPUs.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per code instead of the findings.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--no-color", is_flag=True, help="Never colour the text output.")
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


def run(ctx: click.Context, paths, output_format, select, extend_select, ignore, exclude, extend_exclude,
        force_exclude, stdin_filename, config_path, isolated, assume_qonto, jobs, statistics, quiet,
        exit_zero, no_color, explain, list_rules) -> int:
    out = click.get_text_stream("stdout")
    err = click.get_text_stream("stderr")

    if explain is not None:
        return _explain(explain, out)

    config = load(config_path, isolated)
    cfg = config.values
    if not _given(ctx, "output_format") and "format" in cfg:
        output_format = cfg["format"]
    if list_rules:
        return _list_rules(output_format, out)

    selected = set(all_codes())
    if select:
        selected = expand_codes(select, "--select")
    elif "select" in cfg:
        selected = expand_codes(cfg["select"], "select")
    extra = set()
    if "extend-select" in cfg:
        extra |= expand_codes(cfg["extend-select"], "extend-select")
    if extend_select:
        extra |= expand_codes(extend_select, "--extend-select")
    selected |= extra
    ignored = set()
    if "ignore" in cfg:
        ignored |= expand_codes(cfg["ignore"], "ignore")
    if ignore:
        ignored |= expand_codes(ignore, "--ignore")
    selected -= ignored

    if not _given(ctx, "assume_qonto"):
        assume_qonto = bool(cfg.get("assume-qonto", False))
    hosts_cfg = cfg.get("extra-hosts", {})
    hosts = HostTable(
        frozenset(h.lower() for h in hosts_cfg.get("production", ())),
        frozenset(h.lower() for h in hosts_cfg.get("sandbox", ())),
    )
    options = Options(frozenset(selected), assume_qonto, hosts)

    excludes = tuple(exclude) if exclude else tuple(cfg.get("exclude", DEFAULT_EXCLUDES))
    extend_excludes = tuple(cfg.get("extend-exclude", ())) + tuple(extend_exclude or ())
    per_file_ignores = {
        glob: expand_codes(codes, f"per-file-ignores[{glob!r}]") for glob, codes in cfg.get("per-file-ignores", {}).items()
    }
    max_size = int(cfg.get("max-file-size", DEFAULT_MAX_FILE_SIZE))
    jobs = jobs or os.cpu_count() or 1

    paths = list(paths) or ["."]
    results: list[FileResult] = []
    if "-" in paths:
        from .engine import lint_source

        data = sys.stdin.buffer.read()
        name = stdin_filename or "-"
        if not (force_exclude and stdin_filename and _excluded_name(stdin_filename, excludes + extend_excludes)):
            results.append(lint_source(data, name, options))
        paths = [p for p in paths if p != "-"]
    if paths:
        try:
            candidates = collect_files(paths, exclude=excludes, extend_exclude=extend_excludes, force_exclude=force_exclude)
        except PathError as error:
            raise UsageProblem(str(error)) from None
        from .runner import lint_candidates

        results.extend(lint_candidates(candidates, options, max_size, jobs))

    findings: list[Finding] = sorted(
        f for result in results for f in result.findings if not _per_file_ignored(f, per_file_ignores)
    )
    errors = [(result.path, code, reason) for result in results for code, reason in result.errors]

    from .reporters import REPORTERS, statistics as print_statistics

    if statistics:
        print_statistics(findings, out)
    else:
        color = output_format in ("text", "full") and not no_color and "NO_COLOR" not in os.environ and out.isatty()
        sources = _sources(findings) if output_format == "full" else None
        REPORTERS[output_format](findings, out, color=color, sources=sources)
    for path, code, reason in errors:
        err.write(f"qonto-lint: error: internal error in {code} on {path}: {reason}\n")
    if not quiet:
        analysed = sum(1 for r in results if not r.skipped)
        if findings:
            noun = "finding" if len(findings) == 1 else "findings"
            err.write(f"Found {len(findings)} {noun} in {len({f.path for f in findings})} of {len(results)} files ({analysed} analysed).\n")
        else:
            err.write(f"All checks passed: {len(results)} files ({analysed} analysed).\n")

    if errors:
        return EXIT_ERROR
    if findings and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _excluded_name(name: str, patterns) -> bool:
    from .files import Excluder

    return Excluder(tuple(patterns)).excluded(Path(name))


def _per_file_ignored(finding: Finding, table: dict) -> bool:
    if not table:
        return False
    import fnmatch

    path = Path(finding.path).as_posix()
    for glob, codes in table.items():
        if finding.code in codes and (fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(Path(path).name, glob)):
            return True
    return False


def _sources(findings: list[Finding]) -> dict:
    sources: dict = {}
    for f in findings:
        key = (f.path, f.cell)
        if key in sources or f.cell is not None:
            continue
        try:
            with open(f.path, "rb") as handle:
                sources[key] = handle.read().decode("utf-8", "replace").splitlines()
        except OSError:
            sources[key] = []
    return sources


def _explain(code: str, out) -> int:
    from .rules import RULES_BY_CODE

    rule = RULES_BY_CODE.get(code.strip().upper())
    if rule is None:
        raise UsageProblem(f"unknown rule code '{code}' for --explain")
    fix = "Fix is available with --fix." if rule.FIXABLE else "No automatic fix."
    out.write(f"# {rule.CODE} ({rule.NAME})\n\n{rule.SUMMARY}. {fix}\n\n{rule.docs()}")
    return EXIT_CLEAN


def _list_rules(output_format: str, out) -> int:
    from .rules import ALL_RULES

    if output_format == "json":
        import json

        json.dump(
            [{"code": r.CODE, "name": r.NAME, "fixable": r.FIXABLE, "summary": r.SUMMARY} for r in ALL_RULES],
            out,
            indent=2,
        )
        out.write("\n")
    else:
        for r in ALL_RULES:
            out.write(f"{r.CODE}\t{r.NAME}\t{'fixable' if r.FIXABLE else '-'}\t{r.SUMMARY}\n")
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    """Entry point: every error becomes one line on stderr and exit status 2."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["doctor"]:
        from .doctor import doctor_main

        return doctor_main(argv[1:])
    try:
        status = lint.main(argv, prog_name="qonto-lint", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:  # pragma: no cover - not configured
        click.echo(error.format_message(), err=True)
        status = EXIT_ERROR
    except click.UsageError as error:
        click.echo(f"qonto-lint: error: {error.format_message()}", err=True)
        status = EXIT_ERROR
    except click.exceptions.Exit as error:
        status = error.exit_code
    except click.Abort:
        click.echo("qonto-lint: error: aborted", err=True)
        status = EXIT_ERROR
    except (UsageProblem, ConfigError) as error:
        click.echo(f"qonto-lint: error: {error}", err=True)
        status = EXIT_ERROR
    except BrokenPipeError:
        status = EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("qonto-lint: interrupted", err=True)
        status = 130
    except Exception as error:  # the last line of defence: never a traceback
        click.echo(f"qonto-lint: error: internal error: {error.__class__.__name__}: {error}".splitlines()[0], err=True)
        status = EXIT_ERROR
    if status is None:
        status = EXIT_CLEAN
    return int(status)


def entry() -> None:
    sys.exit(main())
