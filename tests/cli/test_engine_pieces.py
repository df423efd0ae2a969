"""The values that cross layers (a finding's placed fix, a skip for cost), the notebook's one
JSON load per fix, and the doctor's scrubbing of base64 forms."""

from __future__ import annotations

import base64
import json

from qonto_lint import Options, lint_source
from qonto_lint.masking import Scrubber
from qonto_lint.model import TextEdit, TextFix
from qonto_lint.reporters.json import json_reporter

SOURCE = (
    "import os\n"
    "import requests\n"
    "\n"
    'LOGIN = os.environ["QONTO_LOGIN"]\n'
    'KEY = os.environ["QONTO_SECRET_KEY"]\n'
    'requests.get("https://thirdparty.qonto.com/v2/organization", headers={"Authorization": f"Basic {LOGIN}:{KEY}"})\n'
)


def test_a_finding_carries_its_fix_placed_in_the_file():
    [finding] = lint_source(SOURCE, "client.py", Options()).findings
    assert (finding.line, finding.column, finding.code) == (6, 88, "QNT101")
    assert finding.fix == TextFix(
        "Remove the 'Basic ' prefix", (TextEdit('f"{LOGIN}:{KEY}"', 6, 88, 6, 110),), safe=True
    )
    assert finding.fix.applicability == "safe"
    assert finding.fix.applies(unsafe=False)


def test_the_json_report_shows_the_placed_fix_as_ruff_does():
    import io

    findings = lint_source(SOURCE, "client.py", Options()).findings
    stream = io.StringIO()
    json_reporter(findings, stream)
    [row] = json.loads(stream.getvalue())
    assert row["fix"] == {
        "applicability": "safe",
        "message": "Remove the 'Basic ' prefix",
        "edits": [
            {
                "content": 'f"{LOGIN}:{KEY}"',
                "location": {"row": 6, "column": 88},
                "end_location": {"row": 6, "column": 110},
            }
        ],
    }
    assert list(row["fix"]) == ["applicability", "message", "edits"]


def test_a_fix_moved_into_a_notebook_cell_counts_rows_from_the_cell():
    fix = TextFix("m", (TextEdit("x", 6, 3, 7, 1),), safe=False)
    assert fix.moved_up(4) == TextFix("m", (TextEdit("x", 2, 3, 3, 1),), safe=False)
    assert fix.moved_up(9).edits[0].row == 1  # never above the cell's first line
    assert not fix.applies(unsafe=False) and fix.applies(unsafe=True)


def test_a_file_skipped_for_its_cost_says_so_in_its_result():
    result = lint_source(SOURCE, "client.py", Options(max_lines=3))
    assert result.over_budget
    assert [(f.code, f.message) for f in result.findings] == [
        ("QNT900", "cannot analyse this file: skipped: more than 3 lines, the limit set by max-lines")
    ]
    assert not lint_source(SOURCE, "client.py", Options()).over_budget
    unreadable = lint_source(b"# qonto\nx = (\n", "client.py", Options())
    assert [f.code for f in unreadable.findings] == ["QNT900"] and not unreadable.over_budget


def test_a_skip_that_is_not_reported_leaves_no_finding():
    result = lint_source(SOURCE, "client.py", Options(max_lines=3, select=frozenset({"QNT101"})))
    assert result.findings == [] and not result.over_budget


def test_fixing_a_notebook_loads_its_json_once_and_checks_the_result_once(monkeypatch):
    from qonto_lint import notebook
    from qonto_lint.fixing import fix_notebook

    cells = [{"cell_type": "code", "metadata": {}, "source": SOURCE.splitlines(keepends=True), "outputs": []}]
    data = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1).encode()
    loads = []
    real = notebook._load

    def counted(text):
        loads.append(text)
        return real(text)

    monkeypatch.setattr(notebook, "_load", counted)
    fixed, applied = fix_notebook(data, "client.ipynb", Options())
    assert applied == 1 and b"Basic" not in fixed
    assert loads == [data, fixed]


def test_the_doctor_scrubber_hides_padded_and_unpadded_base64_forms():
    value = "pied-piper-7132:62885d39a1b7c6e04f2a9d8e7f6b5c4a1"  # its base64 ends with "="
    encoded = base64.b64encode(value.encode()).decode()
    assert encoded.endswith("=")
    scrub = Scrubber(encoded=[value])
    assert scrub(f"echo {encoded} end") == "echo [masked] end"
    assert scrub(f"echo {base64.urlsafe_b64encode(value.encode()).decode().rstrip('=')} end") == "echo [masked] end"
    assert scrub(value) == value  # `encoded` hides the base64 forms only
