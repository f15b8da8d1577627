"""Build roster files (XLSX with openpyxl, CSV with csv) and send them to the import route."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from sqlalchemy import select

from db.models import ResearchGroup, School, Teacher, User
from tests.harness import Harness

HEADERS = ("学校", "学校编码", "教研组", "学科", "姓名", "工号", "出生年份", "角色", "专任", "参考照片")
ENGLISH = ("school", "school_code", "group", "subject", "name", "staff_id", "birth_year", "role", "full_time", "photos")
NEW_SCHOOL = ("新华小学", "XH-001")

# A new school: a 科学 group with its leader and a teacher, and an 英语 teacher in no group.
ROWS = [
    [*NEW_SCHOOL, "科学教研组", "科学", "孙丽", "K001", 1975, "教研组长", "是", "sunli.jpg; sunli-2.png"],
    [*NEW_SCHOOL, "科学教研组", "科学", "钱进", "K002", 1990, "教师", "否", None],
    [*NEW_SCHOOL, None, "英语", "周雪", "K003", 1999, None, None, None],
]


def xlsx_bytes(rows: Sequence[Sequence], headers: Sequence[str] = HEADERS, title: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(
    rows: Sequence[Sequence],
    headers: Sequence[str] = HEADERS,
    encoding: str = "utf-8",
    delimiter: str = ",",
    title: str | None = None,
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    if title:
        writer.writerow([title])
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue().encode(encoding)


def post_roster(h: Harness, username: str, data: bytes, fmt: str = "xlsx", dry_run: bool = False):
    params = {"format": fmt, "dry_run": str(dry_run).lower()}
    return h.client.post("/api/admin/roster/import", params=params, content=data, headers=h.auth(username))


def snapshot(h: Harness) -> dict:
    """Everything an import may write, to prove a refused import wrote nothing."""
    with h.transaction() as s:
        return {
            "schools": sorted(s.scalars(select(School.code))),
            "groups": sorted(s.scalars(select(ResearchGroup.name))),
            "teachers": sorted((t.school_id, t.staff_id, t.name, t.group_id) for t in s.scalars(select(Teacher))),
            "users": sorted((u.username, u.role, u.group_id) for u in s.scalars(select(User))),
        }


def demo_school(h: Harness) -> School:
    with h.transaction() as s:
        return s.scalar(select(School).where(School.code == "DEMO-001"))


def demo_row(staff_id: str, name: str, *, group: str = "语文教研组", subject: str = "语文", birth=1985, **extra):
    """A row for the demo school (the schooladmin's own), as a school admin would write it."""
    row = ["示范中学", "DEMO-001", group, subject, name, staff_id, birth, extra.get("role"), extra.get("full_time")]
    return [*row, extra.get("photos")]
