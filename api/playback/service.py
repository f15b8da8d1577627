"""Build signed playback links, and serve playlists with every URI signed for the player."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden, NotFound
from api.playback import repository
from api.playback.rewrite import UnsafePath, resolve_relative, rewrite_playlist, rewrite_vtt
from db.base import utcnow
from db.models import DerivedOutput, Recording
from domain import reasons
from domain.stages import Stage
from pipeline import jobs
from storage.keys import file_in
from storage.signing import signed_query, verify

_TEXT_TYPES = {".m3u8": "application/vnd.apple.mpegurl", ".vtt": "text/vtt; charset=utf-8"}


def _subject(recording_id: str, path: str) -> str:
    return f"playback:{recording_id}/{path}"


def app_url(ctx: AppContext, recording_id: str, path: str) -> str:
    """A signed link to a playlist or track that the app rewrites when served."""
    query = signed_query(ctx.settings.secret_key, _subject(recording_id, path), ctx.settings.playback_url_expiry_s)
    return f"/api/playback/{recording_id}/{quote(path)}?{query}"


def published_output(session: Session, recording: Recording) -> DerivedOutput:
    output = repository.published(session, recording.id)
    if output is None:
        job = jobs.get(session, recording.id, Stage.TRANSCODE)
        raise Conflict(reasons.PLAYBACK_NOT_READY.format(state=job.state if job else "none"))
    return output


def links(ctx: AppContext, output: DerivedOutput) -> dict:
    """Every URL a player needs; objects the browser fetches as-is are presigned directly."""
    manifest, expiry = output.manifest, ctx.settings.playback_url_expiry_s
    files = set(manifest.get("files", []))

    def direct(path: str) -> str | None:
        return ctx.store.presign_get(file_in(output.prefix, path), expiry) if path in files else None

    def rewritten(path: str) -> str | None:
        return app_url(ctx, output.recording_id, path) if path in files else None

    return {
        "mode": manifest.get("mode"),
        "duration_s": manifest.get("duration_s"),
        "profiles": manifest.get("profiles", []),
        "mp4_url": direct(manifest.get("mp4", "video.mp4")),
        "hls_url": rewritten(manifest.get("hls_master", "hls/master.m3u8")),
        "poster_url": direct(manifest.get("poster", "poster.jpg")),
        "storyboard_vtt_url": rewritten(manifest.get("storyboard_vtt", "storyboard.vtt")),
        "expires_at": utcnow() + timedelta(seconds=expiry),
    }


def serve_text(
    ctx: AppContext, session: Session, recording_id: str, path: str, *, expires: int, signature: str
) -> tuple[str, str]:
    """The playlist or VTT at ``path`` with each URI inside it signed; (text, media type)."""
    lifetime = ctx.settings.max_link_lifetime_s
    if not verify(ctx.settings.secret_key, _subject(recording_id, path), expires, signature, max_lifetime_s=lifetime):
        raise Forbidden(reasons.LINK_EXPIRED)
    output = repository.published(session, recording_id)
    suffix = path[path.rfind(".") :]
    files = set(output.manifest.get("files", [])) if output else set()
    if output is None or path not in files or suffix not in _TEXT_TYPES:
        raise NotFound("播放文件", "Playback file")
    text = ctx.store.read_bytes(file_in(output.prefix, path)).decode("utf-8")
    expiry = ctx.settings.playback_url_expiry_s

    def resolve(uri: str) -> str:
        try:
            target = resolve_relative(path, uri)
        except UnsafePath:
            raise NotFound("播放文件", "Playback file") from None
        if target not in files:
            raise NotFound("播放文件", "Playback file")
        if target.endswith(".m3u8"):
            return app_url(ctx, recording_id, target)
        return ctx.store.presign_get(file_in(output.prefix, target), expiry)

    rewrite = rewrite_playlist if suffix == ".m3u8" else rewrite_vtt
    return rewrite(text, resolve), _TEXT_TYPES[suffix]
