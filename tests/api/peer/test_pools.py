"""Where pushed videos come from (issue 20 item 1, ``peer_pool``): the school's other groups, the
district's schools, or the province's 优秀 library (seed 001: 优秀 work “上传至平台供全省教师学习点评使用”)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from api.demo import seed
from db.models import PeerAssignment, School
from storage import build_store
from tests import factories
from tests import review_factories as rf
from tests.api.peer.peer_world import playable_work
from tests.harness import Harness, make_settings


def _harness(tmp_path, database_url, pool: str) -> Harness:
    settings = make_settings(tmp_path, database_url, bucket=f"kejian-{uuid.uuid4().hex[:12]}")
    settings = settings.model_copy(update={"peer_pool": pool})
    h = Harness(settings, build_store(settings))
    with h.transaction() as s:
        seed(s)
    return h


def _school_with_work(s, *, district: str | None, province: str = "default", state: str = "scored_pass") -> int:
    school = factories.make_school(s, district=district, province=province)
    group = factories.make_group(s, school, subject="数学")
    return playable_work(s, factories.make_teacher(s, school, group).id, state=state).id


def _pushed(h) -> set[int]:
    with h.transaction() as s:
        demo = s.scalar(select(School.id).where(School.code == "DEMO-001"))
    r = h.client.post(f"/api/peer/schools/{demo}/push", headers=h.auth("schooladmin"))
    assert r.status_code == 200, r.text
    with h.transaction() as s:
        return set(s.scalars(select(PeerAssignment.submission_id)))


@pytest.mark.parametrize("pool", ["school", "district"])
def test_school_and_district_pools(tmp_path, database_url, pool):
    h = _harness(tmp_path, database_url, pool)
    with h.transaction() as s:
        demo = s.scalar(select(School).where(School.code == "DEMO-001"))
        demo.district = "城关区"
        own = playable_work(s, factories.make_teacher(s, demo).id).id
        neighbour = _school_with_work(s, district="城关区")
        far = _school_with_work(s, district="七里河区")
        unplayable = factories.make_teacher(s, demo)
        no_output = rf.submission(s, unplayable.id, state="scored_pass").id  # no browser-ready output yet
    got = _pushed(h)
    assert no_output not in got and far not in got and own in got
    assert (neighbour in got) == (pool == "district")
    with h.transaction() as s:
        assert all(p.pool == pool for p in s.scalars(select(PeerAssignment)))


def test_province_pool_is_the_forwarded_excellent_work_of_the_province(tmp_path, database_url):
    h = _harness(tmp_path, database_url, "province")
    with h.transaction() as s:
        forwarded = _school_with_work(s, district=None, state="forwarded")
        confirmed = _school_with_work(s, district=None, state="confirmed")
        merely_passed = _school_with_work(s, district=None, state="scored_pass")
        downgraded = _school_with_work(s, district=None, state="downgraded")
        elsewhere = _school_with_work(s, district=None, province="other", state="confirmed")
    got = _pushed(h)
    assert got == {forwarded, confirmed}
    assert not {merely_passed, downgraded, elsewhere} & got
