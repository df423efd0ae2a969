"""What an Authorization value sent to Qonto looks like, shared by the header rules and `doctor`.

- `login`: the shape of a Qonto login (standard library only: the masking of output uses it)
- `shape`: a value taken apart into scheme, atoms and separators (`shape_of`, `Reading`)
- `placeholder`: templates and documentation placeholders left in a value
- `problem`: `Problem`, what a header rule finds, and `COST`, the sentence every message ends with
- `diagnose`: `diagnose_authorization`, every header rule's diagnosis of one value, in code order
- `correct`: `corrected_authorization`, the value Qonto expects

This package's `__init__` imports nothing, so that `login` stays light.
"""
