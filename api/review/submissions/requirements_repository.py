"""The queries behind a page of submissions' requirement states: a fixed number, whatever its length."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from db.models import CatalogueVersion, Recording, School, SubmissionDocument


def provinces_of(session: Session, school_ids: Iterable[int]) -> dict[int, str]:
    """Each school's province (whose catalogue its teachers' points follow)."""
    ids = set(school_ids)
    if not ids:
        return {}
    return {i: p for i, p in session.execute(select(School.id, School.province).where(School.id.in_(ids)))}


def catalogue_rows(session: Session, provinces: Iterable[str]) -> dict[str, CatalogueVersion]:
    """The provinces' own catalogue copies; a province missing here follows the national seed."""
    names = set(provinces)
    if not names:
        return {}
    rows = session.scalars(select(CatalogueVersion).where(CatalogueVersion.province.in_(names)))
    return {row.province: row for row in rows}


def recordings(session: Session, recording_ids: Iterable[str]) -> dict[str, Recording]:
    """The attached recordings with their stages (their status); the rest of a recording stays unloaded."""
    ids = set(recording_ids)
    if not ids:
        return {}
    query = (
        select(Recording)
        .where(Recording.id.in_(ids))
        .options(
            lazyload(Recording.participants),
            lazyload(Recording.accepter),
            lazyload(Recording.group),
            lazyload(Recording.school),
        )
    )
    return {r.id: r for r in session.scalars(query)}


def document_keys(session: Session, submission_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """For each submission, the evidence items it has a document for."""
    ids = set(submission_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(SubmissionDocument.submission_id, SubmissionDocument.item_key)
        .where(SubmissionDocument.submission_id.in_(ids), SubmissionDocument.item_key.is_not(None))
        .distinct()
    ).tuples()
    found: dict[int, set[str]] = {}
    for submission_id, key in rows:
        found.setdefault(submission_id, set()).add(key)
    return {k: frozenset(v) for k, v in found.items()}
