"""Every visibility rule's predicate and its SQL twin agree, for every actor, on both databases.

``api.shared.visibility.RULES`` pairs each rule of ``domain.visibility`` with the facts it reads
and the WHERE clause listings use. Here the same world (two schools; groups and group-less
teachers; lessons whose group or uploader is NULL; sessions with participants; work in every
workflow state, some of it forwarded) is judged both ways for an actor matrix that covers
every role with and without a school, a group, a teacher row, and with ids of the other
school. A second test asks the routes themselves, so list, detail and the routes that share
the rule (comments, playback, history, references) can never give two answers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from api.shared.visibility import RULES
from db.models import Recording, ResearchGroup, School, Submission, Teacher, User
from db.session import session_factory, transaction
from domain.roles import Actor, Role
from domain.workflow import State
from tests import factories
from tests import review_factories as rf


@dataclass
class World:
    schools: dict[str, int]
    groups: dict[str, int]
    teachers: dict[str, int]
    users: dict[str, int]


def build_world(session) -> World:
    a, b = factories.make_school(session), factories.make_school(session)
    ga1, ga2 = factories.make_group(session, a, subject="语文"), factories.make_group(session, a, subject="数学")
    gb1 = factories.make_group(session, b, subject="语文")
    t = {
        "a1": factories.make_teacher(session, a, ga1),
        "a2": factories.make_teacher(session, a, ga1),
        "a3": factories.make_teacher(session, a, ga2),
        "a4": factories.make_teacher(session, a),  # in no group
        "b1": factories.make_teacher(session, b, gb1),
        "b2": factories.make_teacher(session, b),  # in no group
    }
    uploader = factories.make_user(session, "teacher", teacher=t["a1"])
    admin_uploader = factories.make_user(session, "school_admin", school=a)
    # Lessons of every teacher, one uploaded for a colleague, one whose uploader is gone (NULL).
    for name, teacher in t.items():
        factories.make_recording(session, teacher=teacher, uploaded_by=uploader if name == "a2" else None)
    factories.make_recording(session, teacher=t["a3"], uploaded_by=admin_uploader)
    # Group sessions with their participants, in both schools.
    factories.make_recording(session, group=ga1, participants=[t["a1"], t["a2"]])
    factories.make_recording(session, group=ga2, participants=[t["a3"], t["a1"]])
    factories.make_recording(session, group=gb1, participants=[t["b1"]])
    # Work in every state; what reached the province in both schools and for a group-less teacher.
    codes = itertools.cycle(["A1", "A2", "A5", "A11", "B1", "B2", "B4"])
    owners = itertools.cycle(["a1", "a2", "a3", "a4", "b1", "b2"])
    for state in State:
        for _ in range(2):
            rf.submission(session, t[next(owners)].id, code=next(codes), state=state.value)
    return World(
        schools={"a": a.id, "b": b.id},
        groups={"ga1": ga1.id, "ga2": ga2.id, "gb1": gb1.id},
        teachers={k: v.id for k, v in t.items()},
        users={"uploader": uploader.id, "admin_uploader": admin_uploader.id},
    )


def actor_matrix(w: World) -> list[Actor]:
    """Every role × (school, group, teacher row) including None and the other school's ids."""
    schools = [w.schools["a"], w.schools["b"], None]
    groups = [w.groups["ga1"], w.groups["ga2"], w.groups["gb1"], None]
    teachers = [w.teachers["a1"], w.teachers["a4"], w.teachers["b1"], None]
    user_ids = [w.users["uploader"], w.users["admin_uploader"], 999_999]
    return [
        Actor(user_id=u, role=role, school_id=s, group_id=g, teacher_id=t)
        for role, s, g, t, u in itertools.product(Role, schools, groups, teachers, user_ids)
    ]


def test_each_rules_predicate_and_query_agree_for_every_actor(database_url):
    sessions = session_factory(database_url)
    with transaction(sessions) as session:
        world = build_world(session)
    actors = actor_matrix(world)
    disagreements = []
    with transaction(sessions) as session:
        for name, rule in RULES.items():
            rows = list(session.scalars(select(rule.model)))
            facts = {row.id: rule.facts(session, row) for row in rows}
            assert len(rows) > 5, name  # the world holds rows of every kind
            for actor in actors:
                by_predicate = {row_id for row_id, f in facts.items() if rule.predicate(actor, f)}
                by_query = {row.id for row in session.scalars(rule.listing(actor))}
                if by_predicate != by_query:
                    disagreements.append((name, actor, sorted(by_predicate ^ by_query)))
    assert disagreements == [], f"{len(disagreements)} disagreements, first: {disagreements[:3]}"


def test_the_matrix_reaches_every_answer(database_url):
    """A parity over actors who see nothing (or everything) would prove little: both answers occur."""
    sessions = session_factory(database_url)
    with transaction(sessions) as session:
        world = build_world(session)
    with transaction(sessions) as session:
        for name, rule in RULES.items():
            sizes = {len(list(session.scalars(rule.listing(actor)))) for actor in actor_matrix(world)}
            assert 0 in sizes and len(sizes) > 3, (name, sorted(sizes))


# --- The routes that share each rule answer the same -------------------------------------


def _accounts(h, w: World) -> dict[str, str]:
    """Real accounts for the interesting corners: NULL group, NULL teacher, NULL school."""
    with h.transaction() as s:
        a = s.get(School, w.schools["a"])
        ga1 = s.get(ResearchGroup, w.groups["ga1"])
        make = factories.make_user
        users = {
            "teacher": make(s, "teacher", teacher=s.get(Teacher, w.teachers["a1"])),
            "teacher_without_row": make(s, "teacher", school=a),
            "leader": make(s, "group_leader", group=ga1, school=a),
            "leader_without_group": make(s, "group_leader", school=a),
            "school_admin": make(s, "school_admin", school=a),
            "school_admin_without_school": make(s, "school_admin"),
            "reviewer": make(s, "provincial_reviewer"),
            "admin": make(s, "admin"),
        }
        return {key: user.username for key, user in users.items()}


def _listed(h, path: str, username: str) -> set:
    rows = h.client.get(path, headers=h.auth(username), params={"limit": 200}).json()
    return {row["id"] for row in rows}


def test_list_detail_and_every_route_of_a_rule_give_one_answer(api):
    with api.transaction() as s:
        world = build_world(s)
        recordings = list(s.scalars(select(Recording.id)))
        submissions = list(s.scalars(select(Submission.id)))
        teachers = list(s.scalars(select(Teacher.id).where(Teacher.school_id.in_(world.schools.values()))))
        assert s.scalar(select(User.id).where(User.id == world.users["uploader"]))
    accounts = _accounts(api, world)
    for key, username in accounts.items():
        headers = api.auth(username)
        seen = _listed(api, "/api/recordings", username)
        for recording_id in recordings:
            expected = 200 if recording_id in seen else 404
            assert api.client.get(f"/api/recordings/{recording_id}", headers=headers).status_code == expected, key
            assert api.client.get(f"/api/recordings/{recording_id}/comments", headers=headers).status_code == expected
            playback = api.client.get(f"/api/recordings/{recording_id}/playback", headers=headers).status_code
            assert playback == (409 if recording_id in seen else 404), key  # seen but not transcoded: 409
        seen = _listed(api, "/api/submissions", username)
        for submission_id in submissions:
            expected = 200 if submission_id in seen else 404
            assert api.client.get(f"/api/submissions/{submission_id}", headers=headers).status_code == expected, key
            history = api.client.get(f"/api/submissions/{submission_id}/history", headers=headers).status_code
            assert history == expected, key
        seen = _listed(api, "/api/teachers", username)
        for teacher_id in teachers:
            expected = 200 if teacher_id in seen else 404
            assert api.client.get(f"/api/teachers/{teacher_id}", headers=headers).status_code == expected, key
            references = api.client.get(f"/api/teachers/{teacher_id}/references", headers=headers).status_code
            assert references == expected, key


@pytest.mark.parametrize("username", ["leader_without_group", "teacher_without_row", "school_admin_without_school"])
def test_accounts_whose_rows_are_gone_see_nothing_of_others(api, username):
    """The leak this rule closed: NULL == NULL listed other schools' lessons and every session."""
    with api.transaction() as s:
        world = build_world(s)
    accounts = _accounts(api, world)
    for path in ("/api/recordings", "/api/submissions", "/api/teachers"):
        assert _listed(api, path, accounts[username]) == set(), path
