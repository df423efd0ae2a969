"""Header-site and value forms beyond the basics (SPEC §2.1, §2.2): keys bound to names in
header pairs, aliased `aiohttp.hdrs`, class-level calls and attributes, properties, default
arguments, `str(b, encoding)`, `str.format(...)`, aliases of base64 encoders, keyword
`add_header`, and the hardcoded secret behind another mistake."""

from __future__ import annotations

from .conftest import findings_of

from qonto_lint import Options, lint_source

HEAD = 'import requests\n\nURL = "https://thirdparty.qonto.com/v2/organization"\n'


def lint(body: str):
    return findings_of(HEAD + body, "billing.py")


def test_header_pairs_whose_key_is_a_name_or_hdrs():
    body = (
        "from aiohttp import hdrs\n"
        'AUTH_HEADER = "Authorization"\n'
        "def a(login, secret):\n"
        '    return requests.get(URL, headers=dict([(AUTH_HEADER, f"{secret}:{login}")]))\n'  # line 7
        "def b(session, login, secret):\n"
        '    session.headers.update([(hdrs.AUTHORIZATION, f"Bearer {login}:{secret}")])\n'  # line 9
        "def fine(login, secret):\n"
        '    pairs = [(AUTH_HEADER, f"{login}:{secret}"), (hdrs.CONTENT_TYPE, "application/json"), (AUTH_HEADER, 3)]\n'
        "    return requests.get(URL, headers=dict(pairs))\n"
    )
    assert lint(body) == [(7, 58, "QNT105"), (9, 50, "QNT102")]


def test_aiohttp_hdrs_under_an_alias():
    body = (
        "from aiohttp import hdrs as h\n"
        "import aiohttp.hdrs as H\n"
        "def a(login, secret):\n"
        '    return requests.get(URL, headers={h.AUTHORIZATION: f"Basic {login}:{secret}"})\n'  # line 7
        "def b(login, secret):\n"
        '    return requests.get(URL, headers={H.AUTHORIZATION: f"{login}{secret}"})\n'  # line 9
        "def c(login, secret):\n"
        '    return requests.get(URL, headers={h.CONTENT_TYPE: f"{login}{secret}"})\n'
    )
    assert lint(body) == [(7, 56, "QNT101"), (9, 56, "QNT104")]


CLIENT = '''
class QontoClient:
    SCHEME = "Basic "

    def __init__(self, login, secret_key):
        self.login = login
        self.secret_key = secret_key

    @staticmethod
    def joined(a, b):
        return f"{b}:{a}"

    @classmethod
    def glued(cls, a, b):
        return f"{a}{b}"

    @property
    def header_value(self):
        return f"{self.secret_key}:{self.login}"

    def one(self):
        return requests.get(URL, headers={"Authorization": QontoClient.joined(self.login, self.secret_key)})

    def two(self):
        return requests.get(URL, headers={"Authorization": self.joined(self.login, self.secret_key)})

    def three(self):
        return requests.get(URL, headers={"Authorization": QontoClient.SCHEME + f"{self.login}:{self.secret_key}"})

    def four(self):
        return requests.get(URL, headers={"Authorization": self.header_value})

    def five(self):
        return requests.get(URL, headers={"Authorization": QontoClient.glued(self.login, self.secret_key)})

    def six(self):
        return requests.get(URL, headers={"Authorization": self.glued(self.login, self.secret_key)})

    def fine(self):
        return requests.get(URL, headers={"Authorization": QontoClient.joined(self.secret_key, self.login)})
'''


def test_static_and_class_methods_class_attributes_and_properties():
    assert lint(CLIENT) == [
        (25, 60, "QNT105"),  # QontoClient.joined(...): a static method, nothing implicit
        (28, 60, "QNT105"),  # self.joined(...): still static, `self` is not passed
        (31, 60, "QNT101"),  # QontoClient.SCHEME
        (34, 60, "QNT105"),  # a @property returning one expression
        (37, 60, "QNT104"),  # QontoClient.glued(...): a classmethod, `cls` is implicit
        (40, 60, "QNT104"),
    ]
    # messages name the parts as the reported line shows them, not the helper's parameters
    messages = [f.message.split(":")[0] for f in lint_source(HEAD + CLIENT, "billing.py").findings]
    assert messages[0] == messages[1] == messages[3] == "login and secret are swapped (secret_key comes first)"
    assert messages[4] == "Qonto's API key needs a colon between login and secret, found nothing between login and secret_key"


def test_default_arguments_str_with_an_encoding_str_format_and_encoder_aliases():
    body = (
        "import base64\n"
        "enc = base64.b64encode\n"
        'def build(c, prefix="Basic "):\n'
        "    return prefix + c\n"
        "def a(login, secret_key):\n"
        '    return requests.get(URL, headers={"Authorization": build(f"{login}:{secret_key}")})\n'  # 9
        "def b(login, secret_key):\n"
        '    return requests.get(URL, headers={"Authorization": str(enc(f"{login}:{secret_key}".encode()), "ascii")})\n'  # 11
        "def c(login, secret_key):\n"
        '    return requests.get(URL, headers={"Authorization": str.format("{}:{}", secret_key, login)})\n'  # 13
        "def fine(login, secret_key):\n"
        '    return requests.get(URL, headers={"Authorization": build(f"{login}:{secret_key}", prefix="")})\n'
        "def fine_too(login, secret_key):\n"
        '    return requests.get(URL, headers={"Authorization": build(f"{login}:{secret_key}", "")})\n'
    )
    assert lint(body) == [(9, 56, "QNT101"), (11, 56, "QNT103"), (13, 56, "QNT105")]


def test_add_header_with_keyword_arguments():
    body = (
        "import urllib.request\n"
        "def a(login, secret_key):\n"
        "    request = urllib.request.Request(URL)\n"
        '    request.add_header(key="Authorization", val=f"Basic {login}:{secret_key}")\n'  # 7
        '    request.add_header("Authorization", val=f"{secret_key}:{login}")\n'  # 8
        '    request.add_header(key="Accept", val=f"{secret_key}:{login}")\n'
        "    return request\n"
    )
    assert lint(body) == [(7, 49, "QNT101"), (8, 45, "QNT105")]


def test_oauth_token_after_another_scheme_or_glued_to_bearer():
    body = (
        "def a(tokens):\n"
        '    return requests.get(URL, headers={"Authorization": "Basic " + tokens["access_token"]})\n'  # 5
        "def b(access_token):\n"
        '    return requests.get(URL, headers={"Authorization": "Bearer" + access_token})\n'  # 7
        "def fine(access_token):\n"
        '    return requests.get(URL, headers={"Authorization": "Bearer " + access_token})\n'
        "def not_a_token(token):\n"
        '    return requests.get(URL, headers={"Authorization": "Bearer" + token})\n'
    )
    assert lint(body) == [(5, 56, "QNT101"), (5, 56, "QNT110"), (7, 56, "QNT110")]
    # only the bare token gets the 'Bearer ' fix: over 'Basic ' QNT101's fix goes first, glued no fix
    result = lint_source(HEAD + body, "billing.py", Options())
    assert [(f.line, f.code, f.fix is not None) for f in result.findings] == [(5, "QNT101", True), (5, "QNT110", False), (7, "QNT110", False)]


SECRET = "7c1e9a4b2d8f6a3c5e0b9d2f4a6c8e1b"


def test_hardcoded_secret_behind_another_mistake_or_a_base64_call():
    body = (
        "import base64\n"
        f'requests.get(URL, headers={{"Authorization": base64.b64encode(b"acme-robotics-2231:{SECRET}")}})\n'  # 5
        f'requests.get(URL, headers={{"Authorization": "acme-robotics-2231 : {SECRET}"}})\n'  # 6
        f'requests.get(URL, headers={{"Authorization": "acme-robotics-2231;{SECRET}"}})\n'  # 7
        f'requests.get(URL, headers={{"Authorization": "acme-robotics-2231 {SECRET}"}})\n'  # 8
        'requests.get(URL, headers={"Authorization": "acme-robotics-2231;xxxxxxxxxxxxxxxxxxxxxxxx"})\n'  # 9: no secret shape
        'requests.get(URL, headers={"Authorization": base64.b64encode(b"acme-robotics-2231:your-secret-here")})\n'
    )
    findings = lint(body)
    assert findings == [
        (5, 45, "QNT103"), (5, 62, "QNT201"),
        (6, 45, "QNT106"), (6, 45, "QNT201"),
        (7, 45, "QNT104"), (7, 45, "QNT201"),
        (8, 45, "QNT104"), (8, 45, "QNT201"),
        (10, 45, "QNT103"),  # a placeholder, encoded: not a hardcoded credential
    ]
    messages = [f.message for f in lint_source(HEAD + body, "billing.py").findings]
    assert not any(SECRET[:8] in m for m in messages)
