"""A group session as a training record (issue 20, item 5; seed 001 §三.3 “点名签到,录好视频,做好报道和
提交学习心得…打包上传。否则不认定为完整培训”), on SQLite and PostgreSQL.

Sessions are rows identified for real from small face vectors (``tests.session_factories``). The
chinese group's leader is ``leader`` (T001, 王芳); ``teacher`` is T002 (李娜); T003 (张伟) has no account.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import datetime, timedelta

import numpy as np
from docx import Document

from db.base import utcnow
from db.models import TeacherReference
from tests import biometric_factories as bf
from tests.api.review.admin.progress import demo_ids, workbook
from tests.session_factories import processed_session, vector

REFLECTION = "本次教研活动围绕信息技术与课堂教学融合展开，我学到了如何用学情分析工具了解学生。" * 3
REPORT = (
    "语文教研组于本周开展能力点专题研修，组员围绕A1学情分析展开讨论，"
    "并进行了课例展示与点评。活动由组长主持，全体组员参加。"
)


def _near(v: list[float]) -> list[float]:
    step = np.random.default_rng(99).normal(size=128)
    return list(np.asarray(v) + 0.2 * step / np.linalg.norm(step))


def _photo(s, teacher_id: int, encoding: list[float]) -> None:
    bf.consent(s, teacher_id)
    s.add(
        TeacherReference(
            id=str(uuid.uuid4()),
            teacher_id=teacher_id,
            photo_key=f"references/{teacher_id}/x.jpg",
            content_type="image/jpeg",
            state="ok",
            encoding=encoding,
            enrolled_at=utcnow(),
        )
    )


def _session(api, ids, staff: list[str], on_camera: list[str]) -> str:
    """A processed session listing ``staff``, each with a photo; those in ``on_camera`` are seen."""
    faces = {code: vector(ids.teachers[code]) for code in staff}
    with api.transaction() as s:
        for code in staff:
            _photo(s, ids.teachers[code], faces[code])
    return processed_session(api, ids, staff, [(_near(faces[code]), 8) for code in on_camera])


def _record(api, recording_id: str, user: str = "leader") -> dict:
    response = api.client.get(f"/api/recordings/{recording_id}/record", headers=api.auth(user))
    assert response.status_code == 200, response.text
    return response.json()


def _put(api, recording_id: str, path: str, text: str, user: str):
    return api.client.put(f"/api/recordings/{recording_id}/record/{path}", json={"text": text}, headers=api.auth(user))


def _error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_zh"] and error["message_en"], error


def _codes(record: dict) -> list[str]:
    return [r["code"] for r in record["missing"]]


def test_a_session_becomes_complete_with_report_and_every_reflection_and_the_school_downloads_its_package(api):
    ids = demo_ids(api)
    t1, t2 = ids.teachers["T001"], ids.teachers["T002"]
    recording_id = _session(api, ids, ["T001", "T002"], on_camera=["T001", "T002"])

    record = _record(api, recording_id)
    assert record["counts"] is True and record["complete"] is False
    assert _codes(record) == ["record.no_report", "record.reflections_missing"]
    assert "王芳、李娜" in record["missing"][1]["message_zh"]
    assert [(p["teacher_id"], p["source"]) for p in record["participants"]] == [(t1, "seen"), (t2, "seen")]

    assert _put(api, recording_id, "report", REPORT, "leader").status_code == 200
    assert _put(api, recording_id, f"reflections/{t1}", "组长心得：" + REFLECTION, "leader").status_code == 200
    record = _put(api, recording_id, f"reflections/{t2}", REFLECTION, "teacher").json()
    assert record["complete"] is True and record["missing"] == []

    listed = api.client.get("/api/session-records", headers=api.auth("schooladmin")).json()
    assert [(r["recording_id"], r["complete"], r["can_download"]) for r in listed] == [(recording_id, True, True)]

    response = api.client.get(f"/api/recordings/{recording_id}/record/package", headers=api.auth("schooladmin"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert names == {
        "说明 README.txt",
        "视频链接 Video link.txt",
        "签到表 Sign-in sheet.xlsx",
        "报道 Report.docx",
        "学习心得 Reflections.docx",
    }
    readme = archive.read("说明 README.txt").decode()
    assert "完整 complete" in readme and "不完整" not in readme
    link = archive.read("视频链接 Video link.txt").decode()
    assert f"/api/recordings/{recording_id}/playback" in link
    sheet = workbook(archive.read("签到表 Sign-in sheet.xlsx")).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] in (1, 2)]
    assert [(r[2], r[3], r[4]) for r in rows] == [
        ("王芳", "是 yes", "人脸识别 identified on camera"),
        ("李娜", "是 yes", "人脸识别 identified on camera"),
    ]
    uploaded = record_created_beijing(api, recording_id)
    assert any(uploaded in str(r[1]) and "北京时间" in str(r[1]) for r in sheet.iter_rows(values_only=True) if r)
    report_text = "\n".join(p.text for p in Document(io.BytesIO(archive.read("报道 Report.docx"))).paragraphs)
    assert REPORT in report_text and "北京时间" in report_text
    reflections = "\n".join(p.text for p in Document(io.BytesIO(archive.read("学习心得 Reflections.docx"))).paragraphs)
    assert "组长心得" in reflections and reflections.count(REFLECTION) == 2 and "李娜（T002）" in reflections


def record_created_beijing(api, recording_id: str) -> str:
    """The recording's upload time as a Beijing reader reads it (UTC + 8, to the minute)."""
    body = api.client.get(f"/api/recordings/{recording_id}", headers=api.auth("leader")).json()
    created = datetime.fromisoformat(body["created_at"].replace("Z", "+00:00"))
    return (created + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")


def test_only_the_leader_writes_the_report_only_the_teacher_their_own_reflection_only_the_school_downloads(api):
    ids = demo_ids(api)
    t1, t2 = ids.teachers["T001"], ids.teachers["T002"]
    recording_id = _session(api, ids, ["T001", "T002"], on_camera=["T001", "T002"])

    _error(_put(api, recording_id, "report", REPORT, "teacher"), 403, "session.not_the_leader")
    _error(_put(api, recording_id, "report", "太短", "leader"), 422, "record.report_too_short")
    _error(_put(api, recording_id, f"reflections/{t2}", REFLECTION, "leader"), 403, "record.not_your_reflection")
    _error(_put(api, recording_id, f"reflections/{t1}", REFLECTION, "teacher"), 403, "record.not_your_reflection")
    _error(_put(api, recording_id, f"reflections/{t2}", "收获很大", "teacher"), 422, "record.reflection_too_short")
    _error(_put(api, recording_id, f"reflections/{t2}", "长" * 10_001, "teacher"), 422, "record.text_too_long")
    sign_in = {"teacher_id": t2, "note": "现场点名到场"}
    response = api.client.post(
        f"/api/recordings/{recording_id}/record/sign-ins", json=sign_in, headers=api.auth("teacher")
    )
    _error(response, 403, "session.not_the_leader")

    # A teacher reads whether a colleague wrote theirs, never what they wrote.
    assert _put(api, recording_id, f"reflections/{t1}", REFLECTION, "leader").status_code == 200
    seen_by_teacher = {p["teacher_id"]: p for p in _record(api, recording_id, "teacher")["participants"]}
    assert seen_by_teacher[t1]["reflection_written"] is True and seen_by_teacher[t1]["reflection_text"] is None
    by_school = {p["teacher_id"]: p for p in _record(api, recording_id, "schooladmin")["participants"]}
    assert by_school[t1]["reflection_text"] == REFLECTION

    package = f"/api/recordings/{recording_id}/record/package"
    for user in ("leader", "teacher"):
        _error(api.client.get(package, headers=api.auth(user)), 403, "record.package_school_only")
    assert api.client.get(package, headers=api.auth("reviewer")).status_code == 404  # not the province's to see


def test_a_teacher_not_listed_neither_sees_the_session_nor_writes_for_it_and_lists_only_their_own(api):
    ids = demo_ids(api)
    theirs = _session(api, ids, ["T001", "T002"], on_camera=["T001", "T002"])
    others = _session(api, ids, ["T001", "T003"], on_camera=["T001", "T003"])
    assert api.client.get(f"/api/recordings/{others}/record", headers=api.auth("teacher")).status_code == 404
    assert _put(api, others, f"reflections/{ids.teachers['T002']}", REFLECTION, "teacher").status_code == 404
    mine = api.client.get("/api/session-records/mine", headers=api.auth("teacher")).json()
    assert [r["recording_id"] for r in mine] == [theirs]
    assert mine[0]["can_lead"] is False and mine[0]["reflection_min_chars"] == 100
    assert api.client.get("/api/session-records/mine", headers=api.auth("schooladmin")).json() == []


def test_the_leader_signs_in_by_hand_with_a_note_and_an_acceptance_vouches_for_the_list(api):
    ids = demo_ids(api)
    t2, t3, t4 = ids.teachers["T002"], ids.teachers["T003"], ids.teachers["T004"]
    recording_id = _session(api, ids, ["T002", "T003"], on_camera=["T002"])
    record = _record(api, recording_id)
    assert record["counts"] is False
    assert _codes(record)[:2] == ["record.video_not_counting", "record.not_signed_in"]
    assert "张伟" in record["missing"][1]["message_zh"]

    sign_ins = f"/api/recordings/{recording_id}/record/sign-ins"

    def add(teacher_id: int, note: str):
        return api.client.post(sign_ins, json={"teacher_id": teacher_id, "note": note}, headers=api.auth("leader"))

    _error(add(t3, "到"), 422, "record.note_required")
    _error(add(t2, "现场点名到场"), 409, "record.already_signed_in")
    _error(add(t4, "现场点名到场"), 422, "session.not_a_participant")
    response = add(t3, "坐在镜头外，现场点名到场")
    assert response.status_code == 201, response.text
    person = {p["teacher_id"]: p for p in response.json()["participants"]}[t3]
    assert (person["source"], person["note"], person["note_by_name"]) == (
        "manual",
        "坐在镜头外，现场点名到场",
        "王芳（语文教研组长）",
    )
    assert "record.not_signed_in" not in _codes(response.json())

    accepted = api.client.post(
        f"/api/recordings/{recording_id}/acceptance", json={"reason": "张伟坐在镜头外"}, headers=api.auth("leader")
    )
    assert accepted.status_code == 200, accepted.text
    response = api.client.delete(f"{sign_ins}/{t3}", headers=api.auth("leader"))
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["counts"] is True and "record.video_not_counting" not in _codes(record)
    assert {p["teacher_id"]: p["source"] for p in record["participants"]} == {t2: "seen", t3: "accepted"}
    _error(api.client.delete(f"{sign_ins}/{t3}", headers=api.auth("leader")), 404, "not_found")

    package = api.client.get(f"/api/recordings/{recording_id}/record/package", headers=api.auth("schooladmin"))
    readme = zipfile.ZipFile(io.BytesIO(package.content)).read("说明 README.txt").decode()
    assert "不完整 incomplete" in readme and "record" not in readme and "学习心得" in readme

    # Deleting the session takes its record with it (the database cascades).
    assert _put(api, recording_id, "report", REPORT, "leader").status_code == 200
    assert api.client.delete(f"/api/recordings/{recording_id}", headers=api.auth("leader")).status_code == 204
    assert api.client.get("/api/session-records", headers=api.auth("leader")).json() == []


def test_the_list_reads_only_the_named_sessions_of_a_page(api):
    """The school's sessions card asks for the records of the page of sessions it shows (issue 21): only
    those named come back (an unknown id is skipped; sight is the list's own rule); over 200 are refused."""
    ids = demo_ids(api)
    first = _session(api, ids, ["T001", "T002"], ["T001", "T002"])
    second = _session(api, ids, ["T001", "T003"], ["T001"])
    path, admin = "/api/session-records", api.auth("schooladmin")
    both = {r["recording_id"] for r in api.client.get(path, headers=admin).json()}
    assert both == {first, second}
    named = api.client.get(path, params={"recording_id": [second, "not-a-session"]}, headers=admin).json()
    assert [r["recording_id"] for r in named] == [second]
    too_many = api.client.get(path, params={"recording_id": [f"r{n}" for n in range(201)]}, headers=admin)
    assert too_many.status_code == 422
