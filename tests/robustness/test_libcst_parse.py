"""libcst's parse without its per-node checks: the same trees, the checks back once it is over."""

from __future__ import annotations

import libcst as cst
import pytest

from qonto_lint.engine.parsing import libcst_parse

from ..helpers import findings_of, run_cli

#: valid Python that libcst's node checks refuse (TypeError), though its parser reads it
REFUSED_BY_THE_CHECKS = (
    "import requests\n"
    "x = 1 if 1 else(lambda: 1)\n"
    'requests.get("https://thirdparty.qonto.com/v2/organization", '
    'headers={"Authorization": "Bearer " + login + ":" + secret_key})\n'
)

SOURCES = [
    "x = 1\n",
    "def f(a, /, b=2, *c, d, **e):\n    return (a, b) if c else [d async for d in e]\n",
    "@decorator\nclass C(Base, metaclass=M):\n    x: int = 1\n    def m(self): ...\n",
    'f"{a!r:>{width}} {b=}"\r\nlambda: (yield)\r\n',
    "with (open(a) as b, open(c) as d):\n    match x:\n        case [1, *rest] | {'k': v}:\n            pass\n",
]


@pytest.mark.parametrize("source", SOURCES)
def test_the_tree_is_libcsts_own(source):
    assert libcst_parse(source.encode()).deep_equals(cst.parse_module(source))
    assert libcst_parse(source.encode()).bytes == source.encode()


def test_nodes_built_after_a_parse_are_checked():
    libcst_parse(b"x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")


def test_nodes_built_after_a_refused_parse_are_checked():
    with pytest.raises(cst.ParserSyntaxError):
        libcst_parse(b"def (:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")


def test_a_module_the_checks_refuse_is_analysed():
    with pytest.raises(TypeError):
        cst.parse_module(REFUSED_BY_THE_CHECKS)
    assert findings_of(REFUSED_BY_THE_CHECKS) == [(3, 88, "QNT102")]


def test_fixing_a_module_the_checks_refuse_leaves_it_as_it_was(tmp_path):
    target = tmp_path / "client.py"
    target.write_text(REFUSED_BY_THE_CHECKS)
    proc = run_cli("--isolated", "--fix", "client.py", cwd=tmp_path, text=True)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("client.py:3:88: QNT102 [*] ")
    assert proc.stderr == "Fixed 0 findings (1 remaining).\n"
    assert target.read_text() == REFUSED_BY_THE_CHECKS
