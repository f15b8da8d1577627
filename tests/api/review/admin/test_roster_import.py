"""Roster imports that succeed: XLSX and CSV, accounts, dry run, idempotent re-import."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from db.models import AuditEntry, ResearchGroup, Submission, Teacher, User
from tests import review_factories as rf
from tests.api.review.admin.roster_files import (
    ENGLISH,
    ROWS,
    csv_bytes,
    demo_row,
    post_roster,
    snapshot,
    xlsx_bytes,
)

BUILDERS = {"xlsx": xlsx_bytes, "csv": csv_bytes}


def _login(h, username: str, password: str):
    return h.client.post("/api/auth/login", json={"username": username, "password": password})


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_admin_imports_a_new_school_with_accounts(api, fmt):
    response = post_roster(api, "admin", BUILDERS[fmt](ROWS), fmt=fmt)
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    report = response.json()
    assert report["dry_run"] is False and report["format"] == fmt and report["rows"] == 3
    assert report["schools"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert report["groups"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert report["teachers"] == report["accounts"] == {"created": 3, "updated": 0, "unchanged": 0}
    accounts = {a["username"]: a for a in report["new_accounts"]}
    assert set(accounts) == {"K001", "K002", "K003"}
    assert accounts["K001"]["role"] == "group_leader" and accounts["K001"]["row"] == 2
    assert {a["school_name"] for a in accounts.values()} == {"新华小学"}, "the printed slips name the school"
    assert len({a["initial_password"] for a in accounts.values()}) == 3
    assert all(re.fullmatch(r"[A-Z0-9]{5}(-[A-Z0-9]{5}){4}", a["initial_password"]) for a in accounts.values())
    [photos] = report["photos"]
    assert photos["staff_id"] == "K001" and photos["files"] == ["sunli.jpg", "sunli-2.png"]
    assert photos["teacher_id"] is not None

    with api.transaction() as s:
        teachers = {t.staff_id: t for t in s.scalars(select(Teacher).where(Teacher.staff_id.like("K%")))}
        group = s.scalar(select(ResearchGroup).where(ResearchGroup.name == "科学教研组"))
        leader = s.scalar(select(User).where(User.username == "K001"))
        assert group.subject == "科学" and teachers["K001"].group_id == group.id
        assert (teachers["K002"].full_time, teachers["K003"].full_time) == (False, True)
        assert teachers["K003"].group_id is None and teachers["K003"].birth_year == 1999
        assert (leader.role, leader.group_id, leader.teacher_id) == ("group_leader", group.id, teachers["K001"].id)
        assert leader.password_hash.startswith("$argon2id$")
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "roster_import"))
        assert entry.entity_type == "school" and entry.entity_id == str(group.school_id)
        summary = json.loads(entry.reason)
        assert summary["import_id"] == report["import_id"] and summary["accounts_created"] == 3
    signed_in = _login(api, "K001", accounts["K001"]["initial_password"])
    assert signed_in.status_code == 200 and signed_in.json()["user"]["role"] == "group_leader"


def test_reimport_is_idempotent_and_updates_in_place(api):
    first = post_roster(api, "admin", xlsx_bytes(ROWS)).json()
    before = snapshot(api)
    again = post_roster(api, "admin", xlsx_bytes(ROWS))
    assert again.status_code == 201
    report = again.json()
    assert report["teachers"] == report["accounts"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert report["schools"]["unchanged"] == 1 and report["groups"]["unchanged"] == 1
    assert report["new_accounts"] == [] and snapshot(api) == before

    changed = [list(r) for r in ROWS]
    changed[1][4], changed[1][7] = "钱晋", "教研组长"  # K002 renamed and promoted
    report = post_roster(api, "admin", xlsx_bytes(changed)).json()
    assert report["teachers"] == {"created": 0, "updated": 1, "unchanged": 2}
    assert report["accounts"] == {"created": 0, "updated": 1, "unchanged": 2}
    with api.transaction() as s:
        assert s.scalar(select(Teacher.name).where(Teacher.staff_id == "K002")) == "钱晋"
        assert s.scalar(select(User.role).where(User.username == "K002")) == "group_leader"
        assert len(list(s.scalars(select(Teacher).where(Teacher.staff_id == "K002")))) == 1
    password = next(a["initial_password"] for a in first["new_accounts"] if a["username"] == "K002")
    assert _login(api, "K002", password).status_code == 200, "a re-import never resets a password"


def test_a_teacher_s_new_subject_becomes_their_works_subject(api):
    """The province filters and counts works by the subject kept on each work; a re-import that
    corrects a teacher's subject carries it to their work in the same change."""
    post_roster(api, "admin", xlsx_bytes(ROWS))
    with api.transaction() as s:
        teacher = s.scalar(select(Teacher).where(Teacher.staff_id == "K003"))
        work = rf.submission(s, teacher.id, code="A1", state="forwarded")
        other = rf.submission(s, s.scalar(select(Teacher.id).where(Teacher.staff_id == "K001")), state="forwarded")
    with api.transaction() as s:
        assert (s.get(Submission, work.id).subject, s.get(Submission, other.id).subject) == ("英语", "科学")
    changed = [list(r) for r in ROWS]
    changed[2][3] = "物理"  # K003 teaches 物理, not 英语
    report = post_roster(api, "admin", xlsx_bytes(changed)).json()
    assert report["teachers"] == {"created": 0, "updated": 1, "unchanged": 2}
    with api.transaction() as s:
        assert (s.get(Submission, work.id).subject, s.get(Submission, other.id).subject) == ("物理", "科学")
    listed = api.client.get("/api/province/works", params={"subject": "物理"}, headers=api.auth("reviewer")).json()
    assert [w["id"] for w in listed["items"]] == [work.id] and listed["total"] == 1
    gone = api.client.get("/api/province/works", params={"subject": "英语"}, headers=api.auth("reviewer")).json()
    assert gone["items"] == [] and gone["total"] == 0


def test_dry_run_reports_without_writing(api):
    before = snapshot(api)
    with api.transaction() as s:
        entries = len(list(s.scalars(select(AuditEntry))))
    dry = post_roster(api, "admin", csv_bytes(ROWS), fmt="csv", dry_run=True)
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["dry_run"] is True and report["teachers"]["created"] == 3
    assert [a["initial_password"] for a in report["new_accounts"]] == [None, None, None]
    assert report["photos"][0]["teacher_id"] is None
    assert snapshot(api) == before
    with api.transaction() as s:
        assert len(list(s.scalars(select(AuditEntry)))) == entries
    real = post_roster(api, "admin", csv_bytes(ROWS), fmt="csv").json()
    assert {k: real[k] for k in ("schools", "groups", "teachers", "accounts")} == {
        k: report[k] for k in ("schools", "groups", "teachers", "accounts")
    }


def test_school_admin_imports_own_school_with_english_headers_and_a_title_row(api):
    rows = [
        demo_row("T002", "李娜", birth=1981),  # existing: birth year corrected
        demo_row("T011", "郑洁", group="数学教研组", subject="数学", role="group_leader", full_time="no"),
    ]
    rows[1][:2] = [None, None]  # a school admin may leave the school columns blank
    data = xlsx_bytes(rows, headers=[*ENGLISH[:-1], "Reference Photos"], title="示范中学 2026 名册")
    response = post_roster(api, "schooladmin", data)
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["teachers"] == {"created": 1, "updated": 1, "unchanged": 0}
    assert [a["username"] for a in report["new_accounts"]] == ["T011"]
    with api.transaction() as s:
        assert s.scalar(select(Teacher.birth_year).where(Teacher.staff_id == "T002")) == 1981
        linked = s.scalar(select(User).where(User.username == "teacher"))
        assert linked.teacher_id is not None and linked.role == "teacher", "the existing account is kept"
        math = s.scalar(select(ResearchGroup).where(ResearchGroup.name == "数学教研组"))
        new = s.scalar(select(User).where(User.username == "T011"))
        assert (new.role, new.group_id, new.school_id) == ("group_leader", math.id, math.school_id)


CSV_VARIANTS = [
    ("Excel on Chinese Windows", {"encoding": "gb18030"}),
    ("UTF-8 with BOM, tabs, a title row", {"encoding": "utf-8-sig", "delimiter": "\t", "title": "新华小学名册"}),
    ("semicolons", {"delimiter": ";"}),
]


@pytest.mark.parametrize("case,options", CSV_VARIANTS, ids=[c[0] for c in CSV_VARIANTS])
def test_csv_variants(api, case, options):
    response = post_roster(api, "admin", csv_bytes(ROWS, **options), fmt="csv")
    assert response.status_code == 201, response.text
    assert response.json()["teachers"]["created"] == 3
    with api.transaction() as s:
        assert s.scalar(select(Teacher.name).where(Teacher.staff_id == "K001")) == "孙丽"
        assert s.scalar(select(ResearchGroup.subject).where(ResearchGroup.name == "科学教研组")) == "科学"
