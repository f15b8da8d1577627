"""Beijing time wherever a person reads a date (issue 17): the export's cell and file name, the audit
reader's instant, the rules the UI formats by, a refusal's words; and another KEJIAN_TIMEZONE."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from sqlalchemy import select

from api.review.admin import exports
from api.review.admin.export_time import CELL_FORMAT, EXPORTED_AT, TIME_ZONE, export_filenames
from api.rules.service import rules
from db.models import AuditEntry, GroupSubmission, ResearchGroup, School
from domain.roles import Actor, Role
from tests import review_factories as rf
from tests.api.review.admin.progress import labelled, workbook

# 01:30 on 6 December in Beijing is 17:30 on the 5th in UTC: the day must not slip back.
CHOSEN = datetime(2026, 12, 5, 17, 30, tzinfo=timezone.utc)
BEIJING = ZoneInfo("Asia/Shanghai")


def _books(api, settings):
    """The school's and the 语文 group's workbooks, exported by the school admin at CHOSEN."""
    d = rf.demo(api)
    actor = Actor(d.users["schooladmin"], Role.SCHOOL_ADMIN, d.school_id)
    with api.transaction() as s:
        school = s.get(School, d.school_id)
        group = s.get(ResearchGroup, d.chinese_group_id)
        school_book, group_book = io.BytesIO(), io.BytesIO()
        exports.school_workbook(s, settings, actor, school, school_book, now=CHOSEN)
        exports.group_workbook(s, settings, actor, group, group_book, now=CHOSEN)
    return workbook(school_book.getvalue()), workbook(group_book.getvalue())


def _exported_cell(book):
    sheet = book["汇总 Summary"]
    return next(row[1] for row in sheet.iter_rows() if row[0].value == EXPORTED_AT)


def test_the_export_reads_beijing_time_in_its_cell_and_its_file_name(api):
    for book in _books(api, api.settings):
        summary = labelled(book["汇总 Summary"])
        assert summary[EXPORTED_AT] == datetime(2026, 12, 6, 1, 30)
        assert summary[TIME_ZONE] == "北京时间 Beijing time (Asia/Shanghai)"
        assert _exported_cell(book).number_format == CELL_FORMAT
    assert export_filenames("school", 7, "示范中学", CHOSEN, api.settings.zone) == (
        "示范中学-汇总-20261206.xlsx",
        "school-7-20261206.xlsx",
    )


def test_the_download_is_named_after_todays_beijing_day(api):
    d = rf.demo(api)
    before = datetime.now(BEIJING).strftime("%Y%m%d")
    response = api.client.get(f"/api/admin/exports/school/{d.school_id}.xlsx", headers=api.auth("schooladmin"))
    after = datetime.now(BEIJING).strftime("%Y%m%d")
    assert response.status_code == 200, response.text
    name = unquote(response.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name in {f"示范中学-汇总-{before}.xlsx", f"示范中学-汇总-{after}.xlsx"}
    exported = labelled(workbook(response.content)["汇总 Summary"])[EXPORTED_AT]
    assert abs(exported - datetime.now(BEIJING).replace(tzinfo=None)) < timedelta(minutes=5)


def test_the_audit_reader_gets_the_instant_unshifted(api):
    """The API keeps UTC (with its designator); the UI shows it in the rules' zone (review_ui/test/time.test.mjs)."""
    d = rf.demo(api)
    with api.transaction() as s:
        entry = AuditEntry(
            school_id=d.school_id, entity_type="school", entity_id=str(d.school_id), action="setup_update", at=CHOSEN
        )
        s.add(entry)
        s.flush()
        entry_id = entry.id
    entries = api.client.get("/api/admin/audit", headers=api.auth("schooladmin")).json()
    at = next(e["at"] for e in entries if e["id"] == entry_id)
    assert datetime.fromisoformat(at.replace("Z", "+00:00")) == CHOSEN
    assert datetime.fromisoformat(at.replace("Z", "+00:00")).utcoffset() is not None, "never a naive time"


def test_the_ui_learns_the_zone_from_the_rules(api):
    served = api.client.get("/api/rules", headers=api.auth("teacher")).json()["time_zone"]
    assert served == {"name": "Asia/Shanghai", "label_zh": "北京时间", "label_en": "Beijing time"}


def test_a_refusal_names_the_time_in_beijing_time(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.excellent_work(s, d.chinese_group_id, 2)
        rf.accepted_session(s, d.chinese_group_id)
    submit = f"/api/groups/{d.chinese_group_id}/submit"
    assert api.client.post(submit, json={"version": 0}, headers=api.auth("leader")).status_code == 200
    with api.transaction() as s:
        row = s.scalar(select(GroupSubmission).where(GroupSubmission.group_id == d.chinese_group_id))
        row.submitted_at = CHOSEN
    again = api.client.post(submit, headers=api.auth("leader")).json()["error"]
    assert again["code"] == "group.already_submitted"
    assert "2026-12-06 01:30" in again["message_zh"] and "2026-12-06 01:30" in again["message_en"]


def test_another_zone_setting_changes_what_people_read(api):
    new_york = api.settings.model_copy(update={"timezone": "America/New_York"})
    for book in _books(api, new_york):
        summary = labelled(book["汇总 Summary"])
        assert summary[EXPORTED_AT] == datetime(2026, 12, 5, 12, 30)
        assert summary[TIME_ZONE] == "America/New_York"
    assert export_filenames("group", 3, "语文教研组", CHOSEN, new_york.zone)[0] == "语文教研组-汇总-20261205.xlsx"
    assert rules(new_york).time_zone.name == "America/New_York"
