"""Every rule code, without importing the rules (the command line checks `--select` with it).

tests/test_rule_examples.py checks that this list matches the rule registry.
"""

CODES: tuple[str, ...] = (
    "QNT101",
    "QNT102",
    "QNT103",
    "QNT104",
    "QNT105",
    "QNT106",
    "QNT107",
    "QNT108",
    "QNT109",
    "QNT110",
    "QNT201",
    "QNT202",
    "QNT301",
    "QNT302",
    "QNT303",
    "QNT304",
    "QNT305",
    "QNT306",
    "QNT900",
)
