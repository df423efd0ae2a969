"""What a header rule finds in one Authorization value, and the sentence every message ends with."""

from __future__ import annotations

from ..record import ValueRecord

COST = "every 401 counts toward Qonto's 200-per-hour throttle"


class Problem(ValueRecord):
    __slots__ = ("code", "message", "data")
    _compared = ("code", "message")

    def __init__(self, code: str, message: str, data: dict | None = None) -> None:
        self.code = code
        self.message = message
        #: what the rule's fix needs to know (scheme text, which parts, ...)
        self.data = {} if data is None else data
