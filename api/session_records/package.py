"""A session's package for the school (seed 001 §三.3 “每次培训结束后都需把这些材料打包上传”): one ZIP.

    说明 README.txt             完整 or 不完整, and what is missing
    视频链接 Video link.txt      the recording, its duration, where to play it (links expire; the app's is lasting)
    签到表 Sign-in sheet.xlsx    every listed participant: signed in or not, how, the leader's note
    报道 Report.docx             the leader's report
    学习心得 Reflections.docx    each participant's reflection, or that it is missing

Every time a person reads is local (Beijing) time with the zone named; cells typed by people are text,
never formulas.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, tzinfo

from docx import Document
from openpyxl import Workbook

from api.session_records.schemas import SessionRecordOut
from db.models import Recording
from domain.school_time import minute_text, zone_words

README = "说明 README.txt"
VIDEO = "视频链接 Video link.txt"
SHEET = "签到表 Sign-in sheet.xlsx"
REPORT = "报道 Report.docx"
REFLECTIONS = "学习心得 Reflections.docx"
SHEET_HEADERS = (
    "序号 No.",
    "工号 Staff ID",
    "姓名 Name",
    "签到 Signed in",
    "方式 How",
    "组长备注 Leader's note",
    "补签人 Signed in by",
    "补签时间 Signed in at",
)


def _when(moment: datetime | None, zone: tzinfo) -> str:
    """ "2026-12-06 09:30 北京时间 Beijing time", or a dash."""
    if moment is None:
        return "—"
    zh, en = zone_words(zone)
    return f"{minute_text(moment, zone)} {zh} {en}"


def _title(record: SessionRecordOut) -> str:
    return f"{record.group_name or ''} {record.original_filename}".strip()


def readme(record: SessionRecordOut, zone: tzinfo, now: datetime) -> str:
    lines = [
        f"教研活动 Group session: {_title(record)}",
        f"上传时间 Uploaded: {_when(record.created_at, zone)}",
        f"导出时间 Exported: {_when(now, zone)}",
        "",
        "完整培训 Complete training: " + ("完整 complete" if record.complete else "不完整 incomplete"),
    ]
    for reason in record.missing:
        lines.append(f"- {reason.message_zh} {reason.message_en}")
    return "\n".join(lines) + "\n"


def video_text(recording: Recording, links: dict | None, app_link: str, zone: tzinfo) -> str:
    minutes = f"{recording.duration_s / 60:.1f} 分钟 min" if recording.duration_s else "—"
    lines = [
        f"录像 Recording: {recording.original_filename}",
        f"时长 Duration: {minutes}",
        f"上传时间 Uploaded: {_when(recording.created_at, zone)}",
        "",
        f"在课鉴中取得播放地址（须登录，长期有效） Playback in Kejian (sign in first; lasting): {app_link}",
    ]
    if links is None:
        lines.append("尚无可播放的转码版本 No playable version yet (transcoding has not finished).")
    else:
        until = _when(links["expires_at"], zone)
        for label, key in (("MP4", "mp4_url"), ("HLS", "hls_url")):
            if links.get(key):
                lines.append(f"{label}（{until} 前有效 valid until then）: {links[key]}")
    return "\n".join(lines) + "\n"


def sign_in_sheet(record: SessionRecordOut, zone: tzinfo) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "签到表 Sign-in"
    rows = [
        ("教研活动 Group session", _title(record)),
        ("上传时间 Uploaded", _when(record.created_at, zone)),
        (),
        SHEET_HEADERS,
    ]
    for n, p in enumerate(record.participants, start=1):
        signed = "是 yes" if p.signed_in else "否 no"
        how = f"{p.source_zh} {p.source_en}" if p.source_zh else "—"
        manual = p.note is not None
        rows.append(
            (
                n,
                p.staff_id,
                p.name,
                signed,
                how,
                p.note or "",
                p.note_by_name or "",
                _when(p.noted_at, zone) if manual else "",
            )
        )
    for values in rows:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row] if values else ():
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a name or note typed by a person never becomes a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _paragraphs(doc, text: str) -> None:
    for line in text.splitlines() or [""]:
        doc.add_paragraph(line)


def report_doc(record: SessionRecordOut, zone: tzinfo) -> bytes:
    doc = Document()
    doc.add_heading(f"活动报道 Report — {_title(record)}", level=1)
    if record.report is None:
        doc.add_paragraph("（尚未填写 not written yet）")
    else:
        by = record.report.written_by_name or "—"
        doc.add_paragraph(f"撰写 Written by: {by}；更新 Updated: {_when(record.report.updated_at, zone)}")
        _paragraphs(doc, record.report.text)
    return _saved(doc)


def reflections_doc(record: SessionRecordOut, zone: tzinfo) -> bytes:
    doc = Document()
    doc.add_heading(f"学习心得 Reflections — {_title(record)}", level=1)
    for p in record.participants:
        doc.add_heading(f"{p.name}（{p.staff_id}）", level=2)
        if p.reflection_text is None:
            doc.add_paragraph("（未提交 not written）")
            continue
        doc.add_paragraph(
            f"提交时间 Written: {_when(p.reflection_updated_at, zone)}；{p.reflection_chars} 字 characters"
        )
        _paragraphs(doc, p.reflection_text)
    return _saved(doc)


def _saved(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def build(
    recording: Recording, record: SessionRecordOut, *, links: dict | None, app_link: str, zone: tzinfo, now: datetime
) -> bytes:
    """The ZIP's bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(README, readme(record, zone, now))
        archive.writestr(VIDEO, video_text(recording, links, app_link, zone))
        archive.writestr(SHEET, sign_in_sheet(record, zone))
        archive.writestr(REPORT, report_doc(record, zone))
        archive.writestr(REFLECTIONS, reflections_doc(record, zone))
    return buffer.getvalue()
