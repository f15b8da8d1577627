"""Persistence: SQLAlchemy models, sessions and repositories shared by api and workers."""
