"""Each point's evidence requirements at the gate (issue 17), on SQLite and PostgreSQL.

A1 (CATALOG.md §3, S1): 学情分析方案 + a 学情分析报告 video of at most 5 minutes, 缺一不可.
C4 (CATALOG.md §3, S6): the 设计方案 document only, so no video. A2: no items known, so the
programme default (one lesson recording, any length).
"""

from __future__ import annotations

import copy

from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from db.models import CatalogueVersion, ProcessingJob, Recording
from tests import review_factories as rf

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def _post(h, path, username="teacher", **body):
    return h.client.post(path, json=body, headers=h.auth(username))


def _attach(h, submission_id, recording_id):
    url = f"/api/submissions/{submission_id}/recording"
    return h.client.put(url, json={"recording_id": recording_id}, headers=h.auth("teacher"))


def _document(h, submission_id, item_key):
    return h.client.post(
        f"/api/submissions/{submission_id}/documents",
        params={"filename": f"{item_key}.pdf", "item_key": item_key},
        content=PDF,
        headers=h.auth("teacher"),
    )


def _error(response, status):
    assert response.status_code == status, response.text
    return response.json()["error"]


def test_a1_with_a_12_minute_video_is_refused_at_attach_naming_the_5_minute_limit(api):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        rf.select_points(s, teacher_id)
        too_long = rf.lesson(s, teacher_id, "A1", duration_s=720.0).id
        fits = rf.lesson(s, teacher_id, "A1", duration_s=290.0).id
    body = {"teacher_id": teacher_id, "capability_code": "A1"}
    refused = _error(_post(api, "/api/submissions", **body, recording_id=too_long), 422)
    assert refused["code"] == "requirements.video_too_long"
    assert refused["message_zh"] == "学情分析报告视频时长 12:00 超过上限 5 分钟。"
    assert refused["message_en"] == "The 学情分析报告 video lasts 12:00, over its 5-minute limit."
    assert [v["code"] for v in refused["violations"]] == ["requirements.video_too_long"]

    draft = _post(api, "/api/submissions", **body).json()
    again = _error(_attach(api, draft["id"], too_long), 422)
    assert "5 分钟" in again["message_zh"] and "12:00" in again["message_zh"]
    assert _attach(api, draft["id"], fits).json()["recording_id"] == fits


def test_a1_without_its_plan_document_is_refused_at_submit_naming_it(api):
    d = rf.demo(api)
    with api.transaction() as s:
        draft = rf.submission(s, d.teachers["T002"], complete=False)
    url = f"/api/submissions/{draft.id}/submit"
    refused = _error(_post(api, url), 409)
    assert refused["code"] == "requirements.document_missing"
    assert "学情分析方案" in refused["message_zh"] and "学情分析方案" in refused["message_en"]
    shown = api.client.get(f"/api/submissions/{draft.id}", headers=api.auth("teacher")).json()["requirements"]
    assert shown["met"] is False
    assert [(i["key"], i["kind"], i["state"]) for i in shown["items"]] == [
        ("学情分析方案", "document", "missing"),
        ("学情分析报告", "video", "satisfied"),
    ]
    assert _document(api, draft.id, "学情分析方案").status_code == 201
    submitted = _post(api, url)
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    assert submitted.json()["requirements"]["met"] is True


def test_every_problem_is_listed_at_once(api):
    d = rf.demo(api)
    with api.transaction() as s:
        draft = rf.submission(s, d.teachers["T002"], complete=False, with_recording=False)
    refused = _error(_post(api, f"/api/submissions/{draft.id}/submit"), 409)
    assert refused["code"] == "requirements.unmet" and "2" in refused["message_zh"]
    assert [v["code"] for v in refused["violations"]] == ["requirements.document_missing", "requirements.video_missing"]
    assert refused["violations"][1]["message_zh"] == "缺少学情分析报告视频（不超过 5 分钟）。"


def test_a_duration_known_only_after_attaching_shows_on_the_work_and_is_refused_at_submit(api):
    """The teacher uploads from the card: attached before the probe, judged once it has run."""
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        draft = rf.submission(s, teacher_id, with_recording=False)
        unprobed = rf.lesson(s, teacher_id, "A1", duration_s=None)
        unprobed.jobs[0].state, unprobed.jobs[0].percent = "running", 10.0
    assert _attach(api, draft.id, unprobed.id).status_code == 200
    url = f"/api/submissions/{draft.id}"
    video = api.client.get(url, headers=api.auth("teacher")).json()["requirements"]["items"][1]
    assert video["state"] == "pending" and video["reason"]["code"] == "requirements.video_processing"
    with api.transaction() as s:
        recording = s.get(Recording, unprobed.id)
        recording.duration_s = 720.0
        s.scalar(select(ProcessingJob).where(ProcessingJob.recording_id == unprobed.id)).state = "done"
    listed = api.client.get(f"/api/submissions?teacher_id={teacher_id}", headers=api.auth("teacher")).json()
    video = listed[0]["requirements"]["items"][1]
    assert video["state"] == "violating" and "超过上限 5 分钟" in video["reason"]["message_zh"]
    refused = _error(_post(api, f"{url}/submit"), 409)
    assert refused["code"] == "requirements.video_too_long" and "12:00" in refused["message_en"]


def test_a_document_only_point_is_submitted_without_a_video(api):
    """C4 in the seed: its 设计方案 is the only known item; no recording is asked for or taken."""
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        rf.select_points(s, teacher_id, ("C4", "A1", "A2"))
        lesson = rf.lesson(s, teacher_id, "C4").id
    body = {"teacher_id": teacher_id, "capability_code": "C4"}
    refused = _error(_post(api, "/api/submissions", **body, recording_id=lesson), 422)
    assert refused["code"] == "requirements.video_not_asked" and "设计方案" in refused["message_zh"]
    draft = _post(api, "/api/submissions", **body).json()
    assert draft["requirements"]["asks_video"] is False
    assert [(i["key"], i["kind"], i["state"]) for i in draft["requirements"]["items"]] == [
        ("设计方案", "document", "missing")
    ]
    assert _error(_attach(api, draft["id"], lesson), 422)["code"] == "requirements.video_not_asked"
    missing = _error(_post(api, f"/api/submissions/{draft['id']}/submit"), 409)
    assert missing["code"] == "requirements.document_missing" and "设计方案" in missing["message_zh"]
    assert _document(api, draft["id"], "设计方案").status_code == 201
    submitted = _post(api, f"/api/submissions/{draft['id']}/submit").json()
    assert submitted["state"] == "submitted" and submitted["recording_id"] is None


def test_a_point_with_unknown_items_still_needs_a_recording_of_any_length(api):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        draft = rf.submission(s, teacher_id, code="A2", with_recording=False)
        long_lesson = rf.lesson(s, teacher_id, "A2", duration_s=3 * 3600.0).id
    url = f"/api/submissions/{draft.id}"
    shown = api.client.get(url, headers=api.auth("teacher")).json()["requirements"]
    assert shown["known"] is False and "尚待省里确认" in shown["note"]["message_zh"]
    assert [(i["key"], i["kind"], i["state"]) for i in shown["items"]] == [("课堂实录", "video", "missing")]
    assert _error(_post(api, f"{url}/submit"), 409)["code"] == "requirements.video_missing"
    assert _attach(api, draft.id, long_lesson).status_code == 200
    assert _post(api, f"{url}/submit").json()["state"] == "submitted"


def test_a_provinces_edited_limit_and_document_only_point_apply(api):
    """CATALOG.md §5: limits differ by province, so an admin's edit is what the gate applies."""
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        catalogue = s.scalars(select(CatalogueVersion)).one()
        points = copy.deepcopy(catalogue.data["points"])
        a2 = next(p for p in points if p["code"] == "A2")
        a2["items"] = [
            {"key": "微课", "description_zh": "微课视频（不超过 60 秒）", "is_video": True, "max_duration_s": 60}
        ]
        a5 = next(p for p in points if p["code"] == "A5")
        a5["items"] = [{"key": "导入设计", "description_zh": "导入设计方案", "is_video": False}]
        catalogue.data = {"points": points}
        rf.select_points(s, teacher_id, ("A2", "A5", "B4"))
        minute_and_a_half = rf.lesson(s, teacher_id, "A2", duration_s=90.0).id
    created = _post(
        api, "/api/submissions", teacher_id=teacher_id, capability_code="A2", recording_id=minute_and_a_half
    )
    refused = _error(created, 422)
    assert "1:30 超过上限 1 分钟" in refused["message_zh"] and "1-minute limit" in refused["message_en"]
    a5_draft = _post(api, "/api/submissions", teacher_id=teacher_id, capability_code="A5").json()
    assert _document(api, a5_draft["id"], "导入设计").status_code == 201
    assert _post(api, f"/api/submissions/{a5_draft['id']}/submit").json()["state"] == "submitted"


def test_the_catalogue_shows_the_requirements_before_any_upload(api):
    points = {p["code"]: p for p in api.client.get("/api/catalogue/points", headers=api.auth("teacher")).json()}
    a1 = points["A1"]["requirements"]
    assert a1["known"] and a1["asks_video"] and a1["met"] is None
    assert [(i["key"], i["kind"], i["limits_zh"], i["max_duration_s"]) for i in a1["items"]] == [
        ("学情分析方案", "document", "", None),
        ("学情分析报告", "video", "（不超过 5 分钟）", 300),
    ]
    assert points["C4"]["requirements"]["asks_video"] is False
    assert points["A2"]["requirements"]["known"] is False and points["A2"]["requirements"]["note"]["message_en"]


def test_the_requirements_of_a_page_take_the_same_queries_for_one_or_many(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.submission(s, d.teachers["T002"])

    def statements_for_listing() -> int:
        seen = []

        def count(*args):
            seen.append(args[2])

        event.listen(Engine, "before_cursor_execute", count)
        try:
            listed = api.client.get("/api/submissions", headers=api.auth("schooladmin"))
        finally:
            event.remove(Engine, "before_cursor_execute", count)
        assert listed.status_code == 200 and all(x["requirements"] for x in listed.json())
        return len(seen)

    statements_for_listing()  # signs in first
    one = statements_for_listing()
    with api.transaction() as s:
        for staff in ("T003", "T004", "T006"):
            rf.submission(s, d.teachers[staff], code="A2")
    assert statements_for_listing() == one


def test_a_video_for_a_document_only_point_is_refused_before_any_byte_is_sent(api):
    body = {"kind": "lesson", "filename": "课堂实录.mp4", "size": 1000, "content_type": "video/mp4"}
    refused = _error(_post(api, "/api/uploads", **body, capability_code="C4"), 422)
    assert refused["code"] == "requirements.video_not_asked" and "C4" in refused["message_en"]
    assert _post(api, "/api/uploads", **body, capability_code="A1").status_code == 201


def test_resubmitting_returned_work_checks_the_requirements_again(api):
    """Work back with the teacher is judged as it stands now: a document removed since is missing."""
    d = rf.demo(api)
    with api.transaction() as s:
        returned = rf.submission(s, d.teachers["T002"], state="returned", complete=False)
    url = f"/api/submissions/{returned.id}/resubmit"
    refused = _error(_post(api, url), 409)
    assert refused["code"] == "requirements.document_missing" and "学情分析方案" in refused["message_zh"]
    assert _document(api, returned.id, "学情分析方案").status_code == 201
    assert _post(api, url).json()["state"] == "resubmitted"
