"""briefs: a keyboard-driven terminal reader to search and compare analysis briefs."""

__version__ = "0.1.0"
