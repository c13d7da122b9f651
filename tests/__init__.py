"""Tests of briefs: a package, so helper modules are imported by their full name in any order."""
