"""Documents attached to a submission: PDF, DOCX or PPTX, recognised by their bytes.

The name and the declared type are ignored: a PDF starts with ``%PDF-``; DOCX and PPTX are
ZIP containers whose entries live under ``word/`` or ``ppt/``. Only the ZIP's directory is
read (nothing is decompressed), and macro-enabled containers (``vbaProject.bin``) are refused.
"""

from __future__ import annotations

import io
import uuid
import zipfile

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import BadRequest, NotFound, PayloadTooLarge, UnsupportedMedia
from api.review.submissions import repository, service
from api.shared import refusals
from api.shared import review_inputs as inputs
from db.models import Submission, SubmissionDocument, Teacher
from domain import review_api_reasons as ar
from domain.filenames import clean_filename
from storage.keys import document_key

MiB = 1024 * 1024
# No setting exists for documents yet; a catalogue item's own max_bytes can only lower this.
MAX_DOCUMENT_BYTES = 50 * MiB
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def sniff_document(data: bytes) -> str | None:
    """``pdf``, ``docx``, ``pptx`` or ``None`` for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return None
    if any(name.endswith("vbaProject.bin") for name in names):
        return None
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("ppt/") for name in names):
        return "pptx"
    return None


def _item_limits(session: Session, teacher: Teacher, submission: Submission, item_key: str | None):
    if item_key is None:
        return None, MAX_DOCUMENT_BYTES
    point = inputs.catalogue_for(session, teacher.school_id).get(submission.capability_code)
    item = point.item(item_key) if point is not None else None
    if item is None:
        raise BadRequest(ar.DOCUMENT_UNKNOWN_ITEM.format(point=submission.capability_code, item=item_key))
    return item, min(MAX_DOCUMENT_BYTES, item.max_bytes or MAX_DOCUMENT_BYTES)


def add(
    session: Session,
    ctx: AppContext,
    actor,
    submission_id: int,
    *,
    filename: str,
    item_key: str | None,
    data: bytes,
) -> SubmissionDocument:
    """Sniff, check against the item's formats and size, store under ``documents/{id}/{uuid}``."""
    submission, teacher = service.editable(session, actor, submission_id)
    item, limit = _item_limits(session, teacher, submission, item_key)
    if not data:
        raise BadRequest(ar.DOCUMENT_EMPTY)
    if len(data) > limit:
        raise PayloadTooLarge(ar.DOCUMENT_TOO_LARGE.format(size=len(data), limit=limit))
    kind = sniff_document(data)
    if kind is None:
        raise UnsupportedMedia(ar.DOCUMENT_NOT_ALLOWED)
    formats = [f.lower().lstrip(".") for f in (item.accepted_formats or ())] if item else []
    if formats and kind not in formats:
        reason = ar.DOCUMENT_FORMAT_NOT_FOR_ITEM.format(item=item.key, formats="/".join(formats), kind=kind)
        raise UnsupportedMedia(reason)
    document_id = str(uuid.uuid4())
    key = document_key(submission.id, document_id)
    ctx.store.put_bytes(key, data, CONTENT_TYPES[kind])
    document = SubmissionDocument(
        id=document_id,
        submission_id=submission.id,
        item_key=item.key if item else None,
        object_key=key,
        filename=clean_filename(filename, fallback=f"document.{kind}"),
        content_type=CONTENT_TYPES[kind],
        size_bytes=len(data),
        uploaded_by=actor.user_id,
    )
    session.add(document)
    refusals.flush(session)
    return document


def remove(session: Session, ctx: AppContext, actor, submission_id: int, document_id: str) -> None:
    submission, _ = service.editable(session, actor, submission_id)
    document = repository.document(session, document_id)
    if document is None or document.submission_id != submission.id:
        raise NotFound("文档", "Document")
    session.delete(document)
    refusals.flush(session)
    ctx.store.delete(document.object_key)


def download_url(session: Session, ctx: AppContext, actor, submission_id: int, document_id: str) -> str:
    """A short-lived link to the document's bytes under its own name, for anyone who may see the work."""
    submission = service.get_visible(session, actor, submission_id)
    document = repository.document(session, document_id)
    if document is None or document.submission_id != submission.id:
        raise NotFound("文档", "Document")
    expiry = ctx.settings.document_url_expiry_s
    return ctx.store.presign_download(
        document.object_key, expiry, filename=document.filename, content_type=document.content_type
    )
