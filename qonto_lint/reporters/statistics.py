"""`--statistics`: the number of findings per code."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from ..model import Finding


def statistics(findings: list[Finding], stream: TextIO, output_format: str = "text") -> None:
    """The number of findings per code, most frequent first."""
    from ..rules import RULES_BY_CODE

    counts = Counter(f.code for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if output_format in ("json", "json-lines"):
        objects = [
            {"code": code, "name": RULES_BY_CODE[code].NAME if code in RULES_BY_CODE else "", "count": count}
            for code, count in rows
        ]
        if output_format == "json":
            stream.write(json.dumps(objects, indent=2) + "\n")
        else:
            stream.writelines(json.dumps(o) + "\n" for o in objects)
        return
    for code, count in rows:
        rule = RULES_BY_CODE.get(code)
        stream.write(f"{count:>5}\t{code}\t{rule.NAME if rule else ''}\n")
