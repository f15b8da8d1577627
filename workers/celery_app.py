"""The worker-side Celery app: ``celery -A workers.celery_app worker -Q probe``."""

from __future__ import annotations

from celery.signals import setup_logging, worker_process_init

from config import get_settings
from config.logging import configure_logging
from pipeline.celery_factory import make_celery
from workers import process_guard  # noqa: F401  (children die with the worker; one beat; scratch sweep)

settings = get_settings()
app = make_celery(settings)
app.conf.imports = (
    "workers.tasks.probe",
    "workers.tasks.analyze",
    "workers.tasks.transcode",
    "workers.tasks.maintenance",
)
app.conf.worker_hijack_root_logger = False


@setup_logging.connect
@worker_process_init.connect
def _init_logging(**_kwargs) -> None:
    """Our structured logs in the worker and beat too (connecting here stops Celery's own setup)."""
    configure_logging(get_settings())
