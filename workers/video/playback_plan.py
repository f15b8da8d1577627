"""Decide how a recording becomes browser-playable: stream copy when we can, x264 when we must.

Reviewers watch in a browser (hls.js, or Safari's native HLS) on school networks. A 10-minute
720p stream copy takes seconds; an x264 transcode of it takes minutes on a 2-core worker. So
the decision is made per *codec*, not per container or file name:

COPY (remux to MP4 with ``+faststart`` and cut HLS by stream copy) when the video is H.264,
yuv420p/yuvj420p, at most 1920×1080 and 60 fps, with no display rotation, at most
:data:`MAX_COPY_BITRATE`, and the audio is AAC (or absent). Non-AAC audio next to copyable
video (PCM from cameras, MP3, Opus) is re-encoded to AAC while the video is still copied.

* **FLV and MPEG-TS are copied too** when their codecs qualify, although the issue lists them
  with the transcode cases. H.264 in FLV is AVCC like MP4; in TS it is Annex B, which the
  MP4 muxer converts itself; TS carries AAC in ADTS frames, so ``aac_adtstoasc`` is added
  for the MP4. What really makes recorder output unsafe to copy is its *timeline* (written
  live, no index) and interlacing, so those are checked on the actual file
  (:mod:`workers.video.source_scan`) and any problem sends it to TRANSCODE with a reason.
  Copying classroom-recorder output saves ~8 minutes of CPU per 10 minutes of video.
* **AVI is always transcoded**: it has no presentation timestamps, so H.264 with B-frames
  cannot be remuxed reliably.
* **Rotation** needs a transcode: MPEG-TS segments cannot carry the MP4 display matrix, so
  copied HLS would play sideways.
* **Bitrate cap 8 Mbit/s**: Apple's HLS authoring spec tops its 1080p H.264 ladder at
  7.8 Mbit/s; anything above that (phone H.264 at ~17 Mbit/s) stalls on a shared school link.
* Copied HLS segments are cut at the source's keyframes, so their lengths follow the source
  GOP (a 10 s GOP gives 10 s segments); keyframes more than :data:`MAX_COPY_KEYFRAME_GAP_S`
  apart are transcoded instead.

TRANSCODE: H.264 High + AAC, short side 720 plus 360 (never upscaled: a 480p source gives
480+360, a source of 360p or less a single rendition at its own size), at most 30 fps,
CRF 23 capped by a per-rendition ``maxrate``, keyframes every 2 s exactly (scene cuts off)
so both renditions' 6 s segments align. The preset is ``superfast``, chosen by measurement
(``bench/playback.py --presets``; the figures are in ``bench/README.md``): ultrafast drops CABAC and
B-frames and is about 1 dB worse at the same size; veryfast costs about 1.45× superfast's CPU for
0.5 dB at the same size (≈10 % fewer bits for equal quality), faster 2.2× for 0.7 dB. On a 2-core
worker whose typical job is a 45-minute phone lesson, superfast cuts the wait by about a third
against veryfast, and SSIM 0.987 vs 0.989 is invisible when judging a lesson. Caveat: the noisy test
picture hits the bitrate cap with every preset; static classroom footage stays under the cap, where
veryfast would instead save ~10 % of the bits.

The ffmpeg argument vectors themselves are built in :mod:`workers.video.playback_args`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from domain import reasons as reason_codes
from workers.video.errors import CorruptMedia
from workers.video.probe import MediaInfo
from workers.video.source_scan import SourceScan

COPY, TRANSCODE = "copy", "transcode"

MAX_COPY_BITRATE = 8_000_000
MAX_COPY_LONG_SIDE, MAX_COPY_SHORT_SIDE = 1920, 1080
MAX_COPY_FPS = 60.5
MAX_COPY_KEYFRAME_GAP_S = 12.0
COPY_PIXEL_FORMATS = frozenset({"yuv420p", "yuvj420p"})
ADTS_CONTAINERS = frozenset({"mpegts"})  # AAC framed as ADTS: MP4 needs aac_adtstoasc
NO_COPY_CONTAINERS = {"avi": "AVI has no presentation timestamps; H.264 cannot be remuxed from it reliably"}

X264_PRESET = "superfast"
CRF = 23
TOP_SHORT_SIDE, LOW_SHORT_SIDE = 720, 360
LOW_RUNG_FROM = 480  # below this the 360p rung is too close to the top one to be worth it
TOP_MAXRATE = 2_500_000  # bit/s at 720p; smaller rungs scale with (short side / 720) ** 1.5
AUDIO_BITRATES = (128_000, 96_000)  # top rendition, the others
MAX_OUTPUT_FPS = 30.5
KEYFRAME_INTERVAL_S = 2
HLS_SEGMENT_S = 6


@dataclass(frozen=True)
class Profile:
    name: str  # "source" (copy) or "<short side>p", e.g. "720p"; also the HLS sub-directory
    width: int  # expected display size (square pixels assumed; the manifest reports the real one)
    height: int
    video_bitrate: int | None  # maxrate for a transcode; the source's total bitrate for a copy
    audio_bitrate: int | None  # None: audio copied or absent


@dataclass(frozen=True)
class PlaybackPlan:
    mode: str  # COPY or TRANSCODE
    reasons: tuple[str, ...]  # why it is transcoded (or why only the audio is re-encoded)
    profiles: tuple[Profile, ...]  # top rendition first; it is also the one in video.mp4
    has_audio: bool
    audio_copy: bool  # AAC stream copied as is
    adts_audio: bool  # copied AAC arrives in ADTS frames (MPEG-TS source)
    frame_rate: float | None  # output rate for a transcode
    tonemap: bool  # HDR (PQ/HLG) source: tone-map to SDR BT.709
    preset: str = X264_PRESET

    def ffmpeg_args(self, src: Path, *, ffmpeg_binary: str | None = None, progress: bool = True) -> list[str]:
        """The whole ffmpeg command; run it with the output directory as cwd (see playback_args)."""
        from workers.video import playback_args  # the builder imports this module's types

        return playback_args.build(self, src, ffmpeg_binary=ffmpeg_binary, progress=progress)

    def output_dirs(self) -> tuple[str, ...]:
        """Directories ffmpeg expects to exist (the hls muxer does not create them)."""
        return ("hls", *(f"hls/{p.name}" for p in self.profiles))


def plan_playback(info: MediaInfo, scan: SourceScan | None = None) -> PlaybackPlan:
    """Decide copy or transcode for ``info`` (and, when given, what the source scan found).

    Raises :class:`CorruptMedia` (``transcode.failed``) when the probe found no picture size:
    there is nothing to scale, and no decodable picture (e.g. a recording cut after its last
    keyframe).
    """
    if info.width <= 0 or info.height <= 0:
        raise CorruptMedia(reason_codes.TRANSCODE_FAILED, detail=f"no picture size ({info.width}x{info.height})")
    video_reasons = _video_reasons(info, scan)
    audio_copy = info.has_audio and info.audio_codec == "aac"
    if not video_reasons:
        width, height = info.width, info.height
        audio_rate = None if audio_copy or not info.has_audio else AUDIO_BITRATES[0]
        why = () if audio_copy or not info.has_audio else (f"audio codec {info.audio_codec}: re-encoded to AAC",)
        return PlaybackPlan(
            mode=COPY,
            reasons=why,
            profiles=(Profile("source", width, height, info.bitrate, audio_rate),),
            has_audio=info.has_audio,
            audio_copy=audio_copy,
            adts_audio=audio_copy and info.container in ADTS_CONTAINERS,
            frame_rate=None,
            tonemap=False,
        )
    if info.has_audio and not audio_copy:
        video_reasons.append(f"audio codec {info.audio_codec}: re-encoded to AAC")
    return PlaybackPlan(
        mode=TRANSCODE,
        reasons=tuple(video_reasons),
        profiles=ladder(*display_size(info), has_audio=info.has_audio),
        has_audio=info.has_audio,
        audio_copy=False,
        adts_audio=False,
        frame_rate=output_frame_rate(info.frame_rate),
        tonemap=bool(scan and scan.hdr),
    )


def _video_reasons(info: MediaInfo, scan: SourceScan | None) -> list[str]:
    found = []
    if info.video_codec != "h264":
        found.append(f"video codec {info.video_codec}: browsers need H.264")
    if info.container in NO_COPY_CONTAINERS:
        found.append(NO_COPY_CONTAINERS[info.container])
    if info.pixel_format not in COPY_PIXEL_FORMATS:
        found.append(f"pixel format {info.pixel_format}: browsers need 8-bit 4:2:0")
    if info.rotation:
        found.append(f"display rotation {info.rotation}°: HLS cannot carry it, the picture is turned upright")
    if max(info.width, info.height) > MAX_COPY_LONG_SIDE or min(info.width, info.height) > MAX_COPY_SHORT_SIDE:
        found.append(f"{info.width}x{info.height} is larger than 1080p")
    if info.bitrate and info.bitrate > MAX_COPY_BITRATE:
        found.append(f"bitrate {info.bitrate / 1e6:.1f} Mbit/s is above {MAX_COPY_BITRATE / 1e6:g} Mbit/s")
    if info.frame_rate and info.frame_rate > MAX_COPY_FPS:
        found.append(f"{info.frame_rate:.0f} fps is above 60 fps")
    if scan is not None:
        found += _scan_reasons(scan)
    return found


def _scan_reasons(scan: SourceScan) -> list[str]:
    found = []
    if scan.interlaced:
        found.append(f"interlaced video ({scan.field_order}): deinterlaced")
    if scan.hdr:
        found.append(f"HDR transfer {scan.color_transfer}: tone-mapped to SDR")
    if scan.timeline_checked and not scan.starts_on_keyframe:
        found.append("the video does not start on a keyframe")
    if scan.dts_backwards:
        found.append(f"video timestamps go backwards {scan.dts_backwards} times")
    if scan.max_keyframe_gap_s > MAX_COPY_KEYFRAME_GAP_S:
        found.append(f"keyframes up to {scan.max_keyframe_gap_s:.0f} s apart: copied HLS segments would be as long")
    return found


def display_size(info: MediaInfo) -> tuple[int, int]:
    """Width and height as shown, after the display rotation."""
    return (info.height, info.width) if info.rotation in (90, 270) else (info.width, info.height)


def ladder(width: int, height: int, *, has_audio: bool = True) -> tuple[Profile, ...]:
    """Renditions for a ``width``×``height`` picture: short side 720 and 360, never upscaled."""
    short, long_ = min(width, height), max(width, height)
    top = min(TOP_SHORT_SIDE, short) // 2 * 2
    rungs = [top] + ([LOW_SHORT_SIDE] if top >= LOW_RUNG_FROM else [])
    profiles = []
    for index, side in enumerate(rungs):
        other = max(2, round(long_ * side / short / 2) * 2)
        w, h = (other, side) if width >= height else (side, other)
        maxrate = max(300_000, round(TOP_MAXRATE * (side / TOP_SHORT_SIDE) ** 1.5, -4))
        audio = AUDIO_BITRATES[min(index, 1)] if has_audio else None
        profiles.append(Profile(f"{side}p", w, h, int(maxrate), audio))
    return tuple(profiles)


def output_frame_rate(rate: float | None) -> float:
    """The source rate, halved (or more) until it is at most 30 fps; 25 when unknown."""
    if not rate or not math.isfinite(rate) or rate <= 0:
        return 25.0
    divisor = max(1, math.ceil(rate / MAX_OUTPUT_FPS))
    return round(rate / divisor, 3)
