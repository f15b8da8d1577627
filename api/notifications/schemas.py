"""Bodies of the notification routes: one notification in both languages, a page, the count."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class NotificationOut(BaseModel):
    """One notification as its reader sees it: the sentence in both languages and where it leads."""

    id: int
    kind: str
    text_zh: str
    text_en: str
    link: str
    submission_id: int | None
    group_id: int | None
    created_at: datetime
    read_at: datetime | None


class NotificationPageOut(BaseModel):
    """Newest first; ``next_before`` asks for the next page (null on the last)."""

    items: list[NotificationOut]
    next_before: int | None


class UnreadCountOut(BaseModel):
    unread: int


class ReadAllOut(BaseModel):
    """How many notifications the call marked read."""

    marked: int
