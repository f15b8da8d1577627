"""Province-side rows for the calibration and progress tests: a leader's criterion grades, a
sampling round that drew some work, the province's review of a work and a school's hand-over.

They write rows directly (as ``tests.review_factories`` does) so a test arranges exactly the
numbers it then asserts. They live here, not in ``tests/review_factories.py``, only because that
shared file had another engineer's uncommitted edits when they were written; move them at will.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db.models import ProvinceReview, SamplingRound, SchoolHandover, Submission


def graded(submission: Submission, criteria: dict[str, str], *, rubric_version: int = 1) -> Submission:
    """The leader's criterion levels on the work, as ``grading.service`` stores them."""
    submission.item_grades = {"basis": "criteria", "rubric_version": rubric_version, "criteria": dict(criteria)}
    return submission


def sampling_round(session: Session, drawn: list[Submission], *, seed: str = "test-round") -> SamplingRound:
    """A uniform round by count that drew ``drawn`` (their states are left as the test set them)."""
    row = SamplingRound(
        seed=seed,
        mode="count",
        count=len(drawn),
        weighting="uniform",
        candidates=len(drawn),
        drawn=[s.id for s in drawn],
        strata=[],
    )
    session.add(row)
    session.flush()
    for submission in drawn:
        submission.sampling_round_id = row.id
    session.flush()
    return row


def province_review(
    session: Session,
    submission: Submission,
    action: str,
    criteria: dict[str, str],
    *,
    rubric_version: int | None = 1,
    reason: str | None = None,
) -> ProvinceReview:
    """The province's confirm or downgrade of ``submission`` with its criterion levels."""
    row = ProvinceReview(
        submission_id=submission.id,
        action=action,
        criteria=dict(criteria),
        rubric_version=rubric_version,
        reason=reason or ("降等原因 reason" if action == "downgrade" else None),
    )
    session.add(row)
    session.flush()
    return row


def handover(session: Session, school_id: int, *, at: datetime | None) -> SchoolHandover:
    """The school's hand-over row: handed over at ``at``, or still open when ``at`` is None."""
    row = SchoolHandover(school_id=school_id, state="handed_over" if at else "open", handed_over_at=at)
    session.add(row)
    session.flush()
    return row
