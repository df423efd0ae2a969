#!/usr/bin/env python3
"""What each import costs a whole process: `python -c "import X"`, interleaved, medians.

    python benchmarks/imports.py                # the default list below
    python benchmarks/imports.py "import click" "import libcst, click"

Each statement runs as its own process, all statements taking turns for --runs rounds
(so a busy moment hits them alike); the median of each and its difference from
`pass` are printed. Cumulative figures from `python -X importtime` overstate small
modules; these are what a pre-commit run actually pays.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

DEFAULT = [
    "pass",
    "import click",
    "import dataclasses",
    "import concurrent.futures.process",
    "import qonto_lint",
    "import qonto_lint.engine",
    "import qonto_lint.cli.lint",
    "import qonto_lint.cli.lint, qonto_lint.rules",
    "import qonto_lint.cli.lint, qonto_lint.rules, qonto_lint.runner, qonto_lint.reporters",
    "import libcst",
    "import libcst, click",
    "import libcst, concurrent.futures.process",
    "import libcst, qonto_lint.cli.lint, qonto_lint.rules, qonto_lint.facts.analysis, qonto_lint.engine.positions",
    "import libcst, qonto_lint.cli.lint, qonto_lint.rules, qonto_lint.facts.analysis, qonto_lint.engine.positions, "
    "qonto_lint.runner, qonto_lint.reporters",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("statements", nargs="*")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    statements = args.statements or DEFAULT
    if "pass" not in statements:
        statements = ["pass", *statements]
    times: dict[str, list[float]] = {s: [] for s in statements}
    for statement in statements:  # warm-up
        subprocess.run([sys.executable, "-c", statement], check=True)
    for _ in range(args.runs):
        for statement in statements:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", statement], check=True)
            times[statement].append(time.perf_counter() - started)
    base = statistics.median(times["pass"])
    print(f"{'median ms':>9} {'+ over pass':>11}  statement")
    for statement in statements:
        median = statistics.median(times[statement])
        print(f"{median * 1000:9.1f} {(median - base) * 1000:+11.1f}  {statement}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
