"""Shared fixtures; the heavier ones live in tests/plugins so each stays small."""

pytest_plugins = ["tests.plugins.s3", "tests.plugins.media", "tests.plugins.db", "tests.plugins.app"]
