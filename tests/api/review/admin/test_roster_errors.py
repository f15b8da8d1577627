"""Refused roster imports: every row's problem is listed and nothing at all is written."""

from __future__ import annotations

import pytest

from api.review.roster.importer import MAX_ROSTER_BYTES
from tests.api.review.admin.roster_files import (
    HEADERS,
    NEW_SCHOOL,
    ROWS,
    csv_bytes,
    demo_row,
    post_roster,
    snapshot,
    xlsx_bytes,
)


def _row(staff_id="K009", *, group="科学教研组", subject="科学", birth=1988, role="教师", full_time="是", photos=None):
    return [*NEW_SCHOOL, group, subject, "冯可", staff_id, birth, role, full_time, photos]


# (case, the extra row appended to the valid ROWS as row 5, expected code, expected column)
BAD_ROWS = [
    ("birth year not a year", _row(birth="19x0"), "roster.bad_birth_year", "出生年份"),
    ("birth year implausible", _row(birth=1890), "roster.bad_birth_year", "出生年份"),
    ("unknown role", _row(role="校长"), "roster.unknown_role", "角色"),
    ("missing staff id", _row(staff_id=None), "roster.missing_value", "工号"),
    ("staff id with a space", _row(staff_id="K 9"), "roster.bad_staff_id", "工号"),
    ("duplicate staff id", _row(staff_id="K002"), "roster.duplicate_staff_id", "工号"),
    ("group subject mismatch", _row(subject="数学"), "roster.group_subject_mismatch", "学科"),
    ("leader without group", _row(group=None, role="教研组长"), "roster.leader_without_group", "教研组"),
    ("bad full-time flag", _row(full_time="也许"), "roster.bad_flag", "专任"),
    ("photo with a path", _row(photos="../k9.jpg"), "roster.bad_photo_name", "参考照片"),
    ("photo not an image", _row(photos="k9.gif"), "roster.bad_photo_name", "参考照片"),
    (
        "unknown school",
        ["", "NOPE-1", None, "科学", "冯可", "K009", 1988, None, None, None],
        "roster.unknown_school",
        "学校",
    ),
]


@pytest.mark.parametrize("case,bad,code,column", BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
def test_a_bad_row_refuses_the_whole_file(api, case, bad, code, column):
    before = snapshot(api)
    response = post_roster(api, "admin", xlsx_bytes([*ROWS, bad]))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "roster.invalid"
    [row_error] = error["row_errors"]
    assert (row_error["row"], row_error["code"], row_error["column"]) == (5, code, column)
    assert "第 5 行" in row_error["message_zh"] and "Row 5" in row_error["message_en"]
    assert snapshot(api) == before, "the valid rows were not imported either"


def test_every_rows_errors_are_listed_at_once(api):
    rows = [*ROWS, _row("K010", birth=3000), _row("K011", role="?"), _row("K001")]
    response = post_roster(api, "admin", csv_bytes(rows), fmt="csv")
    assert response.status_code == 422
    errors = response.json()["error"]["row_errors"]
    assert [(e["row"], e["code"]) for e in errors] == [
        (5, "roster.bad_birth_year"),
        (6, "roster.unknown_role"),
        (7, "roster.duplicate_staff_id"),
    ]
    assert "第 2 行" in errors[2]["message_zh"], "a duplicate names the first row"
    assert response.json()["error"]["message_en"].startswith("The roster has 3 errors")


def test_school_admin_rows_of_another_school_are_row_errors(api):
    before = snapshot(api)
    rows = [demo_row("T011", "郑洁"), list(ROWS[0]), demo_row("T012", "何平", subject="数学")]
    response = post_roster(api, "schooladmin", xlsx_bytes(rows))
    assert response.status_code == 422
    errors = {e["row"]: e for e in response.json()["error"]["row_errors"]}
    assert errors[3]["code"] == "roster.other_school" and "XH-001" in errors[3]["message_zh"]
    assert errors[4]["code"] == "roster.group_subject_mismatch" and "语文" in errors[4]["message_zh"]
    assert set(errors) == {3, 4} and snapshot(api) == before


FILE_PROBLEMS = [
    ("empty body", b"", "xlsx", 400, "roster.empty"),
    ("not a workbook", b"name,staff_id\n", "xlsx", 415, "roster.unreadable"),
    ("binary as csv", b"\xff\xfe\x00\x00\x81\x00", "csv", 415, "roster.unreadable"),
    ("too large", b"x" * (MAX_ROSTER_BYTES + 1), "csv", 413, "roster.too_large"),
    ("header only", csv_bytes([]), "csv", 422, "roster.invalid"),
    ("missing column", csv_bytes([r[:6] for r in ROWS], headers=HEADERS[:6]), "csv", 422, "roster.invalid"),
]


@pytest.mark.parametrize("case,data,fmt,status,code", FILE_PROBLEMS, ids=[c[0] for c in FILE_PROBLEMS])
def test_file_level_problems(api, case, data, fmt, status, code):
    response = post_roster(api, "admin", data, fmt=fmt)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_zh"] and error["message_en"]
    if case == "missing column":
        [missing] = error["row_errors"]
        assert (missing["row"], missing["code"], missing["column"]) == (1, "roster.missing_column", "出生年份")
    if case == "header only":
        assert [e["code"] for e in error["row_errors"]] == ["roster.no_rows"]


def test_format_must_be_named(api):
    response = api.client.post("/api/admin/roster/import", content=csv_bytes(ROWS), headers=api.auth("admin"))
    assert response.status_code == 422 and response.json()["error"]["code"] == "request.invalid"
    odd = post_roster(api, "admin", csv_bytes(ROWS), fmt="ods")
    assert odd.status_code == 422
