"""Playback routes: the signed links of a recording, and the signed playlists themselves."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import Context, CurrentActor, DbSession
from api.playback import service
from api.playback.schemas import PlaybackOut
from api.recordings.service import get_visible

router = APIRouter(tags=["playback"])


@router.get("/api/recordings/{recording_id}/playback", response_model=PlaybackOut)
def playback_links(recording_id: str, session: DbSession, ctx: Context, actor: CurrentActor) -> PlaybackOut:
    """Checked exactly like the recording itself; the links expire after a while."""
    recording = get_visible(session, actor, recording_id)
    return PlaybackOut(**service.links(ctx, service.published_output(session, recording)))


@router.get("/api/playback/{recording_id}/{path:path}")
def signed_text(
    recording_id: str,
    path: str,
    session: DbSession,
    ctx: Context,
    expires: Annotated[int, Query()],
    signature: Annotated[str, Query(max_length=128)],
) -> Response:
    text, media_type = service.serve_text(ctx, session, recording_id, path, expires=expires, signature=signature)
    return Response(text, media_type=media_type, headers={"Cache-Control": "private, max-age=60"})
