"""Every visibility rule's predicate and its SQL twin agree, for every actor, on both databases.

``api.shared.visibility.RULES`` pairs each rule of ``domain.visibility`` with the facts it reads
and the WHERE clause listings use. Here the same world (two schools; groups and group-less
teachers; lessons whose group or uploader is NULL; sessions with participants; work in every
workflow state, some of it forwarded; peer lessons pushed to watch) is judged both ways for an actor matrix that covers
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
from db.models import PeerAssignment, Recording, ResearchGroup, School, Submission, Teacher, User
from db.session import session_factory, transaction
from domain.roles import Actor, Role
from domain.visibility import can_see_in_own_right
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
    # Peer lessons pushed to watch (issue 20): across schools, and to a teacher of another group.
    for viewer, author in (("a4", "b1"), ("a1", "a3")):
        work = rf.submission(session, t[author].id, code="B9", state=State.SCORED_PASS.value)
        session.add(
            PeerAssignment(
                viewer_teacher_id=t[viewer].id, submission_id=work.id, recording_id=work.recording_id, pool="school"
            )
        )
    session.flush()
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


# For each rule: its listing, the ids it may hold, and every route that must agree with it, with
# the status that route gives a row the user may see (a missing transcode is 409, not 404).
SURFACES = {
    "recordings": (
        "/api/recordings",
        Recording,
        {"/api/recordings/{}": 200, "/api/recordings/{}/comments": 200, "/api/recordings/{}/playback": 409},
    ),
    "submissions": ("/api/submissions", Submission, {"/api/submissions/{}": 200, "/api/submissions/{}/history": 200}),
    "teachers": ("/api/teachers", Teacher, {"/api/teachers/{}": 200, "/api/teachers/{}/references": 200}),
}


# Routes for those who see a recording in their own right: not for a peer it was only pushed to
# for watching (``domain.visibility.can_see_in_own_right``).
IN_OWN_RIGHT = {"/api/recordings/{}/comments"}


def _only_pushed(h, username: str, seen: set) -> set:
    """The listed recordings this account sees only because they were pushed to it as peer lessons."""
    with h.transaction() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        actor = Actor(user.id, Role(user.role), user.school_id, user.teacher_id, user.group_id)
        rule = RULES["recordings"]
        return {
            row.id
            for row in s.scalars(select(Recording).where(Recording.id.in_(seen)))
            if not can_see_in_own_right(actor, rule.facts(s, row))
        }


def test_list_detail_and_every_route_of_a_rule_give_one_answer(api):
    with api.transaction() as s:
        world = build_world(s)
        ids = {name: list(s.scalars(select(model.id))) for name, (_, model, _) in SURFACES.items()}
    mismatches, pushed_only_seen = [], 0
    for key, username in _accounts(api, world).items():
        headers = api.auth(username)
        for name, (listing, _, routes) in SURFACES.items():
            seen = _listed(api, listing, username)
            only_pushed = _only_pushed(api, username, seen) if name == "recordings" else set()
            pushed_only_seen += len(only_pushed)
            for row_id, (route, visible_status) in itertools.product(ids[name], routes.items()):
                status = api.client.get(route.format(row_id), headers=headers).status_code
                shown = row_id in seen and not (route in IN_OWN_RIGHT and row_id in only_pushed)
                if status != (visible_status if shown else 404):
                    mismatches.append((key, route, row_id in seen, status))
    assert mismatches == []
    assert pushed_only_seen > 0, "the world must hold a peer lesson some account sees only as pushed"


@pytest.mark.parametrize("username", ["leader_without_group", "teacher_without_row", "school_admin_without_school"])
def test_accounts_whose_rows_are_gone_see_nothing_of_others(api, username):
    """The leak this rule closed: NULL == NULL listed other schools' lessons and every session."""
    with api.transaction() as s:
        world = build_world(s)
    accounts = _accounts(api, world)
    for path in ("/api/recordings", "/api/submissions", "/api/teachers"):
        assert _listed(api, path, accounts[username]) == set(), path
