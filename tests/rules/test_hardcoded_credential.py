"""QNT201 hardcoded-credential: a Qonto credential written in the source.

The rule's VALID and INVALID examples run in test_rule_examples.py; the cases here are the
ones its examples do not show."""

from __future__ import annotations

from ..helpers import findings_of


def test_other_vendors_keys_are_not_qonto_credentials():
    source = (
        'QONTO_LOGIN = "acme-sas-1234"\n'
        'PENNYLANE_API_KEY = "Yk3mR8vQ2wL5tZ9nB4cF7hJ1pX6sD0gA"\n'
        'MOLLIE_API_KEY = "live_Hq8Wc3Kx7Vn2Rb5Tm9Yp4Fs6Jd1Lg0Za"\n'
        'QONTO_API_SECRET = "Hq8Wc3Kx7Vn2Rb5Tm9Yp4Fs6Jd1Lg0Za"\n'
    )
    assert findings_of(source, "settings.py") == [(4, 20, "QNT201")]


def test_secrets_of_other_services_in_a_qonto_module():
    source = (
        '"""Qonto balance alerts."""\n'
        "import openai\n"
        "from twilio.rest import Client\n"
        'SECRET_KEY = "django-insecure-7h2k9m4p1q8r3s6t0v5w2x7y4z9a1b6c3d8e"\n'
        'WEBHOOK_SECRET = "Wb7Kq2Lm9Rx4Tz1Vn6Yp3Hs8Dc5Ga0Fj"\n'
        'llm = openai.OpenAI(api_key="sk-proj-Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op0Qr1St2Uv")\n'
        'sms = Client("AC8f3b2c1d4e5f6a7b8c9d0e1f2a3b4c5d", auth_token="9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f")\n'
        'QONTO_SECRET_KEY = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f"\n'  # line 8: the one Qonto credential
    )
    assert findings_of(source, "settings.py") == [(8, 20, "QNT201")]


def test_credentials_of_other_services_and_framework_keys_are_not_qonto_credentials():
    source = (
        'QONTO_URL = "https://thirdparty.qonto.com/v2"\n'
        'STRIPE = {"secret_key": "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f"}\n'
        "class StripeSettings:\n"
        '    SECRET_KEY = "8c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f"\n'
        "def twilio_client(Client):\n"
        '    return Client("AC3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c", auth_token="d4e8f1a2b3c5d7e9f1a3b5c7d9e1f3a5")\n'
        "class DevConfig:\n"
        '    SECRET_KEY = "k8Fj2Lm9Qx4Rz7Tv1Wb5Yn3Hs6Dc0Ga"\n'  # Flask's signing key
        'QONTO_SECRET_KEY_X = "elektro-tesla-gmbh-3066"\n'  # a login alone
        "class QontoSettings:\n"
        '    SECRET_KEY = "7c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f"\n'  # 11: shaped like Qonto's
        'QONTO_ACCESS_TOKEN2 = "ory_at_Zx81kP0qLm2Nv7Tb4Rc9Ws6Yh3Jd5Fg1Ae8"\n'  # 12
        'QONTO_SECRET_T = "b2885d39f3a0ddedd3d3ee0432a43ccr" if QONTO_URL else ""\n'  # 13
    )
    assert findings_of(source, "settings.py") == [(11, 18, "QNT201"), (12, 23, "QNT201"), (13, 18, "QNT201")]


def test_a_hardcoded_default_of_a_settings_reader_is_a_credential():
    source = (
        "import environ\n"
        "env = environ.Env()\n"
        'QONTO_SECRET_KEY = env("QONTO_SECRET_KEY", default="9d41f0c2b7e83a56c1d04f9e2ab7c318")\n'  # 3
        'QONTO_LOGIN = env("QONTO_LOGIN", default="acme-robotics-2231")\n'  # a login alone
        'QONTO_SECRET_KEY_2 = env.str("QONTO_SECRET_KEY_2", default="")\n'
    )
    assert findings_of(source, "settings.py") == [(3, 52, "QNT201")]


def test_other_vendors_secrets_in_a_qonto_module_are_not_qonto_credentials():
    source = (
        "QONTO_API = 'https://thirdparty.qonto.com/v2'\n"
        "STRIPE_SECRET_KEY = 'sk_live_51HqLyjWDarjtT1zdp7dcXy2k9'\n"
        "API_SECRET = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'\n"
        "DATABASE_PASSWORD = 'x9Kd83jfQ0pLm2Zs7Yt'\n"
        "idempotency_key = '6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c'\n"
        "QONTO_SECRET_KEY = '62885d39f3a0ddedd3d3ee0432a43ccr'\n"
    )
    assert findings_of(source, "settings.py") == [(6, 20, "QNT201")]


def test_the_default_of_a_config_class_field_is_a_credential():
    source = (
        "from pydantic import Field\n"
        "from pydantic_settings import BaseSettings\n"
        "class Settings(BaseSettings):\n"
        '    qonto_base_url: str = "https://thirdparty.qonto.com"\n'
        "    qonto_api_key: str = Field(\n"
        '        default="northwind-logistics-5820:6kniqhxoze2puyy9g92ygrvzcn7hbzdb",\n'  # 6
        '        description="login:secret-key",\n'
        "    )\n"
        '    qonto_secret_key: str = Field("9d41f0c2b7e83a56c1d04f9e2ab7c318")\n'  # 9
        '    qonto_login: str = Field(default="acme-robotics-2231")\n'  # a login alone
        '    stripe_api_key: str = Field(default="9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f")\n'
    )
    assert findings_of(source, "config.py") == [(6, 17, "QNT201"), (9, 35, "QNT201")]


def test_a_fallback_after_or_and_a_secret_wrapper_are_bound_to_the_name():
    source = (
        "import os\n"
        "from pydantic import SecretStr\n"
        "from pydantic_settings import BaseSettings\n"
        'QONTO_STAGING_TOKEN = os.environ.get("QONTO_STAGING_TOKEN") or "09r1rfg7orhnhkn91c86874gafkdzf1x"\n'
        'QONTO_SECRET_KEY = os.getenv("QONTO_SECRET_KEY") or os.getenv("QONTO_KEY") or ""\n'
        "class Settings(BaseSettings):\n"
        '    qonto_secret_key: SecretStr = SecretStr("tmtelo1iu3alknzpqc2cff1jfxkxm2hf")\n'
        '    qonto_login: str = "acme-robotics-4411"\n'
        '    stripe_secret_key: SecretStr = SecretStr("Hq8Wc3Kx7Vn2Rb5Tm9Yp4Fs6Jd1Lg0Za")\n'
    )
    assert findings_of(source, "settings.py") == [(4, 64, "QNT201"), (7, 45, "QNT201")]
