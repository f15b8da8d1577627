"""Importing a platform's export of online hours (issue 20 item 4), on SQLite and PostgreSQL: by 工号,
per-row refusals in both languages, XLSX and CSV in UTF-8 (BOM or not) and GB18030, and a re-import
that changes nothing while a newer export replaces a course's hours."""

from __future__ import annotations

from sqlalchemy import select

from db.models import OnlineHourEntry
from tests import factories
from tests.api.hours.hours_files import csv_bytes, hours, post, xlsx_bytes
from tests.review_factories import audit_trail, demo


def _entries(h) -> list[tuple]:
    with h.transaction() as s:
        rows = s.scalars(select(OnlineHourEntry).order_by(OnlineHourEntry.teacher_id, OnlineHourEntry.course_key))
        return [(e.teacher_id, e.kind, e.course, e.hours) for e in rows]


def test_a_csv_by_staff_id_becomes_each_teachers_online_hours(api):
    d = demo(api)
    data = csv_bytes(
        [
            ("T002", "李娜", "信息技术支持的学情分析", 12.5, "网络研修"),
            ("T002", "李娜", "在线教学专题（一）", 8, "在线教学"),
            ("T002", "李娜", "在线教学专题（二）", 6, "在线教学"),
            ("T003", "", "信息技术支持的学情分析", 20, ""),
        ]
    )
    response = post(api, d.school_id, data)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["rows"], body["added"], body["replaced"], body["unchanged"], body["refused"]) == (4, 4, 0, 0, 0)
    assert body["repeat"] is False and len(body["sha256"]) == 64
    assert hours(api, d.teachers["T002"])["online"] == 22.5  # 12.5 + 在线教学 14 capped at 10 (seed 002)
    assert hours(api, d.teachers["T003"])["online"] == 20
    ((action, _, _, _, reason),) = audit_trail(api, "school", d.school_id)
    assert action == "online_hours_import" and f'"import_id": {body["import_id"]}' in reason


def test_reimporting_the_same_file_changes_nothing_and_a_newer_export_replaces(api):
    d = demo(api)
    first = csv_bytes([("T002", "", "课程 A", 10, ""), ("T002", "", "课程 B", 5, "")])
    assert post(api, d.school_id, first).status_code == 201
    before = _entries(api)

    again = post(api, d.school_id, first).json()
    assert (again["repeat"], again["added"], again["replaced"], again["unchanged"]) == (True, 0, 0, 2)
    assert _entries(api) == before

    newer = csv_bytes([("T002", "", "课程 A", 14, ""), ("T002", "", "课程  a", 1, ""), ("T002", "", "课程 C", 3, "")])
    body = post(api, d.school_id, newer).json()
    assert (body["added"], body["replaced"], body["unchanged"], body["refused"]) == (1, 1, 0, 1)
    assert body["errors"][0]["code"] == "hours.row_duplicate"  # 课程  a is 课程 A again, in one file
    assert hours(api, d.teachers["T002"])["online"] == 14 + 5 + 3  # replaced, not added: 22, not 32

    stale = post(api, d.school_id, first).json()  # the older export again cannot undo the newer one
    assert (stale["repeat"], stale["replaced"], stale["unchanged"]) == (True, 0, 2)
    assert hours(api, d.teachers["T002"])["online"] == 22


def test_a_repeat_adds_rows_refused_before_once_the_teacher_is_on_the_roster(api):
    d = demo(api)
    data = csv_bytes([("T002", "", "课程 A", 10, ""), ("N001", "", "课程 A", 10, "")])
    body = post(api, d.school_id, data).json()
    assert (body["added"], [e["code"] for e in body["errors"]]) == (1, ["hours.row_unknown_staff_id"])
    with api.transaction() as s:
        from db.models import School

        newcomer = factories.make_teacher(s, s.get(School, d.school_id), staff_id="N001").id
    body = post(api, d.school_id, data).json()
    assert (body["repeat"], body["added"], body["unchanged"], body["refused"]) == (True, 1, 1, 0)
    assert hours(api, newcomer)["online"] == 10


def test_each_bad_row_is_refused_in_both_languages_and_the_good_rows_are_kept(api):
    d = demo(api)
    with api.transaction() as s:
        other = factories.make_school(s)
        factories.make_teacher(s, other, staff_id="X900")
    data = csv_bytes(
        [
            ("T002", "", "好课程", 4, ""),
            ("T999", "", "课程", 2, ""),  # no such 工号
            ("X900", "", "课程", 2, ""),  # another school's 工号
            ("T003", "", "课程", -2, ""),
            ("T003", "", "课程", 900, ""),  # absurd
            ("T003", "", "课程", "三", ""),
            ("T002", "", "好课程", 4, ""),  # a duplicate row
            ("T004", "王芳", "课程", 2, ""),  # the name does not match the 工号
            ("T004", "", "课程", 2, "面授"),
        ]
    )
    body = post(api, d.school_id, data).json()
    assert body["added"] == 1 and body["refused"] == 8
    assert [(e["row"], e["code"]) for e in body["errors"]] == [
        (3, "hours.row_unknown_staff_id"),
        (4, "hours.row_unknown_staff_id"),
        (5, "hours.row_negative_hours"),
        (6, "hours.row_absurd_hours"),
        (7, "hours.row_bad_hours"),
        (8, "hours.row_duplicate"),
        (9, "hours.row_name_mismatch"),
        (10, "hours.row_bad_kind"),
    ]
    assert all(e["message_zh"].startswith(f"第 {e['row']} 行") for e in body["errors"])
    assert all(e["message_en"].startswith(f"Row {e['row']}") for e in body["errors"])
    listed = api.client.get(f"/api/schools/{d.school_id}/online-hours", headers=api.auth("schooladmin")).json()
    assert listed[0]["import_id"] == body["import_id"] and listed[0]["refused"] == 8  # readable again later


def test_gb18030_csv_and_utf8_with_bom_and_xlsx_with_a_title_row(api):
    d = demo(api)
    gb = csv_bytes([("T002", "李娜", "数字化教学设计", 6, "网络研修")], encoding="gb18030")
    assert gb.decode("gb18030") and b"\xe6" not in gb[:4]  # really GB18030, not UTF-8
    assert post(api, d.school_id, gb).json()["added"] == 1
    bom = csv_bytes([("T002", "李娜", "学法指导", 4, "")], encoding="utf-8-sig")
    assert post(api, d.school_id, bom).json()["added"] == 1
    workbook = xlsx_bytes(
        [(1003, "张伟", "学业评价", 7.5, "网络研修")],
        header=("工号", "姓名", "课程名称", "学时", "类型"),
        title="2022年线上学时",
    )
    with api.transaction() as s:
        from db.models import Teacher

        s.get(Teacher, d.teachers["T003"]).staff_id = "1003"  # a numeric 工号, as Excel keeps it
    body = post(api, d.school_id, workbook, filename="hours.xlsx").json()
    assert (body["added"], body["errors"]) == (1, [])
    assert hours(api, d.teachers["T002"])["online"] == 10
    assert hours(api, d.teachers["T003"])["online"] == 7.5


def test_files_that_are_not_a_platform_export_are_refused_whole(api):
    d = demo(api)
    rows = [("T002", "x", 3)] * 6  # the header row names what it lacks, not the last row looked at
    wrong = post(api, d.school_id, csv_bytes(rows, header=("工号", "姓名", "成绩")))
    assert wrong.status_code == 422
    error = wrong.json()["error"]
    assert error["code"] == "hours.import_columns"
    assert error["message_zh"].startswith("缺少必需的列：课程名称、学时。")
    assert post(api, d.school_id, b"").status_code == 400
    assert post(api, d.school_id, b"PK\x03\x04 not a zip").status_code == 415
    assert post(api, d.school_id, bytes(range(256)) * 4).status_code in (415, 422)
    assert _entries(api) == []


def test_who_may_import(api):
    d = demo(api)
    data = csv_bytes([("T002", "", "课程", 2, "")])
    assert post(api, d.school_id, data, user="teacher").status_code == 403
    assert post(api, d.school_id, data, user="leader").status_code == 403
    with api.transaction() as s:
        other = factories.make_school(s)
        other_admin = factories.make_user(s, "school_admin", school=other).username
    assert post(api, d.school_id, data, user=other_admin).status_code == 404
    assert post(api, d.school_id, data, user="admin").status_code == 201


def test_a_file_over_the_limits_is_refused_before_anything_is_stored(api):
    d = demo(api)
    api.settings.hours_import_max_rows = 3
    many = post(api, d.school_id, csv_bytes([("T002", "", f"课程 {n}", 1, "") for n in range(4)]))
    assert many.status_code == 413 and many.json()["error"]["code"] == "hours.import_too_many_rows"
    workbook = post(api, d.school_id, xlsx_bytes([("T002", "", f"课程 {n}", 1, "") for n in range(12)]))
    assert workbook.status_code == 413
    api.settings.hours_import_max_bytes = 2048
    large = post(api, d.school_id, csv_bytes([("T002", "", "课" * 150, 1, "")] * 5))
    assert large.status_code == 413 and large.json()["error"]["code"] == "hours.import_too_large"
    assert _entries(api) == []
