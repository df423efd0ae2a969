"""Header-site and value forms beyond the basics: keys bound to names in
header pairs, aliased `aiohttp.hdrs`, class-level calls and attributes, properties, default
arguments, `str(b, encoding)`, `str.format(...)`, aliases of base64 encoders, keyword
`add_header`, and the hardcoded secret behind another mistake."""

from __future__ import annotations

from qonto_lint import Options, lint_source

from ..helpers import findings_of, run_cli

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


CLIENT = """
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
"""


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
    assert (
        messages[4]
        == "Qonto's API key needs a colon between login and secret, found nothing between login and secret_key"
    )


def test_default_arguments_str_with_an_encoding_str_format_and_encoder_aliases():
    body = (
        "import base64\n"
        "enc = base64.b64encode\n"
        'def build(c, prefix="Basic "):\n'
        "    return prefix + c\n"
        "def a(login, secret_key):\n"
        '    return requests.get(URL, headers={"Authorization": build(f"{login}:{secret_key}")})\n'  # 9
        "def b(login, secret_key):\n"
        '    return requests.get(URL, headers={"Authorization": '  # 11
        'str(enc(f"{login}:{secret_key}".encode()), "ascii")})\n'
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
    assert [(f.line, f.code, f.fix is not None) for f in result.findings] == [
        (5, "QNT101", True),
        (5, "QNT110", False),
        (7, "QNT110", False),
    ]


SECRET = "7c1e9a4b2d8f6a3c5e0b9d2f4a6c8e1b"


def test_hardcoded_secret_behind_another_mistake_or_a_base64_call():
    body = (
        "import base64\n"
        f'requests.get(URL, headers={{"Authorization": base64.b64encode(b"acme-robotics-2231:{SECRET}")}})\n'  # 5
        f'requests.get(URL, headers={{"Authorization": "acme-robotics-2231 : {SECRET}"}})\n'  # 6
        f'requests.get(URL, headers={{"Authorization": "acme-robotics-2231;{SECRET}"}})\n'  # 7
        f'requests.get(URL, headers={{"Authorization": "acme-robotics-2231 {SECRET}"}})\n'  # 8
        # 9: no secret shape
        'requests.get(URL, headers={"Authorization": "acme-robotics-2231;xxxxxxxxxxxxxxxxxxxxxxxx"})\n'
        'requests.get(URL, headers={"Authorization": base64.b64encode(b"acme-robotics-2231:your-secret-here")})\n'
    )
    findings = lint(body)
    assert findings == [
        (5, 45, "QNT103"),
        (5, 62, "QNT201"),
        (6, 45, "QNT106"),
        (6, 45, "QNT201"),
        (7, 45, "QNT104"),
        (7, 45, "QNT201"),
        (8, 45, "QNT104"),
        (8, 45, "QNT201"),
        (10, 45, "QNT103"),  # a placeholder, encoded: not a hardcoded credential
    ]
    messages = [f.message for f in lint_source(HEAD + body, "billing.py").findings]
    assert not any(SECRET[:8] in m for m in messages)


def fixes_of(body: str, **options):
    result = lint_source(HEAD + body, "billing.py", Options(**options))
    return [(f.line, f.code, None if f.fix is None else f.fix.applicability) for f in result.findings]


def test_a_misspelled_key_constant_is_reported_but_never_renamed_where_it_is_used():
    body = (
        'AUTH_HEADER = "Authorisation"\n'  # 4: the literal is fixed where it is written
        "def a(key):\n"
        "    return requests.get(URL, headers={AUTH_HEADER: key})\n"  # 6: not renamed to an undefined name
        "def b(key):\n"
        "    return requests.get(URL, headers=dict(Authorisation=key))\n"  # 8: a keyword is renamed
    )
    findings = lint_source(HEAD + body, "billing.py").findings
    assert [(f.line, f.column, f.code) for f in findings] == [(6, 39, "QNT108"), (8, 43, "QNT108")]
    assert findings[0].fix is None and findings[1].fix is not None


def test_placeholder_words_are_read_in_the_secret_part_only():
    body = (
        'QONTO_API_KEY = "contest-media-1234:71885d39f3a0ddedd3d3ee0432a43cca"\n'  # 4: 'test' in the login
        'QONTO_API_KEY_2 = "acme-robotics-2231:your-api-secret-here-1234"\n'  # placeholder secret
        'QONTO_ACCESS_TOKEN = "ory_at_example"\n'  # 6: ory_at_ literals always look real
    )
    assert lint(body) == [(4, 17, "QNT201"), (6, 22, "QNT201")]
    out = lint_source(HEAD + body, "billing.py").findings[0].message
    assert "71885d39" not in out and "contest-media-1234:7188…" in out


def test_bearer_is_not_added_to_bytes_and_a_shared_scheme_constant_is_an_unsafe_fix():
    body = (
        "def a(access_token):\n"
        '    return requests.get(URL, headers={"Authorization": access_token.encode()})\n'  # 5
        'SCHEME = "http://"\n'  # 6
        'LOCAL = SCHEME + "localhost:8080"\n'
        "def b():\n"
        '    return requests.get(SCHEME + "thirdparty.qonto.com/v2/organization")\n'
        'PLAIN = "http://thirdparty.qonto.com/v2"\n'  # 10: the whole URL in one literal
    )
    assert fixes_of(body) == [(5, "QNT110", None), (6, "QNT304", "unsafe"), (10, "QNT304", "safe")]


def test_user_info_in_a_url_does_not_hide_its_host():
    body = (
        'MIRROR = "http://acme-2231:7c1e9a4b2d8f6a3c5e0b9d2f@thirdparty.qonto.com/v2"\n'
        'OLD = "https://user:pw@thirdparty.qonto.eu/v2"\n'
    )
    findings = lint_source(HEAD + body, "billing.py").findings
    assert [(f.line, f.column, f.code) for f in findings] == [(4, 10, "QNT304"), (5, 7, "QNT306")]
    assert not any("7c1e9a4b" in f.message for f in findings)


def test_more_ways_to_bind_a_credential():
    body = (
        "import os\n"
        'QONTO_SECRET_KEY = QONTO_API_SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n'  # 5
        'QONTO_LOGIN, QONTO_SECRET = "acme-robotics-2231", "7c1e9a4b2d8f6a3c5e0b9d2f4a6c8e1b"\n'  # 6
        'QONTO_KEY = f"3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c"\n'  # 7
        'os.environ["QONTO_SECRET_KEY"] = "4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a"\n'  # 8
        'FALLBACK = os.getenv("QONTO_SECRET_KEY", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")\n'  # 9
        'QONTO_CREDENTIALS = {"login": "acme-robotics-2231", "password": "Qp7Xk2Lm9Rt4Vn6Wz1Yb3Hc5"}\n'  # 10
        'OTHER = {"login": "acme-robotics-2231", "password": "Qp7Xk2Lm9Rt4Vn6Wz1Yb3Hc5"}\n'  # weak name, not Qonto's
    )
    assert lint(body) == [
        (5, 39, "QNT201"),
        (6, 51, "QNT201"),
        (7, 13, "QNT201"),
        (8, 34, "QNT201"),
        (9, 42, "QNT201"),
        (10, 65, "QNT201"),
    ]


def test_fixes_edit_the_names_the_header_shows_when_login_and_secret_are_constants(tmp_path):
    source = (
        "import os\n"
        'LOGIN = os.environ["QONTO_LOGIN"]\n'
        'SECRET_KEY = os.environ["QONTO_SECRET_KEY"]\n'
        "def swapped():\n"
        '    return {"Authorization": f"{SECRET_KEY}:{LOGIN}"}\n'
        "def glued():\n"
        '    return {"Authorization": f"{LOGIN}{SECRET_KEY}"}\n'
    )
    path = tmp_path / "qonto_client.py"
    path.write_text(source)
    proc = run_cli("--isolated", "--fix", str(path), text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == "Fixed 2 findings (0 remaining).\n"
    assert path.read_text() == source.replace('f"{SECRET_KEY}:{LOGIN}"', 'f"{LOGIN}:{SECRET_KEY}"').replace(
        'f"{LOGIN}{SECRET_KEY}"', 'f"{LOGIN}:{SECRET_KEY}"'
    )


def test_built_up_urls_bound_to_names():
    source = (
        'SCHEME = "http://"\n'
        'HOST = "thirdparty.qonto.com"\n'
        'LEGACY_HOST = "thirdparty.qonto.eu"\n'  # 3: QNT306 on the literal
        'URL_A = SCHEME + HOST + "/v2"\n'  # 4: reported at the expression (the literal is elsewhere)
        'URL_B = "http://" "thirdparty.qonto.com" "/v2"\n'  # 5
        'URL_C = f"http://{HOST}/v2"\n'  # 6
        'URL_D = "http://%s/v2" % HOST\n'  # 7
        'URL_E = "https://api" + ".qonto.com/v2"\n'  # 8: QNT305, the host exists only once built
        'URL_F = "https://" + LEGACY_HOST + "/v2"\n'  # the legacy literal is already reported
        'URL_G = "https://" + HOST + "/v2"\n'
        'LOCAL = SCHEME + "localhost:8080"\n'
    )
    assert findings_of(source, "qonto_settings.py") == [
        (3, 15, "QNT306"),
        (4, 9, "QNT304"),
        (5, 9, "QNT304"),
        (6, 9, "QNT304"),
        (7, 9, "QNT304"),
        (8, 9, "QNT305"),
    ]


def test_login_and_secret_literals_side_by_side():
    body = (
        'requests.get(URL, headers={"Authorization": "acme-robotics-2231" "7c1e9a4b2d8f6a3c5e0b9d2f4a6c8e1b"})\n'  # 4
        # 5: one pair, split
        'requests.get(URL, headers={"Authorization": "acme-robotics-2231:7c1e9a4b2d8f" "6a3c5e0b9d2f4a6c8e1b"})\n'
    )
    assert lint(body) == [(4, 45, "QNT104"), (4, 45, "QNT201"), (5, 45, "QNT201")]


def test_functions_and_classes_named_after_another_service_are_its_code():
    source = (
        "import requests\n"
        'STRIPE = "https://api.stripe.com/v1"\n'
        "class Payments:\n"
        "    def stripe_headers(self, api_key):\n"
        '        return {"Authorization": f"Bearer {api_key}"}\n'
        "    def bank_headers(self, api_key):\n"
        "        # qonto static key\n"
        '        return {"Authorization": f"Bearer {api_key}"}\n'  # 8
        "class StripeRaw:\n"
        "    def charges(self, secret_key):\n"
        '        return requests.get(self.base + "/v1/charges", headers={"Authorization": f"Bearer {secret_key}"})\n'
    )
    assert findings_of(source, "payments.py") == [(8, 34, "QNT102")]


def test_hosts_in_migration_code_and_messages_are_not_in_use():
    source = (
        "import logging, requests\n"
        'LEGACY_URL = "https://thirdparty.qonto.eu"\n'  # used only as a pattern
        'MIGRATION = {"thirdparty.qonto.eu": "thirdparty.qonto.com"}\n'
        'PORT80 = "http://thirdparty.qonto.com:80/v2"\n'  # 4: reported, no fix
        "log = logging.getLogger(__name__)\n"
        "def normalise(url):\n"
        "    if url.startswith(LEGACY_URL):\n"
        '        url = "https://thirdparty.qonto.com" + url[len(LEGACY_URL):]\n'
        '    log.warning("calling http://thirdparty.qonto.com failed, retrying over https")\n'
        '    raise ValueError(f"no route to http://thirdparty.qonto.com for {url}")\n'
        'OLD = "https://thirdparty.qonto.eu/v2"\n'  # 11: in use
        'requests.get(OLD + "/organization")\n'
    )
    result = lint_source(source, "qonto_client.py")
    assert [(f.line, f.column, f.code, f.fix is not None) for f in result.findings] == [
        (4, 10, "QNT304", False),
        (11, 7, "QNT306", True),
    ]


def test_protocol_relative_urls_and_a_root_dot_do_not_hide_a_host():
    source = 'A = "thirdparty.qonto.eu."\nB = "//thirdparty.qonto.eu/v2"\nC = "settings.py"\n'
    assert findings_of(source, "qonto_hosts.py") == [(1, 5, "QNT306"), (2, 5, "QNT306")]
