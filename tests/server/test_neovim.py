"""A real editor: headless Neovim (Debian's package, 0.7 or later) with a small Lua
configuration (nvim/init.lua) starts `qonto-lint server`, opens a file, and writes what it
received to a JSON file that this test reads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

INIT = Path(__file__).parent / "nvim" / "init.lua"
NVIM = shutil.which("nvim")

pytestmark = pytest.mark.skipif(
    NVIM is None, reason="nvim is not installed (apt-get install neovim; .ci/run installs it)"
)

SOURCE = """\
import requests

QONTO_URL = "https://thirdparty.qonto.com/v2"


def organization(login, secret):
    headers = {"X-Note": "café 😀", "Authorization": "Basic " + login + ":" + secret}
    return requests.get(QONTO_URL + "/organization", headers=headers)
"""
MESSAGE = (
    "Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is "
    "(every 401 counts toward Qonto's 200-per-hour throttle)"
)


def _neovim(tmp_path: Path, name: str, source: str) -> dict:
    (tmp_path / name).write_text(source, encoding="utf-8")
    out = tmp_path / "received.json"
    env = dict(
        os.environ,
        QONTO_LINT_SERVER_CMD=json.dumps([sys.executable, "-m", "qonto_lint", "server"]),
        QONTO_LINT_NVIM_OUT=str(out),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    assert NVIM is not None
    proc = subprocess.run(
        [NVIM, "--headless", "-u", str(INIT), name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), f"Neovim wrote nothing (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return json.loads(out.read_text(encoding="utf-8"))


def test_neovim_receives_the_diagnostics_and_applies_fix_all(tmp_path: Path) -> None:
    received = _neovim(tmp_path, "client.py", SOURCE)
    assert "error" not in received, received["error"]
    line = SOURCE.splitlines()[6]
    start = len(line[: line.index('"Basic')].encode("utf-8"))  # Neovim counts columns in bytes
    end = len(line[: line.index("}")].encode("utf-8"))  # the reported value: "Basic " + ... + secret
    assert received["diagnostics"] == [
        {
            "code": "QNT101",
            "lnum": 6,
            "col": start,
            "end_lnum": 6,
            "end_col": end,
            "severity": 1,
            "message": MESSAGE,
            "source": "qonto-lint",
            "href": "https://github.com/qonto-lint/qonto-lint/blob/main/docs/rules.md#qnt101",
        }
    ]
    assert received["hover"].startswith(f"**QNT101 basic-scheme-prefix**: {MESSAGE}\n\n---\n\n## What it does\n")
    assert received["action"] == "Fix all safe qonto-lint problems"
    assert received["fixed"] == SOURCE.replace('"Basic " + login', "login")
    assert (tmp_path / "client.py").read_text(encoding="utf-8") == SOURCE  # the buffer changed, not the file


#: appended to the README's snippet: wait for the diagnostics, write them, quit
HARNESS = """
vim.api.nvim_create_autocmd("FileType", {
  pattern = "python",
  callback = function(args)
    vim.schedule(function()
      vim.wait(20000, function() return #vim.diagnostic.get(args.buf) > 0 end, 20)
      local found = {}
      for _, d in ipairs(vim.diagnostic.get(args.buf)) do
        table.insert(found, { code = d.code, lnum = d.lnum, col = d.col, source = d.source })
      end
      local file = assert(io.open(os.getenv("QONTO_LINT_NVIM_OUT"), "w"))
      file:write(vim.fn.json_encode(found))
      file:close()
      vim.cmd("qall!")
    end)
  end,
})
"""


def test_the_readme_snippet_works_as_written(tmp_path: Path) -> None:
    from .readme import block, script_path

    path = script_path()
    if path is None:
        pytest.skip("the qonto-lint console script is not installed next to this interpreter")
    init = tmp_path / "init.lua"
    init.write_text(block("lua") + HARNESS, encoding="utf-8")
    (tmp_path / "client.py").write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "received.json"
    env = dict(os.environ, PATH=path, QONTO_LINT_NVIM_OUT=str(out), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"))
    assert NVIM is not None
    proc = subprocess.run(
        [NVIM, "--headless", "-u", str(init), "client.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), f"Neovim wrote nothing (exit {proc.returncode}): {proc.stderr[-2000:]}"
    line = SOURCE.splitlines()[6]
    column = len(line[: line.index('"Basic')].encode("utf-8"))
    assert json.loads(out.read_text(encoding="utf-8")) == [
        {"code": "QNT101", "lnum": 6, "col": column, "source": "qonto-lint"}
    ]
