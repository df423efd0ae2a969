"""What a Qonto login (an organization slug such as `acme-robotics-2231`) looks like.

One definition for the value classification, the masking of output (a login is not secret) and
`doctor`. Only the standard library is imported: the plain text output imports the masking.
"""

from __future__ import annotations

import re

#: lowercase words joined by dashes, ending in a dash and digits (unanchored)
LOGIN_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*-\d+"
#: a whole token that is a login
LOGIN_SHAPE = re.compile(rf"^{LOGIN_PATTERN}$")
