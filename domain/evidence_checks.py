"""The checks summary a group leader sees before scoring: facts with reasons, not a verdict.

Seed 001 asks group research sessions (教研活动) to last at least ten minutes with every
participating teacher's face on camera (正面露脸). Each check is ``pass``, ``warn`` (worth a
look, e.g. faces matching nobody on the list) or ``fail`` (the rule is not met).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import reasons
from domain.duration import check_duration
from domain.reasons import Reason
from domain.recordings import RecordingKind

PASS, WARN, FAIL = "pass", "warn", "fail"


@dataclass(frozen=True)
class ParticipantEvidence:
    teacher_id: int
    name: str
    has_reference: bool
    seen: bool
    first_seen_s: float | None = None
    seen_fraction: float = 0.0


def _check(level: str, reason: Reason | None = None, **extra) -> dict:
    body = {"ok": level != FAIL, "level": level, **extra}
    if reason is not None:
        body.update(reason.as_dict())
    return body


def _effective(kind: str, effective_s: float, *, min_s: float) -> dict:
    if kind == RecordingKind.GROUP_SESSION and effective_s < min_s:
        reason = reasons.EFFECTIVE_TOO_SHORT.format(effective=round(effective_s, 1), required=round(min_s))
        return _check(FAIL, reason, effective_duration_s=effective_s)
    return _check(PASS, effective_duration_s=effective_s)


def _participants(people: list[ParticipantEvidence]) -> dict:
    unverifiable = [p for p in people if not p.has_reference]
    missing = [p for p in people if p.has_reference and not p.seen]
    if missing:
        names = "、".join(p.name for p in missing)
        return _check(FAIL, reasons.PARTICIPANTS_MISSING.format(names=names), missing=[p.teacher_id for p in missing])
    if unverifiable:
        names = "、".join(p.name for p in unverifiable)
        reason = reasons.NO_REFERENCE.format(names=names)
        return _check(FAIL, reason, missing=[p.teacher_id for p in unverifiable])
    return _check(PASS, missing=[])


def summarize(
    kind: str,
    *,
    duration_s: float | None,
    effective_duration_s: float,
    participants: list[ParticipantEvidence],
    unknown_faces: int,
    frames_with_faces: int,
    group_session_min_s: float,
) -> dict[str, dict]:
    """Every check by name; group sessions get the face checks, lessons only the durations."""
    duration_problem = check_duration(kind, duration_s, group_session_min_s=group_session_min_s)
    checks = {
        "duration": _check(FAIL if duration_problem else PASS, duration_problem),
        "effective_duration": _effective(kind, effective_duration_s, min_s=group_session_min_s),
    }
    if kind != RecordingKind.GROUP_SESSION:
        return checks
    if frames_with_faces == 0:
        checks["faces"] = _check(FAIL, reasons.NO_FACES)
    checks["participants"] = _participants(participants)
    if unknown_faces:
        checks["unknown_faces"] = _check(WARN, reasons.UNKNOWN_FACES.format(count=unknown_faces), count=unknown_faces)
    else:
        checks["unknown_faces"] = _check(PASS, count=0)
    return checks
