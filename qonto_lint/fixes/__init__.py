"""Fixes: the edit builders the rules' fixes share (`edits`)."""
