"""The teachers' overall results in the school's and the group's workbooks.

A sheet “教师结果 Teacher results” (one row a teacher: result, points passed of chosen, 优秀 points,
what is missing) and, on the summary sheet, seed 000's 能力点作业通过率 with its counts and the
number of teachers with each result. The results are ``api.review.results.service``'s, so the
workbook says what the pages say; only the teachers the exporting actor may see are listed and
counted (the same rows as the details sheet).
"""

from __future__ import annotations

from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.orm import Session

from api.review.admin import sheet_rows
from api.review.results import service as results
from config import Settings
from domain.teacher_result import RESULT_LABELS, Result, counts_by_result, pass_rate

RESULTS_SHEET = "教师结果 Teacher results"
RESULT_HEADERS = (
    "工号 Staff ID",
    "姓名 Name",
    "学科 Subject",
    "教研组 Group",
    "总体结果 Result",
    "合格能力点 Points passed",
    "已选能力点 Points chosen",
    "优秀能力点 Points excellent",
    "待完成或原因 What is missing",
    "Missing (en)",
)
PASS_RATE_LABEL = "能力点作业通过率 Pass rate of point work"


def _label(result: Result) -> str:
    zh, en = RESULT_LABELS[result]
    return f"{zh} {en}"


class _Tally(NamedTuple):
    """What the summary counts of a teacher's result (``pass_rate``, ``counts_by_result``), kept small."""

    result: Result
    passed: int
    chosen: int


def add_results(
    book: Workbook,
    summary: WriteOnlyWorksheet,
    session: Session,
    settings: Settings,
    *,
    school_id: int,
    teacher_ids: list[int],
    group_id: int | None = None,
) -> None:
    """A sheet of each listed teacher's result, then the pass rate and the counts on ``summary``
    (its rows stream apart, so the summary's lines can follow the sheet they count)."""
    sheet = sheet_rows.new_sheet(book, RESULTS_SHEET, (12, 10, 8, 16, 16, 10, 10, 10, 40, 40))
    sheet_rows.put(sheet, RESULT_HEADERS)
    tallies: list[_Tally] = []
    for ids in sheet_rows.slices(teacher_ids):
        for row in results.results(session, settings, school_id=school_id, group_id=group_id, teacher_ids=ids):
            t, r = row.teacher, row.result
            missing_zh = "\n".join(reason.zh for reason in r.reasons)
            missing_en = "\n".join(reason.en for reason in r.reasons)
            person = (t.staff_id, t.name, t.subject, row.group_name or "")
            sheet_rows.put(sheet, (*person, _label(r.result), r.passed, r.chosen, r.excellent, missing_zh, missing_en))
            tallies.append(_Tally(r.result, r.passed, r.chosen))
    rate = pass_rate(tallies)
    sheet_rows.put(summary, ())
    if rate.chosen:
        sheet_rows.put(summary, (PASS_RATE_LABEL, rate.passed / rate.chosen), formats={1: "0.0%"})
    else:
        sheet_rows.put(summary, (PASS_RATE_LABEL, "— (尚无已确认的选点 no confirmed selection yet)"))
    sheet_rows.put(summary, ("合格能力点 / 已选能力点 Points passed / chosen", f"{rate.passed}/{rate.chosen}"))
    rule = settings.review_teacher_excellent_rule
    for result, n in counts_by_result(tallies).items():
        sheet_rows.put(summary, (f"教师{_label(result)} Teachers", n))
    sheet_rows.put(summary, ("优秀规则 Excellent rule", rule))
