#!/usr/bin/env python3
"""Growth of qonto-lint's work on hostile inputs: each family at size n and 2n, in one run.

    python benchmarks/hostile.py            # each family at n and 2n, best of 3
    python benchmarks/hostile.py --quick    # smaller n, one run each: CI keeps it working

A ratio t(2n) / t(n) near 2 means linear work; near 4, quadratic. Each family is one shape of
input that used to cost more than linear time (a module of many functions, a doubling chain
read from many header sites, a long f-string of a long literal, regular expressions on hostile
literals, `--format full` on a minified line, a minified JavaScript bundle). The engine and the
reporter run in this process (the interpreter's start-up would hide the growth); each measured
call lints one file from its bytes, as the command line does, with fixes computed as `--format
full` does. No time is asserted: the point is the ratio, read by a person.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEAD = 'import requests\nQONTO_URL = "https://thirdparty.qonto.com/v2"\n'


def functions(n: int) -> str:
    body = "".join(
        f"def f{i}(login, secret_key):\n"
        f'    return requests.get(QONTO_URL + "/x{i}", '
        f'headers={{"Authorization": "Basic " + login + ":" + secret_key}})\n'
        for i in range(n)
    )
    return HEAD + body


def named_headers(n: int) -> str:
    body = "".join(
        f'def f{i}(login, secret_key):\n    h = {{"Authorization": "Basic " + login + ":" + secret_key}}\n'
        f'    return requests.get(QONTO_URL + "/x{i}", headers=h)\n'
        for i in range(n)
    )
    return HEAD + body


def chain_sites(n: int) -> str:
    chain = 'a0 = "ab"\n' + "".join(f"a{i} = a{i - 1} + a{i - 1}\n" for i in range(1, 14))
    return HEAD + chain + 'requests.get(QONTO_URL, headers={"Authorization": "Basic " + a13})\n' * n


def fstring_of_literal(n: int) -> str:
    return (
        HEAD
        + 'A = "'
        + "k" * 5000
        + '"\nV = f"Basic '
        + "{A}" * n
        + '"\nrequests.get(QONTO_URL, headers={"Authorization": V})\n'
    )


def literal(text: str) -> str:
    return (
        HEAD + f'def f(key):\n    return requests.get(QONTO_URL, headers={{"Authorization": "Basic {text}" % key}})\n'
    )


def inlined(n: int) -> str:
    helpers = "def t0(x):\n    return x\n" + "".join(
        f"def t{i}(x):\n    return " + " + ".join([f"t{i - 1}(x)"] * 10) + "\n" for i in range(1, 5)
    )
    return (
        HEAD
        + helpers
        + "def f(key):\n"
        + '    requests.get(QONTO_URL, headers={"Authorization": "Basic " + t4(key)})\n' * n
    )


def minified(n: int) -> str:
    calls = "; ".join(f'requests.get(QONTO_URL, headers={{"Authorization": "Basic " + k{i}}})' for i in range(n))
    return f'import requests; QONTO_URL = "https://thirdparty.qonto.com/v2"; {calls}\n'


def blank_lines(n: int) -> str:
    return HEAD + 'requests.get(QONTO_URL, headers={"Authorization": "Basic x"})\n' + "\n" * n


def fstring_fields(n: int) -> str:
    return HEAD + 'A = "x"\nX = f"' + "{A}" * n + '"\nrequests.get(QONTO_URL, headers={"Authorization": X})\n'


def js_minified(n: int) -> str:
    """A minified JavaScript bundle of `n` webpack modules on one line, one of them calling Qonto."""
    module = (
        '{i}:(e,t,n)=>{{"use strict";n.r(t),n.d(t,{{default:()=>s{i}}});var o=n({j}),a=n.n(o);function s{i}(e)'
        '{{return a().get("/api/items/"+e.id,{{params:{{page:e.page||1}}}}).then(e=>e.data)}}}}'
    )
    qonto = (
        '0:(e,t,n)=>{fetch("https://thirdparty.qonto.com/v2/organization",{headers:{Authorization:'
        '"Basic "+btoa(process.env.QONTO_LOGIN+":"+process.env.QONTO_SECRET_KEY)}})}'
    )
    modules = ",".join([qonto] + [module.format(i=i, j=i + 1) for i in range(1, n)])
    return "/*! app.bundle.js */\n(()=>{var i={" + modules + "};n(0)})();\n//# sourceMappingURL=app.bundle.js.map\n"


def dict_keys(n: int) -> str:
    return HEAD + "requests.get(QONTO_URL, headers={" + ", ".join(['"Authorization": "Basic x"'] * n) + "})\n"


#: name, what n counts, source for n, n (full run), n (--quick), how: lint, full (reporter), fix
FAMILIES = [
    ("functions", "functions", functions, 1000, 200, "lint"),
    ("named-headers", "functions", named_headers, 1000, 200, "lint"),
    ("chain-sites", "header sites", chain_sites, 1000, 200, "lint"),
    ("fstring-literal", "{A} in the f-string", fstring_of_literal, 4000, 1000, "lint"),
    ("inlined", "header sites", inlined, 20, 5, "lint"),
    ("your-here", "'your-'", lambda n: literal("your-" * n), 40000, 10000, "lint"),
    ("percent-zeros", "zeros", lambda n: literal("%" + "0" * n + "("), 40000, 10000, "lint"),
    ("percent-keys", "'%('", lambda n: literal("%(" * n), 40000, 10000, "lint"),
    ("full-minified", "findings on one line", minified, 2000, 300, "full"),
    ("fix-many", "functions", functions, 1000, 200, "fix"),
    ("fix-chain", "header sites", chain_sites, 200, 50, "fix"),
    ("fix-dict-keys", "keys of one dict", dict_keys, 200, 50, "fix"),
    # past a budget: the check before any parse costs a count of bytes, whatever n
    ("blank-lines", "blank lines", blank_lines, 1_000_000, 100_000, "lint"),
    ("fstring-fields", "{A} fields", fstring_fields, 1_000_000, 100_000, "lint"),
    # a minified JavaScript bundle (lint-js: read as JavaScript): skipped by a scan of its lines
    ("js-minified", "webpack modules", js_minified, 8000, 2000, "lint-js"),
]


def run_once(source: bytes, how: str) -> tuple[float, int]:
    from qonto_lint.engine import Options, lint_source
    from qonto_lint.fixing import fix_source
    from qonto_lint.reporters.full import full_reporter

    start = time.perf_counter()
    if how == "lint-js":
        result = lint_source(source, "qonto_hostile.js", Options())
        return time.perf_counter() - start, len(result.findings)
    if how == "fix":
        outcome = fix_source(source, "qonto_hostile.py", Options(), unsafe=True)
        return time.perf_counter() - start, outcome.applied
    result = lint_source(source, "qonto_hostile.py", Options())
    if how == "full":
        lines = source.decode("utf-8").splitlines()
        full_reporter(result.findings, io.StringIO(), sources={("qonto_hostile.py", None): lines})
    return time.perf_counter() - start, len(result.findings)


def measure(source: str, how: str, rounds: int) -> tuple[float, int]:
    data = source.encode("utf-8")
    best, findings = float("inf"), 0
    for _ in range(rounds):
        elapsed, findings = run_once(data, how)
        best = min(best, elapsed)
    return best, findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, one round each")
    parser.add_argument("--factor", type=int, default=2, help="the larger size is n x factor (default 2)")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else 3
    run_once(b"# qonto\nx = 1\n", "lint")  # imports (libcst, the rules) out of the first measure
    print(
        f"{'family':<16} {'n':>7}  {'t(n)':>8}  {'t(' + str(args.factor) + 'n)':>8}  {'ratio':>6}  findings  (n counts)"
    )
    for name, unit, make, n, quick_n, how in FAMILIES:
        size = quick_n if args.quick else n
        small, found_small = measure(make(size), how, rounds)
        large, found_large = measure(make(size * args.factor), how, rounds)
        ratio = large / small if small > 0 else float("nan")
        print(
            f"{name:<16} {size:>7}  {small:>7.3f}s  {large:>7.3f}s  {ratio:>6.2f}  "
            f"{found_small}/{found_large}  ({unit})"
        )
        sys.stdout.flush()
    print(f"linear work doubles with n (ratio about {args.factor}); quadratic work grows {args.factor**2}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
