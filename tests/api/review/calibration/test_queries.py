"""Calibration and progress read every school at once: the number of queries does not grow with
the schools, groups or works."""

from __future__ import annotations

from tests import factories
from tests import review_factories as rf
from tests.api.review.calibration import factories as pf


def _school_with_reviewed_work(h, works: int) -> None:
    with h.transaction() as s:
        school = factories.make_school(s)
        group = factories.make_group(s, school)
        drawn = []
        for _ in range(works):
            work = rf.submission(s, factories.make_teacher(s, school, group).id, state="downgraded")
            drawn.append(pf.graded(work, {"c1": "excellent"}))
        pf.sampling_round(s, drawn)
        for work in drawn:
            pf.province_review(s, work, "downgrade", {"c1": "pass"})
        pf.handover(s, school.id, at=None)


def test_no_query_per_school_group_or_work(api):
    _school_with_reviewed_work(api, 1)
    paths = ["/api/province/calibration", "/api/province/calibration?by=group", "/api/province/progress"]
    for path in paths:
        api.queries_for(path, "reviewer")  # the first read warms what later reads share
    few = {path: api.queries_for(path, "reviewer") for path in paths}
    for _ in range(3):
        _school_with_reviewed_work(api, 3)
    assert {path: api.queries_for(path, "reviewer") for path in paths} == few
    assert len(api.client.get(paths[1], headers=api.auth("reviewer")).json()) == 4
