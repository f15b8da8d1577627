"""The audit-log reader: read-only, filtered by entity, and scoped to a school admin's school."""

from __future__ import annotations

from sqlalchemy import select

from api.shared import audit
from db.models import Submission, User
from domain.roles import Actor, Role
from tests import factories
from tests.api.keyset_walk import assert_bad_cursors, page, row_ids, walk
from tests.api.review.admin.progress import demo_ids
from tests.api.review.admin.roster_files import csv_bytes, demo_row, post_roster

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def _entries(api, username: str, **params) -> list[dict]:
    response = api.client.get("/api/admin/audit", params=params, headers=api.auth(username))
    assert response.status_code == 200, response.text
    return response.json()


def _world(api):
    """Entries by the demo school admin, about the demo school, about another school, and a catalogue."""
    ids = demo_ids(api)
    assert post_roster(api, "schooladmin", csv_bytes([demo_row("T011", "郑洁")]), fmt="csv").status_code == 201
    with api.transaction() as s:
        other = factories.make_school(s, name="他校")
        other_admin = factories.make_user(s, "school_admin", school=other).username
        other_teacher = factories.make_teacher(s, other)
        ours = Submission(teacher_id=ids.teachers["T002"], capability_code="A1", state="forwarded", item_grades={})
        theirs = Submission(teacher_id=other_teacher.id, capability_code="A1", state="forwarded", item_grades={})
        s.add_all([ours, theirs])
        s.flush()
        reviewer = Actor(s.scalar(select(User.id).where(User.username == "reviewer")), Role.PROVINCIAL_REVIEWER)
        for submission in (ours, theirs):  # a provincial verdict: the actor belongs to no school
            verdict = {"action": "confirm", "from_state": "forwarded", "to_state": "confirmed"}
            audit.record(s, entity_type="submission", entity_id=submission.id, actor=reviewer, **verdict)
        ids_of = {"ours": str(ours.id), "theirs": str(theirs.id), "other_school": str(other.id)}
    setup = {"environments": ["multimedia", "hybrid"], "offered_codes": ["A1", "A2", "A5"], "opens_on": "2026-09-01"}
    put = api.client.put(f"/api/schools/{other.id}/setup", json=setup, headers=api.auth(other_admin))
    assert put.status_code == 200, put.text
    seed = api.client.get("/api/admin/catalogue?province=云南", headers=api.auth("admin")).json()["data"]
    assert api.client.put("/api/admin/catalogue?province=云南", json=seed, headers=api.auth("admin")).status_code == 200
    return ids, ids_of, other_admin


def test_each_reader_sees_only_their_share(api):
    ids, ids_of, other_admin = _world(api)
    everything = {(e["entity_type"], e["entity_id"], e["action"]) for e in _entries(api, "admin")}
    assert everything >= {
        ("school", str(ids.school_id), "roster_import"),
        ("school", ids_of["other_school"], "setup_create"),
        ("submission", ids_of["ours"], "confirm"),
        ("submission", ids_of["theirs"], "confirm"),
        ("catalogue", "云南", "catalogue_create"),
    }
    ours = {(e["entity_type"], e["entity_id"], e["action"]) for e in _entries(api, "schooladmin")}
    assert ours == {("school", str(ids.school_id), "roster_import"), ("submission", ids_of["ours"], "confirm")}
    theirs = {(e["entity_type"], e["entity_id"], e["action"]) for e in _entries(api, other_admin)}
    assert theirs == {("school", ids_of["other_school"], "setup_create"), ("submission", ids_of["theirs"], "confirm")}


def test_filters_order_and_actor_names(api):
    ids, ids_of, _ = _world(api)
    [catalogue] = _entries(api, "admin", entity_type="catalogue")
    assert catalogue["entity_id"] == "云南" and catalogue["actor_username"] == "admin"
    [mine] = _entries(api, "admin", entity_type="submission", entity_id=ids_of["ours"])
    assert (mine["from_state"], mine["to_state"], mine["actor_username"]) == ("forwarded", "confirmed", "reviewer")
    everything = _entries(api, "admin")
    assert [e["id"] for e in everything] == sorted((e["id"] for e in everything), reverse=True)
    assert [e["id"] for e in _entries(api, "admin", limit=2, offset=1)] == [e["id"] for e in everything[1:3]]
    assert _entries(api, "schooladmin", entity_type="catalogue") == []


def test_each_reader_pages_the_log_by_cursor_and_new_entries_do_not_shift_it(api):
    ids, _, other_admin = _world(api)

    def note(n: int) -> None:  # more of the demo school's entries, written together
        with api.transaction() as s:
            for _ in range(n):
                audit.record(s, entity_type="school", entity_id=ids.school_id, actor=None, action="setup_update")

    note(6)
    for username, filters in [
        ("admin", {}),
        ("schooladmin", {}),
        (other_admin, {}),
        ("admin", {"entity_type": "school"}),
    ]:
        everything = row_ids([_entries(api, username, limit=500, **filters)])
        assert everything == sorted(everything, reverse=True)
        for limit in (1, 4):
            assert row_ids(walk(api, username, "/api/admin/audit", limit=limit, **filters)) == everything, username
    first = page(api, "schooladmin", "/api/admin/audit", limit=3)
    cursor = first.headers["X-Next-After"]
    later = row_ids(walk(api, "schooladmin", "/api/admin/audit", limit=3, after=cursor))
    note(1)
    assert row_ids(walk(api, "schooladmin", "/api/admin/audit", limit=3, after=cursor)) == later
    assert_bad_cursors(api, "schooladmin", "/api/admin/audit", cursor, limit=3)


def test_no_route_writes_the_audit_log(api):
    paths = api.client.get("/openapi.json").json()["paths"]
    audit_paths = {path: set(ops) for path, ops in paths.items() if "audit" in path}
    assert audit_paths == {"/api/admin/audit": {"get"}}, "the reader is the only route, and it only reads"
    for method in WRITE_METHODS:
        response = api.client.request(method, "/api/admin/audit", headers=api.auth("admin"))
        assert response.status_code == 405, method
        assert api.client.request(method, "/api/admin/audit/1", headers=api.auth("admin")).status_code in (404, 405)


def test_a_school_s_page_keeps_entries_about_its_teachers_and_about_work_deleted_since(api):
    """Each entry is filed under its school when written (``db.audit.school_of``): an act on one of the
    school's teachers by someone of no school shows on the school's page, and an entry about a work
    still shows there once the work is gone; another school's page shows neither."""
    ids, ids_of, other_admin = _world(api)
    with api.transaction() as s:
        admin = Actor(s.scalar(select(User.id).where(User.username == "admin")), Role.ADMIN)
        audit.record(s, entity_type="teacher", entity_id=ids.teachers["T002"], actor=admin, action="view_face")
        gone = Submission(teacher_id=ids.teachers["T003"], capability_code="A2", state="draft", item_grades={})
        s.add(gone)
        s.flush()
        audit.record(s, entity_type="submission", entity_id=gone.id, actor=admin, action="delete")
        gone_id = str(gone.id)
        s.delete(gone)
    ours = {(e["entity_type"], e["entity_id"], e["action"]) for e in _entries(api, "schooladmin")}
    assert ours >= {("teacher", str(ids.teachers["T002"]), "view_face"), ("submission", gone_id, "delete")}
    theirs = {(e["entity_type"], e["entity_id"], e["action"]) for e in _entries(api, other_admin)}
    assert theirs == {("school", ids_of["other_school"], "setup_create"), ("submission", ids_of["theirs"], "confirm")}
