"""The process pool: workers forked after the analysis is imported share it, and the files are
sent in chunks; the results are the same as one process's."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from qonto_lint import Options
from qonto_lint.files import Candidate
from qonto_lint.runner import CHUNK_MAX, POOL_THRESHOLD, _chunks, lint_candidates

from ..helpers import EXAMPLES


def test_preload_imports_everything_a_python_file_analysis_imports():
    """After `preload()`, analysing Qonto files (with findings, fixes, a QNT900) imports no further
    module of libcst or qonto-lint: a forked worker has nothing left to import."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from qonto_lint import Options, lint_source
        from qonto_lint.engine.preload import preload

        preload()
        before = set(sys.modules)
        for path in sorted(Path({str(EXAMPLES)!r}).glob("*.py")):
            lint_source(path.read_bytes(), "qonto_" + path.name, Options())
        lint_source(b"# qonto\\ndef broken(:\\n", "qonto.py", Options())
        lint_source(b'H = {{"Authorization": "Bearer " + LOGIN + ":" + SECRET}}\\n', "qonto.py", Options(fixes=True))
        print(sorted(m for m in set(sys.modules) - before if m.startswith(("libcst", "qonto_lint"))))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_a_pool_gives_what_one_process_gives(tmp_path):
    sources = sorted(EXAMPLES.glob("*.py"))
    candidates = []
    for i in range(max(POOL_THRESHOLD, 3 * CHUNK_MAX) + 5):
        path = tmp_path / f"qonto_{i:03d}.py"
        path.write_bytes(sources[i % len(sources)].read_bytes() + f"# {i}\n".encode())
        candidates.append(Candidate(str(path), path.name, explicit=True))
    pooled = lint_candidates(candidates, Options(), jobs=2)  # first: the pool forks before this process has threads
    one = lint_candidates(candidates, Options(), jobs=1)
    assert [r.path for r in pooled] == [r.path for r in one]
    assert [r.findings for r in pooled] == [r.findings for r in one]
    assert sum(len(r.findings) for r in one) > 0


@pytest.mark.parametrize(("files", "jobs"), [(1, 2), (30, 2), (2020, 2), (2020, 8), (100_000, 3)])
def test_chunks_keep_the_order_shrink_to_single_files_and_stay_few(files, jobs):
    chunks = _chunks(list(range(files)), jobs)
    assert [item for chunk in chunks for item in chunk] == list(range(files))
    assert all(1 <= len(chunk) <= CHUNK_MAX for chunk in chunks)
    assert len(chunks[-1]) == 1
    assert [len(chunk) for chunk in chunks] == sorted((len(chunk) for chunk in chunks), reverse=True)
    assert len(chunks) <= files / CHUNK_MAX + 4 * jobs * CHUNK_MAX
