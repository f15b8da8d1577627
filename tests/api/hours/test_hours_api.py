"""GET /api/teachers/{id}/hours (issue 20 item 7) and the school's and province's views, on SQLite and
PostgreSQL: practice hours held until the pushed peer reviews are done (seed 001), then counted;
imported online hours complete the ledger; who may read it; the OpenAPI schema documents it."""

from __future__ import annotations

from db.base import utcnow
from db.models import PeerAssignment, PeerComment, ResearchGroup, School, SessionSignIn, Teacher
from tests import factories
from tests.api.hours.hours_files import csv_bytes, hours, post
from tests.review_factories import demo, select_points, submission

SHAPE = {"online", "practice", "assessment", "required", "held", "complete"}


def _passed_points(h, teacher_id: int) -> None:
    with h.transaction() as s:
        select_points(s, teacher_id)
        for code in ("A1", "A2", "B4"):
            submission(s, teacher_id, code=code, state="scored_pass")


def _push(h, viewer_id: int, author_id: int) -> int:
    with h.transaction() as s:
        work = submission(s, author_id, code="A1", state="scored_pass")
        row = PeerAssignment(
            viewer_teacher_id=viewer_id, submission_id=work.id, recording_id=work.recording_id, pool="school", played=[]
        )
        s.add(row)
        s.flush()
        return row.id


def _watch_and_comment(h, assignment_id: int) -> None:
    with h.transaction() as s:
        s.get(PeerAssignment, assignment_id).counted_at = utcnow()
        s.add(PeerComment(assignment_id=assignment_id, rating="良好", text="板书与课件配合得当，学生参与度高。" * 2))


def _sessions(h, group_id: int, teacher_id: int, *, seen: int, accepted: int, unseen: int, signed: int = 0) -> None:
    """Counting sessions of the group listing the teacher: seen on camera, accepted by the leader,
    neither, or not seen but signed in by the leader (the last ``signed`` of the unseen ones)."""
    with h.transaction() as s:
        group, me = s.get(ResearchGroup, group_id), s.get(Teacher, teacher_id)
        total = seen + accepted + unseen
        for n in range(total):
            was_seen = n < seen
            extra = {"accepted_at": utcnow(), "checks_ok": False} if seen <= n < seen + accepted else {}
            analysis = {"participants": [{"teacher_id": teacher_id, "seen": was_seen}]}
            row = factories.make_recording(
                s, group=group, participants=[me], duration_s=700.0, analysis=analysis, **extra
            )
            if n >= total - signed:
                s.add(SessionSignIn(recording_id=row.id, teacher_id=teacher_id, note="请假后补看录像并交心得"))


def test_the_shape_platforms_read(api):
    d = demo(api)
    body = hours(api, d.teachers["T002"], user="teacher")
    assert set(body) == SHAPE
    assert body == {
        "online": 0,
        "practice": 0,
        "assessment": 0,
        "required": {"online": 25, "practice": 25, "assessment": 0},  # seed 001's default
        "held": [
            {
                "code": "hours.held_work_not_submitted",
                "message_zh": "线下实践应用学时暂不计入：能力点实践成果尚未全部提交。",
                "message_en": "Practice hours are held: the work for the chosen points is not all handed in yet.",
            }
        ],
        "complete": False,
    }
    api.settings.hours_profile = "seed000"
    assert hours(api, d.teachers["T002"])["required"] == {"online": 30, "practice": 25, "assessment": 5}


def test_practice_is_held_until_the_pushed_reviews_are_done_then_online_hours_complete_the_ledger(api):
    d = demo(api)
    me = d.teachers["T002"]
    _passed_points(api, me)  # 3 × 5 h
    _sessions(api, d.chinese_group_id, me, seen=1, accepted=1, unseen=1)  # 2 attended × 2 h
    _sessions(api, d.chinese_group_id, d.teachers["T003"], seen=0, accepted=0, unseen=3, signed=1)
    pushed = [_push(api, me, d.teachers[t]) for t in ("T006", "T007", "T008")]
    _watch_and_comment(api, pushed[0])

    body = hours(api, me, user="teacher")
    assert body["practice"] == 0 and body["complete"] is False
    (held,) = body["held"]
    assert held["code"] == "hours.held_peer_reviews"
    assert "21 学时" in held["message_zh"] and "2 个" in held["message_zh"]  # 15 + 4 + 1 view + 1 comment

    for row in pushed[1:]:
        _watch_and_comment(api, row)
    body = hours(api, me, user="teacher")
    assert (body["practice"], body["held"], body["complete"]) == (25, [], False)  # 15 + 4 + 3 + 3

    assert post(api, d.school_id, csv_bytes([("T002", "", "网络研修课程", 25, "")])).status_code == 201
    body = hours(api, me, user="teacher")
    assert (body["online"], body["practice"], body["assessment"], body["complete"]) == (25, 25, 0, True)

    ledger = api.client.get(f"/api/teachers/{me}/hours/ledger", headers=api.auth("teacher")).json()
    assert (ledger["sessions"], ledger["peer_views"], ledger["points_passed"]) == (
        {"count": 2, "hours": 4},
        {"count": 3, "hours": 3},
        {"count": 3, "hours": 15},
    )
    assert (ledger["result"], ledger["missing"], ledger["hours"]["complete"]) == ("pass", [], True)
    other = api.client.get(f"/api/teachers/{d.teachers['T003']}/hours/ledger", headers=api.auth("leader")).json()
    assert other["sessions"] == {"count": 1, "hours": 2}  # signed in by hand on one of three (seed 001 点名签到)


def test_hours_reached_without_passing_points_is_not_complete(api):
    d = demo(api)
    me = d.teachers["T002"]
    with api.transaction() as s:
        select_points(s, me)
        for code, state in (("A1", "scored_pass"), ("A2", "scored_fail"), ("B4", "scored_pass")):
            submission(s, me, code=code, state=state)
    _sessions(api, d.chinese_group_id, me, seen=10, accepted=0, unseen=0)
    post(api, d.school_id, csv_bytes([("T002", "", "课程", 30, "")]))
    body = hours(api, me)
    assert body["online"] == 30 and body["practice"] == 30 and body["complete"] is False
    ledger = api.client.get(f"/api/teachers/{me}/hours/ledger", headers=api.auth("schooladmin")).json()
    assert [r["code"] for r in ledger["missing"]] == ["hours.points_not_passed"]


def test_who_may_read_a_teachers_hours(api):
    d = demo(api)
    with api.transaction() as s:
        other = factories.make_school(s)
        other_admin = factories.make_user(s, "school_admin", school=other).username
        peer = factories.make_user(
            s, "teacher", school=s.get(School, d.school_id), teacher=s.get(Teacher, d.teachers["T003"])
        ).username
    mine = f"/api/teachers/{d.teachers['T002']}/hours"
    for user in ("teacher", "leader", "schooladmin", "reviewer", "admin"):
        assert api.client.get(mine, headers=api.auth(user)).status_code == 200, user
    assert api.client.get(mine, headers=api.auth(peer)).status_code == 404
    assert api.client.get(mine, headers=api.auth(other_admin)).status_code == 404
    math = f"/api/teachers/{d.teachers['T006']}/hours"  # another group's teacher
    assert api.client.get(math, headers=api.auth("leader")).status_code == 404
    assert api.client.get("/api/teachers/999999/hours", headers=api.auth("admin")).status_code == 404


def test_the_openapi_schema_documents_the_hours(api):
    schema = api.client.get("/openapi.json").json()
    answer = schema["paths"]["/api/teachers/{teacher_id}/hours"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/HoursOut")
    fields = schema["components"]["schemas"]["HoursOut"]
    assert set(fields["properties"]) == SHAPE and set(fields["required"]) == SHAPE
    assert "seed 001" in fields["properties"]["held"]["description"]


def test_the_school_sees_who_is_behind_and_on_what(api):
    d = demo(api)
    me = d.teachers["T002"]
    _passed_points(api, me)
    _sessions(api, d.chinese_group_id, me, seen=5, accepted=0, unseen=0)
    post(api, d.school_id, csv_bytes([("T002", "", "课程", 25, ""), ("T003", "", "课程", 24, "")]))
    body = api.client.get(f"/api/schools/{d.school_id}/hours", headers=api.auth("schooladmin")).json()
    assert (body["teachers"], body["complete"], body["behind"]) == (10, 1, 9)
    assert body["ledgers"][-1]["teacher_id"] == me  # behind first
    t003 = next(x for x in body["ledgers"] if x["staff_id"] == "T003")
    codes = [r["code"] for r in t003["missing"]]
    assert codes == ["hours.short_online", "hours.short_practice", "hours.points_not_passed"]
    assert "24/25" in t003["missing"][0]["message_zh"]
    assert api.client.get(f"/api/schools/{d.school_id}/hours", headers=api.auth("leader")).status_code == 403


def test_the_province_sees_completion_by_school_and_cohort_against_the_plan(api):
    d = demo(api)
    me = d.teachers["T002"]
    _passed_points(api, me)
    _sessions(api, d.chinese_group_id, me, seen=5, accepted=0, unseen=0)
    post(api, d.school_id, csv_bytes([("T002", "", "课程", 25, "")]))
    with api.transaction() as s:
        for staff_id, year in (("T002", 2020), ("T003", 2020), ("T004", 2021)):
            s.get(Teacher, d.teachers[staff_id]).cohort_year = year
    body = api.client.get("/api/province/hours", headers=api.auth("reviewer")).json()
    assert (body["teachers"], body["complete"], body["no_cohort"]) == (10, 1, 7)
    assert [(s["teachers"], s["complete"], s["percent"]) for s in body["schools"]] == [(10, 1, 10.0)]
    assert [
        (c["year"], c["planned_percent"], c["planned"], c["assigned"], c["completed"]) for c in body["cohorts"]
    ] == [
        (2020, 30, 3, 2, 1),
        (2021, 50, 5, 1, 0),
        (2022, 20, 2, 0, 0),
    ]
    assert api.client.get("/api/province/hours", headers=api.auth("schooladmin")).status_code == 403


def test_the_school_reminds_whoever_is_behind_with_what_they_lack(api):
    d = demo(api)
    post(api, d.school_id, csv_bytes([("T002", "", "课程", 12, "")]))
    response = api.client.post(f"/api/schools/{d.school_id}/hours/reminders", headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["behind"], body["told"]) == (10, 2)  # 李娜 (teacher) and 王芳 (leader) have accounts
    assert len(body["without_account"]) == 8 and "张伟（T003）" in body["without_account"]
    notices = api.client.get("/api/notifications", headers=api.auth("teacher")).json()["items"]
    (notice,) = [n for n in notices if n["kind"] == "hours_reminder"]
    assert notice["text_zh"].startswith("学校提醒：您的学时尚未完成。")
    assert "线上学习 12/25 学时，还差 13 学时。" in notice["text_zh"]
    assert "Online learning 12/25 hours, 13 short." in notice["text_en"]
    refused = api.client.post(f"/api/schools/{d.school_id}/hours/reminders", headers=api.auth("leader"))
    assert refused.status_code == 403


def test_the_roster_sets_each_teachers_cohort_year(api):
    from tests.api.review.admin.roster_files import HEADERS, csv_bytes, post_roster

    d = demo(api)
    rows = [
        ["示范中学", "DEMO-001", "语文教研组", "语文", "李娜", "T002", 1980, "教师", "是", None, "2021年"],
        ["示范中学", "DEMO-001", "语文教研组", "语文", "张伟", "T003", 1988, "教师", "是", None, ""],
    ]
    headers = (*HEADERS, "批次年度")
    response = post_roster(api, "schooladmin", csv_bytes(rows, headers=headers), fmt="csv")
    assert response.status_code == 201, response.text
    ledger = api.client.get(f"/api/teachers/{d.teachers['T002']}/hours/ledger", headers=api.auth("schooladmin"))
    assert ledger.json()["cohort_year"] == 2021
    bad = [[*rows[0][:10], "明年"]]
    refused = post_roster(api, "schooladmin", csv_bytes(bad, headers=headers), fmt="csv")
    assert refused.status_code == 422
    assert "roster.bad_cohort_year" in refused.text


def test_the_school_dashboard_runs_no_query_per_teacher(api):
    d = demo(api)
    path = f"/api/schools/{d.school_id}/hours"
    api.queries_for(path, "schooladmin")  # the first read warms what later reads share
    few = api.queries_for(path, "schooladmin")
    with api.transaction() as s:
        school, group = s.get(School, d.school_id), s.get(ResearchGroup, d.chinese_group_id)
        for n in range(12):
            factories.make_teacher(s, school, group, staff_id=f"N{n:03d}")
    rows = [(f"N{n:03d}", "", f"课程 {n}", 3, "") for n in range(12)]
    post(api, d.school_id, csv_bytes(rows))
    for staff in ("T002", "T003"):
        _passed_points(api, d.teachers[staff])
        _sessions(api, d.chinese_group_id, d.teachers[staff], seen=1, accepted=1, unseen=0, signed=0)
    _push(api, d.teachers["T002"], d.teachers["T006"])
    assert api.queries_for(path, "schooladmin") == few  # no query per teacher


def test_a_leader_sees_their_groups_hours(api):
    d = demo(api)
    post(api, d.school_id, csv_bytes([("T002", "", "课程", 25, "")]))
    path = f"/api/groups/{d.chinese_group_id}/hours"
    body = api.client.get(path, headers=api.auth("leader")).json()
    assert (body["group_id"], body["teachers"], body["behind"]) == (d.chinese_group_id, 5, 5)
    assert {x["staff_id"] for x in body["ledgers"]} == {"T001", "T002", "T003", "T004", "T005"}
    assert api.client.get(path, headers=api.auth("schooladmin")).status_code == 200
    assert api.client.get(f"/api/groups/{d.math_group_id}/hours", headers=api.auth("leader")).status_code == 404
    assert api.client.get(path, headers=api.auth("teacher")).status_code == 403
