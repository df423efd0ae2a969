"""The rule registry: every rule, once, ordered by code."""

from __future__ import annotations

from .base import Example, Report, Rule
from .basic_auth import HttpBasicAuthHelper
from .environment import (
    LegacyQontoHost,
    PlainHttpQontoUrl,
    SandboxWithoutStagingToken,
    StagingTokenHeaderCase,
    StagingTokenToProduction,
    UnknownQontoHost,
)
from .headers import (
    Base64EncodedCredentials,
    BasicSchemePrefix,
    BearerSchemeOnApiKey,
    MalformedAuthorizationHeader,
    MissingColonSeparator,
    OAuthTokenWithoutBearer,
    PlaceholderCredentials,
    SwappedLoginAndSecret,
    WhitespaceInCredentials,
)
from .secrets import HardcodedCredential


class UnreadableFile(Rule):
    CODE = "QNT900"
    NAME = "unreadable-file"
    SUMMARY = "A file could not be read or parsed"
    DOCS = """
    ## What it does
    Reported at 1:1 for a file that had to be analysed but could not be read
    (permissions, not text, too large) or parsed (a syntax error). The other files
    are still linted.

    ## Why is this bad?
    A file that cannot be analysed may hide any of the other mistakes.

    ## Example
    ```python
    def broken(:
    ```

    Use instead:
    ```python
    def fixed():
        ...
    ```
    """
    VALID = [Example("x = 1\n")]
    INVALID = [Example("# qonto\ndef broken(:\n", 1, 1)]

    def check(self, facts):  # reported by the engine, never from facts
        return iter(())


ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        [
            BasicSchemePrefix,
            BearerSchemeOnApiKey,
            Base64EncodedCredentials,
            MissingColonSeparator,
            SwappedLoginAndSecret,
            WhitespaceInCredentials,
            HttpBasicAuthHelper,
            MalformedAuthorizationHeader,
            PlaceholderCredentials,
            OAuthTokenWithoutBearer,
            HardcodedCredential,
            SandboxWithoutStagingToken,
            StagingTokenToProduction,
            StagingTokenHeaderCase,
            PlainHttpQontoUrl,
            UnknownQontoHost,
            LegacyQontoHost,
            UnreadableFile,
        ],
        key=lambda rule: rule.CODE,
    )
)
RULES_BY_CODE: dict[str, type[Rule]] = {rule.CODE: rule for rule in ALL_RULES}

__all__ = ["ALL_RULES", "RULES_BY_CODE", "Example", "Report", "Rule"]
