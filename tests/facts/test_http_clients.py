"""Every HTTP client in the knowledge table, linted in use: a request to Qonto is found through
what the table says of the client, and a client whose base URL is another service's is not taken
for Qonto's.

The modules are generated from the table, so a new library entry is tested here as it is: each
request function, each client constructor and each client method sends
`Authorization: Bearer <static key>` (QNT102) to Qonto. The calls exercise the names the table
gives, not each library's exact signature.

Only the table can tell where these requests go: the key has a neutral name, the headers reach
the call as `**options` (so the call must be known as a request), the Qonto URL is a module
constant, and the function that sends also names another host, so that its own evidence says
"not Qonto" when the request's target is unknown.
"""

from __future__ import annotations

import pytest

from qonto_lint import Options, lint_source
from qonto_lint.knowledge.http_clients import LIBRARIES, ClientSpec, HttpLibrary

PYTHON = [library for library in LIBRARIES if library.language == "python" and library.modules]
BEARER = '"Bearer " + API_KEY'
#: lines 1-3; the function's lines follow
PREAMBLE = 'import {module}\nAPI_KEY = load_key()\nBASE = "https://thirdparty.qonto.com"\n'
#: lines 5-6 of every module: the function's other host, and the headers (reported on line 6)
OPTIONS = (
    f'    status_page = "https://status.example.com"\n    options = {{"headers": {{"Authorization": {BEARER}}}}}\n'
)
EXPECTED = [(6, OPTIONS.splitlines()[1].index(BEARER) + 1, "QNT102")]


def lint(source: str) -> list[tuple[int, int, str]]:
    result = lint_source(source, "payments.py", Options())
    return [(f.line, f.column, f.code) for f in result.findings]


def _call(callee: str, name: str, library: HttpLibrary, url: str) -> str:
    """`callee(url, **options)`, or `callee("GET", url, **options)` when its URL follows the method."""
    first = '"GET", ' if name in library.url_after_method else ""
    return f"{callee}({first}{url}, **options)"


def _client(library: HttpLibrary, name: str, spec: ClientSpec, host: str) -> str:
    """An expression making a client bound to `host`, as far as its constructor can be."""
    if spec.url_position is not None:  # a connection: the host alone
        return f"{library.modules[0]}.{name}({host!r})"
    if spec.url_keyword is not None:
        return f"{library.modules[0]}.{name}({spec.url_keyword}={'https://' + host!r})"
    return f"{library.modules[0]}.{name}()"


def _bound(spec: ClientSpec) -> bool:
    return spec.url_keyword is not None or spec.url_position is not None


def _cases(field: str):
    for library in PYTHON:
        for name in getattr(library, field):
            yield pytest.param(library, name, id=f"{library.name}.{name}")


@pytest.mark.parametrize(("library", "name"), list(_cases("request_functions")))
def test_each_request_function_is_a_request(library, name):
    call = _call(f"{library.modules[0]}.{name}", name, library, 'BASE + "/v2/organization"')
    source = PREAMBLE.format(module=library.modules[0]) + "def send():\n" + OPTIONS + f"    return {call}\n"
    assert lint(source) == EXPECTED, source


@pytest.mark.parametrize(("library", "name"), list(_cases("client_methods")))
def test_each_client_method_is_a_request(library, name):
    call = _call(f"client.{name}", name, library, 'BASE + "/v2/organization"')
    source = PREAMBLE.format(module=library.modules[0]) + "def send(client):\n" + OPTIONS + f"    return {call}\n"
    assert lint(source) == EXPECTED, source


@pytest.mark.parametrize(("library", "name"), list(_cases("client_constructors")))
def test_each_client_constructor_sends_its_requests_where_it_says(library, name):
    """A client bound to Qonto's host sends a relative path there; an unbound one a whole URL."""
    spec = library.client_constructors[name]
    method = library.client_methods[0]
    made = f"client = {_client(library, name, spec, 'thirdparty.qonto.com')}\n"
    url = '"/v2/organization"' if _bound(spec) else 'BASE + "/v2/organization"'
    call = _call(f"client.{method}", method, library, url)
    source = PREAMBLE.format(module=library.modules[0]) + "def send():\n" + OPTIONS + f"    return {call}\n"
    source += made  # bound after the function: the module's names are looked up when it runs
    assert lint(source) == EXPECTED, source


def _other_vendor_cases():
    for library in PYTHON:
        for name, spec in library.client_constructors.items():
            if _bound(spec):
                yield pytest.param(library, name, id=f"{library.name}.{name}")


@pytest.mark.parametrize(("library", "name"), list(_other_vendor_cases()))
def test_a_client_bound_to_another_service_is_not_qonto(library, name):
    """`Bearer` is right for Stripe: a client made with Stripe's base URL, in a module that also
    calls Qonto, sends Stripe's key to Stripe. Only the client's URL tells: the module's evidence
    says Qonto, and the function that sends holds no evidence of its own."""
    spec = library.client_constructors[name]
    method = library.client_methods[0]
    module = library.modules[0]
    function = (library.request_functions or library.client_methods)[0]
    qonto = _call(f"{module}.{function}", function, library, 'BASE + "/v2/organization"')
    stripe = _call(f"stripe.{method}", method, library, '"/v1/charges"')
    source = (
        PREAMBLE.format(module=module)
        + f"stripe = {_client(library, name, spec, 'api.stripe.com')}\n"
        + f'def organization():\n    options = {{"headers": {{"Authorization": {BEARER}}}}}\n    return {qonto}\n'
        + f'async def charges():\n    options = {{"headers": {{"Authorization": {BEARER}}}}}\n'
        + f"    return await {stripe}\n"
    )
    # the request to Qonto is reported (line 6): the module is Qonto's, only the Stripe client is not
    assert lint(source) == [(6, source.splitlines()[5].index(BEARER) + 1, "QNT102")], source


def _helper_cases():
    for library in PYTHON:
        for helper in library.basic_auth_helpers:
            for qualname in helper.qualnames:
                yield pytest.param(library, helper, qualname, id=qualname)


@pytest.mark.parametrize(("library", "helper", "qualname"), list(_helper_cases()))
def test_each_basic_auth_helper_toward_qonto_is_reported(library, helper, qualname):
    """QNT107 on the helper's call, under every name the table gives it."""
    if helper.login is None:  # the credentials are held elsewhere (urllib's password manager)
        arguments = "manager"
    elif helper.login == helper.secret:  # one `login:secret` string
        arguments = f'{helper.login}=f"{{login}}:{{secret}}"'
    else:
        arguments = "login, secret" if helper.login.isdigit() else f"{helper.login}=login, {helper.secret}=secret"
    made = f"{qualname}({arguments})"
    call = f"send(BASE + '/v2/organization', {helper.passed_as}={made})"
    line = f"    return {call}"
    source = (
        f"import {qualname.rpartition('.')[0]}\n"
        'BASE = "https://thirdparty.qonto.com"\n'
        "def connect(send, login, secret, manager):\n"
        f"{line}\n"
    )
    assert lint(source) == [(4, line.index(made) + 1, "QNT107")], source
