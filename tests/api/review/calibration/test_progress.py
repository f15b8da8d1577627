"""Every school's progress toward the province: handed over or not, its 优秀 on the provincial
platform (forwarded and still 优秀) against its 专任教师, the 30% it needs, and what was downgraded."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import update

from db.models import Teacher
from tests import factories
from tests import review_factories as rf
from tests.api.review.calibration import factories as pf

HANDED_OVER_AT = datetime(2026, 12, 1, 2, 30, tzinfo=timezone.utc)


def _progress(h, username: str = "reviewer"):
    return h.client.get("/api/province/progress", headers=h.auth(username))


def test_progress_per_school_and_totals(api):
    d = rf.demo(api)
    t = d.teachers
    with api.transaction() as s:
        s.execute(update(Teacher).where(Teacher.id == t["T010"]).values(full_time=False))  # 9 专任教师
        for staff_id, state in [
            ("T002", "confirmed"),
            ("T006", "sampled"),
            ("T007", "confirmed"),
            ("T008", "forwarded"),
            ("T003", "downgraded"),  # no longer 优秀
            ("T009", "scored_excellent"),  # 优秀 but not on the provincial platform
            ("T004", "scored_pass"),
        ]:
            rf.submission(s, t[staff_id], state=state)
        pf.handover(s, d.school_id, at=HANDED_OVER_AT)

        second = factories.make_school(s, name="第二中学")
        group = factories.make_group(s, second)
        for _ in range(2):
            rf.submission(s, factories.make_teacher(s, second, group).id, state="downgraded")
        pf.handover(s, second.id, at=None)  # open
        empty = factories.make_school(s, name="新学校")  # no teachers, no hand-over row
        ids = (second.id, empty.id)
    response = _progress(api)
    assert response.status_code == 200, response.text
    body = response.json()
    demo, school2, school3 = body["schools"]
    assert datetime.fromisoformat(demo.pop("handed_over_at")) == HANDED_OVER_AT
    assert demo == {
        "school_id": d.school_id,
        "school_name": "示范中学",
        "handed_over": True,
        "full_time_teachers": 9,
        "excellent": 4,
        "excellent_rate": 4 / 9,
        "required": 3,  # ceil(30% × 9)
        "downgraded": 1,
    }
    assert school2 == {
        "school_id": ids[0],
        "school_name": "第二中学",
        "handed_over": False,
        "handed_over_at": None,
        "full_time_teachers": 2,
        "excellent": 0,
        "excellent_rate": 0.0,
        "required": 1,
        "downgraded": 2,
    }
    assert school3 == {
        "school_id": ids[1],
        "school_name": "新学校",
        "handed_over": False,
        "handed_over_at": None,
        "full_time_teachers": 0,
        "excellent": 0,
        "excellent_rate": None,  # no 专任教师: no rate, not 0
        "required": 0,
        "downgraded": 0,
    }
    assert body["totals"] == {"schools": 3, "handed_over": 1, "handed_over_share": 1 / 3, "excellent_percent": 30.0}


def test_the_required_number_follows_the_setting(api):
    api.settings.review_school_excellent_percent = 50.0
    (demo,) = _progress(api).json()["schools"]
    assert (demo["full_time_teachers"], demo["required"]) == (10, 5)
    assert _progress(api).json()["totals"]["excellent_percent"] == 50.0


def test_only_the_province_and_the_admin_read_progress(api):
    for username in ("teacher", "leader", "schooladmin"):
        refused = _progress(api, username)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "auth.forbidden"
    admin = _progress(api, "admin").json()
    assert admin["totals"] == {"schools": 1, "handed_over": 0, "handed_over_share": 0.0, "excellent_percent": 30.0}
