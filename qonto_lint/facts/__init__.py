"""What the code says, computed once per file.

- `hosts`: Qonto's hosts (no libcst needed)
- `values`: the Value model and name classification (no libcst needed)
- `collect`: the facts pass over a libcst tree
- `evaluate`: expression -> Value
- `analysis`: `Facts`, the questions rules ask (carriers, hosts, Qonto context)

This package's `__init__` imports nothing, so that light modules (`hosts`, `values`)
can be used without importing libcst.
"""
