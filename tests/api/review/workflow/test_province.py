"""The province: forwarded work, sampling rounds, confirm and downgrade; and a whole journey."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import Submission, Teacher
from domain.sampling import Candidate, draw_sample
from tests import review_factories as rf
from tests.api.keyset_walk import assert_bad_cursors, page, row_ids, walk
from tests.api.review.workflow.moves import act


def forwarded_everywhere(h) -> list[int]:
    """Every demo teacher's A1 work forwarded: 5 in 语文, 5 in 数学."""
    d = rf.demo(h)
    with h.transaction() as s:
        rf.handed_over(s, d.school_id)  # the province samples only schools that handed over
        return [rf.submission(s, t, state="forwarded").id for t in d.teachers.values()]


def expected_draw(h, *, percent: float, seed: str) -> list[int]:
    with h.transaction() as s:
        rows = s.execute(
            select(Submission.id, Teacher.school_id, Teacher.subject)
            .join(Teacher, Teacher.id == Submission.teacher_id)
            .where(Submission.state == "forwarded")
        ).all()
    return sorted(c.submission_id for c in draw_sample([Candidate(*r) for r in rows], percent=percent, seed=seed))


def test_sampling_draws_what_the_domain_draws_and_only_from_forwarded_work(api):
    forwarded_everywhere(api)
    first_expected = expected_draw(api, percent=30, seed="2026-R1")
    first = api.client.post(
        "/api/province/sample", json={"seed": "2026-R1", "percent": 30}, headers=api.auth("reviewer")
    )
    assert first.status_code == 200 and first.json()["candidates"] == 10
    assert first.json()["sampled"] == first_expected and len(first_expected) == 3
    second_expected = expected_draw(api, percent=30, seed="2026-R1")
    second = api.client.post(
        "/api/province/sample", json={"seed": "2026-R1", "percent": 30}, headers=api.auth("reviewer")
    )
    assert second.json()["candidates"] == 7 and second.json()["sampled"] == second_expected
    assert not set(first_expected) & set(second_expected)
    sampled = api.client.get("/api/province/forwarded?state=sampled", headers=api.auth("reviewer")).json()
    assert [x["id"] for x in sampled] == sorted(first_expected + second_expected)
    assert all(x["allowed_actions"] == ["confirm", "downgrade"] for x in sampled)
    trail = rf.audit_trail(api, "submission", first_expected[0])
    assert trail == [("sample", "forwarded", "sampled", rf.demo(api).users["reviewer"], trail[0][4])]
    assert "seed=2026-R1" in trail[0][4] and "percent=30" in trail[0][4]


def test_the_default_rate_is_the_setting(api):
    forwarded_everywhere(api)
    drawn = api.client.post("/api/province/sample", json={"seed": "s"}, headers=api.auth("reviewer")).json()
    assert drawn["percent"] == api.settings.review_sampling_percent and len(drawn["sampled"]) == 1  # ceil(10% × 10)


@pytest.mark.parametrize(
    "username, body, status, code",
    [
        ("schooladmin", {"seed": "x"}, 403, "auth.forbidden"),
        ("admin", {"seed": "x"}, 403, "auth.forbidden"),
        ("reviewer", {"seed": "x", "percent": 120}, 422, "request.invalid"),
        ("reviewer", {"seed": ""}, 422, "request.invalid"),
        ("reviewer", {"seed": "x"}, 409, "sample.nothing_forwarded"),
    ],
)
def test_sampling_refusals(api, username, body, status, code):
    d = rf.demo(api)
    with api.transaction() as s:
        untouched = rf.submission(s, d.teachers["T002"], state="scored_excellent").id
    response = api.client.post("/api/province/sample", json=body, headers=api.auth(username))
    assert response.status_code == status and response.json()["error"]["code"] == code
    assert rf.audit_trail(api, "submission", untouched) == []


def test_the_forwarded_list_is_for_the_province(api):
    ids = forwarded_everywhere(api)
    listed = api.client.get("/api/province/forwarded", headers=api.auth("reviewer"))
    assert listed.status_code == 200 and [x["id"] for x in listed.json()] == sorted(ids)
    assert {x["subject"] for x in listed.json()} == {"语文", "数学"}
    assert api.client.get("/api/province/forwarded", headers=api.auth("schooladmin")).status_code == 403
    assert api.client.get("/api/province/forwarded?state=draft", headers=api.auth("admin")).status_code == 422
    assert act(api, "reviewer", ids[0], "confirm").json()["state"] == "confirmed"  # not drawn: confirmed as is
    confirmed = api.client.get("/api/province/forwarded?state=confirmed", headers=api.auth("admin")).json()
    assert [x["id"] for x in confirmed] == [ids[0]]


def test_the_forwarded_list_pages_by_cursor_and_late_arrivals_do_not_shift_it(api):
    d = rf.demo(api)
    with api.transaction() as s:  # older work, still at school: lower ids than everything forwarded
        waiting = [rf.submission(s, t, code="A2", state="scored_excellent").id for t in sorted(d.teachers.values())]
    forwarded = forwarded_everywhere(api)
    for limit in (1, 3, 10):
        assert row_ids(walk(api, "reviewer", "/api/province/forwarded", limit=limit)) == sorted(forwarded)
    first = page(api, "reviewer", "/api/province/forwarded", limit=3)
    cursor = first.headers["X-Next-After"]
    later = row_ids(walk(api, "reviewer", "/api/province/forwarded", limit=3, after=cursor))
    with api.transaction() as s:  # forwarded while the reviewer reads page 1: it sorts before the cursor
        s.get(Submission, waiting[0]).state = "forwarded"
    assert row_ids(walk(api, "reviewer", "/api/province/forwarded", limit=3, after=cursor)) == later
    assert row_ids(walk(api, "reviewer", "/api/province/forwarded", limit=3))[0] == waiting[0]
    assert_bad_cursors(api, "reviewer", "/api/province/forwarded", cursor, limit=3)
    assert act(api, "reviewer", forwarded[0], "confirm").status_code == 200
    assert row_ids(walk(api, "admin", "/api/province/forwarded", state="confirmed", limit=1)) == [forwarded[0]]


def test_a_whole_journey_through_the_api_leaves_its_audit_trail(api):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    selection = f"/api/teachers/{teacher_id}/selection"
    assert api.client.put(selection, json={"codes": ["A1", "A2", "B4"]}, headers=api.auth("teacher")).status_code == 200
    assert api.client.post(f"{selection}/confirm", headers=api.auth("teacher")).status_code == 200
    with api.transaction() as s:
        recording_id = rf.lesson(s, teacher_id).id
        rf.submission(s, d.teachers["T003"], state="scored_excellent")  # the group's second 优秀
        rf.accepted_session(s, d.chinese_group_id)
        rf.handed_over(s, d.school_id)
    created = api.client.post(
        "/api/submissions",
        json={"teacher_id": teacher_id, "capability_code": "A1", "recording_id": recording_id},
        headers=api.auth("teacher"),
    )
    submission_id = created.json()["id"]
    document = api.client.post(
        f"/api/submissions/{submission_id}/documents",
        params={"filename": "学情分析方案.pdf", "item_key": "学情分析方案"},
        content=b"%PDF-1.7\n%%EOF\n",
        headers=api.auth("teacher"),
    )
    assert document.status_code == 201
    for username, action in [("teacher", "submit"), ("leader", "score_excellent")]:
        assert act(api, username, submission_id, action).status_code == 200, action
    group_submit = api.client.post(f"/api/groups/{d.chinese_group_id}/submit", headers=api.auth("leader"))
    assert group_submit.status_code == 200 and group_submit.json()["quota"]["excellent_count"] == 2
    for username, action in [("schooladmin", "forward"), ("reviewer", "sample"), ("reviewer", "confirm")]:
        assert act(api, username, submission_id, action).status_code == 200, action
    final = api.client.get(f"/api/submissions/{submission_id}", headers=api.auth("teacher")).json()
    assert final["state"] == "confirmed" and final["allowed_actions"] == [] and len(final["documents"]) == 1
    trail = rf.audit_trail(api, "submission", submission_id)
    users = d.users
    assert [(a, f, t, who) for a, f, t, who, _ in trail] == [
        ("create", None, "draft", users["teacher"]),
        ("submit", "draft", "submitted", users["teacher"]),
        ("score_excellent", "submitted", "scored_excellent", users["leader"]),
        ("forward", "scored_excellent", "forwarded", users["schooladmin"]),
        ("sample", "forwarded", "sampled", users["reviewer"]),
        ("confirm", "sampled", "confirmed", users["reviewer"]),
    ]
    assert trail[2][4] == "设计完整" and "seed=round-1" in trail[4][4]
    assert [a for a, *_ in rf.audit_trail(api, "selection", teacher_id)] == ["select", "confirm"]
    assert [a for a, *_ in rf.audit_trail(api, "group", d.chinese_group_id)] == ["submit"]
