"""Every stateful row's table of moves, and the one applier that writes them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from db.models import PointSelection, ProcessingJob, Submission, UploadSession
from db.state import apply, current
from domain.group_workflow import GROUPS, GroupEvent, GroupState
from domain.references import REFERENCES, ReferenceEvent, ReferenceState
from domain.school_setup import SELECTIONS, SelectionEvent, SelectionStatus
from domain.stages import JOBS, StageState
from domain.state_machine import IllegalMove
from domain.uploads import UPLOADS, UploadEvent, UploadState
from domain.workflow import TABLE, WORKFLOW, Action, State


def test_an_upload_moves_once_and_only_from_open():
    for event, closed in [
        (UploadEvent.COMPLETE, UploadState.COMPLETED),
        (UploadEvent.ABORT, UploadState.ABORTED),
        (UploadEvent.EXPIRE, UploadState.EXPIRED),
        (UploadEvent.REJECT, UploadState.REJECTED),
    ]:
        assert UPLOADS.next(UploadState.OPEN, event) is closed
        for later in UploadEvent:
            assert not UPLOADS.allows(closed, later), (closed, later)


def test_a_group_hands_over_reopens_and_hands_over_again():
    assert GROUPS.next(GroupState.OPEN, GroupEvent.SUBMIT) is GroupState.SUBMITTED
    assert GROUPS.next(GroupState.SUBMITTED, GroupEvent.REOPEN) is GroupState.REOPENED
    assert GROUPS.next(GroupState.REOPENED, GroupEvent.SUBMIT) is GroupState.SUBMITTED
    assert not GROUPS.allows(GroupState.SUBMITTED, GroupEvent.SUBMIT)
    assert not GROUPS.allows(GroupState.OPEN, GroupEvent.REOPEN)


def test_a_selection_is_saved_confirmed_and_changed_only_when_confirmed():
    assert SELECTIONS.next(SelectionStatus.NONE, SelectionEvent.SAVE) is SelectionStatus.DRAFT
    assert SELECTIONS.next(SelectionStatus.DRAFT, SelectionEvent.CONFIRM) is SelectionStatus.CONFIRMED
    assert SELECTIONS.next(SelectionStatus.CONFIRMED, SelectionEvent.CHANGE) is SelectionStatus.CONFIRMED
    assert not SELECTIONS.allows(SelectionStatus.CONFIRMED, SelectionEvent.SAVE)  # a change needs approval
    assert not SELECTIONS.allows(SelectionStatus.NONE, SelectionEvent.CONFIRM)


def test_a_reference_is_enrolled_refused_or_given_up_and_only_a_give_up_is_retried():
    assert REFERENCES.next(ReferenceState.PENDING, ReferenceEvent.ENROL) is ReferenceState.OK
    assert REFERENCES.next(ReferenceState.PENDING, ReferenceEvent.REFUSE) is ReferenceState.REFUSED
    assert REFERENCES.next(ReferenceState.PENDING, ReferenceEvent.GIVE_UP) is ReferenceState.FAILED
    assert REFERENCES.next(ReferenceState.FAILED, ReferenceEvent.RETRY) is ReferenceState.PENDING
    assert not REFERENCES.allows(ReferenceState.REFUSED, ReferenceEvent.RETRY)  # the photo's fault: a new photo
    assert not REFERENCES.allows(ReferenceState.OK, ReferenceEvent.GIVE_UP)


def test_the_submission_table_is_the_workflows_edges():
    assert {key: edge.to_state for key, edge in TABLE.items()} == dict(WORKFLOW.moves)
    assert WORKFLOW.initial is State.DRAFT


def test_the_job_claim_moves_only_what_the_table_lets_run():
    """``pipeline.job_repository.claim`` is a conditional UPDATE from queued or (stale) running."""
    assert {s for s in StageState if JOBS.allows(s, StageState.RUNNING)} == {StageState.QUEUED, StageState.RUNNING}


@pytest.mark.parametrize(
    "model, machine, column, start, event, end",
    [
        (UploadSession, UPLOADS, "state", "open", UploadEvent.COMPLETE, "completed"),
        (PointSelection, SELECTIONS, "status", "draft", SelectionEvent.CONFIRM, "confirmed"),
        (Submission, WORKFLOW, "state", "submitted", Action.SCORE_PASS, "scored_pass"),
        (ProcessingJob, JOBS, "state", "running", StageState.DONE, "done"),
    ],
)
def test_apply_writes_the_tables_answer_to_the_rows_column(model, machine, column, start, event, end):
    row = model(**{column: start})
    move = apply(row, machine, event)
    assert getattr(row, column) == end and move.from_state.value == start and move.to_state.value == end
    assert current(row, machine).value == end


def test_apply_refuses_a_move_the_table_lacks_and_leaves_the_row_alone():
    row = SimpleNamespace(state="completed")
    with pytest.raises(IllegalMove, match="upload: no move for 'abort' from 'completed'"):
        apply(row, UPLOADS, UploadEvent.ABORT)
    assert row.state == "completed"
