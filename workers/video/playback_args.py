"""The ffmpeg argument vectors for a :class:`~workers.video.playback_plan.PlaybackPlan`.

One ffmpeg process writes everything the player needs, relative to its cwd (the output
directory): ``video.mp4`` (moov first) and ``hls/master.m3u8`` with one sub-directory per
rendition (``hls/<profile>/index.m3u8`` + ``seg_00000.ts`` ...). Every URI ffmpeg writes into
the playlists is relative, so the published set can be moved to any prefix and signed.

Segments are MPEG-TS, not fMP4: hls.js plays both, but TS also plays in Safari/iOS versions
before fMP4 support and in the Android WebViews (WeChat's X5 included) that teachers and
reviewers actually use; the ~5 % container overhead is the price.

* COPY: two outputs reading one demuxed stream — MP4 and the HLS muxer (one variant).
* TRANSCODE: one decode, ``split`` into the renditions, each encoded once; the ``tee`` muxer
  hands the top rendition to both the MP4 and the HLS muxer (so it is not encoded twice),
  and the HLS muxer writes the ladder with ``-var_stream_map`` and ``-master_pl_name``.

HLS names carry no ``file:`` prefix: the hls muxer creates a segment's directory from the
name as written (it would make a ``file:hls`` directory), and these names are our constants,
never the upload's. Metadata and chapters are dropped from the outputs: phone recordings
carry GPS positions.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from workers.video import playback_plan as pp
from workers.video import tool_args
from workers.video.ffmpeg_run import STRICT_DECODE, base_args

MP4_NAME = "video.mp4"
MASTER_NAME = "master.m3u8"
VARIANT_PLAYLIST = "index.m3u8"
SEGMENT_PATTERN = "seg_%05d.ts"
_COMMON_OUT = ["-map_metadata", "-1", "-map_chapters", "-1", "-max_muxing_queue_size", "4096"]
# HDR (PQ/HLG) → SDR BT.709: linearise, tone-map (hable keeps highlights), back to BT.709.
_TONEMAP = (
    "zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv"
)


def build(plan: pp.PlaybackPlan, src: Path, *, ffmpeg_binary: str | None = None, progress: bool = True) -> list[str]:
    """The complete vector; ``src`` is made absolute, outputs are relative to the cwd."""
    head = base_args(ffmpeg_binary, progress=progress)
    if plan.mode == pp.COPY:
        return head + tool_args.safe_input(src) + _copy_outputs(plan)
    return head + tool_args.safe_input(src, *STRICT_DECODE) + _transcode_outputs(plan)


def hls_options(plan: pp.PlaybackPlan) -> dict[str, str]:
    """Options of the hls muxer (shared by the copy and the tee form)."""
    audio = ",a:{i}" if plan.has_audio else ""
    stream_map = " ".join(f"v:{i}{audio.format(i=i)},name:{p.name}" for i, p in enumerate(plan.profiles))
    options = {
        "hls_time": str(pp.HLS_SEGMENT_S),
        "hls_playlist_type": "vod",
        "hls_segment_type": "mpegts",
        "hls_segment_filename": f"hls/%v/{SEGMENT_PATTERN}",
        "master_pl_name": MASTER_NAME,
        "var_stream_map": stream_map,
    }
    if plan.mode == pp.TRANSCODE:
        options["hls_flags"] = "independent_segments"  # every segment opens with an IDR frame
    return options


def _copy_outputs(plan: pp.PlaybackPlan) -> list[str]:
    maps = ["-map", "0:V:0"] + (["-map", "0:a:0"] if plan.has_audio else [])
    if plan.audio_copy or not plan.has_audio:
        codecs = ["-c", "copy"]
    else:  # copy the video, re-encode the audio (PCM, MP3, Opus next to good H.264)
        codecs = ["-c:v", "copy", *_aac(plan.profiles[0].audio_bitrate, pad_start=False)]
    mp4_bsf = ["-bsf:a", "aac_adtstoasc"] if plan.adts_audio else []
    hls = [item for key, value in hls_options(plan).items() for item in (f"-{key}", value)]
    return [
        *maps, *codecs, *mp4_bsf, *_COMMON_OUT, "-movflags", "+faststart", "-f", "mp4", f"file:{MP4_NAME}",
        *maps, *codecs, *_COMMON_OUT, "-f", "hls", *hls, f"hls/%v/{VARIANT_PLAYLIST}",
    ]  # fmt: skip


def _transcode_outputs(plan: pp.PlaybackPlan) -> list[str]:
    args = ["-filter_complex", filter_graph(plan)]
    for i in range(len(plan.profiles)):
        args += ["-map", f"[v{i}]"] + (["-map", "0:a:0"] if plan.has_audio else [])
    fps = plan.frame_rate or 25.0
    args += ["-c:v", "libx264", "-preset", plan.preset, "-profile:v", "high", "-crf", str(pp.CRF)]
    args += ["-g", str(round(fps * pp.KEYFRAME_INTERVAL_S)), "-sc_threshold", "0"]
    args += ["-force_key_frames:v", f"expr:gte(t,n_forced*{pp.KEYFRAME_INTERVAL_S})"]
    if plan.tonemap:  # the graph converted to BT.709; say so, or players guess
        args += ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"]
    for i, profile in enumerate(plan.profiles):
        rate = profile.video_bitrate or pp.TOP_MAXRATE
        args += [f"-maxrate:v:{i}", str(rate), f"-bufsize:v:{i}", str(2 * rate)]
        if plan.has_audio:
            args += [f"-b:a:{i}", str(profile.audio_bitrate or pp.AUDIO_BITRATES[-1])]
    if plan.has_audio:
        args += _aac(None, pad_start=True)
    return args + [*_COMMON_OUT, "-f", "tee", tee_target(plan)]


def filter_graph(plan: pp.PlaybackPlan) -> str:
    """Deinterlace (only frames flagged interlaced), set the rate, square the pixels, scale."""
    rate = Fraction(plan.frame_rate or 25.0).limit_denominator(1001)
    chain = ["yadif=deint=interlaced", f"fps={rate.numerator}/{rate.denominator}"]
    chain += [_TONEMAP] if plan.tonemap else []
    chain += ["scale=w='trunc(iw*sar/2)*2':h='trunc(ih/2)*2'", "setsar=1", "format=yuv420p"]
    count = len(plan.profiles)
    head = "[0:V:0]" + ",".join(chain)
    if count == 1:
        return f"{head},{_scale(plan.profiles[0])}[v0]"
    branches = "".join(f"[s{i}]" for i in range(count))
    tails = ";".join(f"[s{i}]{_scale(p)}[v{i}]" for i, p in enumerate(plan.profiles))
    return f"{head},split={count}{branches};{tails}"


def _scale(profile: pp.Profile) -> str:
    """Fix the short side; the long side follows the (squared) picture's aspect ratio."""
    if profile.width >= profile.height:
        return f"scale=w=-2:h={profile.height}"
    return f"scale=w={profile.width}:h=-2"


def _aac(bitrate: int | None, *, pad_start: bool) -> list[str]:
    """AAC stereo; ``aresample=async`` keeps sync across gaps (and pads a late start)."""
    resample = "aresample=async=1" + (":first_pts=0" if pad_start else "")
    return ["-c:a", "aac", *(["-b:a", str(bitrate)] if bitrate else []), "-ac", "2", "-af", resample]


def tee_target(plan: pp.PlaybackPlan) -> str:
    """``[mp4 options]file:video.mp4|[hls options]hls/%v/index.m3u8`` for the tee muxer.

    Option values are quoted (``\\'...\\'``) because they contain ``:``; every value is ours
    and free of quotes and backslashes, so no further escaping is needed.
    """
    top = "v:0,a:0" if plan.has_audio else "v:0"
    mp4 = f"[select=\\'{top}\\':f=mp4:movflags=+faststart]file:{MP4_NAME}"
    hls = ":".join(f"{key}=\\'{value}\\'" for key, value in {"f": "hls", **hls_options(plan)}.items())
    return f"{mp4}|[{hls}]hls/%v/{VARIANT_PLAYLIST}"
