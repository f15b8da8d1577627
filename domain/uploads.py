"""Rules for accepting an upload: declared size, part layout, completeness, and its states.

An upload is open until it is completed (it became a recording), aborted by its uploader,
expired by the sweeper, or rejected (its bytes were not what it claimed); only an open
upload moves, and it moves once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum

from domain import reasons
from domain.reasons import Reason
from domain.state_machine import StateMachine

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class UploadState(str, Enum):
    OPEN = "open"
    COMPLETED = "completed"
    ABORTED = "aborted"
    EXPIRED = "expired"
    REJECTED = "rejected"


class UploadEvent(str, Enum):
    COMPLETE = "complete"
    ABORT = "abort"
    EXPIRE = "expire"
    REJECT = "reject"


UPLOADS: StateMachine[UploadState, UploadEvent] = StateMachine(
    "upload",
    UploadState,
    UploadState.OPEN,
    {
        (UploadState.OPEN, UploadEvent.COMPLETE): UploadState.COMPLETED,
        (UploadState.OPEN, UploadEvent.ABORT): UploadState.ABORTED,
        (UploadState.OPEN, UploadEvent.EXPIRE): UploadState.EXPIRED,
        (UploadState.OPEN, UploadEvent.REJECT): UploadState.REJECTED,
    },
)
# How "this upload is {state}" reads (reasons.UPLOAD_NOT_OPEN); expiry by time too.
CLOSED_LABELS_ZH = {
    UploadState.COMPLETED: "完成",
    UploadState.ABORTED: "取消",
    UploadState.EXPIRED: "过期",
    UploadState.REJECTED: "被拒绝",
}
CLOSED_LABELS_EN = {
    UploadState.COMPLETED: "completed",
    UploadState.ABORTED: "aborted",
    UploadState.EXPIRED: "expired",
    UploadState.REJECTED: "rejected",
}
# Parts gone from storage with no assembled object left: nothing can be completed any more.
LOST_LABELS = ("失效", "no longer available")


@dataclass(frozen=True)
class PartPlan:
    part_size: int
    part_count: int

    def expected_size(self, part_number: int, total_size: int) -> int:
        """Every part is ``part_size`` except the last, which carries the remainder."""
        if part_number < self.part_count:
            return self.part_size
        return total_size - self.part_size * (self.part_count - 1)


def check_declared_size(size: int, *, max_bytes: int) -> Reason | None:
    if size <= 0:
        return reasons.EMPTY_FILE
    if size > max_bytes:
        return reasons.TOO_LARGE.format(size=size, limit=max_bytes)
    return None


def normalise_sha256(value: str | None) -> str | None:
    """Accept upper or lower case hex; ``None`` means the client gave no checksum."""
    if value is None or value == "":
        return None
    lowered = value.strip().lower()
    if not _SHA256.match(lowered):
        raise ValueError(reasons.BAD_CHECKSUM_FORMAT.en)
    return lowered


def plan_parts(size: int, *, min_part_bytes: int, max_parts: int) -> PartPlan:
    """Choose the smallest part size (a whole MiB multiple) that keeps within ``max_parts``.

    S3 needs every part but the last to be at least 5 MiB; small parts make resuming after
    a network cut cheap, so we stay at the minimum until the part count forces us up.
    """
    if size <= 0:
        raise ValueError("size must be positive")
    mib = 1024 * 1024
    part_size = max(min_part_bytes, math.ceil(size / max_parts))
    part_size = math.ceil(part_size / mib) * mib
    return PartPlan(part_size=part_size, part_count=max(1, math.ceil(size / part_size)))


def missing_parts(plan: PartPlan, stored: set[int]) -> list[int]:
    return [n for n in range(1, plan.part_count + 1) if n not in stored]


def describe_ranges(numbers: list[int], limit: int = 20) -> str:
    """Compact '1-3, 7' rendering of part numbers for messages."""
    if not numbers:
        return ""
    spans: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    text = ", ".join(spans[:limit])
    return text + (" …" if len(spans) > limit else "")
