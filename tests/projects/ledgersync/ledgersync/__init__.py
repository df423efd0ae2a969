"""Sync bank transactions into the ledger."""
__version__ = "0.3.0"
