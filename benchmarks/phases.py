#!/usr/bin/env python3
"""Where qonto-lint's time goes, phase by phase, in one process (CPU seconds).

    python benchmarks/phases.py                 # Tree B (built by run.py), every file analysed
    python benchmarks/phases.py PATH... [--repeat 3]
    python benchmarks/phases.py --compare       # also check the prototype walk gives the same findings

Each phase runs over every file of the tree, on its own, after the phases it needs;
CPU time (time.process_time) so that other processes on the machine do not count.
Phases:

  read + gate       read every file, the text gate
  ast.parse         CPython's parser, for reference
  libcst parse      libcst.parse_module
  libcst walk       an empty CSTVisitor: libcst's visitor machinery alone
  facts pass        qonto_lint.facts.collect.collect (libcst walk + qonto-lint's visit_*)
  facts + rules     Facts(...) and every rule's check()
  positions         positions.node_ranges for the reported nodes
  engine            analyse_module end to end (facts pass + rules + positions + noqa)

and two prototypes, to size a change before making it:

  field walk        a walk over the same nodes that reads dataclass fields and rebuilds
                    nothing (libcst's visit() re-creates and re-validates every node,
                    and calls on_visit_attribute/on_leave_attribute for every field)
  facts pass, field walk
                    qonto-lint's FactsCollector driven by that walk instead of
                    Module.visit; --compare checks that the findings are the same.

This is a measuring tool: it imports qonto-lint's internals and may need updating
when they change. It never changes the package.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
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


# ---------------------------------------------------------------- the prototype walk

_FIELDS: dict = {}


def _child_fields(cls) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def field_walk(module, on_visit, on_leave) -> None:
    """Depth-first over every CSTNode reachable through dataclass fields, no rebuild.

    Children are taken in field order, which for most nodes is source order; for the
    few where it is not (FunctionDef: name, params, body before decorators) the facts
    pass does not depend on it (--compare checks the findings).
    """
    import libcst as cst

    base = cst.CSTNode

    def visit(node) -> None:
        if on_visit(node):
            for name in _child_fields(type(node)):
                value = getattr(node, name)
                if isinstance(value, base):
                    visit(value)
                elif type(value) in (tuple, list):
                    for item in value:
                        if isinstance(item, base):
                            visit(item)
        on_leave(node)

    visit(module)


def lean_walk(module, on_visit, on_leave) -> None:
    """The walk the facts pass now uses (qonto_lint.facts.collect.walk): fields, no rebuild,
    whitespace and punctuation skipped but for comments."""
    from qonto_lint.facts.collect import walk

    walk(module, on_visit, on_leave)


def collect_with_lean_walk(module, path_has_qonto: bool, hosts):
    from qonto_lint.facts.collect import FactsCollector

    collector = FactsCollector(module, path_has_qonto, hosts)
    lean_walk(module, collector.on_visit, collector.on_leave)
    return collector.finish()


def collect_with_field_walk(module, path_has_qonto: bool, hosts):
    from qonto_lint.facts.collect import FactsCollector

    collector = FactsCollector(module, path_has_qonto, hosts)
    field_walk(module, collector.on_visit, collector.on_leave)
    return collector.finish()


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
    parser.add_argument(
        "--compare", action="store_true", help="check that the field-walk facts pass gives the same findings"
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

    import qonto_lint.engine as engine_module
    from qonto_lint.engine import Options, analyse_module, passes_gate
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
                    cst.parse_module(data)
                except Exception:
                    continue
                parsed.append((path, data))
            unparsable = len(sources) - len(parsed)
            parseable = {path for path, _ in parsed}
        sources = [(path, data) for path, data in sources if path in parseable]
        with phase("ast.parse"):
            for _, data in sources:
                ast.parse(data)
        vet = getattr(engine_module, "_may_nest_deeply", None)
        if vet is not None:
            with phase("nesting vet (engine: compile + AST depth when a file looks deep)"):
                for _, data in sources:
                    if vet(data):
                        engine_module._syntax_error(data, deep_only=True)
        with phase("libcst parse"):
            modules = [(path, cst.parse_module(data)) for path, data in sources]
        with phase("libcst walk (empty visitor)"):
            for _, module in modules:
                module.visit(cst.CSTVisitor())
        with phase("field walk (prototype, empty)"):
            counter = [0]

            def count(node, counter=counter):
                counter[0] += 1
                return True

            for _, module in modules:
                field_walk(module, count, lambda node: None)
            nodes_total = counter[0]
        with phase("facts pass (collect)"):
            collected = [
                (path, module, collect(module, "qonto" in str(path).lower(), options.hosts)) for path, module in modules
            ]
        with phase("facts pass, field walk (prototype)"):
            for path, module in modules:
                collect_with_field_walk(module, "qonto" in str(path).lower(), options.hosts)
        with phase("facts pass, lean walk (prototype: no whitespace)"):
            for path, module in modules:
                collect_with_lean_walk(module, "qonto" in str(path).lower(), options.hosts)
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
        with phase("engine: analyse_module (facts+rules+positions+noqa)"):
            for path, module in modules:
                analyse_module(module, str(path), options)

    lines = sum(data.count(b"\n") for _, data in sources)
    print(
        f"{len(files)} files, {len(sources)} pass the gate and parse ({unparsable} do not parse: left out), "
        f"{lines:,} lines, {nodes_total // max(args.repeat, 1):,} libcst nodes"
    )
    print(f"import of libcst + qonto_lint's engine, rules and facts: {import_cpu:.3f} CPU s")
    parse = min(phases["libcst parse"].cpu)
    print(f"{'phase':<55} {'CPU s':>8} {'× parse':>8}")
    for p in phases.values():
        cpu = min(p.cpu)
        print(f"{p.name:<55} {cpu:8.3f} {cpu / parse:8.2f}")

    if args.compare:
        import qonto_lint.facts.analysis as analysis_module
        import qonto_lint.facts.collect as collect_module

        def findings_with(collect_function):
            saved = (collect_module.collect, analysis_module.collect)
            collect_module.collect = analysis_module.collect = collect_function
            try:
                out = []
                for path, module in modules:
                    found, errors, _, _ = analyse_module(module, str(path), options)
                    out.extend((f.path, f.line, f.column, f.code, f.message) for f in found)
                    out.extend((str(path), code, reason) for code, reason in errors)
                return out
            finally:
                collect_module.collect, analysis_module.collect = saved

        original = findings_with(collect)
        status = 0
        for label, function in (("field walk", collect_with_field_walk), ("lean walk", collect_with_lean_walk)):
            prototype = findings_with(function)
            same = sorted(original) == sorted(prototype)
            print(
                f"--compare: {len(original)} findings with Module.visit, {len(prototype)} with the {label}: "
                f"{'identical' if same else 'DIFFERENT'}"
            )
            if not same:
                status = 1
                for item in sorted(set(original) ^ set(prototype))[:20]:
                    print("   ", item)
        return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
