"""Header names: which keys name (or misspell) `Authorization` and `X-Qonto-Staging-Token`."""

from __future__ import annotations

from ..knowledge.qonto import AUTHORIZATION, STAGING


def header_kind(key: str) -> str | None:
    """`authorization` or `x-qonto-staging-token` when a key names (or misspells) one of them."""
    norm = key.strip().rstrip(":").strip().lower()
    if norm in (AUTHORIZATION, STAGING):
        return norm
    if norm.replace("_", "-") == STAGING:
        return STAGING
    squashed = norm.replace(" ", "")
    if squashed == "authentication":
        return AUTHORIZATION
    if "-" in squashed or "_" in squashed:
        return None  # X-Authorization, Proxy-Authorization: other headers, not misspellings
    if abs(len(squashed) - len(AUTHORIZATION)) <= 2 and edit_distance(squashed, AUTHORIZATION, 2) <= 2:
        return AUTHORIZATION
    return None


def edit_distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance, giving up (returning bound + 1) once it exceeds `bound`."""
    if a == b:
        return 0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > bound:
            return bound + 1
        previous = current
    return previous[-1]
