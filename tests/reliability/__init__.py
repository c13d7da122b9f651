"""Reliability tests: a package, so their shared modules import by full name in any order."""
