"""What a worker process needs: settings, database sessions, the store and a task sender.

Built once per process on first use; tests and the embedded runner install their own with
:func:`configure` instead of patching module globals.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

import structlog
from sqlalchemy.orm import Session, sessionmaker

from config import Settings, get_settings
from db.session import session_factory, transaction
from pipeline.dispatch import Sender, bind_sender
from storage import ObjectStore, build_store
from storage.errors import StorageUnavailable

log = structlog.get_logger(__name__)


@dataclass
class Runtime:
    settings: Settings
    sessions: sessionmaker[Session]
    store: ObjectStore
    send_task: Sender

    def transaction(self) -> AbstractContextManager[Session]:
        """A unit of work whose queued tasks are sent after it commits."""
        return transaction(self.sessions, prepare=lambda session: bind_sender(session, self.send_task))


_current: Runtime | None = None


def configure(runtime: Runtime | None) -> None:
    global _current
    _current = runtime


def build_runtime(settings: Settings, send_task: Sender) -> Runtime:
    """The runtime, built even while the store is out of reach.

    A worker process builds it on its first task, which may come during a storage outage: the
    task must still run, meet the outage in its stage and go back to the queue with a reason and
    a retry. Failing here instead would drop the task and leave its job queued for nobody. The
    bucket is made by the API at start-up; the check here is only for a worker started alone.
    """
    store = build_store(settings)
    try:
        store.ensure_ready()
    except StorageUnavailable as exc:
        log.warning("worker.store_unreachable_at_start", error=str(exc))
    return Runtime(settings=settings, sessions=session_factory(settings.database_url), store=store, send_task=send_task)


def current() -> Runtime:
    global _current
    if _current is None:
        from pipeline.celery_factory import make_celery
        from pipeline.dispatch import celery_sender

        settings = get_settings()
        _current = build_runtime(settings, celery_sender(make_celery(settings)))
    return _current
