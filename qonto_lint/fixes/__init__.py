"""Fixes: the edit builders the rules' fixes share (`edits`), and whitespace taken out of
string literals (`whitespace`)."""
