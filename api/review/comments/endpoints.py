"""Time-coded comment routes on a recording: list, add, edit and delete one's own."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from api.deps import CurrentActor, DbSession
from api.review.comments import service
from api.review.comments.schemas import CommentIn, CommentOut, CommentPatch
from domain.roles import Actor

router = APIRouter(prefix="/api/recordings/{recording_id}/comments", tags=["review"])


def _outs(session: Session, actor: Actor, comments) -> list[CommentOut]:
    """Comments with who wrote them, so a reader knows whose remark it is and sees which are theirs."""
    authors = service.authors_of(session, comments)
    out = []
    for comment in comments:
        author = authors.get(comment.author_id)
        row = CommentOut.model_validate(comment, from_attributes=True)
        row.author_name = author.display_name if author else None
        row.author_role = author.role if author else None
        row.mine = comment.author_id is not None and comment.author_id == actor.user_id
        out.append(row)
    return out


@router.get("", response_model=list[CommentOut])
def list_comments(recording_id: str, session: DbSession, actor: CurrentActor) -> list[CommentOut]:
    return _outs(session, actor, service.listing(session, actor, recording_id))


@router.post("", response_model=CommentOut, status_code=201)
def add_comment(recording_id: str, body: CommentIn, session: DbSession, actor: CurrentActor) -> CommentOut:
    (comment,) = _outs(session, actor, [service.add(session, actor, recording_id, at_s=body.at_s, text=body.text)])
    return comment


@router.patch("/{comment_id}", response_model=CommentOut)
def edit_comment(
    recording_id: str, comment_id: int, body: CommentPatch, session: DbSession, actor: CurrentActor
) -> CommentOut:
    edited = service.edit(session, actor, recording_id, comment_id, at_s=body.at_s, text=body.text)
    (comment,) = _outs(session, actor, [edited])
    return comment


@router.delete("/{comment_id}", status_code=204)
def delete_comment(recording_id: str, comment_id: int, session: DbSession, actor: CurrentActor) -> Response:
    service.remove(session, actor, recording_id, comment_id)
    return Response(status_code=204)
