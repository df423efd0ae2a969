"""Fixes: the exact text before and after, for each fixable code and each string form it applies to."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from qonto_lint import Options
from qonto_lint.fixing import fix_source

from .fixcheck import check_fixed_file

HEAD = "QONTO = 'https://thirdparty.qonto.com/v2'\n"


def fixed(body: str, unsafe: bool = False) -> str:
    source = HEAD + textwrap.dedent(body).lstrip("\n")
    outcome = fix_source(source.encode(), "client.py", Options(), unsafe=unsafe)
    text = outcome.fixed.decode()
    assert text.startswith(HEAD)
    cst.parse_module(text)  # still parses
    check_fixed_file(source.encode(), outcome.fixed, "client.py", unsafe)  # compiles; only the fixed statements differ
    return text[len(HEAD) :]


CASES = [
    # QNT101: remove the Basic prefix
    (
        "QNT101 plain+",
        'H = {"Authorization": "Basic " + LOGIN + ":" + SECRET}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
    (
        "QNT101 f-string",
        'H = {"Authorization": f"Basic {LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT101 %",
        'H = {"Authorization": "Basic %s:%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT101 format",
        'H = {"Authorization": "Basic {}:{}".format(LOGIN, SECRET)}\n',
        'H = {"Authorization": "{}:{}".format(LOGIN, SECRET)}\n',
    ),
    (
        "QNT101 implicit",
        'H = {"Authorization": "Basic " f"{LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": "" f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT101 raw",
        "H = {'Authorization': r'Basic ' + LOGIN + ':' + SECRET}\n",
        "H = {'Authorization': LOGIN + ':' + SECRET}\n",
    ),
    (
        "QNT101 bytes",
        'H = {"Authorization": b"Basic %s:%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": b"%s:%s" % (LOGIN, SECRET)}\n',
    ),
    # QNT102: remove the Bearer prefix
    (
        "QNT102 f-string",
        'H = {"Authorization": f"Bearer {LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    ("QNT102 plain+", 'H = {"Authorization": "Bearer " + QONTO_API_KEY}\n', 'H = {"Authorization": QONTO_API_KEY}\n'),
    (
        "QNT102 %",
        'H = {"Authorization": "Bearer %s" % QONTO_API_KEY}\n',
        'H = {"Authorization": "%s" % QONTO_API_KEY}\n',
    ),
    (
        "QNT102 format",
        'H = {"Authorization": "Bearer {}".format(QONTO_API_KEY)}\n',
        'H = {"Authorization": "{}".format(QONTO_API_KEY)}\n',
    ),
    # QNT103: unwrap the encoding
    (
        "QNT103 call in value",
        'import base64\nH = {"Authorization": base64.b64encode(f"{LOGIN}:{SECRET}".encode()).decode()}\n',
        'import base64\nH = {"Authorization": f"{LOGIN}:{SECRET}".encode().decode()}\n',
    ),
    (
        "QNT103 literal",
        'H = {"Authorization": "YWNtZS1yb2JvdGljcy0yMjMxOnh4eHh4eHh4"}\n',
        'H = {"Authorization": "acme-robotics-2231:xxxxxxxx"}\n',
    ),
    # QNT104: put a colon between login and secret
    ("QNT104 f-string", 'H = {"Authorization": f"{LOGIN}{SECRET}"}\n', 'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n'),
    (
        "QNT104 f-string sep",
        'H = {"Authorization": f"{LOGIN};{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT104 %",
        'H = {"Authorization": "%s|%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT104 % adjacent",
        'H = {"Authorization": "%s%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT104 format",
        'H = {"Authorization": "{}{}".format(LOGIN, SECRET)}\n',
        'H = {"Authorization": "{}:{}".format(LOGIN, SECRET)}\n',
    ),
    (
        "QNT104 concatenation",
        'H = {"Authorization": LOGIN + "/" + SECRET}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
    (
        "QNT104 join",
        'H = {"Authorization": "".join([LOGIN, SECRET])}\n',
        'H = {"Authorization": ":".join([LOGIN, SECRET])}\n',
    ),
    (
        "QNT104 bytes",
        'H = {"Authorization": b"%s,%s" % (LOGIN, SECRET)}\n',
        'H = {"Authorization": b"%s:%s" % (LOGIN, SECRET)}\n',
    ),
    # QNT105: swap them
    ("QNT105 f-string", 'H = {"Authorization": f"{SECRET}:{LOGIN}"}\n', 'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n'),
    (
        "QNT105 literal",
        'H = {"Authorization": "29649641e458bbc9cde1aed6bea99c2b:hooli-labs-4410"}\n',
        'H = {"Authorization": "hooli-labs-4410:29649641e458bbc9cde1aed6bea99c2b"}\n',
    ),
    (
        "QNT104 glued literal",
        "H = {'Authorization': u'hooli-labs-441029649641e458bbc9cde1aed6bea99c2b'}\n",
        "H = {'Authorization': u'hooli-labs-4410:29649641e458bbc9cde1aed6bea99c2b'}\n",
    ),
    (
        "QNT104 then QNT105 glued literal",
        'H = {"Authorization": "29649641e458bbc9cde1aed6bea99c2bhooli-labs-4410"}\n',
        'H = {"Authorization": "hooli-labs-4410:29649641e458bbc9cde1aed6bea99c2b"}\n',
    ),
    # QNT106: strip it
    (
        "QNT106 only the credentials' whitespace",
        'H = {"Authorization": LOGIN + " : " + SECRET + " # a : b "}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET + " # a : b"}\n',
    ),
    (
        "QNT106 escaped backslash kept",
        'H = {"Authorization": "%s : %s\\\\n  " % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s\\\\n" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT106 trailing newline",
        'H = {"Authorization": f"{LOGIN}:{SECRET}\\n"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT106 spaced colon",
        'H = {"Authorization": f"{LOGIN} : {SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT106 leading space +",
        'H = {"Authorization": " " + LOGIN + ":" + SECRET}\n',
        'H = {"Authorization": "" + LOGIN + ":" + SECRET}\n',
    ),
    (
        "QNT106 %",
        'H = {"Authorization": "%s:%s " % (LOGIN, SECRET)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT106 file read",
        'H = {"Authorization": open(PATH).read()}\n',
        'H = {"Authorization": open(PATH).read().strip()}\n',
    ),
    # QNT108: the key, and a pasted header name
    (
        "QNT108 key",
        'HEADERS = {"Authorisation": f"{LOGIN}:{SECRET}"}\n',
        'HEADERS = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    (
        "QNT108 key colon",
        "H = {'Authorization:': f'{LOGIN}:{SECRET}'}\n",
        "H = {'Authorization': f'{LOGIN}:{SECRET}'}\n",
    ),
    (
        "QNT108 keyword",
        "headers = dict(Autorization=f'{LOGIN}:{SECRET}')\n",
        "headers = dict(Authorization=f'{LOGIN}:{SECRET}')\n",
    ),
    (
        "QNT108 pasted",
        'H = {"Authorization": f"Authorization: {LOGIN}:{SECRET}"}\n',
        'H = {"Authorization": f"{LOGIN}:{SECRET}"}\n',
    ),
    # QNT110: add Bearer to a literal token
    (
        "QNT110 literal",
        'H = {"Authorization": "ory_at_xxxxxxxxxx"}\n',
        'H = {"Authorization": "Bearer ory_at_xxxxxxxxxx"}\n',
    ),
    # QNT303, QNT304, QNT306
    (
        "QNT303",
        'H = {"x-qonto-staging-token": T}\nS = "https://thirdparty-sandbox.staging.qonto.co"\n',
        'H = {"X-Qonto-Staging-Token": T}\nS = "https://thirdparty-sandbox.staging.qonto.co"\n',
    ),
    ("QNT304 plain", 'U = "http://thirdparty.qonto.com/v2"\n', 'U = "https://thirdparty.qonto.com/v2"\n'),
    (
        "QNT304 f-string",
        'U = f"http://thirdparty.qonto.com/v2/{path}"\n',
        'U = f"https://thirdparty.qonto.com/v2/{path}"\n',
    ),
    ("QNT306", "U = 'https://thirdparty.qonto.eu/v2'\n", "U = 'https://thirdparty.qonto.com/v2'\n"),
    ("QNT304+QNT306", "U = 'http://thirdparty.qonto.eu/v1'\n", "U = 'https://thirdparty.qonto.com/v1'\n"),
]


@pytest.mark.parametrize(("label", "before", "after"), CASES, ids=[c[0] for c in CASES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


UNSAFE = [
    (
        "QNT105 format swaps arguments",
        'H = {"Authorization": "{}:{}".format(SECRET, LOGIN)}\n',
        'H = {"Authorization": "{}:{}".format(LOGIN, SECRET)}\n',
    ),
    (
        "QNT105 % swaps the tuple",
        'H = {"Authorization": "%s:%s" % (SECRET, LOGIN)}\n',
        'H = {"Authorization": "%s:%s" % (LOGIN, SECRET)}\n',
    ),
    (
        "QNT105 concatenation",
        'H = {"Authorization": SECRET + ":" + LOGIN}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
    (
        "QNT103 call feeding a variable",
        "import base64\ntoken = base64.b64encode(f'{LOGIN}:{SECRET}'.encode()).decode()\nH = {'Authorization': token}\n",
        "import base64\ntoken = f'{LOGIN}:{SECRET}'.encode().decode()\nH = {'Authorization': token}\n",
    ),
    (
        "QNT110 by name",
        'H = {"Authorization": tokens["access_token"]}\n',
        'H = {"Authorization": "Bearer " + tokens["access_token"]}\n',
    ),
    (
        "QNT104 concatenation without separator",
        'H = {"Authorization": LOGIN + SECRET}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
    (
        "QNT106 file read feeding a variable",
        "key = PATH.read_text()\nH = {'Authorization': key}\n",
        "key = PATH.read_text().strip()\nH = {'Authorization': key}\n",
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), UNSAFE, ids=[c[0] for c in UNSAFE])
def test_unsafe_fix_needs_unsafe_fixes(label, before, after):
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == after


def test_fixes_repeat_until_nothing_changes():
    before = (
        "import base64\nH = {'Authorization': 'Basic ' + base64.b64encode(f'{SECRET} : {LOGIN}'.encode()).decode()}\n"
    )
    after = fixed(before, unsafe=True)
    assert after == "import base64\nH = {'Authorization': f'{LOGIN}:{SECRET}'.encode().decode()}\n"
    again = fix_source((HEAD + after).encode(), "client.py", Options(), unsafe=True)
    assert not again.changed and again.applied == 0


def test_noqa_suppressed_findings_are_not_fixed():
    before = 'H = {"Authorization": f"Basic {LOGIN}:{SECRET}"}  # noqa: QNT101\n'
    assert fixed(before) == before


def test_everything_else_stays_byte_for_byte():
    before = (
        "# -*- coding: utf-8 -*-\r\n"
        "H = {  'Authorization' :  f'Basic {LOGIN}:{SECRET}' ,  # keep me\r\n"
        "      'Accept': 'application/json'}\r\n"
    )
    after = fixed(before)
    assert after == before.replace("f'Basic {LOGIN}", "f'{LOGIN}")
