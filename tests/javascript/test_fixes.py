"""Fixes on JavaScript and TypeScript: byte-exact edits, the file's quotes and line endings kept,
safe only where Qonto is seen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from qonto_lint import lint_source
from qonto_lint.fixing import fix_source
from qonto_lint.model import Options, TextEdit, TextFix

DATA = Path(__file__).resolve().parent / "data"

FIXED_LINES = {
    3: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}:${secretKey}` } });",
    4: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${process.env.QONTO_API_KEY}` } });",
    5: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}:${secretKey}` } });",
    6: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}:${secretKey}` } });",
    7: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}:${secretKey}` } });",
    8: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}:${secretKey}` } });",
    10: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}:${secretKey}` } });",
    14: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}:${secretKey}`, "
    "'X-Qonto-Staging-Token': t } });",
    16: "  await fetch('https://thirdparty.qonto.com/v2/organization');",
    18: "  await fetch('https://thirdparty.qonto.com/v2/organization');",
}


def _changed(before: bytes, after: bytes) -> dict[int, str]:
    old, new = before.decode().split("\n"), after.decode().split("\n")
    assert len(old) == len(new)
    return {i + 1: b for i, (a, b) in enumerate(zip(old, new)) if a != b}


def test_safe_fixes_of_every_rule():
    source = (DATA / "every_rule.ts").read_bytes()
    outcome = fix_source(source, "client.ts", Options())
    assert _changed(source, outcome.fixed) == FIXED_LINES
    assert outcome.applied == 10
    assert [f.code for f in outcome.remaining] == ["QNT107", "QNT109", "QNT110", "QNT201", "QNT302", "QNT301", "QNT305"]


def test_unsafe_fixes_add_bearer_with_the_files_quotes():
    source = (DATA / "every_rule.ts").read_bytes()
    outcome = fix_source(source, "client.ts", Options(), unsafe=True)
    assert _changed(source, outcome.fixed) == {
        **FIXED_LINES,
        12: "  await fetch(`${QONTO}/organization`, { headers: { Authorization: 'Bearer ' + accessToken } });",
    }
    double = source.replace(b"'", b'"')
    assert b'"Bearer " + accessToken' in fix_source(double, "client.ts", Options(), unsafe=True).fixed


def test_a_fix_is_placed_in_the_finding():
    source = (
        b"fetch('https://thirdparty.qonto.com/v2', { headers: { Authorization: 'Basic ' + process.env.QONTO_KEY } });\n"
    )
    (finding,) = lint_source(source, "x.mjs", Options()).findings
    assert (finding.code, finding.fix) == (
        "QNT101",
        TextFix("Remove the 'Basic ' prefix", (TextEdit("", 1, 70, 1, 81),), True),
    )


def test_only_inferred_qonto_makes_a_fix_unsafe():
    source = b"// Qonto client\nexport const h = { Authorization: `Basic ${login}:${secret}` };\n"
    (finding,) = lint_source(source, "x.js", Options()).findings
    assert (finding.code, finding.fix.safe) == ("QNT101", False)
    assert fix_source(source, "x.js", Options()).fixed == source


def test_line_endings_and_bytes_elsewhere_are_kept():
    source = (
        b"const U = 'https://thirdparty.qonto.com/v2'; // \xc3\xa9t\xc3\xa9\r\n"
        b'fetch(U, { headers: { "Authorization": "Basic " + process.env.QONTO_KEY } });\r\n'
    )
    fixed = fix_source(source, "x.js", Options()).fixed
    assert fixed == source.replace(b'"Basic " + ', b"")


def test_whitespace_fixes_trim_a_file_read_and_the_colon():
    source = (
        b"const U = 'https://thirdparty.qonto.com/v2';\n"
        b"fetch(U, { headers: { Authorization: fs.readFileSync(p, 'utf8') } });\n"
        b"fetch(U, { headers: { Authorization: `${login} : ${secretKey}` } });\n"
        b"fetch(U, { headers: { Authorization: fs.readFileSync(p).toString() } });\n"
    )
    fixed = fix_source(source, "x.js", Options()).fixed
    assert fixed.split(b"\n")[1:4] == [
        b"fetch(U, { headers: { Authorization: fs.readFileSync(p, 'utf8').trim() } });",
        b"fetch(U, { headers: { Authorization: `${login}:${secretKey}` } });",
        b"fetch(U, { headers: { Authorization: fs.readFileSync(p).toString().trim() } });",
    ]


def test_fix_on_the_command_line_rewrites_the_file(tmp_path):
    target = tmp_path / "client.ts"
    target.write_bytes((DATA / "every_rule.ts").read_bytes())
    proc = subprocess.run(
        [sys.executable, "-m", "qonto_lint", "--fix", "client.ts"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stderr
    assert _changed((DATA / "every_rule.ts").read_bytes(), target.read_bytes()) == FIXED_LINES
