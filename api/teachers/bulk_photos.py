"""A school admin's reference photos in bulk: a ZIP of ``<工号>.jpg|jpeg|png``, one replacement photo each.

Each entry goes the way of a single upload (``references.store``, queued for enrolment as a
replacement, so a teacher's old photo stays until the new one is enrolled) or is refused on
its own with a reason: a name that is no 工号 of this school, a 工号 named twice (which photo
is meant cannot be known), an empty or oversized file, or bytes that are not JPEG/PNG. Only
the archive as a whole (not a ZIP, too large, too many entries, expanding too far) refuses
everything. The import is one audit entry: who, which school, how many.
"""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import BadRequest, PayloadTooLarge
from api.shared import audit
from api.shared.access import ADMINS, school_for
from api.teachers import references, repository
from api.teachers.photo_zip import Entry, EntryRefused, ZipRefused, open_archive, read_entry
from api.teachers.schemas import CreatedPhoto, PhotoImportOut, RefusedPhoto
from domain import biometric_consent, reasons
from domain import photo_reasons as pr
from domain.media_signature import sniff_image
from domain.reasons import Reason
from domain.roles import Actor
from pipeline import biometric_repository


def require_importer(session: Session, actor: Actor, school_id: int) -> None:
    """403 for roles that may never import, 404 for a school not theirs (before the body is read)."""
    school_for(session, actor, school_id, allowed=ADMINS)


def _refused(entry: Entry, reason: Reason) -> RefusedPhoto:
    return RefusedPhoto(file=entry.file, code=reason.code, message_zh=reason.zh, message_en=reason.en)


def _name_refusal(entry: Entry, counts: Counter, teachers: dict) -> Reason | None:
    if entry.staff_id is None:
        return pr.ENTRY_BAD_NAME.format(file=entry.file)
    if (count := counts[entry.staff_id]) > 1:
        return pr.ENTRY_DUPLICATE_STAFF_ID.format(file=entry.file, staff_id=entry.staff_id, count=count)
    if entry.staff_id not in teachers:
        return pr.ENTRY_UNKNOWN_STAFF_ID.format(file=entry.file, staff_id=entry.staff_id)
    return None


def _checked_photo(archive, entry: Entry, *, limit: int) -> tuple[bytes, str]:
    photo = read_entry(archive, entry, limit=limit)
    if not photo:
        raise EntryRefused(pr.PHOTO_EMPTY)
    kind = sniff_image(photo[:16])
    if kind is None:
        raise EntryRefused(reasons.PHOTO_UNREADABLE)
    return photo, kind


def import_photos(session: Session, ctx: AppContext, actor: Actor, school_id: int, data: bytes) -> PhotoImportOut:
    """Queue each photo of the ZIP as its teacher's replacement photo; refuse the others one by one."""
    school = school_for(session, actor, school_id, allowed=ADMINS)
    settings = ctx.settings
    try:
        archive, entries = open_archive(
            data, max_entries=settings.max_photo_zip_entries, max_expanded=settings.max_photo_zip_expanded_bytes
        )
    except ZipRefused as exc:
        raise (PayloadTooLarge if exc.too_large else BadRequest)(exc.reason) from exc
    counts = Counter(e.staff_id for e in entries if e.staff_id is not None)
    teachers = repository.teachers_by_staff_id(session, school.id, sorted(counts))
    created, refused = [], []
    with archive:
        for entry in entries:
            refusal = _name_refusal(entry, counts, teachers)
            if refusal is not None:
                refused.append(_refused(entry, refusal))
                continue
            try:
                photo, kind = _checked_photo(archive, entry, limit=settings.max_photo_bytes)
            except EntryRefused as exc:
                refused.append(_refused(entry, exc.reason))
                continue
            teacher = teachers[entry.staff_id]
            if biometric_repository.active_consent(session, teacher.id) is None:  # only with their own consent
                refused.append(_refused(entry, biometric_consent.CONSENT_REQUIRED.format(name=teacher.name)))
                continue
            reference = references.store(session, ctx, actor, teacher.id, photo, kind=kind, replace=True)
            created.append(
                CreatedPhoto(file=entry.file, staff_id=entry.staff_id, teacher_id=teacher.id, reference_id=reference.id)
            )
    summary = {"entries": len(entries), "created": len(created), "refused": len(refused)}
    audit.record(
        session,
        entity_type="school",
        entity_id=school.id,
        actor=actor,
        action="reference_photos_import",
        reason=json.dumps(summary, sort_keys=True),
    )
    return PhotoImportOut(created=created, refused=refused)
