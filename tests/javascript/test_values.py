"""The JavaScript front end's values: what string a header's expression will carry."""

from __future__ import annotations

import textwrap

import pytest

from qonto_lint.facts.values import Hole, Origin, Text
from qonto_lint.javascript.engine import analyse
from qonto_lint.model import Options


def _value(source: str, path: str = "client.ts"):
    """The value of the one Authorization header in `source`, as (text or (hole name, origin, stripped))."""
    facts = analyse(textwrap.dedent(source).encode(), path, Options())
    (site,) = facts.authorization_sites
    return [
        p.text if isinstance(p, Text) else (p.all_names()[0], p.origin, p.stripped)
        for p in facts.site_value(site).parts
    ]


def test_template_literal_with_environment_variables():
    source = "const h = { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` };"
    assert _value(source) == [
        ("QONTO_LOGIN", Origin.ENV, False),
        ":",
        ("QONTO_SECRET_KEY", Origin.ENV, False),
    ]


@pytest.mark.parametrize(
    "expression",
    ["import.meta.env.QONTO_LOGIN", 'Deno.env.get("QONTO_LOGIN")', "process.env['QONTO_LOGIN']"],
)
def test_other_environments(expression):
    assert _value(f"const h = {{ Authorization: {expression} }};") == [("QONTO_LOGIN", Origin.ENV, False)]


def test_plus_and_constants_with_one_assignment():
    source = """
        const LOGIN = 'acme-7';
        let sep = ':';
        const h = { 'Authorization': LOGIN + sep + secret };
    """
    assert _value(source) == ["acme-7", ":", ("secret", Origin.NAME, False)]


def test_a_name_assigned_twice_is_a_hole():
    source = """
        let key = 'a';
        key = 'b';
        const h = { Authorization: key };
    """
    assert _value(source) == [("key", Origin.NAME, False)]


def test_same_file_helper_with_arguments():
    source = """
        function auth(login: string, secret: string) { return `${login}:${secret}`; }
        const header = (k) => 'Bearer ' + k;
        const h = { Authorization: auth(process.env.QONTO_LOGIN, 'x') };
    """
    assert _value(source) == [("QONTO_LOGIN", Origin.ENV, False), ":", "x"]


def test_class_field_set_once_and_method():
    source = """
        class Client {
          private readonly secretKey: string;
          constructor(options) { this.secretKey = options.secretKey; }
          private authorization(): string { return `${this.login}:${this.secretKey}`; }
          headers() { return { Authorization: this.authorization() }; }
        }
    """
    assert _value(source) == [("login", Origin.ATTRIBUTE, False), ":", ("secretKey", Origin.ATTRIBUTE, False)]


def test_trim_btoa_and_buffer_base64():
    facts = analyse(
        b"const a = { Authorization: btoa(login + ':' + secret) };\n"
        b"const b = { Authorization: Buffer.from(`${login}:${secret}`).toString('base64') };\n"
        b"const c = { Authorization: fs.readFileSync(path, 'utf8').trim() };\n"
        b"const d = { Authorization: fs.readFileSync(path).toString() };\n",
        "x.js",
        Options(),
    )
    values = [facts.site_value(site) for site in facts.authorization_sites]
    encoded = [v.parts[0] for v in values[:2]]
    assert [h.origin for h in encoded] == [Origin.BASE64, Origin.BASE64]
    assert [[p.text if isinstance(p, Text) else p.name for p in h.inner.parts] for h in encoded] == [
        ["login", ":", "secret"],
        ["login", ":", "secret"],
    ]
    assert [(h.origin, h.stripped) for v in values[2:] for h in v.parts if isinstance(h, Hole)] == [
        (Origin.FILE, True),
        (Origin.FILE, False),
    ]


def test_string_escapes_are_decoded_and_plain_strings_are_templates():
    facts = analyse(b"const h = { Authorization: 'a\\tb\\u0041' };", "x.js", Options())
    (part,) = facts.site_value(facts.authorization_sites[0]).parts
    assert (part.text, part.template) == ("a\tbA", True)
    facts = analyse(b"const h = { Authorization: `a${x}` };", "x.js", Options())
    assert facts.site_value(facts.authorization_sites[0]).parts[0].template is False


def test_class_field_initialiser():
    source = """
        export class Qonto {
          private readonly apiKey = process.env.QONTO_API_KEY ?? '';
          headers() { return { Authorization: `Bearer ${this.apiKey}` }; }
        }
    """
    assert _value(source) == ["Bearer ", ("QONTO_API_KEY", Origin.ENV, False)]
