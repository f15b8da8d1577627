"""The province's completion view above ``hours_live_teachers`` (issue 21: a province of 300,000 teachers
took minutes to count live), on SQLite and PostgreSQL: it answers from each school's counted rows at
once, saying as of when and which schools are not counted yet, and counts stale schools again after
answering, one refresh at a time."""

from __future__ import annotations

import os

from sqlalchemy import select

from api.hours import completion, recount_aside
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


def test_a_recount_runs_in_a_child_process_at_a_lower_priority(api):
    """The API's background task hands the recount to a process of its own (``recount_aside``), niced,
    so requests keep the API process's interpreter and come first for the CPU."""
    d = demo(api)
    done = recount_aside.recount(api.settings, [d.school_id])
    assert (done.counted, done.exitcode) == (1, 0)
    assert done.pid != os.getpid()
    assert done.niceness == min(19, os.nice(0) + recount_aside.NICENESS)
    with api.transaction() as s:
        assert [row.school_id for row in s.scalars(select(SchoolCompletion))] == [d.school_id]


def test_a_failed_recount_is_reported_and_changes_nothing_and_one_runs_at_a_time(api, tmp_path):
    d = demo(api)
    elsewhere = api.settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'empty.db'}"})
    failed = recount_aside.recount(elsewhere, [d.school_id])  # no tables there: the child raises
    assert failed.counted == 0 and failed.exitcode not in (0, None)
    assert recount_aside._one_here.acquire(blocking=False)  # a recount is running in this process
    try:
        assert recount_aside.recount(api.settings, [d.school_id]) == recount_aside.Recount(0, None, None, None)
    finally:
        recount_aside._one_here.release()
    with api.transaction() as s:
        assert s.scalars(select(SchoolCompletion)).all() == []
