"""Qonto key header variants collected from support tickets."""
import codecs
import os

import requests

BASE = "https://thirdparty.qonto.com"


class QontoKey:
    def __init__(self) -> None:
        self.api_login = os.getenv("QONTO_API_LOGIN", "")
        self.api_secret = os.getenv("QONTO_API_SECRET", "")

    def authentication_key(self):
        headers = {"Authentication": f"{self.api_login}:{self.api_secret}"}  # expect: QNT108
        return requests.get(BASE + "/v2/organization", headers=headers, timeout=10)

    def pasted_curl(self):
        headers = {"authorization": "Authorization: " + self.api_login + ":" + self.api_secret}  # expect: QNT108
        return requests.get(BASE + "/v2/organization", headers=headers, timeout=10)

    def codecs_b64(self):
        raw = ("%s:%s" % (self.api_login, self.api_secret)).encode()
        value = codecs.encode(raw, "base64").decode().strip()
        return requests.get(BASE + "/v2/organization", headers={"Authorization": value}, timeout=10)  # expect: QNT103

    def newline_join(self):
        value = "\n".join([self.api_login + ":" + self.api_secret, ""])
        return requests.get(BASE + "/v2/organization", headers={"Authorization": value}, timeout=10)  # expect: QNT106

    def percent_dict(self):
        value = "%(s)s:%(l)s" % {"s": self.api_secret, "l": self.api_login}
        return requests.get(BASE + "/v2/organization", headers={"Authorization": value}, timeout=10)  # expect: QNT105

    def angle_placeholder(self):
        return requests.get(
            BASE + "/v2/organization",
            headers={"Authorization": "<login>:<secret-key>"},  # expect: QNT109
            timeout=10,
        )

    def bearer_key(self):
        return requests.get(
            BASE + "/v2/organization",
            headers={"Authorization": "Bearer {}:{}".format(self.api_login, self.api_secret)},  # expect: QNT102
            timeout=10,
        )

    def correct(self):
        return requests.get(
            BASE + "/v2/organization",
            headers={"Authorization": "{}:{}".format(self.api_login, self.api_secret)},
            timeout=10,
        )
