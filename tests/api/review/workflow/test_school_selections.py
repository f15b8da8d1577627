"""The school admin's list of every teacher's point selection (the 教师选点 panel's one read)."""

from __future__ import annotations

from api.shared.review_inputs import today
from tests import factories
from tests import review_factories as rf


def _list(h, username: str, school_id: int):
    return h.client.get(f"/api/schools/{school_id}/selections", headers=h.auth(username))


def test_each_teacher_is_listed_with_the_state_of_their_selection(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.select_points(s, d.teachers["T003"], ("B1", "B2", "B4"), status="draft")
        rf.select_points(s, d.teachers["T005"], ("B1", "B2", "B4"))
    response = _list(api, "schooladmin", d.school_id)
    assert response.status_code == 200, response.text
    out = response.json()
    assert out["school_id"] == d.school_id and out["window_state"] == "open"
    assert out["opens_on"] <= out["today"] <= out["closes_on"]
    rows = {row["staff_id"]: row for row in out["teachers"]}
    assert set(rows) == set(d.teachers)
    assert (rows["T003"]["status"], rows["T003"]["codes"], rows["T003"]["version"]) == ("draft", ["B1", "B2", "B4"], 1)
    assert rows["T005"]["status"] == "confirmed" and rows["T005"]["confirmed_at"]
    assert (rows["T004"]["status"], rows["T004"]["codes"], rows["T004"]["chosen_by_teacher"]) == ("none", [], None)
    assert (rows["T004"]["name"], rows["T004"]["group_name"]) == ("刘洋", "语文教研组")
    assert [row["staff_id"] for row in out["teachers"]] == sorted(rows)


def test_the_list_says_who_chose_and_when_the_deadline_has_passed(api):
    d = rf.demo(api)
    with api.transaction() as s:
        rf.window_closed(s, d.school_id, today(api.settings))
    teacher = d.teachers["T004"]
    saved = api.client.put(
        f"/api/teachers/{teacher}/selection", json={"codes": ["B1", "B2", "B4"]}, headers=api.auth("schooladmin")
    )
    assert saved.status_code == 200, saved.text
    out = _list(api, "schooladmin", d.school_id).json()
    row = next(r for r in out["teachers"] if r["teacher_id"] == teacher)
    assert out["window_state"] == "past_deadline"
    assert (row["status"], row["chosen_by_teacher"]) == ("draft", False)


def test_only_the_schools_admin_and_admins_read_it(api):
    d = rf.demo(api)
    with api.transaction() as s:
        other_id = factories.make_school(s).id
        admin = rf.user(s, "admin")
    assert _list(api, admin, d.school_id).status_code == 200
    for username in ("teacher", "leader", "reviewer"):
        refused = _list(api, username, d.school_id)
        assert refused.status_code == 403, username
        assert refused.json()["error"]["message_zh"] and refused.json()["error"]["message_en"]
    elsewhere = _list(api, "schooladmin", other_id)
    assert elsewhere.status_code == 404 and elsewhere.json()["error"]["code"] == "not_found"
    assert _list(api, "schooladmin", 999_999).status_code == 404
    assert api.client.get(f"/api/schools/{d.school_id}/selections").status_code == 401
