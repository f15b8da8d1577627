"""The teachers' 学时 and completion in the school's and the group's workbooks (issue 20 item 8).

A sheet “学时 Hours”: one row a teacher with the counted online, practice and assessment hours
against the requirement, the practice hours held and why (seed 001), whether the teacher completed
the programme (hours reached and points passed) and what is still short. The ledgers are
``api.hours.service``'s, so the workbook says what the pages and the API say; only the teachers the
exporting actor may see are listed, as on the other sheets.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.orm import Session

from api.hours import service as hours
from api.hours.service import LedgerRow
from api.review.admin import sheet_rows
from config import Settings

HOURS_SHEET = "学时 Hours"
HOURS_HEADERS = (
    "工号 Staff ID",
    "姓名 Name",
    "教研组 Group",
    "批次年度 Cohort",
    "线上学时 Online",
    "实践学时 Practice",
    "暂缓计入的实践学时 Practice held",
    "考核学时 Assessment",
    "要求 Required (online/practice/assessment)",
    "完成 Complete",
    "暂缓原因与未完成项 Held and short",
    "Held and short (en)",
)


def add_hours(
    book: Workbook,
    session: Session,
    settings: Settings,
    *,
    school_id: int,
    teacher_ids: list[int],
    group_id: int | None = None,
) -> None:
    """A sheet of each listed teacher's hours and completion."""
    sheet = sheet_rows.new_sheet(book, HOURS_SHEET, (12, 10, 16, 10, 10, 10, 12, 10, 16, 10, 50, 50))
    sheet_rows.put(sheet, HOURS_HEADERS)
    need = settings.hours_requirement
    required = f"{need.online:g}/{need.practice:g}/{need.assessment:g}"
    for ids in sheet_rows.slices(teacher_ids):
        for row in hours.ledgers(session, settings, school_id=school_id, group_id=group_id, teacher_ids=ids):
            _put_ledger(sheet, row, required)


def _put_ledger(sheet: WriteOnlyWorksheet, row: LedgerRow, required: str) -> None:
    t, book_ = row.teacher, row.ledger
    notes = (*book_.held, *book_.missing)
    sheet_rows.put(
        sheet,
        (
            t.staff_id,
            t.name,
            row.group_name or "",
            t.cohort_year,
            book_.online.counted,
            book_.practice,
            book_.practice_held,
            book_.assessment,
            required,
            "是 yes" if book_.complete else "否 no",
            "\n".join(r.zh for r in notes),
            "\n".join(r.en for r in notes),
        ),
    )
