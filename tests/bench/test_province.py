"""The generated province is one the application could have made: keys resolve, states are legal.

The generator loads with foreign-key triggers off (as a restore does), so nothing but this test
says its rows hang together.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from sqlalchemy import create_engine, text

from bench.province import PASSWORD
from db.base import Base
from domain.roles import Role
from domain.stages import JOBS
from domain.workflow import TABLE, WORKFLOW, Action, State, transition

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def conn(small_province):
    engine = create_engine(small_province[0])
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def test_it_has_the_issue_s_proportions(small_province):
    rows = small_province[1]["rows"]
    if rows is None:
        pytest.skip("a province built before (KEJIAN_TEST_PROVINCE_URL): its build figures are not known here")
    scale = small_province[1]["scale"]
    assert rows["schools"] == round(2000 * scale)
    assert rows["teachers"] == pytest.approx(300_000 * scale, rel=0.02)
    assert rows["recordings"] == pytest.approx(1_000_000 * scale, rel=0.05)
    assert rows["submissions"] == pytest.approx(1_500_000 * scale, rel=0.05)
    assert rows["audit_log"] == pytest.approx(10_000_000 * scale, rel=0.05)
    for table in ("timed_comments", "peer_assignments", "peer_comments", "online_hour_entries"):
        assert rows[table] > 0, table


def test_schools_are_skewed(conn):
    sizes = [n for (n,) in conn.execute(text("SELECT count(*) FROM teachers GROUP BY school_id ORDER BY 1 DESC"))]
    median = sizes[len(sizes) // 2]
    assert sizes[0] >= 4 * median, sizes


def test_every_foreign_key_resolves(conn):
    orphans = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            child, parent = fk.parent, fk.column
            n = conn.execute(
                text(
                    f"SELECT count(*) FROM {table.name} c WHERE c.{child.name} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {parent.table.name} p WHERE p.{parent.name} = c.{child.name})"
                )
            ).scalar()
            if n:
                orphans[f"{table.name}.{child.name}"] = n
    assert orphans == {}


def test_every_submission_s_history_replays_through_the_workflow(conn):
    """Each audit chain, replayed by ``domain.workflow.transition`` with the actor's role, ends in the row's state."""
    states = dict(conn.execute(text("SELECT id, state FROM submissions")).all())
    assert {State(s) for s in states.values()} == set(WORKFLOW.states)
    roles = dict(conn.execute(text("SELECT id, role FROM users")).all())
    steps = defaultdict(list)
    query = (
        "SELECT entity_id, actor_id, action, from_state, to_state, reason FROM audit_log"
        " WHERE entity_type = 'submission' ORDER BY at, id"
    )
    for entity_id, actor, action, old, new, reason in conn.execute(text(query)):
        steps[int(entity_id)].append((actor, Action(action), State(old), State(new), reason))
    for sid, state in states.items():
        current = State.DRAFT
        for actor, action, old, new, reason in steps.get(sid, []):
            assert old is current, (sid, old, current)
            quota = True if action is Action.FORWARD else None
            moved = transition(current, action, actor_role=Role(roles[actor]), reason=reason, group_quota_met=quota)
            assert moved.state is new, (sid, action)
            current = new
        assert current.value == state, sid
    assert set(steps) <= set(states)
    assert {(s, a) for s, a in TABLE} >= {(State.FORWARDED, Action.SAMPLE)}


def test_stage_jobs_are_in_legal_states_and_agree_with_their_recordings(conn):
    legal = {s.value for s in JOBS.states}
    for (state,) in conn.execute(text("SELECT DISTINCT state FROM processing_jobs")):
        assert state in legal
    per_recording = conn.execute(
        text("SELECT count(*) FROM processing_jobs GROUP BY recording_id HAVING count(*) <> 3")
    )
    assert per_recording.all() == []
    disagree = conn.execute(
        text(
            "SELECT count(*) FROM recordings r JOIN processing_jobs j ON j.recording_id = r.id AND j.stage = 'probe'"
            " WHERE (r.duration_s IS NOT NULL) <> (j.state = 'done')"
        )
    ).scalar()
    assert disagree == 0


def test_lessons_belong_to_their_submission_s_teacher_and_group(conn):
    wrong = conn.execute(
        text(
            "SELECT count(*) FROM submissions s JOIN recordings r ON r.id = s.recording_id"
            " JOIN teachers t ON t.id = s.teacher_id"
            " WHERE r.teacher_id <> s.teacher_id OR r.capability_code <> s.capability_code"
            " OR r.school_id <> t.school_id OR r.group_id IS DISTINCT FROM t.group_id"
        )
    ).scalar()
    assert wrong == 0


def test_accounts_sign_in_with_the_documented_password(conn):
    from api.auth.passwords import verify_password

    digest = conn.execute(text("SELECT password_hash FROM users WHERE username = 'admin1'")).scalar()
    assert verify_password(digest, PASSWORD)


def test_every_audit_entry_is_filed_under_the_school_it_is_about(conn):
    """The generator files each entry as ``db.audit.school_of`` would: a work's under its school, a
    view of a teacher's face under the teacher's school."""
    query = """
        SELECT a.entity_type, count(*) FROM audit_log a
        LEFT JOIN submissions s ON a.entity_type = 'submission' AND a.entity_id = CAST(s.id AS VARCHAR)
        LEFT JOIN teachers t ON a.entity_type = 'teacher' AND a.entity_id = CAST(t.id AS VARCHAR)
        WHERE a.school_id IS DISTINCT FROM coalesce(s.school_id, t.school_id)
        GROUP BY a.entity_type
    """
    assert conn.execute(text(query)).all() == []
    kinds = {kind for (kind,) in conn.execute(text("SELECT DISTINCT entity_type FROM audit_log"))}
    assert kinds == {"submission", "teacher"}
