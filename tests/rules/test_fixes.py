"""Fixes in general: repeated until nothing changes, never over a `# noqa`, every other byte kept.

Each rule's own fixes (the exact text before and after, for each string form) are in its file here."""

from __future__ import annotations

from qonto_lint import Options
from qonto_lint.fixing import fix_source

from ..fixcheck import HEAD, fixed


def test_fixes_repeat_until_nothing_changes():
    before = (
        "import base64\nH = {'Authorization': 'Basic ' + base64.b64encode(f'{SECRET} : {LOGIN}'.encode()).decode()}\n"
    )
    after = fixed(before, unsafe=True)
    assert after == "import base64\nH = {'Authorization': f'{LOGIN}:{SECRET}'.encode().decode()}\n"
    again = fix_source((HEAD + after).encode(), "client.py", Options(), unsafe=True)
    assert not again.changed and again.applied == 0


def test_noqa_suppressed_findings_are_not_fixed():
    before = 'H = {"Authorization": f"Basic {LOGIN}:{SECRET}"}  # noqa: QNT101\n'
    assert fixed(before) == before


def test_everything_else_stays_byte_for_byte():
    before = (
        "# -*- coding: utf-8 -*-\r\n"
        "H = {  'Authorization' :  f'Basic {LOGIN}:{SECRET}' ,  # keep me\r\n"
        "      'Accept': 'application/json'}\r\n"
    )
    after = fixed(before)
    assert after == before.replace("f'Basic {LOGIN}", "f'{LOGIN}")
