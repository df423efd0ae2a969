"""QNT201 hardcoded-credential: Qonto credentials written in source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..authorization.login import LOGIN_SHAPE
from ..authorization.shape import base64_literal, shape_of
from ..facts.values import Kind, Origin, Text, split_words, vendor_of
from ..knowledge.qonto import OAUTH_PREFIXES, SECRET_KEY_PATTERN, mentions_qonto
from ..knowledge.vendors import (
    FOREIGN_CREDENTIAL_PATTERNS,
    NOT_API_WORDS,
    NOT_SECRET_LAST_WORDS,
    NOT_SECRET_WORDS,
    STRONG_SECRET_PAIRS,
    STRONG_SECRET_WORDS,
    WEAK_SECRET_WORDS,
)
from ..masking import looks_real, mask
from .base import Example, Need, Report, Rule

if TYPE_CHECKING:
    from ..facts.analysis import Facts

_QONTO_SECRET = re.compile(SECRET_KEY_PATTERN)
#: literals shaped like another vendor's credential: not Qonto's
_FOREIGN_LITERAL = re.compile("|".join("^" + pattern for _vendor, pattern in FOREIGN_CREDENTIAL_PATTERNS))


def credential_strength(name: str) -> int:
    """2: the name says secret; 1: it may be one (`key`, `token`); 0: not a credential name."""
    words = [w.rstrip("0123456789") or w for w in split_words(name)]  # QONTO_ACCESS_TOKEN2
    if not words or words[-1] in NOT_SECRET_LAST_WORDS or set(words) & (NOT_SECRET_WORDS | NOT_API_WORDS):
        return 0
    if vendor_of(name):
        return 0
    pairs = set(zip(words, words[1:]))
    if pairs & STRONG_SECRET_PAIRS or set(words) & STRONG_SECRET_WORDS:
        return 2
    if set(words) & WEAK_SECRET_WORDS:
        return 1
    return 0


def qonto_shaped(text: str) -> bool:
    """Shaped like a Qonto credential: an OAuth token, a `login:secret` pair, a 32-character key."""
    text = text.strip()
    if text.startswith(OAUTH_PREFIXES):
        return True
    if ":" in text:
        login, secret = text.split(":", 1)
        return bool(LOGIN_SHAPE.match(login)) and looks_real(secret)
    return bool(_QONTO_SECRET.match(text))


class HardcodedCredential(Rule):
    CODE = "QNT201"
    NAME = "hardcoded-credential"
    SUMMARY = "A real-looking Qonto credential is written in the source"
    NEEDS = frozenset({Need.REAL_LITERAL})
    DOCS = """
    ## What it does
    Flags a string literal that looks like a real Qonto credential: a `login:secret`
    pair, a secret key, a staging token, an OAuth token or client secret, written in
    a header (also base64-encoded) or bound to a credential-named variable,
    attribute, keyword, dict key or parameter default (`def __init__(self,
    secret_key="...")`), also as a fallback or a field's default
    (`os.environ.get("QONTO_SECRET_KEY") or "..."`, `Field(default="...")`,
    `SecretStr("...")`), or written in a Qonto header by another module of the
    project that imports it (`QONTO_AUTH = "login:secret"` in the settings, sent
    by the client). Logins alone are not secret. Placeholders
    (`your-secret-here`, `test-...`, `xxx`, `<...>`) are not flagged.

    ## Why is this bad?
    Anyone who can read the repository can move money as you. A key that reached a
    repository must be rotated in Qonto's dashboard; load it from the environment or
    a secret store instead.

    ## Example
    ```python
    QONTO_SECRET_KEY = "3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c"
    ```

    Use instead:
    ```python
    QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]
    ```
    """
    VALID = [
        Example("""
            QONTO_LOGIN = "acme-robotics-2231"
            QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]
            """),
        Example("""
            def qonto_test_headers():
                return {"Authorization": "test-org:test-api-key"}
            """),
        Example(
            """
            const client = new Client({ login: "test-org", secretKey: "test-secret-key" });
            expect(client.baseUrl).toBe("https://thirdparty.qonto.com");
            """,
            path="qontoClient.test.ts",
        ),
    ]
    INVALID = [
        Example(
            """
            QONTO_SECRET_KEY = "3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c"
            """,
            1,
            20,
        ),
        Example(
            """
            HEADERS = {
                "Authorization": "acme-robotics-2231:7c1e9a4b2d8f6a3c5e0b9d2f4a6c8e1b",
            }
            QONTO_URL = "https://thirdparty.qonto.com/v2"
            """,
            2,
            22,
        ),
        Example(
            """
            import requests
            def refresh(client_id):
                return requests.post("https://oauth.qonto.com/oauth2/token", data={"client_secret": "kX9mQ2vR7tL4wZ8nB3cF6hJ1"})
            """,  # noqa: E501
            3,
            89,
        ),
        Example(
            """
            const QONTO_LOGIN = "brightside-studio-5307";
            const QONTO_SECRET_KEY = "bxy9m4mkwhwq37e2nnywhykjo1hkhxul";
            """,
            2,
            26,
            path="export.mjs",
        ),
    ]

    def check(self, facts: Facts) -> Iterator[Report]:
        seen: set = set()
        for binding in facts.credential_bindings:
            strength = credential_strength(binding.name)
            if not strength or binding.value_node in seen:
                continue
            value = facts.value(binding.value_node, binding.scope)
            text = value.literal()
            if text is None or not looks_real(text) or _FOREIGN_LITERAL.match(text) or LOGIN_SHAPE.match(text.strip()):
                continue  # (a login alone is not secret)
            if _other_vendors_call(facts, binding) or _other_vendors_owner(
                facts, binding
            ):  # openai.OpenAI(api_key="..."), twilio's Client(auth_token=...)
                continue
            if strength == 1 and not (
                qonto_shaped(text) or mentions_qonto(binding.name) or _in_qonto_named_dict(facts, binding)
            ):
                continue
            if binding.name == "SECRET_KEY" and not qonto_shaped(text):
                continue  # Django's and Flask's signing key, unless it is shaped like Qonto's
            if not (facts.in_qonto_context(binding.scope) or mentions_qonto(binding.name)):
                continue
            seen.add(binding.value_node)
            yield self._report(binding.value_node, text, binding.name)
        for report in self._in_headers(facts):
            if report.node not in seen:
                seen.add(report.node)
                yield report
        yield from self._in_importers_headers(facts, seen)

    def _in_importers_headers(self, facts: Facts, seen: set) -> Iterator[Report]:
        """This module's constants that other modules of the project write into a Qonto header:
        `QONTO_AUTH = "login:secret"` in the settings, `{"Authorization": settings.QONTO_AUTH}` in
        the client. The header is decided in the module that sends it (`_in_headers` there); the
        literal's QNT201 is reported here, where it is written."""
        names = {
            binding.name
            for binding in facts.credential_bindings
            if binding.value_node not in seen
            and _module_or_class_level(binding.scope)
            and _qonto_shaped_literal(binding, facts)
        }
        if not names:
            return
        for other in facts.importers_facts(tuple(sorted(names))):
            for report in self._in_headers(other):
                if facts.owns(report.node) and report.node not in seen:
                    seen.add(report.node)
                    yield report

    def _in_headers(self, facts: Facts) -> Iterator[Report]:
        for qonto_site in facts.qonto_sites:
            site, value = qonto_site.site, qonto_site.value
            if site.header == "x-qonto-staging-token":
                text = value.literal()
                if text is not None and looks_real(text):
                    yield self._report(
                        _literal_node(facts, value, text) or site.value_node, text, "X-Qonto-Staging-Token"
                    )
                continue
            for hole in value.walk_holes():  # base64.b64encode(b"login:secret")
                text = hole.inner.literal() if hole.origin is Origin.BASE64 and hole.inner is not None else None
                if text and ":" in text and looks_real(text):
                    node = _literal_node(facts, hole.inner, text.split(":", 1)[-1].strip()[:8])
                    if node is not None:
                        yield self._report(node, text, "Authorization, base64-encoded")
            shape = shape_of(value, glued=True)  # "acme-robotics-22317c1e…": a pair glued in one literal
            whole = shape.rest_literal
            if whole is not None:
                decoded = base64_literal(shape)
                candidate = decoded if decoded is not None else whole
                if not (looks_real(candidate) and (decoded is not None or ":" in whole or _secretish(shape))):
                    # `login;secret`, `login secret`: another mistake, the same hardcoded secret
                    secrets = [  # every atom is literal here (`rest_literal`)
                        a.part
                        for a in shape.atoms
                        if isinstance(a.part, str) and a.kinds & {Kind.SECRET, Kind.OAUTH} and looks_real(a.part)
                    ]
                    if decoded is not None or not secrets:
                        continue
                    candidate = secrets[0]
                # at the literal that holds the secret: `"acme-robotics-2231" + SECRET` glues a
                # login literal to a constant, and the login alone is not secret
                node = _literal_node(facts, value, _secret_text(shape, whole, decoded)[:8])
                while node is not None and facts.is_string_literal(facts.parent(node)):
                    node = facts.parent(node)  # `"login" "secret"`: one literal, implicitly joined
                node = node or site.value_node
                yield self._report(node, candidate, "Authorization")
                continue
            for atom in shape.atoms:
                if not isinstance(atom.part, str) or not (atom.kinds & {Kind.SECRET, Kind.OAUTH}):
                    continue
                if looks_real(atom.part):
                    node = _literal_node(facts, value, atom.part)
                    if node is not None:
                        yield self._report(node, atom.part, "Authorization")

    def _report(self, node, text: str, where: str) -> Report:
        return self.report(
            node,
            f"hardcoded Qonto credential {mask(text)!r} ({where}): anyone with the source can call Qonto "
            "as you; load it from the environment or a secret store, and rotate it",
        )


def _module_or_class_level(scope) -> bool:
    """A module constant, or a class attribute of the module (a settings class's field)."""
    return scope.kind == "module" or (
        scope.kind == "class" and scope.parent is not None and scope.parent.kind == "module"
    )


def _qonto_shaped_literal(binding, facts: Facts) -> bool:
    """A real-looking literal shaped like a Qonto credential (a pair, a key, a token): only those
    send the project's other modules to be read."""
    text = facts.value(binding.value_node, binding.scope).literal()
    return text is not None and looks_real(text) and qonto_shaped(text) and not _FOREIGN_LITERAL.match(text)


def _other_vendors_call(facts: Facts, binding) -> bool:
    """A keyword argument of a call into another vendor's SDK (its qualified name says which)."""
    qualname = facts.keyword_call_qualname(binding.value_node, binding.scope)
    return qualname is not None and vendor_of(qualname) is not None


def _other_vendors_owner(facts: Facts, binding) -> bool:
    """`STRIPE = {"secret_key": "..."}`, `class StripeSettings: SECRET_KEY = "..."`,
    `def twilio_client(): ...`: the dict, class or function the credential belongs to is named
    after another service."""
    owner = _dict_owner(facts, binding)
    if owner is not None and vendor_of(owner) is not None:
        return True
    scope = binding.scope
    while scope is not None and scope.kind != "module":
        if vendor_of(scope.name):
            return True
        scope = scope.parent
    return False


def _dict_owner(facts: Facts, binding) -> str | None:
    """The name a dict display holding the binding is assigned to."""
    return facts.dict_owner(binding.value_node)


def _in_qonto_named_dict(facts: Facts, binding) -> bool:
    """`QONTO_CREDENTIALS = {"login": ..., "password": "..."}`: a dict the code names after Qonto."""
    return mentions_qonto(_dict_owner(facts, binding) or "")


def _secret_text(shape, whole: str, decoded: str | None) -> str:
    """The secret's text in a pair whose every part is literal: after the colon, else the first
    secret-like part, else the whole (a base64 literal, a glued pair in one literal)."""
    if decoded is None and ":" in whole:
        return whole.split(":", 1)[1].strip()
    if decoded is None:
        for atom in shape.atoms:
            if isinstance(atom.part, str) and atom.kinds & {Kind.SECRET, Kind.OAUTH} and atom.part.strip():
                return atom.part.strip()
    return whole.strip()


def _secretish(shape) -> bool:
    return any(a.kinds & {Kind.SECRET, Kind.OAUTH} for a in shape.atoms)


def _literal_node(facts: Facts, value, fragment: str):
    """The string literal node whose text holds `fragment`."""
    for part in value.parts:
        if isinstance(part, Text) and fragment in part.text and facts.is_string_literal(part.node):
            return part.node
    return None
