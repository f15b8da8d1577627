"""The package the school uploads to the provincial platform: a ZIP with the workbook (the school's
numbers; one row per work handed over), the file list as a CSV, and each work's documents."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote

from openpyxl import load_workbook
from sqlalchemy import select

from db.models import AuditEntry, Recording, SchoolHandover, Submission, SubmissionDocument
from tests import review_factories as rf
from tests.api.review.admin.progress import labelled, rows_of
from tests.api.review.handover.test_handover import hand_over, works
from tests.api.review.workflow.moves import act

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
FORWARDED_UTC = datetime(2026, 12, 5, 17, 30, tzinfo=timezone.utc)  # 01:30 on the 6th in Beijing


def _package(h, username="schooladmin"):
    d = rf.demo(h)
    response = h.client.get(f"/api/schools/{d.school_id}/handover/package.zip", headers=h.auth(username))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    return response, zipfile.ZipFile(io.BytesIO(response.content))


def _book(archive: zipfile.ZipFile):
    (name,) = [n for n in archive.namelist() if n.endswith(".xlsx")]
    assert name == "示范中学-学校提交汇总.xlsx"
    return load_workbook(io.BytesIO(archive.read(name)))


def _arrange(h) -> dict[str, int]:
    """Three forwarded 优秀 works (one through the API, one at a known time), one waiting, one downgraded."""
    d = rf.demo(h)
    ids = works(h, ("T002", "forwarded"), ("T003", "scored_excellent"), ("T006", "confirmed"))
    ids |= works(h, ("T004", "scored_excellent"), ("T007", "downgraded"))
    with h.transaction() as s:
        rf.accepted_session(s, d.chinese_group_id)
        s.add(
            AuditEntry(
                school_id=d.school_id,
                entity_type="submission",
                entity_id=str(ids["T002"]),
                action="forward",
                from_state="scored_excellent",
                to_state="forwarded",
                at=FORWARDED_UTC,
            )
        )
    assert act(h, "schooladmin", ids["T003"], "forward").status_code == 200
    with h.transaction() as s:
        s.get(Submission, ids["T002"]).score = 95.0
        recording = s.get(Recording, s.get(Submission, ids["T002"]).recording_id)
        recording.original_filename, recording.duration_s = "李娜-课堂实录.mp4", 605.4
        for document in s.scalars(select(SubmissionDocument).where(SubmissionDocument.submission_id == ids["T002"])):
            s.delete(document)
        uploaded = datetime(2026, 12, 6, 1, 0, tzinfo=timezone.utc)
        for minute, filename in enumerate(("学情分析方案.pdf", "学情分析方案.pdf", "../报告.pdf")):
            key = f"documents/{ids['T002']}/{uuid.uuid4()}"
            h.store.put_bytes(key, PDF, "application/pdf")
            s.add(
                SubmissionDocument(
                    id=str(uuid.uuid4()),
                    submission_id=ids["T002"],
                    object_key=key,
                    filename=filename,
                    content_type="application/pdf",
                    size_bytes=len(PDF),
                    created_at=uploaded + timedelta(minutes=minute),  # upload order, not one shared instant
                )
            )
    return ids


def test_a_draft_before_the_hand_over_with_every_forwarded_work_and_its_documents(api):
    ids = _arrange(api)
    response, archive = _package(api)
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="school-')
    assert unquote(disposition.split("filename*=UTF-8''")[1]).startswith("示范中学-学校提交-草稿-")

    folder = f"文档 Documents/T002-李娜-A1-{ids['T002']}"
    names = set(archive.namelist())
    assert {f"{folder}/学情分析方案.pdf", f"{folder}/学情分析方案 (2).pdf", f"{folder}/_报告.pdf"} <= names
    assert archive.read(f"{folder}/学情分析方案 (2).pdf") == PDF
    assert all(".." not in n.split("/") for n in names)

    book = _book(archive)
    assert book.sheetnames == ["汇总 Summary", "作品 Works", "清单 Files"]
    summary = labelled(book["汇总 Summary"])
    assert summary["提交状态 Hand-over"].startswith("草稿")
    assert summary["提交时间 Handed over at (北京时间 Beijing time)"] == "—"
    assert summary["专任教师 Full-time teachers"] == 10 and summary["须达到 Required (30%)"] == 3
    assert summary["已推送优秀作品 Excellent forwarded"] == 3
    assert summary["待推送优秀作品 Excellent not yet forwarded"] == 1
    assert summary["是否可提交 Ready"] == "是 yes"
    assert summary["语文"] == 2 and summary["数学"] == 1

    rows = rows_of(book["作品 Works"])
    assert rows[0][:4] == ("姓名 Teacher", "工号 Staff ID", "学科 Subject", "教研组 Group")
    assert [r[1] for r in rows[1:]] == ["T006", "T002", "T003"]  # by subject, then 工号; the waiting one absent
    li_na = next(r for r in rows if r[1] == "T002")
    assert li_na[:8] == (
        "李娜",
        "T002",
        "语文",
        "语文教研组",
        "A1",
        "技术支持的学情分析",
        "学校已推送 forwarded by the school",
        95,
    )
    assert li_na[8] == datetime(2026, 12, 6, 1, 30)  # Beijing time
    assert li_na[9:12] == ("李娜-课堂实录.mp4", "10:05", f"/review/{ids['T002']}")
    assert li_na[12].split("\n") == ["学情分析方案.pdf", "学情分析方案.pdf", "../报告.pdf"]
    assert next(r for r in rows if r[1] == "T006")[6] == "省级确认 confirmed by the province"

    listed = list(csv.reader(io.StringIO(archive.read("视频与文档清单.csv").decode("utf-8-sig"))))
    assert archive.read("视频与文档清单.csv").startswith("\ufeff".encode())
    assert listed[0] == [
        "类型 Kind",
        "作品 Work",
        "姓名 Teacher",
        "工号 Staff ID",
        "能力点 Point",
        "文件 File",
        "位置 Where",
    ]
    mine = [r for r in listed if r[3] == "T002"]
    assert mine[0] == [
        "视频 video",
        str(ids["T002"]),
        "李娜",
        "T002",
        "A1",
        "李娜-课堂实录.mp4",
        f"/review/{ids['T002']}",
    ]
    assert [r[6] for r in mine[1:]] == [
        f"{folder}/学情分析方案.pdf",
        f"{folder}/学情分析方案 (2).pdf",
        f"{folder}/_报告.pdf",
    ]
    # a document whose bytes are not in storage is listed as missing, not fatal
    assert any(r[0] == "文档 document" and r[3] == "T003" and r[6] == "（文件缺失 file missing）" for r in listed)
    assert [[str(c) for c in r] for r in rows_of(book["清单 Files"])] == listed  # the same list, as a sheet


def test_after_the_hand_over_the_package_names_its_time_in_beijing(api):
    _arrange(api)
    assert hand_over(api).status_code == 200
    d = rf.demo(api)
    with api.transaction() as s:
        s.get(SchoolHandover, d.school_id).handed_over_at = FORWARDED_UTC + timedelta(minutes=5)
    response, archive = _package(api, "reviewer")
    assert "草稿" not in unquote(response.headers["content-disposition"])
    summary = labelled(_book(archive)["汇总 Summary"])
    assert summary["提交状态 Hand-over"] == "已提交 handed over"
    assert summary["提交时间 Handed over at (北京时间 Beijing time)"] == datetime(2026, 12, 6, 1, 35)
    assert summary["提交人 Handed over by"] == "学校管理员"
    assert summary["提交时优秀作品 Excellent at hand-over"] == 3 and summary["提交后降等 Downgraded since"] == 0
