from __future__ import annotations

import pytest

from .helpers import codes_of, findings_of

__all__ = ["codes_of", "findings_of"]


@pytest.fixture
def lint():
    return findings_of
