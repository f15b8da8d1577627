"""The province's race test runs on PostgreSQL only (row locks are what it is about)."""

from __future__ import annotations

from tests.api.review.workflow.conftest import pg_api, pytest_collection_modifyitems  # noqa: F401
