"""The teachers' 学时 and completion in the school's and the group's workbooks (issue 20 item 8)."""

from __future__ import annotations

from tests.api.hours.hours_files import csv_bytes, post
from tests.api.hours.test_hours_api import _passed_points, _sessions
from tests.api.review.admin.progress import rows_of, workbook
from tests.review_factories import demo

HOURS = "学时 Hours"


def test_school_workbook_has_each_teachers_hours_and_completion(api):
    d = demo(api)
    _passed_points(api, d.teachers["T002"])
    _sessions(api, d.chinese_group_id, d.teachers["T002"], seen=5, accepted=0, unseen=0)
    post(api, d.school_id, csv_bytes([("T002", "", "课程", 25, ""), ("T003", "", "课程", 12.5, "")]))
    response = api.client.get(f"/api/admin/exports/school/{d.school_id}.xlsx", headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    rows = rows_of(workbook(response.content)[HOURS])
    assert rows[0][:2] == ("工号 Staff ID", "姓名 Name") and rows[0][9] == "完成 Complete"
    by_staff = {r[0]: r for r in rows[1:]}
    assert len(by_staff) == 10
    assert by_staff["T002"][4:10] == (25, 25, 0, 0, "25/25/0", "是 yes")
    t003 = by_staff["T003"]
    assert t003[4:10] == (12.5, 0, 0, 0, "25/25/0", "否 no")
    assert t003[10].splitlines()[0].startswith("线下实践应用学时暂不计入")
    assert "线上学习 12.5/25 学时，还差 12.5 学时。" in t003[10].splitlines()
    assert "Online learning 12.5/25 hours, 12.5 short." in t003[11].splitlines()


def test_group_workbook_lists_its_members_only(api):
    d = demo(api)
    response = api.client.get(f"/api/admin/exports/group/{d.chinese_group_id}.xlsx", headers=api.auth("leader"))
    assert response.status_code == 200, response.text
    rows = rows_of(workbook(response.content)[HOURS])
    assert sorted(r[0] for r in rows[1:]) == ["T001", "T002", "T003", "T004", "T005"]
