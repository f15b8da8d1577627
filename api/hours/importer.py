"""Importing a training platform's export of online hours into the ledger, by 工号 within the school.

- Rows are read whole first (``api.hours.read``, ``domain.online_hour_rows``); every refused row is
  reported (row, code, zh, en) and the rows that hold are applied: one bad 工号 does not stop a
  school's 2,000 good rows.
- One entry per (teacher, kind, course): a later file's hours for a course **replace** the earlier
  ones. Platforms export each course's hours so far, so the newer export is the truth, and adding
  would count a course twice. Hours equal to the stored ones leave the entry alone (``unchanged``).
- The same file again (same SHA-256, for this school) changes nothing that is stored: it may only
  add rows refused the first time that now hold (a teacher added to the roster since), and never
  replaces hours, so re-importing an older export cannot undo a newer one.
- Each import is kept (``online_hour_imports``: who, when, counts, refused rows) and audited on the school.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy.orm import Session

from api.hours import read, repository
from api.hours.schemas import ImportOut, RowErrorOut
from api.shared import audit
from api.shared.refusals import flush
from config import Settings
from db.base import utcnow
from db.models import OnlineHourEntry, OnlineHourImport, School
from domain.online_hour_rows import Entry, Roster, read_rows
from domain.roles import Actor


def import_hours(
    session: Session, settings: Settings, actor: Actor, school: School, *, data: bytes, filename: str
) -> ImportOut:
    sha = hashlib.sha256(data).hexdigest()
    sheet = read.read_sheet(data, max_rows=settings.hours_import_max_rows)
    roster = Roster(repository.staff_roster(session, school.id))
    entries, errors = read_rows(
        sheet.rows, sheet.columns, roster, max_hours=settings.hours_max_per_course, first_row=sheet.first_row
    )
    earlier = repository.import_by_sha(session, school.id, sha)
    record = earlier or OnlineHourImport(school_id=school.id, sha256=sha, filename=filename[:255] or "upload")
    if earlier is None:
        session.add(record)
    record.imported_by, record.imported_at = actor.user_id, utcnow()
    flush(session)
    added, replaced, unchanged = _apply(session, record.id, entries, may_replace=earlier is None)
    record.rows = len(entries) + len(errors)
    record.added, record.replaced, record.unchanged = added, replaced, unchanged
    record.errors = [{"row": row, **reason.as_dict()} for row, reason in errors]
    flush(session)
    summary = {"import_id": record.id, "file": record.filename, "added": added, "replaced": replaced}
    summary.update(unchanged=unchanged, refused=len(errors))
    audit.record(  # on the school, as the roster import is, so the school admin's audit reader lists it
        session,
        entity_type="school",
        entity_id=school.id,
        actor=actor,
        action="online_hours_reimport" if earlier else "online_hours_import",
        reason=json.dumps(summary, ensure_ascii=False, sort_keys=True),
    )
    return import_out(record, repeat=earlier is not None)


def _apply(session: Session, import_id: int, entries: list[Entry], *, may_replace: bool) -> tuple[int, int, int]:
    existing = repository.entries_for_update(session, {e.teacher_id for e in entries})
    added = replaced = unchanged = 0
    now = utcnow()
    for entry in entries:
        found = existing.get((entry.teacher_id, entry.kind.value, entry.course_key))
        if found is None:
            session.add(
                OnlineHourEntry(
                    teacher_id=entry.teacher_id,
                    kind=entry.kind.value,
                    course=entry.course,
                    course_key=entry.course_key,
                    hours=entry.hours,
                    import_id=import_id,
                    updated_at=now,
                )
            )
            added += 1
        elif found.hours == entry.hours or not may_replace:
            unchanged += 1
        else:
            found.hours, found.course, found.import_id, found.updated_at = entry.hours, entry.course, import_id, now
            replaced += 1
    return added, replaced, unchanged


def import_out(record: OnlineHourImport, *, repeat: bool = False) -> ImportOut:
    errors = [RowErrorOut(**e) for e in record.errors or []]
    return ImportOut(
        import_id=record.id,
        school_id=record.school_id,
        filename=record.filename,
        sha256=record.sha256,
        repeat=repeat,
        imported_at=record.imported_at,
        rows=record.rows,
        added=record.added,
        replaced=record.replaced,
        unchanged=record.unchanged,
        refused=len(errors),
        errors=errors,
    )


def recent(session: Session, school_id: int) -> list[ImportOut]:
    return [import_out(r) for r in repository.recent_imports(session, school_id)]
