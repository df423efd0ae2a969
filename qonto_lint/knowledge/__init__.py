"""What the analyzer knows about the world, as data: HTTP clients, Qonto, other vendors.

These modules hold tables and the lookup sets derived from them, and no analysis: they import
nothing heavier than the record classes, so the fast path (which never parses) can read them.
"""
