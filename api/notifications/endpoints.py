"""Notification routes: anyone signed in, each reading and marking only their own.

GET  /api/notifications?unread=&limit=&before=   newest first, keyset by id
GET  /api/notifications/unread-count             {"unread": n}, the top bar's badge
POST /api/notifications/{id}/read                one of one's own (404 for anyone else's)
POST /api/notifications/read-all                 every unread one
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentActor, DbSession
from api.notifications import service
from api.notifications.schemas import NotificationOut, NotificationPageOut, ReadAllOut, UnreadCountOut

MAX_PAGE = 100

router = APIRouter(prefix="/api/notifications", tags=["notifications"])


@router.get("", response_model=NotificationPageOut)
def notifications(
    session: DbSession,
    actor: CurrentActor,
    unread: bool = False,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    before: Annotated[int | None, Query(ge=1)] = None,
) -> NotificationPageOut:
    return service.page(session, actor, unread=unread, limit=limit, before=before)


@router.get("/unread-count", response_model=UnreadCountOut)
def unread_count(session: DbSession, actor: CurrentActor) -> UnreadCountOut:
    return service.unread(session, actor)


@router.post("/read-all", response_model=ReadAllOut)
def read_all(session: DbSession, actor: CurrentActor) -> ReadAllOut:
    return service.mark_all_read(session, actor)


@router.post("/{notification_id}/read", response_model=NotificationOut)
def read_one(notification_id: int, session: DbSession, actor: CurrentActor) -> NotificationOut:
    return service.mark_read(session, actor, notification_id)
