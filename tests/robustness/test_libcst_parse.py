"""libcst's parse without its per-node checks and with plain constructors: the same trees, the
checks and libcst's own constructors back once it is over."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import libcst as cst
import pytest

from qonto_lint.engine import parsing
from qonto_lint.engine.parsing import libcst_parse

from ..helpers import CHECKOUT, EXAMPLES, findings_of, run_cli

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


@pytest.fixture(params=["own constructors", "plain constructors"])
def constructors(request, monkeypatch):
    """A process that has not built the plain constructors yet, then one that has."""
    if request.param == "own constructors":
        monkeypatch.setattr(parsing, "_CONSTRUCTORS", None)
        monkeypatch.setattr(parsing, "_parsed", 0)
        monkeypatch.setattr(parsing, "_PLAIN_AFTER", 10**12)
    else:
        assert len(parsing.plain_constructors()) > 150
    return request.param


def _own_constructors() -> dict[type, object]:
    return {kind: kind.__dict__["__init__"] for kind, _, _ in parsing.plain_constructors()}


@pytest.mark.parametrize("source", SOURCES)
def test_the_tree_is_libcsts_own(source, constructors):
    assert libcst_parse(source.encode()).deep_equals(cst.parse_module(source))
    assert libcst_parse(source.encode()).bytes == source.encode()


#: modules of every shape: the examples, this package, and standard library modules that use
#: most of the grammar (decorators, async, match, f-strings, annotations, star expressions)
SAMPLE_MODULES = [
    *sorted(EXAMPLES.glob("*.py")),
    *sorted((CHECKOUT / "qonto_lint" / "engine").glob("*.py")),
    *[Path(module.__file__) for module in (dataclasses, __import__("ast"), __import__("typing"))],
    *[Path(sys.modules["json"].__file__).parent / name for name in ("decoder.py", "encoder.py")],
]


@pytest.mark.parametrize("path", SAMPLE_MODULES, ids=lambda path: path.name)
def test_the_tree_of_real_modules_is_libcsts_own_with_plain_constructors(path):
    parsing.plain_constructors()
    data = path.read_bytes()
    tree = libcst_parse(data)
    assert tree.deep_equals(cst.parse_module(data))
    assert tree.bytes == data


def test_libcsts_own_constructors_are_back_after_a_parse():
    own = _own_constructors()
    libcst_parse(b"x = f(a, *b, c=1)\n")
    assert {kind: kind.__dict__["__init__"] for kind in own} == own
    assert all(plain is not own[kind] for kind, _, plain in parsing.plain_constructors())


def test_nodes_built_after_a_parse_are_checked(constructors):
    libcst_parse(b"x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")


def test_nodes_built_after_a_refused_parse_are_checked(constructors):
    own = _own_constructors()
    with pytest.raises(cst.ParserSyntaxError):
        libcst_parse(b"def (:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
    assert {kind: kind.__dict__["__init__"] for kind in own} == own


def test_the_plain_constructors_are_built_once_the_process_has_parsed_enough(monkeypatch):
    monkeypatch.setattr(parsing, "_CONSTRUCTORS", None)
    monkeypatch.setattr(parsing, "_parsed", 0)
    small = b"x = 1\n" * 100
    libcst_parse(small)
    assert parsing._CONSTRUCTORS is None
    while parsing._parsed + len(small) < parsing._PLAIN_AFTER:
        libcst_parse(small)
    assert parsing._CONSTRUCTORS is None
    assert libcst_parse(small).bytes == small
    assert parsing._CONSTRUCTORS is not None


# the plain constructor of a class, or None where the class's own must stay


@dataclasses.dataclass(frozen=True, slots=True)
class _Slotted:
    name: str
    items: list = dataclasses.field(default_factory=list)
    count: int = 0


def test_a_plain_constructor_stores_the_fields_and_their_defaults():
    plain = parsing._plain_constructor(_Slotted, dataclasses)
    assert plain is not None and plain is not _Slotted.__init__
    built = _Slotted.__new__(_Slotted)
    plain(built, "a")
    assert built == _Slotted("a", [], 0)
    other = _Slotted.__new__(_Slotted)
    plain(other, name="b", count=3, items=[1])
    assert other == _Slotted("b", [1], 3)
    again = _Slotted.__new__(_Slotted)
    plain(again, "a")
    assert again.items == [] and again.items is not built.items  # the factory runs for each node
    with pytest.raises(TypeError):
        plain(_Slotted.__new__(_Slotted))  # a field without a default is still required


def test_a_class_whose_fields_are_not_slots_keeps_its_own_constructor():
    @dataclasses.dataclass(frozen=True)
    class Plain:
        name: str

    assert parsing._plain_constructor(Plain, dataclasses) is None


def test_a_class_with_an_init_only_field_keeps_its_own_constructor():
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithInitVar:
        name: str
        hint: dataclasses.InitVar[int] = 0

        def __post_init__(self, hint: int) -> None:
            pass

    assert parsing._plain_constructor(WithInitVar, dataclasses) is None


def test_a_class_with_keyword_only_fields_keeps_its_own_constructor():
    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class KeywordOnly:
        name: str

    assert parsing._plain_constructor(KeywordOnly, dataclasses) is None


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
