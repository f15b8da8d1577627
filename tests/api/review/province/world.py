"""The province's test world: work in every reached state across two schools, with the flags set.

The demo school (语文 and 数学 groups) has handed over; a second school (物理) has forwarded work
but has not, so its work is listed yet never sampled.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.base import utcnow
from db.models import Recording, ResearchGroup, Submission
from tests import factories
from tests import review_factories as rf


@dataclass
class World:
    school_id: int
    other_school_id: int
    other_school_name: str
    ids: dict[str, int]  # label → submission id
    not_reached: int


def world(h) -> World:
    d = rf.demo(h)
    with h.transaction() as s:
        rf.handed_over(s, d.school_id)
        t = d.teachers
        ids = {
            "plain": rf.submission(s, t["T002"], state="forwarded").id,
            "failed_checks": rf.submission(s, t["T003"], state="forwarded").id,
            "duplicate": rf.submission(s, t["T004"], state="sampled").id,
            "confirmed": rf.submission(s, t["T006"], state="confirmed").id,
            "downgraded": rf.submission(s, t["T007"], state="downgraded").id,
            "a2": rf.submission(s, t["T008"], code="A2", state="forwarded").id,
        }
        not_reached = rf.submission(s, t["T009"], state="scored_excellent").id
        s.get(Recording, s.get(Submission, ids["failed_checks"]).recording_id).checks_ok = False
        s.get(Recording, s.get(Submission, ids["duplicate"]).recording_id).duplicate_flagged = True
        # The 数学 group's session counted on its leader's word: its members' work is flagged.
        session_recording = rf.accepted_session(s, d.math_group_id)
        session_recording.checks_ok, session_recording.accepted_at = False, utcnow()
        other = factories.make_school(s)
        group = factories.make_group(s, other)
        for n in range(2):
            teacher = factories.make_teacher(s, other, group)
            ids[f"other{n}"] = rf.submission(s, teacher.id, state="forwarded").id
        s.flush()
        assert s.get(ResearchGroup, group.id).subject == "物理"
        return World(d.school_id, other.id, other.name, ids, not_reached)


def works(h, username: str = "reviewer", **params):
    return h.client.get("/api/province/works", params=params, headers=h.auth(username))


def ids_of(response) -> list[int]:
    assert response.status_code == 200, response.text
    return [w["id"] for w in response.json()["items"]]
