"""Reminding the teachers who are behind (issue 20 item 6): one notification each, saying what they lack.

The text is the ledger's own reasons (held practice hours and what is short) in both languages, so
the teacher reads in the bell exactly what the school's dashboard says. A teacher with no account
cannot be told: they are named in the answer, for the school to reach another way (the copyable list).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.hours import repository, service
from api.hours.schemas import RemindersOut
from api.notifications import repository as notices
from config import Settings
from domain.notifications import Kind
from domain.roles import Actor


def remind_behind(session: Session, settings: Settings, actor: Actor, *, school_id: int) -> RemindersOut:
    behind = [row for row in service.ledgers(session, settings, school_id=school_id) if not row.ledger.complete]
    accounts = repository.accounts_of(session, [row.teacher.id for row in behind])
    told, unreachable = 0, []
    for row in behind:
        users = accounts.get(row.teacher.id, [])
        if not users:
            unreachable.append(f"{row.teacher.name}（{row.teacher.staff_id}）")
            continue
        notes = (*row.ledger.held, *row.ledger.missing)
        payload = {"detail_zh": "".join(r.zh for r in notes), "detail_en": " ".join(r.en for r in notes)}
        notices.add(
            session,
            dict.fromkeys(users, Kind.HOURS_REMINDER),
            payload,
            submission_id=None,
            group_id=None,
            actor_id=actor.user_id,
        )
        told += len(users)
    return RemindersOut(behind=len(behind), told=told, without_account=unreachable)
