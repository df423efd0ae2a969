"""Messages and sources shared by the command-line tests."""

M101 = (
    "QNT101 Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is "
    "(every 401 counts toward Qonto's 200-per-hour throttle)"
)

M107 = (
    "QNT107 an auth=(login, secret) tuple sends 'Basic base64(login:secret)', which Qonto rejects: "
    "send the header 'Authorization: login:secret' instead (every 401 counts toward Qonto's 200-per-hour throttle)"
)

CLIENT = """\
import requests

BASE = "https://thirdparty.qonto.com/v2"


def organization(login, secret):
    headers = {"Authorization": f"Basic {login}:{secret}"}
    return requests.get(BASE + "/organization", headers=headers)


def transactions(login, secret):
    return requests.get(BASE + "/transactions", auth=(login, secret))
"""

#: the text format's line for a QNT101 finding that `--fix` fixes: ruff's `[*]` before the message
M101_FIXABLE = M101.replace("QNT101 ", "QNT101 [*] ", 1)
