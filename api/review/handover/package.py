"""The package the school uploads to the provincial platform (学校提交包): one ZIP.

Seed 001 §六.1: the school admin uploads the school's 优秀 work “至平台供全省教师学习点评使用”.
The ZIP holds a workbook (sheet 1 the school's numbers, sheet 2 one row per work handed over,
sheet 3 every video and document), the same file list as a CSV with a UTF-8 BOM (Excel opens it
in Chinese), and each work's documents under ``文档 Documents/``. Videos are listed with the
path of their review page, not included: they are large and the platform takes them one by one.
Before the hand-over the package is a draft and its summary says so. Times are the programme's
local time (北京时间), the zone written beside them.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.context import AppContext
from api.review.admin import sheet_rows
from api.review.admin.export_time import exported_at_lines
from api.review.admin.exports import _new_book, _summary_lines
from api.review.handover import repository
from api.review.handover.schemas import HandoverOut
from api.shared.review_inputs import catalogue_for
from db.models import Recording, ResearchGroup, Submission, SubmissionDocument, Teacher
from domain.school_handover import HandoverState
from domain.school_time import day_stamp, wall_clock, zone_words
from domain.workflow import STATE_LABELS, State
from storage import ObjectNotFound

ZIP_TYPE = "application/zip"
WORKS_SHEET = "作品 Works"
FILES_SHEET = "清单 Files"
DOCUMENTS_DIR = "文档 Documents"
WORK_HEADERS = (
    "姓名 Teacher",
    "工号 Staff ID",
    "学科 Subject",
    "教研组 Group",
    "能力点 Point",
    "能力点名称 Point name",
    "状态 State",
    "得分 Score",
    "推送时间 Forwarded at",
    "视频文件 Recording",
    "时长 Duration",
    "链接 Link",
    "文档 Documents",
)
FILE_HEADERS = ("类型 Kind", "作品 Work", "姓名 Teacher", "工号 Staff ID", "能力点 Point", "文件 File", "位置 Where")
VIDEO, DOCUMENT = "视频 video", "文档 document"
MISSING_FILE = "（文件缺失 file missing）"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass
class _Work:
    submission: Submission
    teacher: Teacher
    group: ResearchGroup | None
    recording: Recording | None
    forwarded_at: datetime | None
    point_name: str
    documents: list[SubmissionDocument] = field(default_factory=list)

    @property
    def link(self) -> str:
        return f"/review/{self.submission.id}"

    @property
    def folder(self) -> str:
        name = f"{self.teacher.staff_id}-{self.teacher.name}-{self.submission.capability_code}-{self.submission.id}"
        return f"{DOCUMENTS_DIR}/{_safe(name)}"


def _safe(name: str) -> str:
    """A path component: no separators or control characters, never empty."""
    return _UNSAFE.sub("_", name).strip(" .") or "_"


def duration_text(seconds: float | None) -> str:
    """ "4:05" (or "1:02:03"); empty when unknown."""
    if seconds is None:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def filenames(status: HandoverOut, now: datetime, ctx: AppContext) -> tuple[str, str]:
    """(the real name, its ASCII fallback), dated by the local day: "示范中学-学校提交-20261206.zip"."""
    stamp = day_stamp(now, ctx.settings.zone)
    draft = "" if status.state == HandoverState.HANDED_OVER.value else "-草稿"
    return f"{status.school_name}-学校提交{draft}-{stamp}.zip", f"school-{status.school_id}-handover-{stamp}.zip"


def build(session: Session, ctx: AppContext, status: HandoverOut, *, school_code: str, now: datetime) -> bytes:
    """The ZIP: workbook, CSV file list, and every listed document's bytes (streamed from storage)."""
    works = _works(session, status.school_id)
    placed = _place_documents(works, _present(ctx, works))
    book_bytes = _workbook(ctx, status, works, placed, school_code=school_code, now=now)
    local = wall_clock(now, ctx.settings.zone)  # ZIP entries carry a wall-clock time, no zone
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry(f"{_safe(status.school_name)}-学校提交汇总.xlsx", local), book_bytes)
        archive.writestr(_entry("视频与文档清单.csv", local), _csv(_file_rows(works, placed)))
        for work in works:
            for document in work.documents:
                if document.id in placed:
                    with archive.open(_entry(placed[document.id], local), "w") as out:
                        for chunk in ctx.store.iter_chunks(document.object_key):
                            out.write(chunk)
    return buffer.getvalue()


def _present(ctx: AppContext, works: Iterable[_Work]) -> set[str]:
    """The documents whose bytes are in storage (a missing one is listed as missing, not fatal)."""
    found = set()
    for work in works:
        for document in work.documents:
            try:
                ctx.store.stat(document.object_key)
            except (ObjectNotFound, ValueError):
                continue
            found.add(document.id)
    return found


def _entry(name: str, local: datetime) -> zipfile.ZipInfo:
    """A ZIP entry with its UTF-8 name (zipfile sets the UTF-8 flag for non-ASCII names)."""
    info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _works(session: Session, school_id: int) -> list[_Work]:
    rows = repository.handed_over_works(session, school_id)
    ids = [s.id for s, *_ in rows]
    forwarded = repository.forwarded_at(session, ids)
    documents = repository.documents_of(session, ids)
    catalogue = catalogue_for(session, school_id)
    works = []
    for submission, teacher, group, recording in rows:
        point = catalogue.get(submission.capability_code)
        works.append(
            _Work(
                submission,
                teacher,
                group,
                recording,
                forwarded.get(submission.id),
                point.name_zh if point else "",
                documents.get(submission.id, []),
            )
        )
    return works


def _place_documents(works: Iterable[_Work], present: set[str]) -> dict[str, str]:
    """Each stored document's path in the ZIP, unique within its work's folder ("教案.pdf", "教案 (2).pdf")."""
    placed: dict[str, str] = {}
    for work in works:
        taken: set[str] = set()
        for document in (d for d in work.documents if d.id in present):
            stem, dot, ext = _safe(document.filename).rpartition(".")
            stem, ext = (stem, f".{ext}") if dot and stem else (f"{stem}{dot}{ext}", "")
            name, n = f"{stem}{ext}", 1
            while name.lower() in taken:
                n += 1
                name = f"{stem} ({n}){ext}"
            taken.add(name.lower())
            placed[document.id] = f"{work.folder}/{name}"
    return placed


def _state_text(value: str) -> str:
    try:
        zh, en = STATE_LABELS[State(value)]
    except (ValueError, KeyError):
        return value
    return f"{zh} {en}"


def _workbook(
    ctx: AppContext, status: HandoverOut, works: list[_Work], placed: dict[str, str], *, school_code: str, now: datetime
) -> bytes:
    zone = ctx.settings.zone
    book, summary = _new_book(("学校提交 School hand-over", status.school_name))
    _summary_lines(summary, _summary(status, school_code, exported_at_lines(now, zone), zone))
    sheet_rows.put(summary, ())
    sheet_rows.put(summary, ("学科 Subject", "已推送优秀作品 Excellent forwarded"))
    for row in status.by_subject:
        sheet_rows.put(summary, (row.subject, row.count))
    sheet = sheet_rows.new_sheet(book, WORKS_SHEET, (10, 10, 8, 16, 8, 24, 20, 8, 20, 28, 10, 16, 40))
    sheet_rows.put(sheet, WORK_HEADERS)
    for work in works:
        sheet_rows.put(sheet, _work_cells(work, zone))  # the forwarded-at cell shows as a date and time
    files = sheet_rows.new_sheet(book, FILES_SHEET)
    for row in _file_rows(works, placed):
        sheet_rows.put(files, row)
    return sheet_rows.to_bytes(book)


def _summary(status: HandoverOut, school_code: str, exported: list[tuple[str, Any]], zone) -> list[tuple[str, Any]]:
    zone_zh, zone_en = zone_words(zone)
    handed_over = status.state == HandoverState.HANDED_OVER.value
    state = "已提交 handed over" if handed_over else "草稿：尚未提交 draft, not handed over yet"
    at = wall_clock(status.handed_over_at, zone) if status.handed_over_at else "—"
    lines = [
        ("学校编码 School code", school_code),
        *exported,
        ("提交状态 Hand-over", state),
        (f"提交时间 Handed over at ({zone_zh} {zone_en})", at),
        ("提交人 Handed over by", status.handed_over_by_name or "—"),
        ("专任教师 Full-time teachers", status.full_time_teachers),
        (f"须达到 Required ({status.excellent_percent:g}%)", status.required_excellent),
        ("已推送优秀作品 Excellent forwarded", status.excellent_count),
        ("待推送优秀作品 Excellent not yet forwarded", status.awaiting_forward),
        ("学科 Subjects", "、".join(status.subjects_taught)),
        ("未覆盖学科 Uncovered subjects", "、".join(status.uncovered_subjects)),
        ("是否可提交 Ready", "是 yes" if status.ready else "否 no"),
        ("尚缺 Missing", "\n".join(r.message_zh for r in status.missing)),
        ("Missing (en)", "\n".join(r.message_en for r in status.missing)),
    ]
    if status.since is not None:
        lines.append(("提交时优秀作品 Excellent at hand-over", status.since.excellent_at_hand_over))
        lines.append(("提交后降等 Downgraded since", status.since.downgraded))
        lines.append(("提交后推送 Forwarded since", status.since.forwarded))
    return lines


def _work_cells(work: _Work, zone) -> tuple[Any, ...]:
    sub, teacher, recording = work.submission, work.teacher, work.recording
    forwarded = wall_clock(work.forwarded_at, zone) if work.forwarded_at else ""
    return (
        teacher.name,
        teacher.staff_id,
        teacher.subject,
        work.group.name if work.group else "",
        sub.capability_code,
        work.point_name,
        _state_text(sub.state),
        sub.score,
        forwarded,
        recording.original_filename if recording else "",
        duration_text(recording.duration_s) if recording else "",
        work.link,
        "\n".join(d.filename for d in work.documents),
    )


def _file_rows(works: list[_Work], placed: dict[str, str]) -> list[tuple[Any, ...]]:
    """The header, then each work's video (its review page) and documents (their place in the ZIP)."""
    rows: list[tuple[Any, ...]] = [FILE_HEADERS]
    for work in works:
        who = (work.submission.id, work.teacher.name, work.teacher.staff_id, work.submission.capability_code)
        if work.recording is not None:
            rows.append((VIDEO, *who, work.recording.original_filename, work.link))
        for document in work.documents:
            rows.append((DOCUMENT, *who, document.filename, placed.get(document.id, MISSING_FILE)))
    return rows


def _csv(rows: list[tuple[Any, ...]]) -> bytes:
    """UTF-8 with a BOM (Excel then reads the Chinese); text that Excel would run as a formula is quoted."""
    text = io.StringIO()
    writer = csv.writer(text)
    for row in rows:
        writer.writerow([_cell_text(v) for v in row])
    return "\ufeff".encode() + text.getvalue().encode("utf-8")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
