"""Who sees which recording, teacher and submission: the predicates of domain.visibility."""

from __future__ import annotations

import pytest

from domain.roles import Actor, Role
from domain.visibility import (
    RecordingFacts,
    SubmissionFacts,
    TeacherFacts,
    can_comment_on,
    can_see_recording,
    can_see_submission,
    can_see_teacher,
)
from domain.workflow import State

LESSON = RecordingFacts(school_id=1, group_id=10, teacher_id=100, uploaded_by=1000)
SESSION = RecordingFacts(school_id=1, group_id=10, teacher_id=None, participant_teacher_ids=frozenset({101}))
FORWARDED_LESSON = RecordingFacts(school_id=1, group_id=10, teacher_id=100, reached_province=True)
ORPHAN_LESSON = RecordingFacts(school_id=1, group_id=None, teacher_id=None, uploaded_by=None)  # rows went SET NULL

TEACHER = Actor(1000, Role.TEACHER, 1, 100, 10)
COLLEAGUE = Actor(1001, Role.TEACHER, 1, 101, 10)
LEADER = Actor(1002, Role.GROUP_LEADER, 1, 102, 10)
OTHER_LEADER = Actor(1003, Role.GROUP_LEADER, 1, 103, 11)
SCHOOL_ADMIN = Actor(1004, Role.SCHOOL_ADMIN, 1)
OTHER_SCHOOL_ADMIN = Actor(1005, Role.SCHOOL_ADMIN, 2)
REVIEWER = Actor(1006, Role.PROVINCIAL_REVIEWER)
ADMIN = Actor(1007, Role.ADMIN)
# Accounts whose linked rows were deleted (the user columns are ON DELETE SET NULL).
LEADER_WITHOUT_GROUP = Actor(1008, Role.GROUP_LEADER, 1, 104, None)
TEACHER_WITHOUT_ROW = Actor(1009, Role.TEACHER, 1, None, None)
SCHOOL_ADMIN_WITHOUT_SCHOOL = Actor(1010, Role.SCHOOL_ADMIN, None)


@pytest.mark.parametrize(
    "actor, recording, visible",
    [
        (TEACHER, LESSON, True),
        (COLLEAGUE, LESSON, False),
        (COLLEAGUE, SESSION, True),  # a listed participant
        (LEADER, LESSON, True),
        (OTHER_LEADER, LESSON, False),
        (SCHOOL_ADMIN, SESSION, True),
        (OTHER_SCHOOL_ADMIN, SESSION, False),
        (REVIEWER, LESSON, False),  # not forwarded: the province sees only what reached it
        (REVIEWER, FORWARDED_LESSON, True),
        (REVIEWER, SESSION, False),
        (ADMIN, SESSION, True),
        (LEADER_WITHOUT_GROUP, ORPHAN_LESSON, False),  # NULL group is not "the same group"
        (TEACHER_WITHOUT_ROW, ORPHAN_LESSON, False),  # NULL teacher is not "the same teacher"
        (TEACHER_WITHOUT_ROW, SESSION, False),
        (SCHOOL_ADMIN_WITHOUT_SCHOOL, LESSON, False),
    ],
)
def test_can_see_recording(actor, recording, visible):
    assert can_see_recording(actor, recording) is visible


def test_an_uploader_sees_what_they_uploaded_even_for_someone_else():
    for_colleague = RecordingFacts(school_id=1, group_id=10, teacher_id=101, uploaded_by=TEACHER.user_id)
    assert can_see_recording(TEACHER, for_colleague)


@pytest.mark.parametrize(
    "actor, visible",
    [
        (TEACHER, True),
        (COLLEAGUE, False),
        (LEADER, True),
        (OTHER_LEADER, False),
        (SCHOOL_ADMIN, True),
        (OTHER_SCHOOL_ADMIN, False),
        (REVIEWER, False),
        (ADMIN, True),
        (LEADER_WITHOUT_GROUP, False),
        (TEACHER_WITHOUT_ROW, False),
        (SCHOOL_ADMIN_WITHOUT_SCHOOL, False),
    ],
)
def test_can_see_teacher_and_their_draft(actor, visible):
    teacher = TeacherFacts(teacher_id=100, school_id=1, group_id=10)
    draft = SubmissionFacts(teacher_id=100, school_id=1, group_id=10, state=State.DRAFT)
    assert can_see_teacher(actor, teacher) is visible
    assert can_see_submission(actor, draft) is visible


def test_the_province_sees_forwarded_work_and_its_authors():
    for state in State:
        work = SubmissionFacts(teacher_id=100, school_id=1, group_id=10, state=state)
        reached = state in {State.FORWARDED, State.SAMPLED, State.CONFIRMED, State.DOWNGRADED}
        assert can_see_submission(REVIEWER, work) is reached, state
    assert can_see_teacher(REVIEWER, TeacherFacts(100, 1, 10, reached_province=True))
    assert not can_see_teacher(REVIEWER, TeacherFacts(100, 1, 10))


def test_a_group_less_teacher_is_not_in_a_group_less_leaders_group():
    loner = TeacherFacts(teacher_id=105, school_id=1, group_id=None)
    assert not can_see_teacher(LEADER_WITHOUT_GROUP, loner)
    assert can_see_teacher(LEADER_WITHOUT_GROUP, TeacherFacts(teacher_id=104, school_id=1, group_id=None))  # self


@pytest.mark.parametrize(
    "actor, recording, may",
    [
        (LEADER, LESSON, True),
        (OTHER_LEADER, LESSON, False),
        (SCHOOL_ADMIN, LESSON, True),
        (OTHER_SCHOOL_ADMIN, LESSON, False),
        (REVIEWER, FORWARDED_LESSON, True),
        (REVIEWER, LESSON, False),  # what has not reached the province is not theirs to remark on
        (TEACHER, LESSON, False),  # authors read comments, they do not write them
        (ADMIN, LESSON, False),
        (LEADER_WITHOUT_GROUP, ORPHAN_LESSON, False),
    ],
)
def test_can_comment_on(actor, recording, may):
    assert can_comment_on(actor, recording) is may
