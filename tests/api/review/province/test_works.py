"""GET /api/province/works and /filters: each filter narrows to the right work, paging covers
every row once, and only the province (and admins) read them."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from api.shared.ttl_memo import TtlMemo
from db.models import Submission
from domain.workflow import State
from tests import factories
from tests import review_factories as rf
from tests.api.review.province.world import ids_of, works, world


def test_the_list_shows_school_group_subject_point_and_flags(api):
    w = world(api)
    page = works(api).json()
    assert page["total"] == 8 and w.not_reached not in [x["id"] for x in page["items"]]
    rows = {x["id"]: x for x in page["items"]}
    plain = rows[w.ids["plain"]]
    assert (plain["teacher_name"], plain["group_name"], plain["subject"], plain["capability_code"]) == (
        "李娜",
        "语文教研组",
        "语文",
        "A1",
    )
    assert plain["school_name"] and plain["school_id"] == w.school_id and plain["handed_over"] is True
    assert (
        plain["verdict"] == "excellent"
        and plain["checks_ok"] is True
        and plain["allowed_actions"]
        == [
            "sample",
            "confirm",
            "downgrade",
        ]
    )
    assert rows[w.ids["downgraded"]]["verdict"] == "pass"
    assert rows[w.ids["downgraded"]]["allowed_actions"] == ["confirm"]
    assert rows[w.ids["other0"]]["school_name"] == w.other_school_name and rows[w.ids["other0"]]["handed_over"] is False
    assert rows[w.ids["duplicate"]]["duplicate_flagged"] is True


def test_each_filter_narrows_to_the_right_work(api):
    w = world(api)
    i = w.ids
    math = {i["confirmed"], i["downgraded"], i["a2"]}
    cases = [
        ({"school_id": w.other_school_id}, {i["other0"], i["other1"]}),
        ({"subject": "语文"}, {i["plain"], i["failed_checks"], i["duplicate"]}),
        ({"capability_code": "a2"}, {i["a2"]}),
        ({"state": "sampled"}, {i["duplicate"]}),
        ({"verdict": "pass"}, {i["downgraded"]}),
        ({"verdict": "excellent"}, set(i.values()) - {i["downgraded"]}),
        ({"accepted_despite_checks": "true"}, {i["failed_checks"]} | math),
        ({"accepted_despite_checks": "false"}, set(i.values()) - {i["failed_checks"]} - math),
        ({"duplicate": "true"}, {i["duplicate"]}),
        ({"handed_over": "false"}, {i["other0"], i["other1"]}),
        ({"subject": "数学", "verdict": "excellent"}, {i["confirmed"], i["a2"]}),
    ]
    for params, expected in cases:
        response = works(api, **params)
        assert set(ids_of(response)) == expected, params
        assert response.json()["total"] == len(expected), params


def test_paging_covers_every_row_once_in_id_order(api):
    world(api)
    seen, after, totals = [], None, set()
    for _ in range(10):
        page = works(api, limit=3, **({"after": after} if after is not None else {})).json()
        seen += [x["id"] for x in page["items"]]
        totals.add(page["total"])
        after = page["next_after"]
        if after is None:
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 8 and totals == {8}
    assert ids_of(works(api, limit=8)) == seen and works(api, limit=8).json()["next_after"] is None


def test_the_filters_list_what_is_present(api):
    w = world(api)
    with api.transaction() as s:  # a subject, a point and a school whose work has not reached the province
        school = factories.make_school(s)
        art = factories.make_teacher(s, school, subject="美术")
        rf.submission(s, art.id, code="B1", state="scored_excellent")
    body = api.client.get("/api/province/filters", headers=api.auth("reviewer")).json()
    assert [s["id"] for s in body["schools"]] == sorted([w.school_id, w.other_school_id])
    assert set(body["subjects"]) == {"语文", "数学", "物理"} and body["points"] == ["A1", "A2"]
    assert body["states"] == ["forwarded", "sampled", "confirmed", "downgraded"]


@pytest.mark.parametrize("username", ["teacher", "leader", "schooladmin"])
def test_school_roles_are_refused(api, username):
    world(api)
    for path in ("/api/province/works", "/api/province/filters", "/api/province/rounds"):
        response = api.client.get(path, headers=api.auth(username))
        assert response.status_code == 403 and response.json()["error"]["message_zh"], path


def test_admins_read_and_a_state_outside_the_province_is_refused(api):
    world(api)
    assert works(api, "admin").json()["total"] == 8
    refused = works(api, state="draft")
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "request.invalid"


def test_the_next_page_of_the_same_filters_may_skip_the_count(api):
    """``count=false`` (the UI's 下一页: the first page gave the total) answers the same rows, total None."""
    world(api)
    counted = works(api, limit=3, subject="数学").json()
    first = works(api, limit=3, subject="数学", count="false").json()
    assert first["total"] is None and counted["total"] is not None
    assert [x["id"] for x in first["items"]] == [x["id"] for x in counted["items"]]
    assert first["next_after"] == counted["next_after"]


def test_filters_older_than_their_period_are_answered_then_worked_out_again_after_the_answer(api):
    """Nobody waits for the choices at expiry: the kept ones answer, the next request reads new ones."""
    w = world(api)
    now = [0.0]
    api.app.state.context.memo = TtlMemo(clock=lambda: now[0])

    def school_ids():
        body = api.client.get("/api/province/filters", headers=api.auth("reviewer")).json()
        return [s["id"] for s in body["schools"]]

    both = sorted([w.school_id, w.other_school_id])
    assert school_ids() == both
    with api.transaction() as session:  # the other school's works leave the province (sent back)
        session.execute(
            update(Submission).where(Submission.school_id == w.other_school_id).values(state=State.RETURNED.value)
        )
    now[0] = 30.0
    assert school_ids() == both, "fresh: kept"
    now[0] = 61.0
    assert school_ids() == both, "expired: the kept choices answer, and are worked out again after it"
    assert school_ids() == [w.school_id]
