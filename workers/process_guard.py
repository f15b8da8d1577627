"""What a worker's processes do at start so a crash leaves nothing running or behind.

Pool children and the embedded beat die with the worker's main process
(``workers.lifeline``); a beat holds the beat lock for its life (``workers.beat_lock``);
the main process sweeps scratch of dead attempts before taking work
(``workers.scratch_sweep``). Connected by importing this module (``workers.celery_app``).
"""

from __future__ import annotations

import structlog
from billiard.process import current_process
from celery.signals import beat_init, worker_process_init, worker_ready

from config import get_settings
from workers import beat_lock, lifeline, scratch_sweep

log = structlog.get_logger(__name__)
_held: list = []


@worker_process_init.connect
def _pool_child_dies_with_worker(**_kwargs) -> None:
    # No "parent already gone?" check by ppid 1: in a container the worker itself may be pid 1.
    lifeline.die_with_parent()
    lifeline.watch_parent()


@beat_init.connect
def _one_beat(**_kwargs) -> None:
    """Embedded beat (``worker --beat``) dies with its worker; any beat waits for the lock."""
    if current_process().name == "Beat":  # celery.beat's embedded process, a child of the worker
        lifeline.die_with_parent()
        lifeline.watch_parent()
    lock = beat_lock.for_settings(get_settings())
    beat_lock.wait_for(lock)
    _held.append(lock)  # held until this process ends


@worker_ready.connect
def _sweep_scratch(**_kwargs) -> None:
    removed = scratch_sweep.sweep_for(get_settings())
    log.info("scratch.swept_at_start", removed=removed)
