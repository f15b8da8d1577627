"""Excel exports read back with openpyxl: sheets, headers, a teacher's rows, the summary quota."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from urllib.parse import unquote

from sqlalchemy import select

from api.review.admin import exports, sheet_rows
from db.models import School, Teacher, User
from domain.roles import Actor, Role
from tests import factories
from tests.api.review.admin.progress import demo_ids, labelled, rows_of, select_points, submit, workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = (
    "工号 Staff ID",
    "姓名 Name",
    "学科 Subject",
    "教研组 Group",
    "专任 Full-time",
    "选点状态 Selection",
    "能力点 Point",
    "能力点名称 Point name",
    "作品状态 State",
    "得分 Score",
    "计入优秀 Counts as excellent",
)


def _arrange(api):
    ids = demo_ids(api)
    select_points(api, ids.teachers["T002"], ["A1", "A2", "B4"])
    submit(api, ids.teachers["T002"], "A1", "scored_excellent", 92.0)
    submit(api, ids.teachers["T002"], "A2", "submitted")
    submit(api, ids.teachers["T003"], "B1", "scored_pass", 75.0)  # outside any selection: still listed
    with api.transaction() as s:
        s.get(Teacher, ids.teachers["T010"]).name = '=HYPERLINK("http://evil.example","x")'
    return ids


def test_school_export(api):
    ids = _arrange(api)
    response = api.client.get(f"/api/admin/exports/school/{ids.school_id}.xlsx", headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    disposition = response.headers["content-disposition"]
    assert disposition.startswith(f'attachment; filename="school-{ids.school_id}-')
    assert unquote(disposition.split("filename*=UTF-8''")[1]).startswith("示范中学-汇总-")

    book = workbook(response.content)
    assert book.sheetnames == ["汇总 Summary", "明细 Details", "教师结果 Teacher results", "学时 Hours"]
    details = rows_of(book["明细 Details"])
    assert details[0] == HEADERS
    li_na = [r for r in details if r[0] == "T002"]
    assert [r[6] for r in li_na] == ["A1", "A2", "B4"]
    assert li_na[0][1:8] == ("李娜", "语文", "语文教研组", "是 yes", "已确认 confirmed", "A1", "技术支持的学情分析")
    assert li_na[0][8:] == ("评为优秀 graded excellent", 92, "是 yes")
    assert li_na[2][8:] == ("未提交 not submitted", None, "否 no")
    assert [r[6:10] for r in details if r[0] == "T003"] == [("B1", "技术支持的测验与练习", "评为合格 graded pass", 75)]
    assert [r[5:7] for r in details if r[0] == "T005"] == [("未选 none", None)]
    evil = next(r for r in book["明细 Details"].iter_rows() if r[0].value == "T010")
    assert evil[1].data_type == "s" and evil[1].value.startswith("=HYPERLINK")

    summary = labelled(book["汇总 Summary"])
    # the school's quota counts work on the provincial platform: 李娜's 优秀 waits to be forwarded
    assert summary["专任教师 Full-time teachers"] == 10 and summary["已推送优秀作品 Excellent forwarded"] == 0
    assert summary["待推送优秀作品 Excellent not yet forwarded"] == 1
    assert summary["须达到 Required (30%)"] == 3 and summary["还差 Missing"] == 3
    assert summary["未覆盖学科 Uncovered subjects"] == "语文、数学" and summary["是否达标 Quota met"] == "否 no"
    assert "还差 3 个" in summary["说明 Explanation"] and "3 more" in summary["Explanation (en)"]
    groups = {r[0]: r for r in rows_of(book["汇总 Summary"]) if r[0] in ("语文教研组", "数学教研组")}
    assert groups["语文教研组"] == ("语文教研组", "语文", 5, 1, 2, 1, "0/1", "否 no")


def test_group_export_for_its_leader(api):
    ids = _arrange(api)
    response = api.client.get(f"/api/admin/exports/group/{ids.chinese_group_id}.xlsx", headers=api.auth("leader"))
    assert response.status_code == 200, response.text
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    book = workbook(response.content)
    assert book.sheetnames == ["汇总 Summary", "明细 Details", "教师结果 Teacher results", "学时 Hours"]
    staff = {r[0] for r in rows_of(book["明细 Details"])[1:]}
    assert staff == {"T001", "T002", "T003", "T004", "T005"}
    summary = labelled(book["汇总 Summary"])
    assert (summary["人数 Headcount"], summary["优秀作品 Excellent"], summary["须达到 Required (30%)"]) == (5, 1, 2)
    assert summary["已通过教研活动视频 Accepted sessions"] == 0 and summary["是否达标 Quota met"] == "否 no"
    other = api.client.get(f"/api/admin/exports/group/{ids.math_group_id}.xlsx", headers=api.auth("leader"))
    assert other.status_code == 404


def test_export_of_an_empty_school_still_works(api):
    with api.transaction() as s:
        school_id = factories.make_school(s, name="空白学校").id
    response = api.client.get(f"/api/admin/exports/school/{school_id}.xlsx", headers=api.auth("admin"))
    assert response.status_code == 200
    book = workbook(response.content)
    assert rows_of(book["明细 Details"]) == [HEADERS]
    summary = labelled(book["汇总 Summary"])
    assert summary["专任教师 Full-time teachers"] == 0 and summary["是否达标 Quota met"] == "是 yes"
    assert rows_of(book["汇总 Summary"])[0][:2] == ("学校汇总 School summary", "空白学校")


def test_the_workbook_read_in_slices_of_three_teachers_is_the_same_workbook(api, monkeypatch):
    ids = _arrange(api)
    now = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)

    def sheets() -> dict[str, list[tuple]]:
        with api.transaction() as s:
            school = s.get(School, ids.school_id)
            admin = s.scalar(select(User.id).where(User.username == "schooladmin"))
            actor = Actor(admin, Role.SCHOOL_ADMIN, school_id=ids.school_id)
            out = io.BytesIO()
            exports.school_workbook(s, api.settings, actor, school, out, now=now)
            book = workbook(out.getvalue())
        return {name: rows_of(book[name]) for name in book.sheetnames}

    whole = sheets()
    monkeypatch.setattr(sheet_rows, "SLICE", 3)  # the demo school's ten teachers in four slices
    assert sheets() == whole and len(whole["明细 Details"]) > 10
