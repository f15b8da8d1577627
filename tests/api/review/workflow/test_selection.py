"""A teacher's point selection over HTTP: every violation explained, who may choose when."""

from __future__ import annotations

from datetime import timedelta

import pytest

from api.shared.review_inputs import today
from db.models import CatalogueVersion, SchoolSetup, Teacher
from tests import factories
from tests import review_factories as rf

URL = "/api/teachers/{}/selection"


def put(h, username, teacher_id, codes, **extra):
    return h.client.put(URL.format(teacher_id), json={"codes": codes, **extra}, headers=h.auth(username))


def codes_of(response) -> set[str]:
    return {v["code"] for v in response.json()["error"]["violations"]}


@pytest.mark.parametrize(
    "staff, codes, expected",
    [
        ("T002", ["A1", "A2", "B4", "B9"], {"selection.wrong_count"}),
        ("T002", ["A1", "A1"], {"selection.duplicate"}),
        ("T002", ["A1", "Z9"], {"selection.unknown_point"}),
        ("T002", ["A1", "A3"], {"selection.not_offered"}),  # the school offers 8 of the 30
        # 李娜, 46: seed 004 “50-40岁要在多媒体…和混合…中选择”; the demo offers no C point either
        ("T002", ["A1", "C1"], {"selection.not_offered", "selection.environment_not_for_band"}),
        ("T002", ["A2", "B2"], {"selection.coverage_unreachable"}),  # one place left, two dimensions missing
        (
            "T002",
            ["C1", "C1", "Z9", "A1", "A2"],
            {
                "selection.wrong_count",
                "selection.duplicate",
                "selection.unknown_point",
                "selection.not_offered",
                "selection.environment_not_for_band",
            },
        ),
    ],
)
def test_every_violation_is_explained(api, staff, codes, expected):
    d = rf.demo(api)
    with api.transaction() as s:
        username = rf.user(s, "teacher", teacher=s.get(Teacher, d.teachers[staff]))
    refused = put(api, username, d.teachers[staff], codes)
    assert refused.status_code == 422 and codes_of(refused) == expected
    error = refused.json()["error"]
    assert error["code"] == "selection.invalid" and str(len(expected)) in error["message_en"]
    assert all(v["message_zh"] and v["message_en"] for v in error["violations"])
    assert api.client.get(URL.format(d.teachers[staff]), headers=api.auth(username)).json()["status"] == "none"


def test_choose_then_confirm_leaves_an_audit_trail(api):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    empty = api.client.get(URL.format(teacher_id), headers=api.auth("teacher"))
    assert empty.json()["status"] == "none" and empty.json()["band"]["kind"] == "middle"
    assert {v["code"] for v in empty.json()["violations"]} >= {"selection.wrong_count"}
    incomplete = put(api, "teacher", teacher_id, ["A1"])
    assert incomplete.status_code == 200 and incomplete.json()["status"] == "draft"
    refused = api.client.post(f"{URL.format(teacher_id)}/confirm", headers=api.auth("teacher"))
    assert refused.status_code == 422 and "selection.wrong_count" in codes_of(refused)
    assert put(api, "teacher", teacher_id, ["A1", "A2", "B4"]).status_code == 200
    confirmed = api.client.post(f"{URL.format(teacher_id)}/confirm", headers=api.auth("teacher"))
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    assert confirmed.json()["violations"] == [] and confirmed.headers["etag"] == f'"{confirmed.json()["version"]}"'
    again = api.client.post(f"{URL.format(teacher_id)}/confirm", headers=api.auth("teacher"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "selection.already_confirmed"
    trail = rf.audit_trail(api, "selection", teacher_id)
    assert [(a, f, t) for a, f, t, _, _ in trail] == [
        ("select", "none", "draft"),
        ("select", "draft", "draft"),
        ("confirm", "draft", "confirmed"),
    ]
    assert {actor for *_, actor, _ in trail} == {d.users["teacher"]}


@pytest.mark.parametrize(
    "username, staff, window, status, code",
    [
        ("teacher", "T002", "open", 200, None),
        ("leader", "T001", "open", 200, None),  # a leader chooses their own points as a teacher
        ("teacher", "T002", "not_yet", 409, "selection.window_not_open"),
        ("teacher", "T002", "closed", 409, "selection.deadline_passed"),
        ("schooladmin", "T002", "open", 409, "selection.before_deadline"),
        ("schooladmin", "T002", "closed", 200, None),  # 由校级管理员代为选择
        ("admin", "T002", "closed", 200, None),
        ("leader", "T002", "open", 403, "selection.role_not_allowed"),
        ("reviewer", "T002", "closed", 404, "not_found"),  # the province sees only authors of forwarded work
        ("teacher", "T003", "open", 404, "not_found"),
        ("leader", "T006", "open", 404, "not_found"),  # another group's teacher
    ],
)
def test_who_may_choose_when(api, username, staff, window, status, code):
    d = rf.demo(api)
    day = today(api.settings)
    windows = {
        "open": (day - timedelta(days=2), day + timedelta(days=4)),
        "not_yet": (day + timedelta(days=1), day + timedelta(days=7)),
        "closed": (day - timedelta(days=8), day - timedelta(days=1)),
    }
    with api.transaction() as s:
        opens, closes = windows[window]
        rf.set_window(s, d.school_id, opens=opens, closes=closes)
    codes = ["A1", "A2", "A5"] if staff == "T001" else ["A1", "A2", "B4"]
    response = put(api, username, d.teachers[staff], codes)
    assert response.status_code == status, response.text
    if code:
        assert response.json()["error"]["code"] == code
    else:
        assert response.json()["chosen_by"] == d.users[username] and response.json()["codes"] == codes


def test_a_confirmed_selection_changes_only_with_an_admins_recorded_reason(api):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        rf.select_points(s, teacher_id, ["A1", "A2", "B4"])
    by_teacher = put(api, "teacher", teacher_id, ["A1", "A2", "B9"])
    assert by_teacher.status_code == 409 and by_teacher.json()["error"]["code"] == "selection.change_needs_approval"
    no_reason = put(api, "schooladmin", teacher_id, ["A1", "A2", "B9"])
    assert no_reason.status_code == 422 and no_reason.json()["error"]["code"] == "selection.approval_reason_missing"
    incomplete = put(api, "schooladmin", teacher_id, ["A1", "A2"], approval_reason="教师申请")
    assert incomplete.status_code == 422 and "selection.wrong_count" in codes_of(incomplete)
    changed = put(api, "schooladmin", teacher_id, ["A1", "A2", "B9"], approval_reason="  教师调任，改选学业评价  ")
    assert changed.status_code == 200 and changed.json()["status"] == "confirmed"
    assert changed.json()["codes"] == ["A1", "A2", "B9"]
    assert rf.audit_trail(api, "selection", teacher_id) == [
        ("change", "confirmed", "confirmed", d.users["schooladmin"], "教师调任，改选学业评价")
    ]


def test_a_point_with_submitted_work_cannot_be_dropped(api):
    d = rf.demo(api)
    teacher_id = d.teachers["T002"]
    with api.transaction() as s:
        rf.submission(s, teacher_id, code="B4", state="submitted")
    refused = put(api, "schooladmin", teacher_id, ["A1", "A2", "B9"], approval_reason="改选")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "selection.point_in_use"
    assert "B4" in refused.json()["error"]["message_en"]


def test_stale_versions_are_refused(api):
    teacher_id = rf.demo(api).teachers["T002"]
    first = put(api, "teacher", teacher_id, ["A1"], version=0)
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = put(api, "teacher", teacher_id, ["A2"], version=0)
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "concurrency.stale_version"
    assert stale.json()["error"]["current_version"] == 1
    headers = {**api.auth("teacher"), "If-Match": '"1"'}
    by_header = api.client.put(URL.format(teacher_id), json={"codes": ["A1", "A2"]}, headers=headers)
    assert by_header.status_code == 200 and by_header.json()["version"] == 2
    headers["If-Match"] = 'W/"1"'
    assert api.client.put(URL.format(teacher_id), json={"codes": ["A5"]}, headers=headers).status_code == 409
    current = api.client.get(URL.format(teacher_id), headers=api.auth("teacher")).json()
    assert current["codes"] == ["A1", "A2"] and current["version"] == 2


def test_options_say_why_each_point_cannot_be_added(api):
    teacher_id = rf.demo(api).teachers["T002"]
    url = f"{URL.format(teacher_id)}/options?codes=A1&codes=A2"
    options = api.client.get(url, headers=api.auth("teacher")).json()
    by_code = {c["code"]: c for c in options["choices"]}
    assert {c for c, choice in by_code.items() if choice["allowed"]} == {"A5", "A11", "B4", "B9"}
    assert [r["code"] for r in by_code["B2"]["reasons"]] == ["selection.coverage_unreachable"]
    assert [r["code"] for r in by_code["C1"]["reasons"]] == [
        "selection.not_offered",
        "selection.environment_not_for_band",
    ]
    assert "A1" not in by_code and options["violations"] == []


def test_the_provinces_catalogue_and_the_schools_setup_are_the_rules(api):
    d = rf.demo(api)
    with api.transaction() as s:
        row = s.query(CatalogueVersion).one()
        row.data = {"points": [p for p in row.data["points"] if p["code"] != "B4"]}
        # A school of a province without its own catalogue chooses from the national seed.
        other = factories.make_school(s, province="nowhere")
        setup = s.get(SchoolSetup, d.school_id)
        s.add(
            SchoolSetup(
                school_id=other.id,
                environments=["multimedia", "hybrid"],
                offered_codes=["A1", "A2", "B4"],
                opens_on=setup.opens_on,
                closes_on=setup.closes_on,
            )
        )
        other_teacher = factories.make_teacher(s, other, birth_year=1980)
        username = rf.user(s, "teacher", teacher=other_teacher)
    refused = put(api, "teacher", d.teachers["T002"], ["A1", "A2", "B4"])
    assert refused.status_code == 422 and codes_of(refused) == {"selection.unknown_point"}
    assert put(api, username, other_teacher.id, ["A1", "A2", "B4"]).status_code == 200
    with api.transaction() as s:
        s.delete(s.get(SchoolSetup, d.school_id))
    missing = api.client.get(URL.format(d.teachers["T002"]), headers=api.auth("teacher"))
    assert missing.status_code == 409 and missing.json()["error"]["code"] == "setup.missing"
