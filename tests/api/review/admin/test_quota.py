"""Quota endpoints: what counts as 优秀, which session recordings count, and the explanation."""

from __future__ import annotations

from db.models import ResearchGroup, School, Teacher
from tests import factories
from tests.api.review.admin.progress import demo_ids, submit

# (submission state, counts toward the 优秀 quota)
STATES = [
    ("scored_excellent", True),
    ("forwarded", True),
    ("sampled", True),
    ("confirmed", True),
    ("downgraded", False),
    ("scored_pass", False),
    ("submitted", False),
]
# (recording checks, probe state, counts as an accepted group session)
SESSIONS = [
    ({}, "done", True),
    ({"duration": {"ok": True}}, "done", True),
    ({"duration": {"ok": False, "code": "duration.too_short"}}, "done", False),
    ({}, "failed", False),
    ({}, "queued", False),
]


def _group_quota(api, group_id, username="leader"):
    response = api.client.get(f"/api/groups/{group_id}/quota", headers=api.auth(username))
    assert response.status_code == 200, response.text
    return response.json()


def test_group_quota_before_any_work(api):
    ids = demo_ids(api)
    quota = _group_quota(api, ids.chinese_group_id)
    assert (quota["headcount"], quota["excellent_count"], quota["required_excellent"]) == (5, 0, 2)
    assert (quota["missing_excellent"], quota["accepted_sessions"], quota["required_sessions"]) == (2, 0, 1)
    assert quota["ok"] is False and quota["excellent_percent"] == 30.0
    codes = [v["code"] for v in quota["violations"]]
    assert codes == ["quota.group_excellent_short", "quota.group_session_missing"]
    assert "还差 2 个" in quota["violations"][0]["message_zh"]


def test_group_quota_counts_excellent_work_and_accepted_sessions(api):
    ids = demo_ids(api)
    for n, (state, _) in enumerate(STATES, start=1):
        submit(api, ids.teachers["T003"], f"A{n}", state)
    with api.transaction() as s:
        group = s.get(ResearchGroup, ids.chinese_group_id)
        for checks, probe, _ in SESSIONS:
            recording = factories.make_recording(s, group=group, checks=checks)
            recording.jobs[0].state = probe
    quota = _group_quota(api, ids.chinese_group_id, username="teacher")  # members read their group's quota
    assert quota["excellent_count"] == sum(counts for _, counts in STATES)
    assert quota["accepted_sessions"] == sum(counts for *_, counts in SESSIONS)
    assert quota["ok"] is True and quota["violations"] == [] and quota["missing_excellent"] == 0


def test_school_quota_counts_full_time_teachers_and_uncovered_subjects(api):
    ids = demo_ids(api)
    with api.transaction() as s:
        s.get(Teacher, ids.teachers["T010"]).full_time = False
    submit(api, ids.teachers["T002"], "A1", "forwarded")
    submit(api, ids.teachers["T010"], "A1", "confirmed")  # a part-time teacher's work still counts
    submit(api, ids.teachers["T003"], "A1", "scored_excellent")  # not on the provincial platform yet
    submit(api, ids.teachers["T004"], "A1", "downgraded")  # no longer 优秀
    response = api.client.get(f"/api/schools/{ids.school_id}/quota", headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    quota = response.json()
    assert (quota["full_time_teachers"], quota["required_excellent"]) == (9, 3)  # ceil(30% × 9)
    assert (quota["excellent_count"], quota["missing_excellent"], quota["awaiting_forward"]) == (2, 1, 1)
    assert quota["subjects_taught"] == ["语文", "数学"] and quota["uncovered_subjects"] == []
    assert [v["code"] for v in quota["violations"]] == ["quota.school_excellent_short"]

    with api.transaction() as s:
        school = s.get(School, ids.school_id)
        factories.make_teacher(s, school, subject="音乐")
    quota = api.client.get(f"/api/schools/{ids.school_id}/quota", headers=api.auth("admin")).json()
    assert quota["uncovered_subjects"] == ["音乐"] and quota["required_excellent"] == 3
    assert [v["code"] for v in quota["violations"]] == [
        "quota.school_excellent_short",
        "quota.school_subjects_uncovered",
    ]
    assert "音乐" in quota["violations"][1]["message_zh"]
