"""The SQL that counts a group's session recordings is the rule ``domain.recordings.counts_as_session``.

Every combination of stage states, check outcome and leader acceptance is one group with one session recording,
so the per-group count the repository returns is that recording's verdict, on both databases.
The same counts come from one query for all groups (the school dashboard), not one per group.
"""

from __future__ import annotations

import itertools

from sqlalchemy import event

from api.review.quotas import repository
from db.base import utcnow
from db.models import ProcessingJob
from db.session import session_factory, transaction
from domain.recordings import counts_as_session
from domain.stages import Stage, StageState
from tests import factories

_STATES = [None, *StageState]  # None: the stage has no job yet


def test_counting_in_sql_agrees_with_the_rule_for_every_combination(database_url):
    sessions = session_factory(database_url)
    expected: dict[int, bool] = {}
    with transaction(sessions) as s:
        school = factories.make_school(s)
        for probe, analyze, transcode, checks_ok, accepted in itertools.product(
            list(StageState), _STATES, [None, StageState.DONE, StageState.FAILED], [True, False], [False, True]
        ):
            group = factories.make_group(s, school)
            recording = factories.make_recording(
                s, group=group, checks={"faces": {"ok": checks_ok}}, accepted_at=utcnow() if accepted else None
            )
            recording.jobs[0].state = probe.value  # the factory's probe job
            recording.jobs += [
                ProcessingJob(stage=stage.value, state=state.value)
                for stage, state in [(Stage.ANALYZE, analyze), (Stage.TRANSCODE, transcode)]
                if state is not None
            ]
            stages = {Stage(j.stage): StageState(j.state) for j in recording.jobs}
            expected[group.id] = counts_as_session(stages, checks_ok=checks_ok, accepted=accepted)
        s.flush()
        assert recording.checks_ok is False or recording.checks_ok is True  # derived when checks are set
    statements = []
    with transaction(sessions) as s:
        event.listen(s.get_bind(), "before_cursor_execute", lambda *a: statements.append(a[2]))
        counted = repository.accepted_sessions(s, list(expected))
    assert {group_id: counted[group_id] == 1 for group_id in expected} == expected
    assert len(statements) == 1, "one query for every group"
    assert any(expected.values()) and not all(expected.values())


def test_checks_ok_follows_the_checks_whenever_they_are_assigned(database_url):
    sessions = session_factory(database_url)
    with transaction(sessions) as s:
        recording = factories.make_recording(s, group=factories.make_group(s, factories.make_school(s)))
        assert recording.checks_ok is True
        recording.checks = {"duration": {"ok": True}, "faces": {"ok": False, "code": "analysis.no_faces"}}
        assert recording.checks_ok is False
        recording.checks = {**recording.checks, "faces": {"ok": True}}
        assert recording.checks_ok is True
