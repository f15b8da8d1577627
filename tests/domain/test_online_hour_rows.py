"""Reading a platform's export of online hours row by row (issue 20 item 4): what holds, what is refused."""

from __future__ import annotations

import pytest

from domain.online_hour_rows import Roster, course_key, find_columns, read_rows
from domain.training_hours import HourKind

ROSTER = Roster({"1001": (1, "王芳"), "1002": (2, "李娜")})
HEADER = ["工号", "姓名", "课程名称", "学时", "类型"]


def _read(rows, header=HEADER, max_hours=50):
    columns, problem = find_columns(header)
    assert problem is None
    return read_rows(rows, columns, ROSTER, max_hours=max_hours)


@pytest.mark.parametrize(
    "header",
    [
        ["工号", "课程名称", "学时"],
        ["Staff ID", "Course", "Hours"],
        ["学时 Hours", "课程名称（必修）", "工号 Staff ID", "姓名"],
        ["\ufeff工号", " 课程 ", "获得学时"],
    ],
)
def test_columns_are_found_by_header_in_either_language(header):
    columns, problem = find_columns(header)
    assert problem is None and set(columns) >= {"staff_id", "course", "hours"}


def test_missing_columns_are_named():
    _, problem = find_columns(["工号", "姓名", "成绩"])
    assert problem.code == "hours.import_columns"
    assert "课程名称、学时" in problem.zh


def test_rows_become_entries_by_staff_id():
    entries, errors = _read(
        [
            ["1001", "王芳", "信息技术与学科融合", 12.5, "网络研修"],
            [1002.0, "", "在线教学专题", "6", "在线教学"],
            [None, None, None, None, None],  # a blank row is skipped
        ]
    )
    assert errors == []
    assert [(e.row, e.teacher_id, e.kind, e.hours) for e in entries] == [
        (2, 1, HourKind.ONLINE, 12.5),
        (3, 2, HourKind.ONLINE_TEACHING, 6.0),
    ]


@pytest.mark.parametrize(
    ("row", "code"),
    [
        (["9999", "", "课程", 2, ""], "hours.row_unknown_staff_id"),
        (["", "", "课程", 2, ""], "hours.row_no_staff_id"),
        (["1001", "", "", 2, ""], "hours.row_no_course"),
        (["1001", "", "课程", -3, ""], "hours.row_negative_hours"),
        (["1001", "", "课程", 500, ""], "hours.row_absurd_hours"),
        (["1001", "", "课程", "两小时", ""], "hours.row_bad_hours"),
        (["1001", "", "课程", "nan", ""], "hours.row_bad_hours"),
        (["1001", "", "课程", "", ""], "hours.row_bad_hours"),
        (["1001", "", "课程", 2, "面授"], "hours.row_bad_kind"),
        (["1001", "李娜", "课程", 2, ""], "hours.row_name_mismatch"),
        (["1001", "", "课" * 201, 2, ""], "hours.row_course_too_long"),
    ],
)
def test_each_bad_row_is_refused_with_its_number(row, code):
    entries, errors = _read([["1002", "", "好课程", 1, ""], row])
    assert len(entries) == 1
    ((at, error),) = errors
    assert at == 3 and error.code == code
    assert "第 3 行" in error.zh and "Row 3" in error.en


def test_a_repeated_course_is_refused_naming_the_first_row():
    entries, errors = _read(
        [["1001", "", "课程 A", 2, ""], ["1001", "", "课程  a", 3, ""], ["1001", "", "课程 A", 2, "在线教学"]]
    )
    assert [e.row for e in entries] == [2, 4]  # another kind is another entry
    ((_, error),) = errors
    assert error.code == "hours.row_duplicate" and "第 2 行" in error.zh


def test_course_names_compare_folded():
    assert course_key("ＡＩ 课程  一") == course_key("ai 课程 一")
