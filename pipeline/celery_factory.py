"""Build the Celery app from settings: queues by cost, prefetch 1, late acks, time limits."""

from __future__ import annotations

from celery import Celery
from kombu import Exchange, Queue

from config import Settings
from pipeline import task_names


def _broker_options(settings: Settings) -> dict:
    if settings.broker_url.startswith("filesystem"):
        folder = settings.broker_data_dir
        folder.mkdir(parents=True, exist_ok=True)
        return {
            "data_folder_in": str(folder),
            "data_folder_out": str(folder),
            # Without this kombu writes its exchange tables to ./control in the working directory.
            "control_folder": str(folder / "control"),
            "store_processed": False,
            "polling_interval": 0.5,
        }
    # Redis redelivers unacked tasks after the visibility timeout; keep it above the
    # longest hard time limit so a slow transcode is not handed to a second worker.
    return {"visibility_timeout": settings.task_hard_time_limit_s + 600}


def make_celery(settings: Settings, *, main: str = "kejian") -> Celery:
    app = Celery(main, broker=settings.broker_url)
    app.conf.update(
        broker_transport_options=_broker_options(settings),
        broker_connection_retry_on_startup=True,
        # One direct exchange per queue, so a message routed to one queue lands only there.
        task_queues=[Queue(name, Exchange(name, type="direct"), routing_key=name) for name in task_names.QUEUES],
        task_default_queue=task_names.QUEUE_PROBE,
        task_routes={
            name: {"queue": queue, "exchange": queue, "routing_key": queue} for name, queue in task_names.ROUTES.items()
        },
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=settings.task_soft_time_limit_s,
        task_time_limit=settings.task_hard_time_limit_s,
        task_serializer="json",
        accept_content=["json"],
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        beat_schedule={
            "expire-uploads": {
                "task": task_names.EXPIRE_UPLOADS,
                "schedule": float(settings.upload_expiry_interval_s),
            },
            "watchdog": {"task": task_names.WATCHDOG, "schedule": float(settings.watchdog_interval_s)},
            "biometric-sweep": {
                "task": task_names.BIOMETRIC_SWEEP,
                "schedule": float(settings.biometric_sweep_interval_s),
            },
        },
    )
    if settings.broker_url.startswith("filesystem"):
        # The filesystem transport has no fanout exchange, which remote control needs.
        app.conf.worker_enable_remote_control = False
    return app
