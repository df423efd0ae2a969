"""Every evaluation form, each with a case that reveals a mistake and one that does not.

A form is understood when the rule that depends on it fires exactly where it should
(code, line, column) and stays silent on the correct variant.
"""

from __future__ import annotations

import libcst as cst
import pytest

from qonto_lint import Options, lint_source
from qonto_lint.facts.analysis import build_facts
from qonto_lint.facts.hosts import HostTable
from qonto_lint.facts.values import Kind, hole_kinds, name_kinds, split_words, vendor_of

from ..helpers import findings_of

HEAD = 'QONTO = "https://thirdparty.qonto.com/v2"\n'


def run(body: str, path: str = "client.py"):
    return findings_of(HEAD + body, path)


# ----------------------------------------------------------------- string literal forms


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ("'Basic ' + login", [(2, 29, "QNT101")]),
        ('"""Basic """ + login', [(2, 29, "QNT101")]),
        ("r'Basic ' + login", [(2, 29, "QNT101")]),
        ("b'Basic ' + login", [(2, 29, "QNT101")]),
        ("'Ba' 'sic ' + login", [(2, 29, "QNT101")]),
        ("'' + login", []),
        ("b'' + login", []),
    ],
)
def test_string_literal_forms(literal, expected):
    assert run(f'HEADERS = {{"Authorization": {literal}}}\n') == expected


def test_implicit_concatenation_across_lines():
    body = (
        'def h(login, secret):\n    return {"Authorization": ("Bearer "\n'
        '                              f"{login}:{secret}")}\n'
    )
    assert run(body) == [(3, 30, "QNT102")]


# ----------------------------------------------------------------- f-strings, +, %, format, join


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('f"{secret}:{login}"', [(3, 30, "QNT105")]),
        ('f"{login}:{secret}"', []),
        ("secret + ':' + login", [(3, 30, "QNT105")]),
        ("login + ':' + secret", []),
        ('"%s:%s" % (secret, login)', [(3, 30, "QNT105")]),
        ('"%s:%s" % (login, secret)', []),
        ('"%(a)s:%(b)s" % {"a": secret, "b": login}', [(3, 30, "QNT105")]),
        ('"%(a)s:%(b)s" % {"a": login, "b": secret}', []),
        ('"{}:{}".format(secret, login)', [(3, 30, "QNT105")]),
        ('"{1}:{0}".format(login, secret)', [(3, 30, "QNT105")]),
        ('"{0}:{1}".format(login, secret)', []),
        ('"{a}:{b}".format(a=secret, b=login)', [(3, 30, "QNT105")]),
        ('"{a}:{b}".format(a=login, b=secret)', []),
        ('":".join([secret, login])', [(3, 30, "QNT105")]),
        ('":".join((login, secret))', []),
        ('str(secret) + ":" + str(login)', [(3, 30, "QNT105")]),
        ('str(login) + ":" + str(secret)', []),
    ],
)
def test_composition_forms(expression, expected):
    body = f'def headers(login, secret):\n    return {{"Authorization": {expression}}}\n'
    assert run(body) == expected


def test_percent_with_a_single_value():
    body = (
        'import os\ndef h():\n    key = os.environ["QONTO_API_KEY"]\n    return {"Authorization": "Bearer %s" % key}\n'
    )
    assert run(body) == [(5, 30, "QNT102")]
    body_ok = (
        'import os\ndef h():\n    token = os.environ["QONTO_OAUTH"]\n    return {"Authorization": "Bearer %s" % '
        "token}\n"
    )
    assert run(body_ok) == []


# ----------------------------------------------------------------- encode / decode / strip


def test_encode_decode_are_transparent():
    body = 'def h(login, secret):\n    return {"Authorization": f"Basic {login}:{secret}".encode("utf-8").decode()}\n'
    assert run(body) == [(3, 30, "QNT101")]
    body_ok = 'def h(login, secret):\n    return {"Authorization": f"{login}:{secret}".encode().decode("ascii")}\n'
    assert run(body_ok) == []


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("path.read_text()", [(4, 30, "QNT106")]),
        ("path.read_text().strip()", []),
        ("path.read_text().rstrip()", []),
        ("open(path).read()", [(4, 30, "QNT106")]),
        ("open(path).readline().strip()", []),
    ],
)
def test_file_reads_and_strip(expression, expected):
    body = f'def h(path):\n    key = {expression}\n    return {{"Authorization": key}}\n'
    assert run(body) == expected


def test_strip_removes_literal_whitespace():
    body = 'def h(login, secret):\n    return {"Authorization": f" {login}:{secret} ".strip()}\n'
    assert run(body) == []
    body_bad = 'def h(login, secret):\n    return {"Authorization": f" {login}:{secret} "}\n'
    assert run(body_bad) == [(3, 30, "QNT106")]


# ----------------------------------------------------------------- base64, however imported


@pytest.mark.parametrize(
    ("imports", "call"),
    [
        ("import base64", "base64.b64encode"),
        ("import base64 as b", "b.b64encode"),
        ("from base64 import b64encode", "b64encode"),
        ("from base64 import b64encode as enc", "enc"),
        ("from base64 import standard_b64encode", "standard_b64encode"),
        ("import base64", "base64.urlsafe_b64encode"),
        ("import base64", "base64.encodebytes"),
    ],
)
def test_base64_encoders(imports, call):
    body = (
        f"{imports}\ndef h(login, secret):\n"
        f'    return {{"Authorization": {call}(f"{{login}}:{{secret}}".encode()).decode()}}\n'
    )
    assert run(body) == [(4, 30, "QNT103")]


def test_codecs_base64():
    body = (
        "import codecs\ndef h(login, secret):\n"
        '    return {"Authorization": codecs.encode(f"{login}:{secret}".encode(), "base64")}\n'
    )
    assert run(body) == [(4, 30, "QNT103")]
    body_other = (
        'import codecs\ndef h(login, secret):\n    return {"Authorization": codecs.encode(f"{login}:{secret}", '
        '"rot13")}\n'
    )
    assert run(body_other) == []


def test_a_function_named_b64encode_elsewhere_is_not_base64():
    body = (
        "from mylib import b64encode\ndef h(login, secret):\n"
        '    return {"Authorization": b64encode(f"{login}:{secret}")}\n'
    )
    assert run(body) == []


def test_base64_literal_that_decodes_to_a_pair():
    # base64 of "acme-robotics-2231:xxxxxxxx" (a placeholder secret: no QNT201)
    body = 'HEADERS = {"Authorization": "Basic YWNtZS1yb2JvdGljcy0yMjMxOnh4eHh4eHh4"}\n'
    assert run(body) == [(2, 29, "QNT101"), (2, 29, "QNT103")]
    body_ok = 'HEADERS = {"Authorization": "Basic notbase64!!"}\n'
    assert run(body_ok) == [(2, 29, "QNT101")]


# ----------------------------------------------------------------- bindings and same-module calls


def test_local_variable_with_one_assignment():
    body = 'def h(login, secret):\n    value = f"{secret}:{login}"\n    return {"Authorization": value}\n'
    assert run(body) == [(4, 30, "QNT105")]


def test_local_variable_assigned_twice_is_a_hole():
    body = (
        'def h(login, secret, flag):\n    value = f"{secret}:{login}"\n    if flag:\n'
        '        value = f"{login}:{secret}"\n    return {"Authorization": value}\n'
    )
    assert run(body) == []


def test_module_constant():
    body = (
        'import os\nPREFIX = "Basic "\ndef h(login, secret):\n    return {"Authorization": PREFIX + login + ":" + '
        "secret}\n"
    )
    assert run(body) == [(5, 30, "QNT101")]
    body_two = (
        'import os\nPREFIX = "Basic "\nPREFIX = ""\ndef h(login, secret):\n    return {"Authorization": PREFIX + login '
        '+ ":" + secret}\n'
    )
    assert run(body_two) == []


def test_self_attribute_set_once_in_the_class():
    body = (
        "class Client:\n"
        "    def __init__(self, login, secret_key):\n"
        "        self.login = login\n"
        "        self.secret_key = secret_key\n"
        "    def headers(self):\n"
        '        return {"Authorization": f"{self.secret_key}:{self.login}"}\n'
    )
    assert run(body) == [(7, 34, "QNT105")]


def test_same_module_function_with_arguments():
    body = (
        "def pair(a, b):\n"
        '    return f"{a}:{b}"\n'
        "def headers(login, secret):\n"
        '    return {"Authorization": pair(secret, login)}\n'
    )
    assert run(body) == [(5, 30, "QNT105")]
    ok = body.replace("pair(secret, login)", "pair(login, secret)")
    assert run(ok) == []


def test_same_module_method_returning_one_expression():
    body = (
        "class Client:\n"
        "    def __init__(self, login, secret):\n"
        "        self.login = login\n"
        "        self.secret = secret\n"
        "    def _credentials(self):\n"
        '        return "Basic " + self.login + ":" + self.secret\n'
        "    def headers(self):\n"
        '        return {"Authorization": self._credentials()}\n'
    )
    assert run(body) == [(9, 34, "QNT101")]


def test_function_with_two_returns_is_a_hole():
    body = (
        "def creds(login, secret, flag):\n"
        "    if flag:\n"
        '        return f"Basic {login}:{secret}"\n'
        '    return f"{login}:{secret}"\n'
        "def headers(login, secret):\n"
        '    return {"Authorization": creds(login, secret, True)}\n'
    )
    assert run(body) == []


# ----------------------------------------------------------------- hole names and kinds


@pytest.mark.parametrize(
    ("expression", "kinds"),
    [
        ("self.secret_key", {Kind.SECRET, Kind.STATIC_KEY}),
        ("settings.QONTO_LOGIN", {Kind.LOGIN}),
        ('os.environ["QONTO_LOGIN"]', {Kind.LOGIN}),
        ('os.getenv("QONTO_SECRET")', {Kind.SECRET}),
        ('os.environ.get("QONTO_ORGANIZATION_SLUG", "")', {Kind.LOGIN}),
        ('config.get("qonto", "login")', {Kind.LOGIN}),
        ('tokens["access_token"]', {Kind.OAUTH}),
        ("response.access_token", {Kind.OAUTH}),
        ("token", set()),
        ("creds[0]", set()),
        ("client_secret", set()),
    ],
)
def test_hole_names_and_kinds(expression, kinds):
    import libcst as cst

    from qonto_lint.facts.analysis import Facts
    from qonto_lint.facts.collect import collect
    from qonto_lint.facts.hosts import HostTable

    module = cst.parse_module(f"import os\nx = {expression}\n")
    facts = Facts(collect(module, False, HostTable()))
    value_node = module.body[1].body[0].value
    value = facts.value(value_node, facts.c.root)
    (hole,) = value.holes
    assert set(hole_kinds(hole)) == kinds


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("api_login", {Kind.LOGIN}),
        ("login_secret", {Kind.SECRET}),
        ("apiKey", {Kind.SECRET, Kind.STATIC_KEY}),
        ("QONTO_API_CREDENTIALS", {Kind.STATIC_KEY}),
        ("organization_id", {Kind.LOGIN}),
        ("bearerToken", {Kind.OAUTH}),
        ("value", set()),
    ],
)
def test_name_kinds(name, kinds):
    assert set(name_kinds(name)) == kinds


def test_deeply_chained_bindings_stay_bounded():
    lines = ["a0 = login"] + [f"a{i} = a{i - 1} + a{i - 1}" for i in range(1, 40)]
    body = (
        "def h(login):\n"
        + "".join(f"    {line}\n" for line in lines)
        + '    return {"Authorization": "Basic " + a39}\n'
    )
    result = lint_source(HEAD + body, "client.py", Options())
    assert [(f.line, f.code) for f in result.findings] == [(43, "QNT101")]


def test_split_words_hands_out_a_fresh_list_each_time():
    first = split_words("QONTO_SECRET_KEY")
    first.append("mutated")
    assert split_words("QONTO_SECRET_KEY") == ["qonto", "secret", "key"]
    assert split_words("apiKey") == ["api", "key"] and split_words("HTTPServer2") == ["http", "server2"]
    assert vendor_of("STRIPE_SECRET_KEY") == "stripe" and vendor_of("QONTO_STRIPE_KEY") is None


def test_an_expression_of_a_derived_class_is_evaluated_as_its_base():
    class Shouted(cst.SimpleString):
        pass

    module = cst.parse_module('X = "https://thirdparty.qonto.com"\n')
    facts = build_facts(module, path_has_qonto=False, hosts=HostTable())
    derived = Shouted('"https://thirdparty.qonto.com"')
    assert facts.value(derived, facts.c.root).literal() == "https://thirdparty.qonto.com"
    assert facts.value(cst.Integer("1"), facts.c.root).holes[0].name == "integer"
