"""Time-coded comment routes on a recording: list, add, edit and delete one's own."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import CurrentActor, DbSession
from api.review.comments import service
from api.review.comments.schemas import CommentIn, CommentOut, CommentPatch

router = APIRouter(prefix="/api/recordings/{recording_id}/comments", tags=["review"])


def _out(comment) -> CommentOut:
    return CommentOut.model_validate(comment, from_attributes=True)


@router.get("", response_model=list[CommentOut])
def list_comments(recording_id: str, session: DbSession, actor: CurrentActor) -> list[CommentOut]:
    return [_out(c) for c in service.listing(session, actor, recording_id)]


@router.post("", response_model=CommentOut, status_code=201)
def add_comment(recording_id: str, body: CommentIn, session: DbSession, actor: CurrentActor) -> CommentOut:
    return _out(service.add(session, actor, recording_id, at_s=body.at_s, text=body.text))


@router.patch("/{comment_id}", response_model=CommentOut)
def edit_comment(
    recording_id: str, comment_id: int, body: CommentPatch, session: DbSession, actor: CurrentActor
) -> CommentOut:
    return _out(service.edit(session, actor, recording_id, comment_id, at_s=body.at_s, text=body.text))


@router.delete("/{comment_id}", status_code=204)
def delete_comment(recording_id: str, comment_id: int, session: DbSession, actor: CurrentActor) -> Response:
    service.remove(session, actor, recording_id, comment_id)
    return Response(status_code=204)
