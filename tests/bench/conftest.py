"""A small generated province in its own PostgreSQL database, shared by the tests of this folder."""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest

from bench import province
from tests.plugins.db import POSTGRES_ADMIN_URL, _unavailable, postgres_available

# 1/50 of the province (40 schools, 6,000 teachers, 20,000 recordings, 200,000 audit rows):
# about 5 s to build, and big enough that PostgreSQL's planner prefers an index wherever one serves
# (tests/bench/test_hot_query_plans.py).
SCALE = 0.02


@pytest.fixture(scope="session")
def small_province():
    """(SQLAlchemy URL, build result) of a migrated, generated, analysed province; dropped afterwards.

    ``KEJIAN_TEST_PROVINCE_URL`` names a province built before (``python -m bench.province``, any
    scale) to run these tests on instead, as is: nothing is built or dropped.
    """
    given = os.environ.get("KEJIAN_TEST_PROVINCE_URL")
    if given:
        yield given, {"url": given, "scale": None, "rows": None}
        return
    if not postgres_available():
        _unavailable("PostgreSQL at 127.0.0.1:5432")
    name = f"kejian_province_test_{uuid.uuid4().hex[:10]}"
    result = province.build(name, SCALE, admin_url=POSTGRES_ADMIN_URL)
    yield result["url"], result
    from db.session import _factory

    _factory.cache_clear()
    with psycopg.connect(province._dsn(POSTGRES_ADMIN_URL), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
