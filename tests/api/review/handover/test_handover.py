"""The school's hand-over to the province (学校提交), seed 001 §六.1: refused with what is missing
until forwarded, still-优秀 work reaches 30% of the 专任教师 and covers every subject; made once.

The demo school has 10 专任教师 (T001–T005 teach 语文, T006–T010 数学), so 3 are required.
"""

from __future__ import annotations

from sqlalchemy import select

from db.models import AuditEntry, SchoolHandover
from tests import factories
from tests import review_factories as rf
from tests.api.review.workflow.moves import act

CHINESE = ("T001", "T002", "T003", "T004", "T005")
MATHS = ("T006", "T007", "T008", "T009", "T010")


def _url(h, school_id=None, suffix=""):
    return f"/api/schools/{school_id or rf.demo(h).school_id}/handover{suffix}"


def status(h, username="schooladmin", school_id=None):
    return h.client.get(_url(h, school_id), headers=h.auth(username))


def hand_over(h, username="schooladmin", school_id=None):
    return h.client.post(_url(h, school_id), headers=h.auth(username))


def works(h, *states_by_staff: tuple[str, str]) -> dict[str, int]:
    """One A1 work per (staff id, state), written straight into that state; staff id → submission id."""
    d = rf.demo(h)
    with h.transaction() as s:
        return {staff: rf.submission(s, d.teachers[staff], state=state).id for staff, state in states_by_staff}


def codes(reasons) -> list[str]:
    return [r["code"] for r in reasons]


def test_refused_while_short_of_30_percent_and_excellent_not_forwarded_does_not_count(api):
    works(api, ("T002", "forwarded"), ("T006", "scored_excellent"), ("T007", "scored_excellent"), ("T003", "sampled"))
    works(api, ("T004", "downgraded"), ("T005", "scored_pass"))
    before = status(api)
    assert before.status_code == 200, before.text
    body = before.json()
    assert (body["state"], body["handed_over_at"], body["handed_over_by_name"]) == ("open", None, None)
    assert body["since"] is None
    counts = ("full_time_teachers", "required_excellent", "excellent_count", "missing_excellent", "awaiting_forward")
    assert tuple(body[k] for k in counts) == (10, 3, 2, 1, 2)
    assert body["by_subject"] == [{"subject": "语文", "count": 2}, {"subject": "数学", "count": 0}]
    assert body["uncovered_subjects"] == ["数学"] and body["ready"] is False
    assert codes(body["missing"]) == [
        "quota.school_excellent_short",
        "quota.school_subjects_uncovered",
        "handover.awaiting_forward",
    ]
    assert "还差 1 个" in body["missing"][0]["message_zh"] and "1 more" in body["missing"][0]["message_en"]
    assert "数学" in body["missing"][1]["message_zh"] and "2 个" in body["missing"][2]["message_zh"]

    refused = hand_over(api)
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["code"] == "handover.not_ready" and "还差 1 个" in error["message_zh"] and error["message_en"]
    assert codes(error["violations"]) == codes(body["missing"])
    assert status(api).json()["state"] == "open"
    assert rf.audit_trail(api, "school", rf.demo(api).school_id) == []


def test_a_subject_without_forwarded_excellent_work_holds_it_back(api):
    works(api, ("T001", "forwarded"), ("T002", "confirmed"), ("T003", "forwarded"))
    body = status(api).json()
    assert body["excellent_count"] == 3 and body["missing_excellent"] == 0 and body["awaiting_forward"] == 0
    assert codes(body["missing"]) == ["quota.school_subjects_uncovered"]
    refused = hand_over(api)
    assert refused.status_code == 409 and codes(refused.json()["error"]["violations"]) == codes(body["missing"])


def test_accepted_once_met_made_once_and_counts_followed_afterwards(api):
    d = rf.demo(api)
    ids = works(api, ("T001", "forwarded"), ("T002", "forwarded"), ("T006", "confirmed"), ("T007", "downgraded"))
    with api.transaction() as s:
        rf.accepted_session(s, d.chinese_group_id)
    assert status(api).json()["ready"] is True
    done = hand_over(api)
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["state"] == "handed_over" and body["handed_over_at"] and body["handed_over_by_name"] == "学校管理员"
    assert body["handed_over_by"] == d.users["schooladmin"] and body["missing"] == [] and body["ready"] is True
    assert body["since"] == {
        "excellent_at_hand_over": 3,
        "excellent_now": 3,
        "change": 0,
        "downgraded": 0,
        "forwarded": 0,
    }
    trail = rf.audit_trail(api, "school", d.school_id)
    assert trail == [("hand_over", "open", "handed_over", d.users["schooladmin"], None)]
    with api.transaction() as s:
        row = s.get(SchoolHandover, d.school_id)
        assert (row.excellent_count, row.full_time_teachers) == (3, 10)

    again = hand_over(api)
    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "handover.already_handed_over" and error["message_zh"].startswith("学校已于 20")

    # The province downgrades one: the school falls short again but stays handed over.
    assert act(api, "reviewer", ids["T006"], "downgrade").status_code == 200
    after = status(api).json()
    assert after["state"] == "handed_over" and after["ready"] is False
    assert after["since"]["excellent_now"] == 2 and after["since"]["change"] == -1 and after["since"]["downgraded"] == 1
    assert "quota.school_subjects_uncovered" in codes(after["missing"])

    # Forwarding after the hand-over stays allowed: it only adds.
    more = works(api, ("T003", "scored_excellent"))["T003"]
    assert act(api, "schooladmin", more, "forward").status_code == 200
    later = status(api, "reviewer").json()
    assert later["since"]["forwarded"] == 1 and later["since"]["excellent_now"] == 3
    assert status(api, "admin").json()["state"] == "handed_over"


def test_who_may_read_and_who_may_hand_over(api):
    d = rf.demo(api)
    works(api, ("T001", "forwarded"), ("T002", "forwarded"), ("T006", "forwarded"))
    for username in ("teacher", "leader"):
        assert status(api, username).status_code == 403
        assert hand_over(api, username).status_code == 403
        assert api.client.get(_url(api, suffix="/package.zip"), headers=api.auth(username)).status_code == 403
    for username in ("reviewer", "admin"):
        assert status(api, username).status_code == 200
        refused = hand_over(api, username)
        assert refused.status_code == 403 and refused.json()["error"]["message_zh"]
    with api.transaction() as s:
        other = rf.user(s, "school_admin", school=factories.make_school(s))
    for call in (status, hand_over):
        response = call(api, other, d.school_id)
        assert response.status_code == 404 and response.json()["error"]["message_en"]
    assert api.client.get(_url(api, suffix="/package.zip"), headers=api.auth(other)).status_code == 404
    assert status(api, "admin", 999999).status_code == 404
    with api.transaction() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.entity_type == "school")).all() == []
    assert hand_over(api).status_code == 200


def test_the_desk_says_whether_the_school_has_handed_over(api):
    d = rf.demo(api)
    desk = f"/api/schools/{d.school_id}/desk"
    assert api.client.get(desk, headers=api.auth("schooladmin")).json()["handover_state"] == "open"
    works(api, ("T001", "forwarded"), ("T002", "forwarded"), ("T006", "forwarded"))
    assert hand_over(api).status_code == 200
    assert api.client.get(desk, headers=api.auth("schooladmin")).json()["handover_state"] == "handed_over"
