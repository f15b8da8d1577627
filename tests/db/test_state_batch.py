"""``db.state.apply_all``: many rows moved by one UPDATE, each still matched on its version."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from api.review.province.repository import works_to_move
from db.models import Submission
from db.state import Move, apply_all
from domain.state_machine import IllegalMove
from domain.workflow import WORKFLOW, Action, State
from tests import review_factories as rf

STAMP = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)


def _rows(s, ids: list[int]) -> list[Submission]:
    return list(s.scalars(select(Submission).where(Submission.id.in_(ids)).order_by(Submission.id)))


def test_every_row_moves_its_version_goes_up_and_the_objects_hold_what_was_written(api):
    ids = rf.forwarded_works(api, 4)
    with api.transaction() as s:
        rows = _rows(s, ids)
        moves = apply_all(s, rows, WORKFLOW, Action.SAMPLE, updated_at=STAMP)
        assert moves == [Move(State.FORWARDED, State.SAMPLED)] * 4
        assert {(r.state, r.version) for r in rows} == {("sampled", 2)} and not s.dirty  # nothing left to flush
    with api.transaction() as s:
        assert {(r.state, r.version, r.updated_at) for r in _rows(s, ids)} == {("sampled", 2, STAMP)}


def test_a_row_another_transaction_moved_meanwhile_fails_the_batch(api):
    ids = rf.forwarded_works(api, 3)
    with pytest.raises(StaleDataError, match="3 rows to move, 2 still as read"):
        with api.transaction() as s:
            rows = _rows(s, ids)
            with api.transaction() as other:  # lands between this transaction's read and its write
                other.get(Submission, ids[1]).score = 99
            apply_all(s, rows, WORKFLOW, Action.SAMPLE, updated_at=STAMP)
    with api.transaction() as s:  # the failed batch rolled back with its transaction
        assert [r.state for r in _rows(s, ids)] == ["forwarded"] * 3


def test_a_move_the_table_lacks_for_any_row_writes_nothing(api):
    d = rf.demo(api)
    with api.transaction() as s:  # the second is a row the SAMPLE edge does not start from
        ids = [rf.submission(s, d.teachers["T002"], state="forwarded").id]
        ids.append(rf.submission(s, d.teachers["T003"], state="confirmed").id)
    with pytest.raises(IllegalMove):
        with api.transaction() as s:
            apply_all(s, _rows(s, ids), WORKFLOW, Action.SAMPLE, updated_at=STAMP)
    with api.transaction() as s:
        assert [r.state for r in _rows(s, ids)] == ["forwarded", "confirmed"]


def test_plain_rows_of_a_model_move_alike_and_stale_ones_fail_the_batch(api):
    """A sampling round's batch is read as named tuples (``works_to_move``), not ORM objects."""
    ids = rf.forwarded_works(api, 3)
    with api.transaction() as s:
        plain = works_to_move(s, ids)[0]
        assert (
            apply_all(s, plain, WORKFLOW, Action.SAMPLE, model=Submission, updated_at=STAMP)
            == [Move(State.FORWARDED, State.SAMPLED)] * 3
        )
    with api.transaction() as s:
        assert {(r.state, r.version, r.updated_at) for r in _rows(s, ids)} == {("sampled", 2, STAMP)}
        stale = works_to_move(s, ids)[0]
    with pytest.raises(StaleDataError, match="3 rows to move, 0 still as read"):
        with api.transaction() as s:
            s.get(Submission, ids[0]).score = 1  # anything flushed first still goes first
            apply_all(s, [w._replace(version=1) for w in stale], WORKFLOW, Action.CONFIRM, model=Submission)
