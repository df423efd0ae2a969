"""Whole projects (tests/projects/): the key in settings, the header built in a client, a helper in
another module, other services' clients beside Qonto's, tests that mock Qonto.

Each line marked `# expect: CODE` must be reported with that code, and nothing else anywhere in the
project: linting the project directory, and linting each file alone as pre-commit does (the
project's other modules are then read for what the file imports, not linted).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ..helpers import TESTS, run_cli

PROJECTS = TESTS / "projects"
MARKER = re.compile(r"#\s*expect:\s*((?:QNT\d{3}[,\s]*)+)")


def _expected(project: Path) -> set[tuple[str, int, str]]:
    expected = set()
    for path in sorted(project.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = MARKER.search(line)
            if match:
                for code in re.findall(r"QNT\d{3}", match.group(1)):
                    expected.add((path.relative_to(project).as_posix(), number, code))
    return expected


def _reported(project: Path, *paths: str) -> set[tuple[str, int, str]]:
    proc = run_cli("--isolated", "--format", "json", *(paths or (".",)), cwd=project)
    assert proc.returncode in (0, 1), proc.stderr
    return {
        (Path(f["filename"]).resolve().relative_to(project.resolve()).as_posix(), f["location"]["row"], f["code"])
        for f in json.loads(proc.stdout)
    }


@pytest.mark.parametrize("name", sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()))
def test_the_project_reports_what_its_markers_say(name):
    project = PROJECTS / name
    assert _reported(project) == _expected(project)


@pytest.mark.parametrize(
    "name, path",
    [
        (project.name, path.relative_to(project).as_posix())
        for project in sorted(PROJECTS.iterdir())
        if project.is_dir()
        for path in sorted(project.rglob("*.py"))
        if MARKER.search(path.read_text(encoding="utf-8"))
    ],
)
def test_one_file_named_alone_reports_the_same(name, path):
    project = PROJECTS / name
    assert _reported(project, path) == {e for e in _expected(project) if e[0] == path}
