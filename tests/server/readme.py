"""The editor set-ups of the README's "Editor integration" section, read from the README."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Editor integration\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def block(language: str) -> str:
    """The first code block of `language` in the section."""
    match = re.search(rf"```{language}\n(.*?)```", section(), re.S)
    assert match is not None, f"no {language} block in the README's Editor integration section"
    return match.group(1)


def script_path() -> str | None:
    """PATH with the directory of this interpreter's `qonto-lint` script first, or None when the
    script is not installed there (an editor runs the command by name)."""
    folder = os.path.dirname(sys.executable)
    if shutil.which("qonto-lint", path=folder) is None:
        return None
    return os.pathsep.join([folder, os.environ.get("PATH", "")])
