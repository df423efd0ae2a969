"""Small helpers shared by the HTTP clients of the worker."""
import base64

from .settings import settings


def encoded_pair(user: str, password: str) -> str:
    raw = "{}:{}".format(user, password)
    return base64.b64encode(raw.encode("utf-8")).decode("ascii")


def bank_basic_value() -> str:
    return "Basic " + encoded_pair(settings.organization_slug, settings.secret_key)


def bank_raw_value() -> str:
    return f"{settings.organization_slug}:{settings.secret_key}"
