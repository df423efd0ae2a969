"""What a Qonto login (an organization slug such as `acme-robotics-2231`) looks like.

One compiled form of `knowledge.qonto.LOGIN_PATTERN` for the value classification, the masking of
output (a login is not secret) and `doctor`. Only data tables and the standard library are
imported: the plain text output imports the masking.
"""

from __future__ import annotations

import re

from ..knowledge.qonto import LOGIN_PATTERN

__all__ = ["LOGIN_PATTERN", "LOGIN_SHAPE"]

#: a whole token that is a login
LOGIN_SHAPE = re.compile(rf"^{LOGIN_PATTERN}$")
