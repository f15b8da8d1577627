"""Excel workbooks of a school's or a group's progress: a summary sheet and one row per point.

Sheets: “汇总 Summary” (the quota, with the explanation from ``domain.quotas``; for a school
also one line per group) and “明细 Details” (each teacher's chosen points, with the state and
score of the submission for each, plus any submission outside the current selection). A
teacher who has chosen nothing still gets one row. The teachers listed are the school's (or
group's) that the exporting actor may see (``api.shared.visibility``). Cells holding names
typed by people are written as text, never as formulas.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, BinaryIO
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.orm import Session

from api.review.admin import hours_export, repository, result_export, sheet_rows
from api.review.admin.export_time import exported_at_lines
from api.review.quotas import service as quotas
from api.review.quotas.schemas import GroupQuotaOut, SchoolQuotaOut
from api.shared import repository as shared_rows
from api.shared.review_inputs import catalogue_for
from config import Settings
from db.models import ResearchGroup, School, Submission
from domain.catalogue import Catalogue
from domain.roles import Actor
from domain.school_setup import SelectionStatus
from domain.workflow import EXCELLENT_STATES, STATE_LABELS, State

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUMMARY_SHEET = "汇总 Summary"
DETAILS_SHEET = "明细 Details"
DETAIL_HEADERS = (
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
GROUP_HEADERS = ("教研组 Group", "学科 Subject", "人数 Headcount", "优秀 Excellent", "须达到 Required")
GROUP_HEADERS += ("还差 Missing", "教研活动视频 Sessions", "达标 Met")
_SELECTION_LABELS = {
    SelectionStatus.NONE: "未选 none",
    SelectionStatus.DRAFT: "草稿 draft",
    SelectionStatus.CONFIRMED: "已确认 confirmed",
}


def _yes(flag: bool) -> str:
    return "是 yes" if flag else "否 no"


def _new_book(heading: Sequence[Any]) -> tuple[Workbook, WriteOnlyWorksheet]:
    """A workbook whose first sheet is the summary, opened by ``heading``."""
    book = sheet_rows.new_book()
    summary = sheet_rows.new_sheet(book, SUMMARY_SHEET, (36, 48))
    sheet_rows.put(summary, heading)
    return book, summary


def school_workbook(
    session: Session, settings: Settings, actor: Actor, school: School, out: BinaryIO, *, now: datetime
) -> None:
    """The school's workbook, written into ``out``."""
    quota = quotas.school_status(session, settings, school)
    groups = quotas.school_groups(session, settings, school)
    teacher_ids = repository.export_teacher_ids(session, actor, school_id=school.id)
    book, summary = _new_book(("学校汇总 School summary", school.name))
    _summary_lines(summary, _school_lines(school, quota, exported_at_lines(now, settings.zone)))
    sheet_rows.put(summary, ())
    sheet_rows.put(summary, GROUP_HEADERS)
    for g in groups:
        sessions = f"{g.accepted_sessions}/{g.required_sessions}"
        counts = (g.headcount, g.excellent_count, g.required_excellent, g.missing_excellent)
        sheet_rows.put(summary, (g.group_name, g.subject, *counts, sessions, _yes(g.ok)))
    _details(book, session, catalogue_for(session, school.id), teacher_ids)
    result_export.add_results(book, summary, session, settings, school_id=school.id, teacher_ids=teacher_ids)
    hours_export.add_hours(book, session, settings, school_id=school.id, teacher_ids=teacher_ids)
    book.save(out)


def group_workbook(
    session: Session, settings: Settings, actor: Actor, group: ResearchGroup, out: BinaryIO, *, now: datetime
) -> None:
    """The group's workbook, written into ``out``."""
    school = shared_rows.school(session, group.school_id)
    quota = quotas.group_status(session, settings, group)
    teacher_ids = repository.export_teacher_ids(session, actor, school_id=school.id, group_id=group.id)
    book, summary = _new_book(("教研组汇总 Group summary", group.name))
    _summary_lines(summary, _group_lines(school, quota, exported_at_lines(now, settings.zone)))
    _details(book, session, catalogue_for(session, school.id), teacher_ids)
    result_export.add_results(
        book, summary, session, settings, school_id=school.id, teacher_ids=teacher_ids, group_id=group.id
    )
    hours_export.add_hours(book, session, settings, school_id=school.id, teacher_ids=teacher_ids, group_id=group.id)
    book.save(out)


def _school_lines(school: School, quota: SchoolQuotaOut, exported: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [
        ("学校编码 School code", school.code),
        *exported,
        ("专任教师 Full-time teachers", quota.full_time_teachers),
        ("已推送优秀作品 Excellent forwarded", quota.excellent_count),
        ("待推送优秀作品 Excellent not yet forwarded", quota.awaiting_forward),
        (f"须达到 Required ({quota.excellent_percent:g}%)", quota.required_excellent),
        ("还差 Missing", quota.missing_excellent),
        ("学科 Subjects", "、".join(quota.subjects_taught)),
        ("未覆盖学科 Uncovered subjects", "、".join(quota.uncovered_subjects)),
        ("是否达标 Quota met", _yes(quota.ok)),
        ("说明 Explanation", "\n".join(v.message_zh for v in quota.violations)),
        ("Explanation (en)", "\n".join(v.message_en for v in quota.violations)),
    ]


def _group_lines(school: School, quota: GroupQuotaOut, exported: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [
        ("学校 School", school.name),
        ("学科 Subject", quota.subject),
        *exported,
        ("人数 Headcount", quota.headcount),
        ("优秀作品 Excellent", quota.excellent_count),
        (f"须达到 Required ({quota.excellent_percent:g}%)", quota.required_excellent),
        ("还差 Missing", quota.missing_excellent),
        ("已通过教研活动视频 Accepted sessions", quota.accepted_sessions),
        ("须提交教研活动视频 Required sessions", quota.required_sessions),
        ("是否达标 Quota met", _yes(quota.ok)),
        ("说明 Explanation", "\n".join(v.message_zh for v in quota.violations)),
        ("Explanation (en)", "\n".join(v.message_en for v in quota.violations)),
    ]


def _summary_lines(sheet: WriteOnlyWorksheet, lines: Iterable[tuple[str, Any]]) -> None:
    for label, value in lines:
        sheet_rows.put(sheet, (label, value))


def _details(book: Workbook, session: Session, catalogue: Catalogue, teacher_ids: list[int]) -> None:
    """One row per chosen or submitted point, the teachers read a slice at a time so a large school's
    teachers, selections and submissions are never all in memory at once."""
    sheet = sheet_rows.new_sheet(book, DETAILS_SHEET, (12, 10, 8, 16, 10, 16, 8, 24, 20, 8, 12))
    sheet_rows.put(sheet, DETAIL_HEADERS)
    for ids in sheet_rows.slices(teacher_ids):
        teachers = repository.teachers_by_ids(session, ids)
        selections = repository.selections_of(session, ids)
        submissions: dict[int, dict[str, Submission]] = {}
        for sub in repository.submissions_of(session, ids):
            submissions.setdefault(sub.teacher_id, {})[sub.capability_code] = sub
        groups = repository.group_names(session, {t.group_id for t in teachers if t.group_id})
        for teacher in teachers:
            selection = selections.get(teacher.id)
            chosen = list(selection.codes) if selection else []
            mine = submissions.get(teacher.id, {})
            codes = chosen + [c for c in mine if c not in chosen] or [None]
            status = _SELECTION_LABELS[SelectionStatus(selection.status) if selection else SelectionStatus.NONE]
            group = groups.get(teacher.group_id, "")
            person = (teacher.staff_id, teacher.name, teacher.subject, group, _yes(teacher.full_time))
            for code in codes:
                sheet_rows.put(sheet, (*person, status, *_point_cells(catalogue, code, mine.get(code))))


def _point_cells(catalogue: Catalogue, code: str | None, sub: Submission | None) -> tuple[Any, ...]:
    if code is None:
        return ("", "", "", None, "")
    point = catalogue.get(code)
    if sub is None:
        return (code, point.name_zh if point else "", "未提交 not submitted", None, _yes(False))
    zh, en = STATE_LABELS.get(_state(sub.state), (sub.state, ""))
    return (code, point.name_zh if point else "", f"{zh} {en}", sub.score, _yes(_state(sub.state) in EXCELLENT_STATES))


def _state(value: str) -> State | None:
    try:
        return State(value)
    except ValueError:
        return None


def content_disposition(filename: str, fallback: str) -> str:
    """``attachment`` with an ASCII fallback name and the real one as RFC 5987 UTF-8."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
