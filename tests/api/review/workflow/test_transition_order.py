"""A move checks everything before it changes anything: a refusal leaves the row untouched in the
very session that asked, with no rollback to rely on (``api.review.submissions.transitions``)."""

from __future__ import annotations

import pytest

from api.errors import Conflict, Forbidden, Unprocessable
from api.review.grading import service as grading
from api.review.grading.schemas import ScoreIn
from api.review.submissions import service as submissions
from api.review.submissions import transitions
from db.models import AuditEntry, Recording, Submission
from domain.roles import Actor, Role
from domain.workflow import Action
from tests import review_factories as rf


def _actor(api, username: str) -> Actor:
    d = rf.demo(api)
    links = {"teacher": ("T002", d.chinese_group_id), "leader": ("T001", d.chinese_group_id)}
    staff, group = links.get(username, (None, None))
    role = {"teacher": Role.TEACHER, "leader": Role.GROUP_LEADER, "schooladmin": Role.SCHOOL_ADMIN}[username]
    return Actor(d.users[username], role, d.school_id, d.teachers.get(staff), group)


def _untouched(session, submission: Submission, state: str) -> None:
    assert submission.state == state, "the row changed before every check had passed"
    assert not [row for row in session.new if isinstance(row, AuditEntry)], "an audit entry was written"


@pytest.mark.parametrize(
    "username, state, action, refusal, code",
    [
        ("teacher", "draft", Action.SUBMIT, Conflict, "requirements.video_processing"),  # readiness
        ("teacher", "submitted", Action.SCORE_EXCELLENT, Forbidden, "workflow.role_not_allowed"),  # role
        ("schooladmin", "scored_excellent", Action.FORWARD, Conflict, "workflow.group_quota_unmet"),  # quota
        ("leader", "submitted", Action.RETURN, Conflict, "workflow.reason_required"),  # a reason is required
    ],
)
def test_a_refused_move_changes_nothing_in_its_own_session(api, username, state, action, refusal, code):
    d = rf.demo(api)
    actor = _actor(api, username)
    with api.transaction() as s:
        work = rf.submission(s, d.teachers["T002"], state=state)
        if state == "draft":  # its recording is still being analysed
            s.get(Recording, work.recording_id).jobs[0].state = "running"
        work_id = work.id
    with api.transaction() as s:
        submission = submissions.get_visible(s, actor, work_id, lock=True)
        with pytest.raises(refusal) as refused:
            transitions.plan(s, api.app.state.context, actor, submission, action, reason=None)
        assert refused.value.reason.code == code
        _untouched(s, submission, state)


def test_a_verdict_that_contradicts_the_score_changes_nothing(api):
    d = rf.demo(api)
    leader = _actor(api, "leader")
    with api.transaction() as s:
        work_id = rf.submission(s, d.teachers["T002"], state="submitted").id
    with api.transaction() as s:
        body = ScoreIn(verdict="excellent", score=30)  # 30 is below every pass line
        with pytest.raises(Unprocessable) as refused:
            grading.score(s, api.app.state.context, leader, work_id, body)
        assert refused.value.reason.code == "grading.invalid"
        _untouched(s, s.get(Submission, work_id), "submitted")
