"""What a point asks the teacher to hand in, and whether a piece of work meets it (issue 17).

The catalogue lists each point's evidence items (CATALOG.md §3: A1 asks for a 学情分析方案
document and a 学情分析报告 video of at most 5 minutes, 缺一不可 per S1). Those items are what
the teacher's card shows before anything is uploaded, what attaching a recording is checked
against, and what submitting needs, every missing or violating item named at once.

Most seed points have no known items yet. For them the programme's default stays: one lesson
recording (课堂实录) with no limit of its own, documents optional, and the teacher is told the
list awaits the province. A point whose items are known asks for exactly those: without a
video item no recording is asked for, nor accepted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from domain import requirement_reasons as qr
from domain.catalogue import CapabilityPoint, EvidenceItem
from domain.media_signature import ALLOWED_FORMATS
from domain.reasons import Reason
from domain.recordings import UNUSABLE, RecordingStatus

# The item a point without a known evidence list asks for: the programme's lesson recording.
DEFAULT_VIDEO = EvidenceItem(key="课堂实录", description_zh="课堂实录（默认，时长不限）", is_video=True)
# Spellings an admin may use for a video format, mapped to the container family the upload sniffs.
_FORMAT_ALIASES = {"mov": "mp4", "m4v": "mp4", "mkv": "matroska", "webm": "matroska", "ts": "mpegts"}


class ItemState(str, Enum):
    SATISFIED = "satisfied"
    MISSING = "missing"
    PENDING = "pending"  # a recording is there but its checks have not finished
    VIOLATING = "violating"


@dataclass(frozen=True)
class Requirements:
    """The point's evidence items; ``known`` is False when the programme default stands in."""

    code: str
    items: tuple[EvidenceItem, ...]
    known: bool

    @property
    def video(self) -> EvidenceItem | None:
        """The item the submission's one recording answers (the first video item)."""
        return next((i for i in self.items if i.is_video), None)

    @property
    def documents(self) -> tuple[EvidenceItem, ...]:
        return tuple(i for i in self.items if not i.is_video)

    @property
    def note(self) -> Reason | None:
        """What the teacher is told when the list is the programme default."""
        return None if self.known else qr.DEFAULT_EVIDENCE


@dataclass(frozen=True)
class RecordingFacts:
    """What the rules need to know of an attached recording; ``duration_s`` None until probed."""

    status: RecordingStatus
    duration_s: float | None = None
    size_bytes: int | None = None
    container: str | None = None


@dataclass(frozen=True)
class ItemCheck:
    item: EvidenceItem
    state: ItemState
    reason: Reason | None = None


def requirements_for(point: CapabilityPoint) -> Requirements:
    """The point's items as the catalogue lists them, or the default lesson recording when none are."""
    if not point.items:
        return default_requirements(point.code)
    return Requirements(point.code, point.items, known=True)


def default_requirements(code: str) -> Requirements:
    """The programme default, also for a point its catalogue no longer lists."""
    return Requirements(code, (DEFAULT_VIDEO,), known=False)


def clock(seconds: float, *, precise: bool = False) -> str:
    """720 → "12:00", 3725 → "1:02:05"; ``precise`` keeps a tenth ("5:00.4") where it decides."""
    tenths = round(max(seconds, 0.0) * 10)
    whole, tenth = divmod(tenths, 10)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{tenth}" if precise and tenth else text


def span(seconds: float) -> tuple[str, str]:
    """A limit in words: 300 → ("5 分钟", "5-minute"); 5 → ("5 秒", "5-second")."""
    if seconds >= 60 and seconds % 60 == 0:
        n = int(seconds // 60)
        return f"{n} 分钟", f"{n}-minute"
    n = f"{seconds:g}"
    return f"{n} 秒", f"{n}-second"


def _amount_en(seconds: float) -> str:
    """300 → "5 minutes", 60 → "1 minute", 30 → "30 seconds"."""
    if seconds >= 60 and seconds % 60 == 0:
        n = int(seconds // 60)
        return f"{n} minute" + ("s" if n != 1 else "")
    return f"{seconds:g} second" + ("s" if seconds != 1 else "")


def limits_text(item: EvidenceItem) -> tuple[str, str]:
    """The item's duration limits as an aside: ("（不超过 5 分钟）", " (at most 5 minutes)"), or blanks."""
    lo, hi = item.min_duration_s, item.max_duration_s
    if lo is None and hi is None:
        return "", ""
    if lo is None:
        return f"（不超过 {span(hi)[0]}）", f" (at most {_amount_en(hi)})"
    if hi is None:
        return f"（至少 {span(lo)[0]}）", f" (at least {_amount_en(lo)})"
    return f"（{span(lo)[0]}至 {span(hi)[0]}）", f" ({_amount_en(lo)} to {_amount_en(hi)})"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _family(fmt: str) -> str:
    name = fmt.strip().lower().lstrip(".")
    if name in ALLOWED_FORMATS:
        return name
    return _FORMAT_ALIASES.get(name) or next((f for f, names in ALLOWED_FORMATS.items() if name in names), name)


def recording_violation(item: EvidenceItem, recording: RecordingFacts) -> Reason | None:
    """Why the recording breaks the video item's own limits (size, format, duration once known)."""
    if item.max_bytes is not None and recording.size_bytes is not None and recording.size_bytes > item.max_bytes:
        return qr.VIDEO_TOO_LARGE.format(item=item.key, size=_mb(recording.size_bytes), limit=_mb(item.max_bytes))
    if item.accepted_formats and recording.container:
        families = {_family(f) for f in item.accepted_formats}
        if _family(recording.container) not in families:
            formats = "/".join(item.accepted_formats)
            return qr.VIDEO_FORMAT.format(item=item.key, formats=formats, kind=recording.container)
    actual = recording.duration_s
    if actual is None or actual <= 0:
        return None  # not probed yet: judged when it is, on the card and at submit
    if item.max_duration_s is not None and actual > item.max_duration_s:
        limit_zh, limit_en = span(item.max_duration_s)
        shown = clock(actual, precise=math.floor(actual) <= item.max_duration_s)
        return qr.VIDEO_TOO_LONG.format(item=item.key, actual=shown, limit_zh=limit_zh, limit_en=limit_en)
    if item.min_duration_s is not None and actual < item.min_duration_s:
        limit_zh, limit_en = span(item.min_duration_s)
        shown = clock(actual, precise=math.ceil(actual) >= item.min_duration_s)
        return qr.VIDEO_TOO_SHORT.format(item=item.key, actual=shown, limit_zh=limit_zh, limit_en=limit_en)
    return None


def no_video_refusal(requirements: Requirements) -> Reason | None:
    """Why the point takes no recording at all (its known items hold no video), or None."""
    if requirements.video is not None:
        return None
    items = "、".join(i.key for i in requirements.items)
    return qr.VIDEO_NOT_ASKED.format(code=requirements.code, items=items)


def attach_refusal(requirements: Requirements, recording: RecordingFacts) -> Reason | None:
    """Why this recording may not be attached to work on the point, or None.

    A point without a video item takes none; a duration not known yet is no reason to refuse
    (the upload is only just done), it is judged once probed.
    """
    refused = no_video_refusal(requirements)
    if refused is not None:
        return refused
    return recording_violation(requirements.video, recording)


def _video_check(item: EvidenceItem, recording: RecordingFacts | None) -> ItemCheck:
    if recording is None:
        limits_zh, limits_en = limits_text(item)
        return ItemCheck(
            item, ItemState.MISSING, qr.VIDEO_MISSING.format(item=item.key, limits_zh=limits_zh, limits_en=limits_en)
        )
    violation = recording_violation(item, recording)
    if violation is not None:
        return ItemCheck(item, ItemState.VIOLATING, violation)
    if recording.status in UNUSABLE:
        return ItemCheck(
            item, ItemState.VIOLATING, qr.VIDEO_UNUSABLE.format(item=item.key, status=recording.status.value)
        )
    if recording.status is not RecordingStatus.READY:
        # Until its checks and transcoding finish, the leader could neither trust nor play it.
        return ItemCheck(item, ItemState.PENDING, qr.VIDEO_PROCESSING.format(item=item.key))
    return ItemCheck(item, ItemState.SATISFIED)


def _document_check(item: EvidenceItem, handed_in: frozenset[str]) -> ItemCheck:
    if item.key in handed_in:
        return ItemCheck(item, ItemState.SATISFIED)
    # The catalogue's description names the item and what it should be ("学情分析方案（…表格式…）").
    description = item.description_zh if item.key in (item.description_zh or "") else item.key
    return ItemCheck(item, ItemState.MISSING, qr.DOCUMENT_MISSING.format(item=item.key, description=description))


def check_work(
    requirements: Requirements, *, recording: RecordingFacts | None, document_keys: frozenset[str]
) -> tuple[ItemCheck, ...]:
    """Each item's state, in catalogue order; ``document_keys``: the items documents were handed in for.

    Only the first video item is answered by the submission's recording (a submission has one);
    the catalogue refuses a point with two, so that case does not arise from stored data.
    """
    video = requirements.video
    return tuple(
        _video_check(item, recording) if item is video else _document_check(item, document_keys)
        for item in requirements.items
    )


def problems(checks: tuple[ItemCheck, ...]) -> tuple[Reason, ...]:
    """Every reason the work cannot be submitted yet; empty when it can."""
    return tuple(c.reason for c in checks if c.state is not ItemState.SATISFIED and c.reason is not None)
