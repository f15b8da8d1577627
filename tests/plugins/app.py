"""App fixtures: a Harness on each database, on the local store or on the moto S3 server."""

from __future__ import annotations

import uuid

import pytest

from api.demo import seed
from storage import build_store
from tests.harness import Harness, make_settings


def _harness(tmp_path, database_url, backend, s3_endpoint="") -> Harness:
    settings = make_settings(
        tmp_path, database_url, backend=backend, s3_endpoint=s3_endpoint, bucket=f"kejian-{uuid.uuid4().hex[:12]}"
    )
    harness = Harness(settings, build_store(settings))
    with harness.transaction() as session:
        seed(session)
    return harness


@pytest.fixture
def api(tmp_path, database_url) -> Harness:
    """The app on the local store, on SQLite and on PostgreSQL, with the demo school."""
    return _harness(tmp_path, database_url, "local")


@pytest.fixture(params=["local", "s3"])
def api_any_store(request, tmp_path, database_url) -> Harness:
    """The app on each store backend and each database."""
    endpoint = request.getfixturevalue("moto_s3_endpoint") if request.param == "s3" else ""
    return _harness(tmp_path, database_url, request.param, endpoint)
