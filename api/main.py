"""The FastAPI application factory; ``api.main:app`` is what uvicorn serves."""

from __future__ import annotations

import gc

from fastapi import Depends, FastAPI

from api.auth.endpoints import router as auth_router
from api.auth.session_endpoint import router as auth_session_router
from api.auth.throttle import build_throttle
from api.context import AppContext
from api.errors import install_error_handlers
from api.health import router as health_router
from api.hours.endpoints import router as hours_router
from api.media import router as media_router
from api.notifications.endpoints import router as notifications_router
from api.peer.endpoints import router as peer_router
from api.playback.endpoints import router as playback_router
from api.recordings.endpoints import router as recordings_router
from api.review.router import router as review_router
from api.rules.endpoints import router as rules_router
from api.security_middleware import install_security
from api.session_records.endpoints import router as session_records_router
from api.sessions.endpoints import router as sessions_router
from api.shared.int_bounds import bound_integers
from api.teachers.account_reset_endpoints import router as account_reset_router
from api.teachers.endpoints import router as teachers_router
from api.teachers.endpoints import school_router as school_photos_router
from api.ui import install_ui
from api.uploads.endpoints import router as uploads_router
from config import Settings, get_settings
from config.logging import configure_logging
from db.session import session_factory
from pipeline.celery_factory import make_celery
from pipeline.dispatch import Sender, celery_sender
from storage import build_store


def create_app(settings: Settings | None = None, *, store=None, send_task: Sender | None = None) -> FastAPI:
    """Build the app; tests pass their own store or task sender instead of patching."""
    settings = settings or get_settings()
    configure_logging(settings)
    store = store or build_store(settings)
    store.ensure_ready()
    context = AppContext(
        settings=settings,
        sessions=session_factory(settings.database_url),
        store=store,
        send_task=send_task or celery_sender(make_celery(settings)),
        throttle=build_throttle(settings),
    )
    # bound_integers: every integer path/query parameter of every route, checked in one place.
    app = FastAPI(title="Kejian 课鉴", version="0.1.0", dependencies=[Depends(bound_integers)])
    app.state.context = context
    install_error_handlers(app)
    install_security(app, settings)
    routers = (
        health_router,
        auth_router,
        auth_session_router,
        uploads_router,
        recordings_router,
        sessions_router,
        session_records_router,
        teachers_router,
        account_reset_router,
        school_photos_router,
        media_router,
        playback_router,
        review_router,
        notifications_router,
        peer_router,
        hours_router,
        rules_router,
    )
    for router in routers:
        app.include_router(router)
    install_ui(app, settings.ui_dist_dir)  # last: pages are whatever no route above answers
    return app


def settle_heap() -> None:
    """Take what start-up built (modules, the ORM's mappings, the schemas: about 230,000 objects) out of
    the garbage collector's full passes, which walked all of it: about 75 ms, every few requests that
    build many rows (a page of 200 submissions), and the slowest requests under load were those pauses.
    Frozen objects are still freed by reference counting; only cycles among them stay. For the served
    app, once: a test process builds many apps, whose cycles must stay collectable."""
    gc.collect()
    gc.freeze()


def __getattr__(name: str):
    # ``app`` is built on first access so importing this module has no side effects.
    if name == "app":
        globals()["app"] = create_app()
        settle_heap()
        return globals()["app"]
    raise AttributeError(name)
