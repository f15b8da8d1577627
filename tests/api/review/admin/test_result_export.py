"""The teachers' overall results and seed 000's 能力点作业通过率 in the workbooks, read back with openpyxl."""

from __future__ import annotations

import pytest

from db.models import Teacher
from tests.api.review.admin.progress import demo_ids, labelled, rows_of, select_points, submit, workbook

RESULTS = "教师结果 Teacher results"


def _arrange(api):
    ids = demo_ids(api)
    select_points(api, ids.teachers["T002"], ["A1", "A2", "B4"])
    for code, state in (("A1", "scored_excellent"), ("A2", "scored_pass"), ("B4", "scored_pass")):
        submit(api, ids.teachers["T002"], code, state)
    select_points(api, ids.teachers["T003"], ["A1", "A2", "B4"])
    submit(api, ids.teachers["T003"], "A1", "scored_pass")
    submit(api, ids.teachers["T003"], "A2", "returned")
    select_points(api, ids.teachers["T006"], ["A1", "A2", "B4"])  # math: nothing handed in yet
    with api.transaction() as s:
        s.get(Teacher, ids.teachers["T004"]).name = '=HYPERLINK("http://evil.example","x")'
    return ids


def test_school_workbook_has_each_teachers_result_and_the_pass_rate(api):
    ids = _arrange(api)
    response = api.client.get(f"/api/admin/exports/school/{ids.school_id}.xlsx", headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    book = workbook(response.content)
    rows = rows_of(book[RESULTS])
    assert rows[0][:5] == ("工号 Staff ID", "姓名 Name", "学科 Subject", "教研组 Group", "总体结果 Result")
    by_staff = {r[0]: r for r in rows[1:]}
    assert len(by_staff) == 10
    assert by_staff["T002"][1:8] == ("李娜", "语文", "语文教研组", "优秀 excellent", 3, 3, 1)
    assert by_staff["T002"][8] is None  # nothing missing
    t003 = by_staff["T003"]
    assert t003[4:8] == ("进行中 in progress", 1, 3, 0)
    assert t003[8].splitlines() == ["A2：作品已退回，请修改后重新提交。", "B4：尚未开始提交作品。"]
    assert t003[9].startswith("A2: the work was returned")
    assert by_staff["T005"][4:9] == ("进行中 in progress", 0, 0, 0, "尚未选择能力点。")
    evil = next(r for r in book[RESULTS].iter_rows() if r[0].value == "T004")
    assert evil[1].data_type == "s" and evil[1].value.startswith("=HYPERLINK")

    summary = labelled(book["汇总 Summary"])
    assert summary["能力点作业通过率 Pass rate of point work"] == pytest.approx(4 / 9)
    assert summary["合格能力点 / 已选能力点 Points passed / chosen"] == "4/9"
    assert summary["教师优秀 excellent Teachers"] == 1 and summary["教师进行中 in progress Teachers"] == 9
    assert summary["教师合格 pass Teachers"] == 0 and summary["教师不合格 fail Teachers"] == 0
    assert summary["优秀规则 Excellent rule"] == "any_point"
    rate_cell = next(r for r in book["汇总 Summary"].iter_rows() if str(r[0].value).startswith("能力点作业通过率"))
    assert rate_cell[1].number_format == "0.0%"


def test_group_workbook_counts_its_members_only(api):
    ids = _arrange(api)
    response = api.client.get(f"/api/admin/exports/group/{ids.chinese_group_id}.xlsx", headers=api.auth("leader"))
    assert response.status_code == 200, response.text
    book = workbook(response.content)
    assert {r[0] for r in rows_of(book[RESULTS])[1:]} == {"T001", "T002", "T003", "T004", "T005"}
    summary = labelled(book["汇总 Summary"])
    assert summary["合格能力点 / 已选能力点 Points passed / chosen"] == "4/6"  # T006's points are the math group's
    assert summary["能力点作业通过率 Pass rate of point work"] == pytest.approx(4 / 6)


def test_without_confirmed_selections_the_rate_says_so(api):
    ids = demo_ids(api)
    response = api.client.get(f"/api/admin/exports/school/{ids.school_id}.xlsx", headers=api.auth("schooladmin"))
    summary = labelled(workbook(response.content)["汇总 Summary"])
    assert summary["能力点作业通过率 Pass rate of point work"].startswith("—")
    assert summary["合格能力点 / 已选能力点 Points passed / chosen"] == "0/0"
