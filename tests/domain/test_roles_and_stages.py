"""Acting predicates (who may upload for whom) and stage-state edges; seeing is tests/domain/test_visibility.py."""

from __future__ import annotations

import pytest

from domain.capability_codes import ALL_CODES, normalise_code
from domain.roles import Actor, Role, can_upload_group_session, can_upload_lesson
from domain.stages import JOBS, StageState, clamp_percent
from domain.state_machine import IllegalMove


def test_upload_predicates():
    teacher = Actor(1, Role.TEACHER, 1, 100, 10)
    leader = Actor(2, Role.GROUP_LEADER, 1, 101, 10)
    assert can_upload_lesson(teacher, teacher_id=100, teacher_school_id=1, teacher_group_id=10)
    assert not can_upload_lesson(teacher, teacher_id=102, teacher_school_id=1, teacher_group_id=10)
    assert can_upload_lesson(leader, teacher_id=102, teacher_school_id=1, teacher_group_id=10)
    assert not can_upload_group_session(teacher, group_id=10, group_school_id=1)
    assert can_upload_group_session(leader, group_id=10, group_school_id=1)
    assert not can_upload_group_session(leader, group_id=11, group_school_id=1)


@pytest.mark.parametrize(
    "old, new, ok",
    [
        ("queued", "running", True),
        ("running", "done", True),
        ("running", "failed", True),
        ("running", "queued", True),  # the watchdog
        ("failed", "queued", True),  # a person retries
        ("done", "running", False),
        ("failed", "done", False),
        ("queued", "done", False),
    ],
)
def test_stage_transitions(old, new, ok):
    if ok:
        assert JOBS.next(StageState(old), StageState(new)) is StageState(new)
    else:
        with pytest.raises(IllegalMove):
            JOBS.next(StageState(old), StageState(new))


def test_percent_is_clamped():
    assert clamp_percent(101.3) == 100.0 and clamp_percent(-2) == 0.0 and clamp_percent(33.333) == 33.3


def test_capability_codes_are_the_thirty_points():
    assert len(ALL_CODES) == 30
    assert normalise_code(" a13 ") == "A13" and normalise_code("B10") == "B10" and normalise_code("C7") == "C7"
    assert normalise_code("A14") is None and normalise_code("C8") is None
