"""Fixtures of the review-workflow API tests: the demo app on PostgreSQL only, for races."""

from __future__ import annotations

import pytest

from tests.plugins.app import _harness
from tests.plugins.db import _truncate_postgres


@pytest.fixture
def pg_api(request, tmp_path):
    """The demo app on the real PostgreSQL server (row locks are what the race tests are about)."""
    url = request.getfixturevalue("_postgres_database")
    _truncate_postgres(url)
    return _harness(tmp_path, url, "local")


def pytest_collection_modifyitems(items):
    for item in items:
        if "pg_api" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
