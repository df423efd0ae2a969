"""Property tests: whatever the input, the engine returns findings and never raises.

Bounded so that CI stays fast. A longer run:

    QONTO_LINT_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/robustness/test_fuzz.py
"""

from __future__ import annotations

import os
import time
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qonto_lint import Options, lint_source
from qonto_lint.engine import prefilter
from qonto_lint.fixing import FixError, fix_source

from ..helpers import CHECKOUT, DATA

EXAMPLES = int(os.environ.get("QONTO_LINT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
SECONDS_PER_FILE = 5.0
# hypothesmith compiles what it generates; CPython's warnings about that code are noise here.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

SEEDS = sorted((DATA / "fuzz_seeds").glob("*.py")) + sorted((CHECKOUT / "examples").glob("*.py"))
SEED_BYTES = [p.read_bytes() for p in SEEDS]


ASSUME_QONTO = Options(assume_qonto=True)


def _check(data: bytes, options: Options = ASSUME_QONTO) -> None:
    _check_once(data, options)
    # Again with the AST prefilter out of the way, so that libcst and the facts pass see every input.
    with mock.patch.object(prefilter, "may_report", lambda tree, extra=(): True):
        _check_once(data, options)


def _check_once(data: bytes, options: Options) -> None:
    start = time.perf_counter()
    result = lint_source(data, "fuzz_qonto.py", options)
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS_PER_FILE, f"{elapsed:.1f}s for {len(data)} bytes"
    assert result.errors == [], result.errors
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.code.startswith("QNT")


hypothesmith = pytest.importorskip("hypothesmith")


@FUZZ
@given(hypothesmith.from_grammar())
def test_generated_programs_never_raise(source):
    _check(source.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.sampled_from(SEED_BYTES), st.integers(min_value=0, max_value=100_000))
def test_truncations_never_raise(seed, cut):
    _check(seed[: cut % (len(seed) + 1)])


@FUZZ
@given(
    st.sampled_from(SEED_BYTES),
    st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), min_size=1, max_size=8),
)
def test_byte_flips_never_raise(seed, flips):
    data = bytearray(seed)
    for position, value in flips:
        if data:
            data[position % len(data)] = value
    _check(bytes(data))


@FUZZ
@given(st.sampled_from(SEED_BYTES), st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=4))
def test_fixes_of_mutated_sources_parse_or_are_refused(seed, flips):
    data = bytearray(seed)
    for position, value in flips:
        if data:
            data[position % len(data)] = value
    try:
        outcome = fix_source(bytes(data), "fuzz_qonto.py", Options(assume_qonto=True), unsafe=True)
    except FixError:
        return
    if outcome.changed:
        import libcst as cst

        cst.parse_module(outcome.fixed)


def test_seed_files_exist():
    assert len(SEED_BYTES) >= 3
