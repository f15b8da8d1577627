"""A group session as a training record (issue 20, item 5): its sign-in sheet, and when it is 完整.

Seed 001 §三.3: “各教研组要做好过程性考核,培训前进行点名签到,录好视频,做好报道和提交学习心得。每次
培训结束后都需把这些材料打包上传。否则不认定为完整培训。” So a session is complete (完整) only when

- its video counts (``domain.recordings.session_standing``: processed, and passed or accepted);
- every listed participant is on the sign-in sheet (点名签到): identified on camera, vouched for
  by the leader's acceptance of the session, or signed in by hand by the leader with a note;
- the leader wrote its report (报道) of at least the set length;
- every listed participant wrote their own reflection (学习心得) of at least the set length.

``missing`` says which of these is lacking, one reason each, naming the people concerned.
Lengths count characters without whitespace (a Chinese text has no spaces to count).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from domain import session_record_reasons as rr
from domain.reasons import Reason


class SignInSource(str, Enum):
    """How a participant came onto the sign-in sheet, strongest evidence first."""

    SEEN = "seen"  # identified on camera by the analysis
    MANUAL = "manual"  # signed in by the leader, with a note
    ACCEPTED = "accepted"  # the leader accepted the session despite its checks, vouching for its list


SOURCE_WORDS = {
    SignInSource.SEEN: ("人脸识别", "identified on camera"),
    SignInSource.MANUAL: ("组长补签", "signed in by the leader"),
    SignInSource.ACCEPTED: ("组长认定", "accepted by the leader"),
}


@dataclass(frozen=True)
class Participant:
    """A teacher listed as taking part, with what the record holds of them."""

    teacher_id: int
    name: str
    seen: bool = False
    manual_note: str | None = None  # the leader's note when signed in by hand
    reflection_chars: int = 0  # the length of their reflection, 0 when none


@dataclass(frozen=True)
class RecordFacts:
    counts: bool  # the recording counts toward its group
    accepted: bool  # the leader accepted it despite failed checks
    participants: tuple[Participant, ...]
    report_chars: int = 0


def text_length(text: str | None) -> int:
    """Characters without whitespace: what a length rule counts."""
    return len("".join((text or "").split()))


def sign_in_source(participant: Participant, *, accepted: bool) -> SignInSource | None:
    """How ``participant`` is signed in, or ``None`` when they are not on the sheet."""
    if participant.seen:
        return SignInSource.SEEN
    if participant.manual_note is not None:
        return SignInSource.MANUAL
    return SignInSource.ACCEPTED if accepted else None


def signed_in(facts: RecordFacts) -> list[tuple[Participant, SignInSource]]:
    """The sign-in sheet: each participant on it with how, in the list's order."""
    sheet = [(p, sign_in_source(p, accepted=facts.accepted)) for p in facts.participants]
    return [(p, source) for p, source in sheet if source is not None]


def _names(people: Sequence[Participant]) -> str:
    return "、".join(p.name for p in people)


def missing(facts: RecordFacts, *, reflection_min_chars: int, report_min_chars: int) -> list[Reason]:
    """What the record lacks to be 完整, in the seed's order (video, sign-in, report, reflections)."""
    lacking: list[Reason] = []
    if not facts.counts:
        lacking.append(rr.MISSING_VIDEO)
    absent = [p for p in facts.participants if sign_in_source(p, accepted=facts.accepted) is None]
    if absent:
        lacking.append(rr.MISSING_SIGN_INS.format(names=_names(absent)))
    if facts.report_chars < report_min_chars or facts.report_chars == 0:
        lacking.append(rr.MISSING_REPORT.format(min=report_min_chars))
    unwritten = [p for p in facts.participants if p.reflection_chars < max(reflection_min_chars, 1)]
    if unwritten:
        lacking.append(rr.MISSING_REFLECTIONS.format(min=reflection_min_chars, names=_names(unwritten)))
    return lacking


def is_complete(facts: RecordFacts, *, reflection_min_chars: int, report_min_chars: int) -> bool:
    """Whether the session is a complete training (完整): nothing ``missing``."""
    return not missing(facts, reflection_min_chars=reflection_min_chars, report_min_chars=report_min_chars)
