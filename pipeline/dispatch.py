"""Send tasks only after the database transaction that created their rows commits.

A task queued inside a transaction that later rolls back would find no row; one sent
before commit could race the commit. So work is collected on the SQLAlchemy session and
handed to the sender from the session's ``after_commit`` hook, and dropped on rollback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import structlog
from sqlalchemy import event
from sqlalchemy.orm import Session

log = structlog.get_logger(__name__)

_PENDING = "kejian_pending_tasks"
_SENDER = "kejian_task_sender"


@dataclass(frozen=True)
class TaskMessage:
    name: str
    args: tuple


Sender = Callable[[TaskMessage], None]


def bind_sender(session: Session, sender: Sender) -> None:
    """Say how this session's queued tasks are sent once it commits."""
    session.info[_SENDER] = sender


def queue_after_commit(session: Session, name: str, *args) -> None:
    if not session.in_transaction():
        session.begin()  # so a rollback, even before any SQL, is seen and drops the task
    session.info.setdefault(_PENDING, []).append(TaskMessage(name, tuple(args)))


def celery_sender(celery_app) -> Sender:
    def send(message: TaskMessage) -> None:
        celery_app.send_task(message.name, args=list(message.args))

    return send


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, [])
    if not pending:
        return
    sender: Sender | None = session.info.get(_SENDER)
    if sender is None:
        raise RuntimeError("tasks were queued on a session with no sender bound")
    for message in pending:
        try:
            sender(message)
        except Exception:  # the rows are committed; the watchdog re-sends what was lost
            log.exception("task.send_failed", task=message.name, args=message.args)
        else:
            log.info("task.sent", task=message.name, args=message.args)


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, previous_transaction) -> None:
    # "soft" so a rollback before any SQL ran drops the tasks too; only the outermost
    # transaction counts, since a savepoint rollback leaves the outer work standing.
    if previous_transaction.parent is None:
        session.info.pop(_PENDING, None)
