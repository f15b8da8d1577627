"""The desk's work lists a page at a time (issue 21: the generated province's largest school had 4,155 works
awaiting and 3,797 to forward, 693 kB and 0.6 s for one visit), on SQLite and PostgreSQL: whole counts,
each list's longest-waiting 50 on the desk with the next page's cursor, the rest through
``/desk/{leaders-work|to-forward}`` in the same order; a cursor of the other list, or edited, is refused."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Submission, Teacher
from tests import review_factories as rf
from tests.api.keyset_walk import assert_bad_cursors, page, row_ids, walk

CODES = ("A1", "A2", "A3", "A4", "A5", "A6")


def _excellent_everywhere(api, d) -> list[int]:
    """Six 优秀 works from every teacher but the leader (9 × 6 = 54), in the order they wait."""
    with api.transaction() as s:
        works = [
            rf.submission(s, tid, code=code, state="scored_excellent")
            for staff, tid in sorted(d.teachers.items())
            if staff != "T001"
            for code in CODES
        ]
        s.flush()
        return [w.id for w in sorted(works, key=lambda w: (w.updated_at, w.id))]


def test_the_desk_holds_the_first_fifty_and_the_rest_page_in_the_same_order(api):
    d = rf.demo(api)
    waiting = _excellent_everywhere(api, d)
    desk = page(api, "schooladmin", f"/api/schools/{d.school_id}/desk").json()
    assert desk["counts"]["to_forward"] == 54
    assert [w["id"] for w in desk["to_forward"]] == waiting[:50]
    assert desk["to_forward_next"] and desk["leaders_work_next"] is None
    path = f"/api/schools/{d.school_id}/desk/to-forward"
    rest = walk(api, "schooladmin", path, limit=3, after=desk["to_forward_next"])
    assert row_ids(rest) == waiting[50:]
    assert row_ids(walk(api, "schooladmin", path, limit=7)) == waiting


def test_a_leaders_own_work_pages_apart_from_the_members(api):
    d = rf.demo(api)
    with api.transaction() as s:
        own = [rf.submission(s, d.teachers["T001"], code=code, state="submitted") for code in CODES]
        rf.submission(s, d.teachers["T002"], code="A1", state="submitted")  # a member's: the leader grades it
        s.flush()
        own_ids = [w.id for w in sorted(own, key=lambda w: (w.updated_at, w.id))]
    path = f"/api/schools/{d.school_id}/desk/leaders-work"
    assert row_ids(walk(api, "schooladmin", path, limit=4)) == own_ids
    assert page(api, "schooladmin", f"/api/schools/{d.school_id}/desk").json()["counts"]["leaders_work"] == 6


def test_a_cursor_of_the_other_list_or_edited_is_refused_and_others_may_not_read(api):
    d = rf.demo(api)
    _excellent_everywhere(api, d)
    with api.transaction() as s:
        for code in CODES:
            rf.submission(s, d.teachers["T001"], code=code, state="resubmitted")
    forward = f"/api/schools/{d.school_id}/desk/to-forward"
    leaders = f"/api/schools/{d.school_id}/desk/leaders-work"
    good = page(api, "schooladmin", forward, limit=5).headers["X-Next-After"]
    assert_bad_cursors(api, "schooladmin", forward, good, limit=5)
    theirs = page(api, "schooladmin", leaders, limit=2).headers["X-Next-After"]
    crossed = api.client.get(forward, params={"after": theirs}, headers=api.auth("schooladmin"))
    assert crossed.status_code == 422 and crossed.json()["error"]["code"] == "request.bad_cursor"
    assert (
        api.client.get(f"/api/schools/{d.school_id}/desk/elsewhere", headers=api.auth("schooladmin")).status_code == 422
    )
    for username in ("teacher", "leader", "reviewer"):
        assert api.client.get(forward, headers=api.auth(username)).status_code == 403
    with api.transaction() as s:  # every work carries its author's school, set on insert
        pairs = s.execute(select(Submission.school_id, Teacher.school_id).join(Teacher)).all()
        assert len(pairs) == 60 and all(ours == authors for ours, authors in pairs)
