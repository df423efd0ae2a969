"""QNT104 missing-colon-separator: login and secret without the `:` between them.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

import pytest

from ..fixcheck import fixed
from ..helpers import findings_of

FIXES = [
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
]


@pytest.mark.parametrize(("label", "before", "after"), FIXES, ids=[c[0] for c in FIXES])
def test_safe_fix(label, before, after):
    assert fixed(before) == after


UNSAFE_FIXES = [
    (
        "QNT104 concatenation without separator",
        'H = {"Authorization": LOGIN + SECRET}\n',
        'H = {"Authorization": LOGIN + ":" + SECRET}\n',
    ),
]


@pytest.mark.parametrize(("label", "before", "after"), UNSAFE_FIXES, ids=[c[0] for c in UNSAFE_FIXES])
def test_unsafe_fix_needs_unsafe_fixes(label, before, after):
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == after


def test_punctuation_between_login_and_secret_is_a_wrong_separator():
    source = (
        "import requests\n"
        "def h(login, secret_key):\n"
        '    return requests.get("https://thirdparty.qonto.com/v2/x", '
        'headers={"Authorization": f"{login}-{secret_key}"})\n'
    )
    assert findings_of(source, "client.py") == [(3, 88, "QNT104")]


def _messages(source: str, path: str = "client.py"):
    import textwrap

    from qonto_lint import Options, lint_source

    result = lint_source(textwrap.dedent(source).lstrip("\n"), path, Options())
    return [(f.line, f.column, f.code, f.message, f.fix) for f in result.findings]


LOGIN_UNSENT = (
    "The login {login} is read but never sent: the Authorization value is {secret} alone, and Qonto's API "
    "key is 'login:secret' (every 401 counts toward Qonto's 200-per-hour throttle)"
)


def test_a_login_read_from_a_form_and_only_shown_in_messages_is_not_sent():
    source = """
        import requests
        from django.conf import settings
        from django.contrib import messages

        def check_qonto_credentials(request, form):
            organization_slug = form.cleaned_data["organization_slug"]
            secret_key = form.cleaned_data["secret_key"]
            headers = {"Authorization": secret_key}
            response = requests.get(f"{settings.QONTO_API_URL}/organization", headers=headers, timeout=10)
            if response.ok:
                messages.success(request, f"{organization_slug}: credentials accepted")
            else:
                messages.error(request, f"{organization_slug}: Qonto answered {response.status_code}")
        """
    assert _messages(source, "views.py") == [
        (8, 33, "QNT104", LOGIN_UNSENT.format(login="organization_slug", secret="secret_key"), None)
    ]


def test_a_login_checked_by_a_client_class_but_never_sent():
    source = """
        import os
        import httpx

        class QontoClient:
            def __init__(self):
                self.api_key = os.getenv("QONTO_API_KEY")
                self.organization_id = os.getenv("QONTO_ORGANIZATION_ID")
                if not self.api_key or not self.organization_id:
                    raise ValueError("QONTO_API_KEY and QONTO_ORGANIZATION_ID must be set")
                self.http = httpx.Client(
                    base_url="https://thirdparty.qonto.com/v2",
                    headers={"Authorization": f"{self.api_key}"},
                )
        """
    assert _messages(source) == [
        (12, 39, "QNT104", LOGIN_UNSENT.format(login="self.organization_id", secret="api_key"), None)
    ]


def test_a_login_read_from_the_environment_under_another_name():
    source = """
        import os
        import requests

        def accounts():
            org = os.environ["QONTO_ORGANIZATION_ID"]
            key = os.environ["QONTO_SECRET_KEY"]
            if not org:
                raise SystemExit("missing organization")
            return requests.get("https://thirdparty.qonto.com/v2/bank_accounts", headers={"Authorization": key})
        """
    assert [(line, column, code) for line, column, code, _m, _f in _messages(source)] == [(9, 100, "QNT104")]


def test_silent_when_the_login_goes_somewhere_or_no_login_is_read():
    source = """
        import os
        import requests
        QONTO = "https://thirdparty.qonto.com/v2"

        def whole_key():
            api_key = os.environ["QONTO_API_KEY"]
            if not api_key:
                raise RuntimeError("QONTO_API_KEY is required")
            return requests.get(f"{QONTO}/organization", headers={"Authorization": f"{api_key}"})

        def whole_auth():
            return requests.get(f"{QONTO}/organization", headers={"Authorization": os.environ["QONTO_AUTH"]})

        def login_passed_on(build):
            login = os.environ["QONTO_LOGIN"]
            secret_key = build(login)
            return requests.get(f"{QONTO}/organization", headers={"Authorization": secret_key})

        def oauth():
            organization_id = os.environ["QONTO_ORGANIZATION_ID"]
            if not organization_id:
                raise RuntimeError("no organization")
            token = os.environ["QONTO_ACCESS_TOKEN"]
            return requests.get(f"{QONTO}/organization", headers={"Authorization": f"Bearer {token}"})

        def login_from_module_level():
            return requests.get(f"{QONTO}/organization", headers={"Authorization": os.environ["QONTO_SECRET_KEY"]})

        LOGIN = os.environ["QONTO_LOGIN"]
        """
    assert _messages(source) == []
