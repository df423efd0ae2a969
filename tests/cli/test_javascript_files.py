"""Which JavaScript and TypeScript files are linted: the suffixes a walk takes, node_modules and the
other excludes, .gitignore, explicit paths, --force-exclude and the fast path.

The files here never name Qonto, so they stop at the text gate whatever the JavaScript front end
reports: these tests pin down which files are read, not what is found in them.
"""

from __future__ import annotations

import os

import pytest

from qonto_lint.files import JAVASCRIPT_SUFFIXES, SOURCE_SUFFIXES, collect_files, is_javascript

from .. import helpers

PLAIN = """\
import { useEffect, useState } from "react";

export async function loadUser(id) {
  const response = await fetch(`https://api.github.com/users/${id}`);
  return response.json();
}
"""

TYPES = "export interface Account {\n  id: string;\n  balance: number;\n}\n"


def put(root, *paths, text=PLAIN):
    for relative in paths:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def walked(*paths: str) -> list[str]:
    return [candidate.display for candidate in collect_files(list(paths) or ["."])]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_suffixes():
    assert JAVASCRIPT_SUFFIXES == (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx")
    assert SOURCE_SUFFIXES == (".py", ".pyi", ".ipynb", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx")
    for name in ("app.js", "App.JSX", "a.mjs", "b.cjs", "c.ts", "types.d.ts", "Screen.tsx", "dir/x.Ts"):
        assert is_javascript(name), name
    for name in ("app.py", "nb.ipynb", "a.json", "a.mts", "a.cts", "a.vue", "js", "a.js.map", "-", "<stdin>"):
        assert not is_javascript(name), name


def test_a_walk_finds_every_javascript_and_typescript_suffix_beside_python(tree):
    put(
        tree,
        "web/src/api.js",
        "web/src/App.jsx",
        "web/src/server.mjs",
        "web/src/legacy.cjs",
        "web/src/client.ts",
        "web/src/Screen.tsx",
        "web/src/types.d.ts",
        "backend/client.py",
        "backend/client.pyi",
        # not source files: never read
        "web/src/app.js.map",
        "web/package.json",
        "web/src/styles.css",
        "web/src/Page.vue",
        "web/src/worker.mts",
        "web/README.md",
    )
    assert walked() == [
        "backend/client.py",
        "backend/client.pyi",
        "web/src/App.jsx",
        "web/src/Screen.tsx",
        "web/src/api.js",
        "web/src/client.ts",
        "web/src/legacy.cjs",
        "web/src/server.mjs",
        "web/src/types.d.ts",
    ]
    result = helpers.invoke("--isolated")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "All checks passed: 9 files (0 analysed).\n")


def test_node_modules_is_excluded_at_any_depth_and_so_are_the_other_defaults(tree):
    put(
        tree,
        "node_modules/axios/index.js",
        "node_modules/@types/node/index.d.ts",
        "apps/web/node_modules/react/index.js",
        "apps/web/node_modules/.pnpm/ky@1.0.0/node_modules/ky/distribution/index.js",
        ".git/hooks/pre-commit.js",
        ".venv/lib/tool.js",
        "apps/web/src/index.ts",
    )
    assert walked() == ["apps/web/src/index.ts"]
    assert walked("apps/web") == ["apps/web/src/index.ts"]


def test_excludes_and_gitignore_apply_to_javascript(tree):
    (tree / ".git").mkdir()
    (tree / ".gitignore").write_text("/coverage/\n*.generated.ts\n.next/\n")
    put(
        tree,
        "coverage/lcov-report/prettify.js",
        "src/api.generated.ts",
        ".next/server/pages/index.js",
        "storybook-static/main.js",
        "src/api.ts",
    )
    assert walked() == ["src/api.ts", "storybook-static/main.js"]
    result = helpers.invoke("--isolated", "--extend-exclude", "storybook-static,*.stories.tsx")
    assert result.stderr == "All checks passed: 1 file (0 analysed).\n"


def test_explicit_javascript_files_are_linted_unless_force_exclude_drops_them(tree):
    put(tree, "node_modules/pkg/index.js", "src/index.ts", text=TYPES)
    result = helpers.invoke("--isolated", "node_modules/pkg/index.js", "src/index.ts")
    assert (result.exit_code, result.stderr) == (0, "All checks passed: 2 files (0 analysed).\n")
    # pre-commit names every staged file: node_modules stays out with --force-exclude
    result = helpers.invoke("--isolated", "--force-exclude", "node_modules/pkg/index.js", "src/index.ts")
    assert (result.exit_code, result.stderr) == (0, "All checks passed: 1 file (0 analysed).\n")


def test_the_fast_path_takes_javascript_files(tree):
    put(tree, "web/api.ts", "web/App.tsx", "web/node_modules/x/index.js", "app.py")
    proc = helpers.run_cli("--isolated", cwd=tree, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "All checks passed: 3 files (0 analysed).\n")
    proc = helpers.run_cli(cwd=tree, text=True)  # the fast path (no option it does not take)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "All checks passed: 3 files (0 analysed).\n")


def test_the_baseline_never_overwrites_a_javascript_or_typescript_file(tree):
    for name in ("client.ts", "index.js", "App.tsx"):
        put(tree, name)
        result = helpers.invoke("--isolated", "--write-baseline", name, ".")
        assert (result.exit_code, result.stderr) == (
            2,
            f"qonto-lint: error: refusing to write the baseline over {name}: it is a source file (use a .json name)\n",
        )
        assert (tree / name).read_text() == PLAIN


def test_the_pre_commit_hooks_pass_every_suffix_the_walk_takes():
    # pre-commit hands a hook only the files whose identify tags are in its `types_or`
    identify = pytest.importorskip("identify.identify")
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((helpers.CHECKOUT / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == ["qonto-lint", "qonto-lint-fix"]
    for hook in hooks:
        types = set(hook["types_or"])
        for name in [f"module{suffix}" for suffix in SOURCE_SUFFIXES] + ["types.d.ts"]:
            assert identify.tags_from_filename(name) & types, (hook["id"], name)
        for name in ("package.json", "styles.css", "app.js.map", "README.md"):
            assert not identify.tags_from_filename(name) & types, (hook["id"], name)


def test_a_file_whose_size_the_file_system_does_not_know_is_read_whole(tree):
    # procfs files are regular files of size 0: reading stops at the end of the data, not at fstat's size
    from qonto_lint.files import Candidate
    from qonto_lint.runner import read_candidate

    status = "/proc/self/status"
    if not os.path.isfile(status) or os.stat(status).st_size:
        pytest.skip("no procfs")
    data = read_candidate(Candidate(status, "status", True), 1 << 20)
    assert isinstance(data, bytes) and data.startswith(b"Name:") and data.endswith(b"\n") and len(data) > 100
    (tree / "empty.ts").write_bytes(b"")
    (tree / "one.ts").write_bytes(b"x")
    assert read_candidate(Candidate(str(tree / "empty.ts"), "empty.ts", True), 10) == b""
    assert read_candidate(Candidate(str(tree / "one.ts"), "one.ts", True), 10) == b"x"
