#!/usr/bin/env python3
"""Where qonto-lint's time goes, phase by phase, in one process (CPU seconds).

    python benchmarks/phases.py                 # Tree B (built by run.py), every file analysed
    python benchmarks/phases.py PATH... [--repeat 3]

Each phase runs over every file of the tree, on its own, after the phases it needs;
CPU time (time.process_time) so that other processes on the machine do not count.
Phases:

  read + gate       read every file, the text gate
  ast.parse         CPython's parser (the engine vets every file with it first)
  libcst parse      the engine's libcst parse (parsing.libcst_parse: libcst.parse_module
                    without its per-node checks, with plain constructors)
  libcst walk       an empty CSTVisitor: libcst's visitor machinery alone, for reference
  facts pass        qonto_lint.facts.collect.collect (its own walk and visit_* methods)
  facts + rules     Facts(...) and every rule's check()
  positions         positions.node_ranges for the reported nodes
  engine            lint_source on the bytes, end to end: CPython's parse and vetting, libcst's
                    parse, facts pass, rules, positions, noqa

This is a measuring tool: it imports qonto-lint's internals and may need updating
when they change. It never changes the package.
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for root in paths:
        if root.is_file():
            out.append(root)
        else:
            out.extend(
                sorted(p for p in root.rglob("*.py") if "site-packages" not in p.parts and "__pycache__" not in p.parts)
            )
    return out


class Phase:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cpu = []
        self.wall = []

    def __enter__(self):
        self._cpu = time.process_time()
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.cpu.append(time.process_time() - self._cpu)
        self.wall.append(time.perf_counter() - self._wall)


# ---------------------------------------------------------------- Tree A: walk, read, gate


def walk_phases(paths: list[Path], repeat: int) -> int:
    """What qonto-lint does on a tree where (almost) no file mentions Qonto."""
    import os

    t0 = time.process_time()
    w0 = time.perf_counter()
    from qonto_lint.engine import Options, passes_gate
    from qonto_lint.files import DEFAULT_EXCLUDES, collect_files
    from qonto_lint.runner import read_candidate

    imports = (time.process_time() - t0, time.perf_counter() - w0)
    options = Options()
    results: dict[str, list[tuple[float, float]]] = {}

    def timed(name, function):
        c, w = time.process_time(), time.perf_counter()
        value = function()
        results.setdefault(name, []).append((time.process_time() - c, time.perf_counter() - w))
        return value

    def floor_walk():
        out = []
        for root in paths:
            for directory, subdirs, files in os.walk(root):
                subdirs[:] = [d for d in subdirs if d not in ("site-packages", "__pycache__")]
                out.extend(os.path.join(directory, f) for f in files if f.endswith((".py", ".pyi")))
        return out

    def floor_read_gate(names):
        passed = 0
        for name in names:
            with open(name, "rb") as handle:
                data = handle.read()
            if b"qonto" in data.lower():
                passed += 1
        return passed

    for _ in range(repeat):
        candidates = timed(
            "collect_files (walk, excludes, .gitignore)",
            lambda: collect_files([str(p) for p in paths], exclude=DEFAULT_EXCLUDES, extend_exclude=("site-packages",)),
        )

        def read_and_gate(candidates=candidates):
            passed = 0
            for candidate in candidates:
                data = read_candidate(candidate, 5 * 1024 * 1024)
                if isinstance(data, bytes) and passes_gate(data, candidate.display, options):
                    passed += 1
            return passed

        passed = timed("read + gate (runner.read_candidate, passes_gate)", read_and_gate)
        names = timed("floor: os.walk + suffix test", floor_walk)
        timed("floor: open/read + bytes.lower gate", lambda names=names: floor_read_gate(names))
    print(f"{len(candidates)} files from collect_files ({len(names)} from os.walk), {passed} pass the gate")
    print(f"{'imports (engine, files, runner)':<50} {imports[0]:8.3f} CPU s {imports[1]:8.3f} wall s")
    for name, values in results.items():
        cpu = min(v[0] for v in values)
        wall = min(v[1] for v in values)
        print(f"{name:<50} {cpu:8.3f} CPU s {wall:8.3f} wall s")
    return 0


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="measure each phase this many times, keep the minimum")
    parser.add_argument(
        "--walk", action="store_true", help="time the file walk, the reads and the gate only (Tree A: the stdlib)"
    )
    args = parser.parse_args(argv)

    if args.walk:
        return walk_phases(args.paths or [Path(__import__("sysconfig").get_paths()["stdlib"])], args.repeat)
    paths = args.paths
    if not paths:
        trees = sorted((HERE / ".trees").glob("B-*"))
        if not trees:
            print("no Tree B yet: run benchmarks/run.py --quick first, or give paths", file=sys.stderr)
            return 2
        paths = [trees[-1]]

    t0 = time.process_time()
    import libcst as cst

    from qonto_lint.engine import Options, lint_source, passes_gate
    from qonto_lint.engine.parsing import libcst_parse
    from qonto_lint.engine.positions import node_ranges
    from qonto_lint.facts.analysis import Facts
    from qonto_lint.facts.collect import collect
    from qonto_lint.rules import ALL_RULES

    import_cpu = time.process_time() - t0

    files = _files(paths)
    options = Options()
    phases: dict[str, Phase] = {}

    def phase(name: str) -> Phase:
        return phases.setdefault(name, Phase(name))

    sources = []
    modules = []
    nodes_total = 0
    for attempt in range(args.repeat):
        with phase("read + gate"):
            sources = []
            for path in files:
                data = path.read_bytes()
                if passes_gate(data, str(path), options):
                    sources.append((path, data))
        if attempt == 0:  # files that do not parse are reported as QNT900: left out, untimed
            parsed = []
            for path, data in sources:
                try:
                    ast.parse(data)
                    libcst_parse(data)
                except Exception:
                    continue
                parsed.append((path, data))
            unparsable = len(sources) - len(parsed)
            parseable = {path for path, _ in parsed}
        sources = [(path, data) for path, data in sources if path in parseable]
        with phase("ast.parse"):
            for _, data in sources:
                ast.parse(data)
        with phase("libcst parse"):
            modules = [(path, libcst_parse(data)) for path, data in sources]
        with phase("libcst walk (empty visitor)"):
            counter = [0]

            class Count(cst.CSTVisitor):
                def on_visit(self, node, counter=counter) -> bool:
                    counter[0] += 1
                    return True

            for _, module in modules:
                module.visit(Count())
            nodes_total = counter[0]
        with phase("facts pass (collect)"):
            collected = [
                (path, module, collect(module, "qonto" in str(path).lower(), options.hosts)) for path, module in modules
            ]
        reports_by_file = []
        with phase("facts + rules"):
            for _path, module, facts_c in collected:
                facts = Facts(facts_c, assume_qonto=options.assume_qonto)
                reports = []
                for rule_class in ALL_RULES:
                    if rule_class.CODE == "QNT900":
                        continue
                    reports.extend(rule_class().check(facts))
                reports_by_file.append((module, reports))
        with phase("positions (reported nodes)"):
            for module, reports in reports_by_file:
                if reports:
                    node_ranges(module, [r.node for r in reports])
        with phase("engine: lint_source (both parses, facts, rules, ...)"):
            for path, data in sources:
                lint_source(data, str(path), options)

    lines = sum(data.count(b"\n") for _, data in sources)
    print(
        f"{len(files)} files, {len(sources)} pass the gate and parse ({unparsable} do not parse: left out), "
        f"{lines:,} lines, {nodes_total // max(args.repeat, 1):,} libcst nodes"
    )
    print(f"import of libcst + qonto_lint's engine, rules and facts: {import_cpu:.3f} CPU s")
    parse = min(phases["libcst parse"].cpu)
    print(f"{'phase':<60} {'CPU s':>8} {'× parse':>8}")
    for p in phases.values():
        cpu = min(p.cpu)
        print(f"{p.name:<60} {cpu:8.3f} {cpu / parse:8.2f}")

    return 0


if __name__ == "__main__":
    sys.exit(main())
