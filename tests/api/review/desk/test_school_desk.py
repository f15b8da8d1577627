"""The school admin's desk: what waits for them (leaders' own work, groups handed over, 优秀 to
forward), and the history of forwards, returns, confirmations and downgrades on the school's work.

In the demo school 王芳 (T001) leads the 语文 group as `leader`; 李娜 (T002) is `teacher`.
"""

from __future__ import annotations

from sqlalchemy import select

from db import audit as audit_log
from db.models import AuditEntry, User
from tests import factories
from tests import review_factories as rf
from tests.api.keyset_walk import assert_bad_cursors, page, row_ids, walk
from tests.api.review.workflow.moves import REASONED, act


def _desk(h, username: str = "schooladmin", school_id: int | None = None):
    school_id = school_id or rf.demo(h).school_id
    return h.client.get(f"/api/schools/{school_id}/desk", headers=h.auth(username))


def _history(h, username: str = "schooladmin", **params):
    return h.client.get(f"/api/schools/{rf.demo(h).school_id}/history", params=params, headers=h.auth(username))


def test_the_desk_lists_leaders_work_groups_handed_over_and_excellent_work_with_counts(api):
    d = rf.demo(api)
    with api.transaction() as s:
        leaders = rf.submission(s, d.teachers["T001"], state="submitted").id
        members = rf.submission(s, d.teachers["T002"], state="submitted").id  # the leader's to grade
        rf.submission(s, d.teachers["T003"], state="scored_pass")  # recorded, nothing to do
        excellent = [w.id for w in rf.excellent_work(s, d.chinese_group_id, 2, skip=(d.teachers["T001"],))]
        rf.accepted_session(s, d.chinese_group_id)
    assert api.client.post(f"/api/groups/{d.chinese_group_id}/submit", headers=api.auth("leader")).status_code == 200
    response = _desk(api)
    assert response.status_code == 200, response.text
    desk = response.json()
    assert desk["counts"] == {"leaders_work": 1, "groups_submitted": 1, "to_forward": 2}
    assert desk["handover_state"] == "open"  # the school's hand-over to the province (学校提交)
    assert [w["id"] for w in desk["leaders_work"]] == [leaders] and members not in [w["id"] for w in desk["to_forward"]]
    assert desk["leaders_work"][0]["teacher_name"] == "王芳"
    assert [g["group_id"] for g in desk["groups_submitted"]] == [d.chinese_group_id]
    assert desk["groups_submitted"][0]["submitted_at"] is not None
    assert sorted(w["id"] for w in desk["to_forward"]) == sorted(excellent)


def test_graded_work_leaves_the_desk(api):
    d = rf.demo(api)
    with api.transaction() as s:
        leaders = rf.submission(s, d.teachers["T001"], state="resubmitted").id
    assert _desk(api).json()["counts"]["leaders_work"] == 1
    assert act(api, "schooladmin", leaders, "score_pass").status_code == 200
    assert _desk(api).json()["counts"] == {"leaders_work": 0, "groups_submitted": 0, "to_forward": 0}


def test_only_the_schools_admin_reads_its_desk_and_history(api):
    d = rf.demo(api)
    for username in ("teacher", "leader", "reviewer"):
        assert _desk(api, username).status_code == 403
        assert _history(api, username).status_code == 403
    with api.transaction() as s:
        other_school = rf.user(s, "school_admin", school=factories.make_school(s))
    refused = _desk(api, other_school, d.school_id)
    assert refused.status_code == 404 and refused.json()["error"]["message_zh"]
    assert _history(api, other_school).status_code == 404
    assert _desk(api, "admin").status_code == 200


def test_the_history_says_who_when_why_on_whose_work_and_filters_by_action(api):
    d = rf.demo(api)
    with api.transaction() as s:
        forwarded, returned = (w.id for w in rf.excellent_work(s, d.chinese_group_id, 2))
        rf.excellent_work(s, d.chinese_group_id, 1, skip=(d.teachers["T001"], d.teachers["T002"]))
        rf.accepted_session(s, d.chinese_group_id)
    assert act(api, "schooladmin", forwarded, "forward").status_code == 200
    assert act(api, "schooladmin", returned, "return").status_code == 200
    assert act(api, "reviewer", forwarded, "confirm").status_code == 200
    every = _history(api).json()
    assert [(e["action"], e["submission_id"]) for e in every] == [
        ("confirm", forwarded),
        ("return", returned),
        ("forward", forwarded),
    ]
    back = every[1]
    assert back["reason"] == REASONED["return"] and back["actor_role"] == "school_admin"
    assert back["actor_name"] and back["teacher_name"] == "李娜" and back["capability_code"] == "A2"
    assert back["from_state"] == "scored_excellent" and back["to_state"] == "returned" and back["at"]
    assert [e["action"] for e in _history(api, action="forward").json()] == ["forward"]
    assert [e["submission_id"] for e in _history(api, action="return").json()] == [returned]
    assert (
        len(_history(api, limit=1, offset=1).json()) == 1
        and _history(api, limit=1, offset=1).json()[0]["action"] == "return"
    )
    refused = _history(api, action="score_pass")
    assert (
        refused.status_code == 422 and refused.json()["error"]["message_zh"] and refused.json()["error"]["message_en"]
    )


def test_the_history_pages_by_cursor_and_new_moves_do_not_shift_it(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = [w.id for w in rf.excellent_work(s, d.chinese_group_id, 4)]
        work += [w.id for w in rf.excellent_work(s, d.math_group_id, 4)]
        for group_id in (d.chinese_group_id, d.math_group_id):
            rf.accepted_session(s, group_id)
    for n, submission_id in enumerate(work[:-1]):
        moved = act(api, "schooladmin", submission_id, "forward" if n % 2 else "return")
        assert moved.status_code == 200, moved.text
    path = f"/api/schools/{d.school_id}/history"
    for filters in ({}, {"action": "forward"}):
        everything = row_ids([_history(api, limit=200, **filters).json()])
        assert everything == sorted(everything, reverse=True) and everything
        for limit in (1, 3):
            assert row_ids(walk(api, "schooladmin", path, limit=limit, **filters)) == everything
    first = page(api, "schooladmin", path, limit=3)
    cursor = first.headers["X-Next-After"]
    later = row_ids(walk(api, "schooladmin", path, limit=3, after=cursor))
    assert act(api, "schooladmin", work[-1], "forward").status_code == 200
    assert row_ids(walk(api, "schooladmin", path, limit=3, after=cursor)) == later
    assert row_ids([page(api, "schooladmin", path, limit=1).json()]) != row_ids([first.json()])[:1]
    assert_bad_cursors(api, "schooladmin", path, cursor, limit=3)


def test_the_history_leaves_out_other_schools_and_other_moves(api):
    d = rf.demo(api)
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T002"], state="submitted").id
    assert act(api, "leader", work, "score_excellent").status_code == 200  # a grade is not a desk move
    assert _history(api).json() == []


def test_the_history_reads_past_the_school_s_entries_about_other_things(api):
    """The history walks the school's own entries, which include sign-ins and hand-overs whose ids are
    not works' ids: only entries about works are read as work ids, so a name or an address in the same
    school's log (even under a move's name) is skipped, never cast."""
    d = rf.demo(api)
    with api.transaction() as s:
        [work] = (w.id for w in rf.excellent_work(s, d.chinese_group_id, 1))
        rf.excellent_work(s, d.chinese_group_id, 1, skip=(d.teachers["T001"], d.teachers["T002"]))
        rf.accepted_session(s, d.chinese_group_id)
        teacher = s.scalar(select(User.id).where(User.username == "teacher"))
        audit_log.write(s, entity_type="sign_in_username", entity_id="teacher", actor_id=teacher, action="forward")
    assert act(api, "schooladmin", work, "forward").status_code == 200
    with api.transaction() as s:
        audit_log.write(s, entity_type="sign_in_address", entity_id="203.0.113.9", actor_id=teacher, action="return")
        filed = s.scalars(select(AuditEntry.school_id).where(AuditEntry.entity_type.like("sign_in_%"))).all()
    assert filed == [d.school_id, d.school_id]  # the same school's log as the works' moves
    assert [(e["action"], e["submission_id"]) for e in _history(api).json()] == [("forward", work)]
