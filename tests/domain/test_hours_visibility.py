"""Who reads a teacher's 学时 (issue 20 item 7): the teacher, their leader, their school admin, the province."""

from __future__ import annotations

import pytest

from domain.roles import Actor, Role
from domain.visibility import TeacherFacts, can_see_hours

TEACHER = TeacherFacts(teacher_id=7, school_id=1, group_id=3)


@pytest.mark.parametrize(
    ("actor", "sees"),
    [
        (Actor(1, Role.TEACHER, school_id=1, teacher_id=7, group_id=3), True),  # themself
        (Actor(2, Role.TEACHER, school_id=1, teacher_id=8, group_id=3), False),  # a colleague
        (Actor(3, Role.GROUP_LEADER, school_id=1, teacher_id=9, group_id=3), True),  # their leader
        (Actor(4, Role.GROUP_LEADER, school_id=1, teacher_id=10, group_id=4), False),  # another group's
        (Actor(5, Role.SCHOOL_ADMIN, school_id=1), True),
        (Actor(6, Role.SCHOOL_ADMIN, school_id=2), False),
        (Actor(7, Role.SCHOOL_ADMIN), False),  # no school: nothing
        (Actor(8, Role.PROVINCIAL_REVIEWER), True),  # every teacher, forwarded work or not
        (Actor(9, Role.ADMIN), True),
    ],
)
def test_who_sees_a_teachers_hours(actor, sees):
    assert can_see_hours(actor, TEACHER) is sees
