"""Every query the province's side makes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.shared.repository import locked
from db.models import Submission
from domain.workflow import State


def lock_forwarded(session: Session) -> list[Submission]:
    """Every submission waiting for the province's sampling, locked: two rounds take turns."""
    return locked(
        session, select(Submission).where(Submission.state == State.FORWARDED.value).order_by(Submission.id)
    ).all()
