"""The province's completion view above ``hours_live_teachers`` (issue 21: a province of 300,000 teachers
took minutes to count live), on SQLite and PostgreSQL: it answers from each school's counted rows at
once, saying as of when and which schools are not counted yet, and counts stale schools again after
answering, one refresh at a time."""

from __future__ import annotations

from sqlalchemy import select

from api.hours import completion
from api.hours import completion_repository as counted_rows
from db.models import SchoolCompletion
from db.session import transaction
from tests.api.hours.hours_files import csv_bytes, post
from tests.api.hours.test_hours_api import _passed_points, _sessions
from tests.review_factories import demo


def _province(api) -> dict:
    response = api.client.get("/api/province/hours", headers=api.auth("reviewer"))
    assert response.status_code == 200, response.text
    return response.json()


def _li_na_completes(api, d) -> None:
    me = d.teachers["T002"]
    _passed_points(api, me)
    _sessions(api, d.chinese_group_id, me, seen=5, accepted=0, unseen=0)
    post(api, d.school_id, csv_bytes([("T002", "", "课程", 25, "")]))


def test_a_small_province_is_counted_live(api):
    d = demo(api)
    _li_na_completes(api, d)
    body = _province(api)
    assert body["live"] is True and (body["schools_not_counted"], body["recounting"]) == (0, 0)
    assert (body["teachers"], body["complete"]) == (10, 1)
    with api.transaction() as s:
        assert s.scalars(select(SchoolCompletion)).all() == [], "a live count writes nothing"


def test_a_large_province_answers_from_counted_schools_and_counts_stale_ones_after(api):
    api.settings.hours_live_teachers = 5  # the demo's 10 teachers are "a large province" here
    d = demo(api)
    first = _province(api)  # nothing counted yet: the school is listed, not in the totals
    assert first["live"] is False and (first["schools_not_counted"], first["recounting"]) == (1, 1)
    (school,) = first["schools"]
    assert (school["teachers"], school["percent"], school["counted_at"]) == (10, None, None)
    assert (first["teachers"], first["complete"]) == (0, 0)

    counted = _province(api)  # the refresh after the first answer counted it
    assert (counted["schools_not_counted"], counted["recounting"]) == (0, 0)
    assert (counted["teachers"], counted["complete"]) == (10, 0)
    assert counted["schools"][0]["counted_at"] and counted["as_of"] == counted["schools"][0]["counted_at"]

    _li_na_completes(api, d)
    still = _province(api)  # counted under hours_completion_max_age_s ago: read, not counted again
    assert (still["complete"], still["recounting"], still["as_of"]) == (0, 0, counted["as_of"])

    api.settings.hours_completion_max_age_s = 0
    stale = _province(api)
    assert (stale["complete"], stale["recounting"]) == (0, 1), "answered from the count, then counted again"
    api.settings.hours_completion_max_age_s = 900
    fresh = _province(api)
    assert (fresh["complete"], fresh["recounting"]) == (1, 0) and fresh["as_of"] > counted["as_of"]
    assert fresh["schools"][0]["percent"] == 10.0


def test_one_refresh_at_a_time(api):
    d = demo(api)
    factory = api.runtime.sessions
    with transaction(factory) as held:
        assert counted_rows.try_refresh_lock(held)
        if held.get_bind().dialect.name == "postgresql":  # another API process is refreshing
            assert completion.refresh(factory, api.settings, [d.school_id]) == 0
    assert completion._one_refresh.acquire(blocking=False)  # this process is refreshing
    try:
        assert completion.refresh(factory, api.settings, [d.school_id]) == 0
    finally:
        completion._one_refresh.release()
    assert completion.refresh(factory, api.settings, [d.school_id]) == 1
    with api.transaction() as s:
        (row,) = s.scalars(select(SchoolCompletion)).all()
        assert (row.school_id, row.cohort_year, row.teachers, row.complete) == (d.school_id, None, 10, 0)
