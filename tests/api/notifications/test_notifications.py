"""Notifications inside the app: who is told of each move, and each reader's own inbox.

In the demo school 王芳 (T001) leads the 语文 group as `leader`; 李娜 (T002) is `teacher`;
`schooladmin` runs the school and `reviewer` is the province.
"""

from __future__ import annotations

from tests import review_factories as rf
from tests.api.review.workflow.moves import REASONED, SCORE_BODIES, act

EVERYONE = ("teacher", "leader", "schooladmin", "reviewer", "admin")


def _inbox(h, username: str, **params) -> list[dict]:
    response = h.client.get("/api/notifications", params=params, headers=h.auth(username))
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _kinds(h, username: str) -> list[str]:
    return [n["kind"] for n in _inbox(h, username)]


def _unread(h, username: str) -> int:
    response = h.client.get("/api/notifications/unread-count", headers=h.auth(username))
    assert response.status_code == 200, response.text
    return response.json()["unread"]


def _work(h, staff_id: str = "T002", state: str = "submitted", **values) -> int:
    d = rf.demo(h)
    with h.transaction() as s:
        return rf.submission(s, d.teachers[staff_id], state=state, **values).id


def test_a_grade_tells_the_teacher_with_the_graders_comment_and_nobody_else(api):
    work = _work(api)
    assert act(api, "leader", work, "score_excellent").status_code == 200
    (told,) = _inbox(api, "teacher")
    assert told["kind"] == "graded" and told["link"] == f"/review/{work}" and told["read_at"] is None
    comment = SCORE_BODIES["score_excellent"]["comment"]
    assert "评为优秀" in told["text_zh"] and f"评语：{comment}" in told["text_zh"]
    assert "graded excellent" in told["text_en"] and comment in told["text_en"] and "A1" in told["text_en"]
    assert told["created_at"] and told["submission_id"] == work
    for username in ("leader", "schooladmin", "reviewer"):
        assert _inbox(api, username) == [], f"{username}: the actor and bystanders hear nothing"


def test_a_fail_and_a_return_tell_the_teacher_why(api):
    failed, returned = _work(api), _work(api, code="A2")
    assert act(api, "leader", failed, "score_fail").status_code == 200
    assert act(api, "leader", returned, "return").status_code == 200
    back, fail = _inbox(api, "teacher")
    assert back["kind"] == "returned" and REASONED["return"] in back["text_zh"] and "理由" in back["text_zh"]
    assert "returned" in back["text_en"] and REASONED["return"] in back["text_en"]
    assert fail["kind"] == "graded" and "评为不合格" in fail["text_zh"] and REASONED["score_fail"] in fail["text_zh"]


def test_a_downgrade_flows_down_the_chain_and_so_does_its_undoing(api):
    work = _work(api, state="forwarded")
    assert act(api, "reviewer", work, "downgrade").status_code == 200
    (mine,) = _inbox(api, "teacher")
    assert mine["kind"] == "downgraded" and REASONED["downgrade"] in mine["text_zh"] and "降等" in mine["text_zh"]
    for username in ("leader", "schooladmin"):
        (theirs,) = _inbox(api, username)
        assert theirs["kind"] == "member_downgraded" and theirs["link"] == f"/review/{work}"
        assert "李娜" in theirs["text_zh"] and REASONED["downgrade"] in theirs["text_zh"]
        assert "downgraded" in theirs["text_en"]
    assert _inbox(api, "reviewer") == []
    assert act(api, "reviewer", work, "confirm", reason=REASONED["confirm"]).status_code == 200
    assert _kinds(api, "teacher") == ["undowngraded", "downgraded"]
    assert _kinds(api, "leader") == _kinds(api, "schooladmin") == ["member_undowngraded", "member_downgraded"]


def test_forwarding_and_confirming_tell_the_teacher(api):
    # (sampling tells the teacher too: domain table; a round needs the school's hand-over first)
    d = rf.demo(api)
    with api.transaction() as s:
        work = rf.excellent_work(s, d.chinese_group_id, 2, skip=(d.teachers["T001"],))[0].id
        rf.accepted_session(s, d.chinese_group_id)
    assert act(api, "schooladmin", work, "forward").status_code == 200
    assert act(api, "reviewer", work, "confirm").status_code == 200
    assert _kinds(api, "teacher") == ["confirmed", "forwarded"]
    confirmed, forwarded = _inbox(api, "teacher")
    assert "省级确认" in confirmed["text_zh"] and "forwarded to the province" in forwarded["text_en"]
    assert _inbox(api, "leader") == [] and _inbox(api, "schooladmin") == []


def test_a_member_submitting_tells_the_leader_not_the_teacher(api):
    work = _work(api, state="draft")
    submitted = act(api, "teacher", work, "submit")
    assert submitted.status_code == 200, submitted.text
    (told,) = _inbox(api, "leader")
    assert told["kind"] == "member_submitted" and "李娜" in told["text_zh"] and told["link"] == f"/review/{work}"
    assert _inbox(api, "teacher") == [] and _inbox(api, "schooladmin") == []


def test_a_leaders_own_work_tells_the_school_which_grades_it(api):
    work = _work(api, staff_id="T001", state="draft")
    assert act(api, "leader", work, "submit").status_code == 200
    (told,) = _inbox(api, "schooladmin")
    assert told["kind"] == "member_submitted" and "王芳" in told["text_zh"]
    assert _inbox(api, "leader") == [] and _inbox(api, "teacher") == []
    assert act(api, "schooladmin", work, "score_pass").status_code == 200
    assert _kinds(api, "leader") == ["graded"]


def test_a_group_hand_over_tells_the_schools_admins(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.excellent_work(s, d.chinese_group_id, 2)
        rf.accepted_session(s, d.chinese_group_id)
        other_admin = rf.user(s, "school_admin", school=s.get(rf.School, d.school_id))
    handed = api.client.post(f"/api/groups/{d.chinese_group_id}/submit", headers=api.auth("leader"))
    assert handed.status_code == 200, handed.text
    for username in ("schooladmin", other_admin):
        (told,) = _inbox(api, username)
        assert told["kind"] == "group_submitted" and told["group_id"] == d.chinese_group_id and told["link"] == "/"
        assert "语文" in told["text_zh"] and "handed its work over" in told["text_en"]
    assert _inbox(api, "leader") == [] and _inbox(api, "teacher") == []


def test_a_refused_move_tells_nobody(api):
    d = rf.demo(api)
    work = _work(api)
    with api.transaction() as s:
        excellent = rf.submission(s, d.teachers["T003"], state="scored_excellent").id  # the group is short
    assert act(api, "teacher", work, "score_pass").status_code == 403
    assert act(api, "leader", work, "return", reason=" ").status_code in (409, 422)
    assert act(api, "schooladmin", excellent, "forward").status_code == 409
    unfinished = act(api, "leader", work, "score_excellent", criteria=[])  # the rubric refuses, after the plan
    assert unfinished.status_code == 422, unfinished.text
    for username in EVERYONE:
        assert _inbox(api, username) == [] and _unread(api, username) == 0


def _three_for_the_teacher(h) -> None:
    for code in ("A1", "A2", "B4"):
        assert act(h, "leader", _work(h, code=code), "return").status_code == 200


def test_the_unread_count_reading_one_and_reading_all(api):
    _three_for_the_teacher(api)
    assert _unread(api, "teacher") == 3 and _unread(api, "leader") == 0
    newest, middle, oldest = _inbox(api, "teacher")
    read = api.client.post(f"/api/notifications/{middle['id']}/read", headers=api.auth("teacher"))
    assert read.status_code == 200 and read.json()["read_at"] and read.json()["id"] == middle["id"]
    again = api.client.post(f"/api/notifications/{middle['id']}/read", headers=api.auth("teacher"))
    assert again.json()["read_at"] == read.json()["read_at"], "read once: the first stamp stays"
    assert _unread(api, "teacher") == 2
    assert [n["id"] for n in _inbox(api, "teacher", unread="true")] == [newest["id"], oldest["id"]]
    assert len(_inbox(api, "teacher", unread="false")) == 3
    everything = api.client.post("/api/notifications/read-all", headers=api.auth("teacher"))
    assert everything.status_code == 200 and everything.json() == {"marked": 2}
    assert _unread(api, "teacher") == 0 and _inbox(api, "teacher", unread="true") == []
    assert all(n["read_at"] for n in _inbox(api, "teacher"))


def test_nobody_reads_or_marks_anothers_notifications(api):
    _three_for_the_teacher(api)
    theirs = _inbox(api, "teacher")[0]["id"]
    for username in ("leader", "schooladmin", "admin"):
        refused = api.client.post(f"/api/notifications/{theirs}/read", headers=api.auth(username))
        assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
        assert refused.json()["error"]["message_zh"] and refused.json()["error"]["message_en"]
        assert api.client.post("/api/notifications/read-all", headers=api.auth(username)).json() == {"marked": 0}
    assert api.client.post("/api/notifications/999999/read", headers=api.auth("teacher")).status_code == 404
    assert _unread(api, "teacher") == 3, "still unread: nobody else could mark them"
    assert api.client.get("/api/notifications").status_code == 401
    assert api.client.get("/api/notifications/unread-count").status_code == 401


def test_pages_go_newest_first_by_id(api):
    _three_for_the_teacher(api)
    every = [n["id"] for n in _inbox(api, "teacher")]
    assert every == sorted(every, reverse=True)
    first = api.client.get("/api/notifications", params={"limit": 2}, headers=api.auth("teacher")).json()
    assert [n["id"] for n in first["items"]] == every[:2] and first["next_before"] == every[1]
    rest = api.client.get(
        "/api/notifications", params={"limit": 2, "before": first["next_before"]}, headers=api.auth("teacher")
    ).json()
    assert [n["id"] for n in rest["items"]] == every[2:] and rest["next_before"] is None


def test_limits_are_refused_with_a_reason(api):
    for params in ({"limit": 0}, {"limit": 101}, {"before": 0}, {"limit": "x"}, {"unread": "maybe"}):
        refused = api.client.get("/api/notifications", params=params, headers=api.auth("teacher"))
        assert refused.status_code == 422, params
        error = refused.json()["error"]
        assert error["code"] == "request.invalid" and error["message_zh"] and error["message_en"]
