"""Periodic tasks run by beat: ``uploads.expire``, ``jobs.watchdog`` and ``biometric.sweep``."""

from __future__ import annotations

from celery import shared_task

from pipeline import task_names
from workers import runtime as runtime_mod
from workers.stages import maintenance


@shared_task(name=task_names.EXPIRE_UPLOADS, acks_late=True)
def expire_uploads() -> int:
    return maintenance.expire_uploads(runtime_mod.current())


@shared_task(name=task_names.WATCHDOG, acks_late=True)
def watchdog() -> dict[str, int]:
    return maintenance.watchdog(runtime_mod.current())


@shared_task(name=task_names.BIOMETRIC_SWEEP, acks_late=True)
def sweep_biometric() -> dict[str, int]:
    return maintenance.sweep_biometric(runtime_mod.current())
