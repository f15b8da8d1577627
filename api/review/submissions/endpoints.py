"""Submission routes: create a draft, attach its recording and documents, read them and their
history, list; and every move but grading: submit, resubmit, return, forward, confirm, downgrade."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from api.deps import Context, CurrentActor, DbSession
from api.review.submissions import documents, history, transitions
from api.review.submissions import service as submissions_service
from api.review.submissions.schemas import (
    DocumentOut,
    HistoryEntryOut,
    OptionalReasonIn,
    ReasonIn,
    RecordingIn,
    SubmissionIn,
    SubmissionOut,
)
from api.shared import keyset
from api.shared.bodies import read_body
from domain import review_api_reasons as ar
from domain.workflow import Action, State

router = APIRouter(prefix="/api/submissions", tags=["review"])
LISTING = keyset.Keyset("submissions", int)  # id, newest first


@router.post("", response_model=SubmissionOut, status_code=201)
def create_submission(body: SubmissionIn, session: DbSession, actor: CurrentActor) -> SubmissionOut:
    submission = submissions_service.create(session, actor, body)
    return submissions_service.out(session, actor, submission)


@router.get("", response_model=list[SubmissionOut])
def list_submissions(
    request: Request,
    response: Response,
    session: DbSession,
    actor: CurrentActor,
    after: Annotated[tuple | None, Depends(LISTING.after)],
    state: State | None = None,
    teacher_id: int | None = None,
    group_id: int | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, deprecated=True, description=keyset.OFFSET_DOC)] = 0,
) -> list[SubmissionOut]:
    """What the actor may see, newest first; the next page's cursor in ``X-Next-After``."""
    page = submissions_service.listing(
        session,
        actor,
        state=state,
        teacher_id=teacher_id,
        group_id=group_id,
        after=after[0] if after else None,
        limit=limit,
        offset=offset,
    )
    LISTING.send_next(request, response, page.next_key)
    return page.items


@router.get("/{submission_id}", response_model=SubmissionOut)
def get_submission(submission_id: int, session: DbSession, actor: CurrentActor) -> SubmissionOut:
    return submissions_service.detail(session, actor, submission_id)


@router.put("/{submission_id}/recording", response_model=SubmissionOut)
def attach_recording(submission_id: int, body: RecordingIn, session: DbSession, actor: CurrentActor) -> SubmissionOut:
    submission = submissions_service.attach_recording(session, actor, submission_id, body.recording_id)
    return submissions_service.out(session, actor, submission)


@router.post("/{submission_id}/documents", response_model=DocumentOut, status_code=201)
async def add_document(
    submission_id: int,
    request: Request,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    filename: Annotated[str, Query(min_length=1, max_length=255)],
    item_key: Annotated[str | None, Query(max_length=64)] = None,
) -> DocumentOut:
    """Body: the document's bytes (PDF, DOCX or PPTX; the bytes decide, not the name)."""
    await run_in_threadpool(submissions_service.editable, session, actor, submission_id, lock=False)  # before the body
    limit = documents.MAX_DOCUMENT_BYTES
    too_large = ar.DOCUMENT_TOO_LARGE.format(size=f">{limit}", limit=limit)
    data = await read_body(request, limit=limit, too_large=too_large)
    document = await run_in_threadpool(
        lambda: documents.add(session, ctx, actor, submission_id, filename=filename, item_key=item_key, data=data)
    )
    return DocumentOut.of(document)


@router.get("/{submission_id}/documents/{document_id}", response_class=RedirectResponse, status_code=307)
def download_document(
    submission_id: int, document_id: str, session: DbSession, ctx: Context, actor: CurrentActor
) -> RedirectResponse:
    """A redirect to a short-lived signed link that downloads the document under its own name."""
    url = documents.download_url(session, ctx, actor, submission_id, document_id)
    return RedirectResponse(url, status_code=307, headers={"Cache-Control": "no-store"})


@router.delete("/{submission_id}/documents/{document_id}", status_code=204)
def delete_document(
    submission_id: int, document_id: str, session: DbSession, ctx: Context, actor: CurrentActor
) -> Response:
    documents.remove(session, ctx, actor, submission_id, document_id)
    return Response(status_code=204)


@router.get("/{submission_id}/history", response_model=list[HistoryEntryOut])
def submission_history(submission_id: int, session: DbSession, actor: CurrentActor) -> list[HistoryEntryOut]:
    """Every move of the submission, oldest first, with its reason (why it was returned…)."""
    return history.history(session, actor, submission_id)


def _moved(session, ctx, actor, submission_id: int, action: Action, reason: str | None = None) -> SubmissionOut:
    submission = transitions.move(session, ctx, actor, submission_id, action, reason=reason)
    return submissions_service.out(session, actor, submission)


@router.post("/{submission_id}/submit", response_model=SubmissionOut)
def submit(submission_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SubmissionOut:
    return _moved(session, ctx, actor, submission_id, Action.SUBMIT)


@router.post("/{submission_id}/resubmit", response_model=SubmissionOut)
def resubmit(submission_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SubmissionOut:
    return _moved(session, ctx, actor, submission_id, Action.RESUBMIT)


@router.post("/{submission_id}/return", response_model=SubmissionOut)
def return_submission(
    submission_id: int, body: ReasonIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> SubmissionOut:
    """Back to the teacher with a reason: the leader before grading, leader or school after."""
    return _moved(session, ctx, actor, submission_id, Action.RETURN, body.reason)


@router.post("/{submission_id}/forward", response_model=SubmissionOut)
def forward(submission_id: int, session: DbSession, ctx: Context, actor: CurrentActor) -> SubmissionOut:
    """The school sends 优秀 work to the province once its group meets the quota (409 says what is missing)."""
    return _moved(session, ctx, actor, submission_id, Action.FORWARD)


@router.post("/{submission_id}/confirm", response_model=SubmissionOut)
def confirm(
    submission_id: int,
    session: DbSession,
    ctx: Context,
    actor: CurrentActor,
    body: OptionalReasonIn | None = None,
) -> SubmissionOut:
    """The province confirms 优秀; confirming work it downgraded (an appeal upheld) needs a reason."""
    return _moved(session, ctx, actor, submission_id, Action.CONFIRM, body.reason if body else None)


@router.post("/{submission_id}/downgrade", response_model=SubmissionOut)
def downgrade(
    submission_id: int, body: ReasonIn, session: DbSession, ctx: Context, actor: CurrentActor
) -> SubmissionOut:
    return _moved(session, ctx, actor, submission_id, Action.DOWNGRADE, body.reason)
