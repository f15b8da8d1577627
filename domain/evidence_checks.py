"""The checks summary a group leader sees before scoring: facts with reasons, not a verdict.

Seed 001 asks group research sessions (教研活动) to last at least ten minutes with every
participating teacher's face on camera (正面露脸). Each check is ``pass``, ``warn`` (worth a
look, e.g. faces matching nobody on the list) or ``fail`` (the rule is not met).

Any recording, lesson or session, is also compared with every recording uploaded before it
(issue 15): a minute or more of the same pictures is a ``warn`` naming the earlier one, evidence
for the leader's judgement rather than a verdict (a teacher may have uploaded a lesson twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from domain import biometric_consent, reasons
from domain.duration import check_duration
from domain.reasons import Reason
from domain.recordings import RecordingKind
from domain.roles import Role
from domain.school_time import local_time, minute_text

PASS, WARN, FAIL = "pass", "warn", "fail"
# Shared sequence that makes two recordings one re-used recording (issue 15).
DUPLICATE_MIN_S = 60.0
# Checks that name another teacher's recording: for those who judge the work (the leader, the
# school and the province, issue 15), not for the teacher whose recording it is.
JUDGES_ONLY = frozenset({"duplicate"})


@dataclass(frozen=True)
class ParticipantEvidence:
    teacher_id: int
    name: str
    has_reference: bool
    seen: bool
    first_seen_s: float | None = None
    seen_fraction: float = 0.0
    # Without the teacher's consent to face identification (``domain.biometric_consent``) they are
    # not looked for: the check says so instead of failing them as absent.
    consented: bool = True


@dataclass(frozen=True)
class EarlierRecording:
    """A recording uploaded before the one checked, as the duplicate check names it."""

    recording_id: str
    name: str  # its teacher's, or for a session its uploader's
    school: str
    uploaded_at: datetime  # timezone-aware


@dataclass(frozen=True)
class SharedSequence:
    """How much of the checked recording repeats ``earlier``, and where in each it starts."""

    earlier: EarlierRecording
    seconds: float
    start_s: float
    earlier_start_s: float


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


def _participants(everyone: list[ParticipantEvidence]) -> dict:
    """``fail`` naming everyone not shown to be there: those never seen, and apart from them those
    who could not be looked for (no reference photo) — two different fixes for the leader.

    Participants who did not consent to face identification are not looked for, and neither
    fail nor pass: a ``warn`` names them (``no_consent``) when nothing else fails."""
    people = [p for p in everyone if p.consented]
    no_consent = [p for p in everyone if not p.consented]
    check = _participants_looked_for(people)
    if not no_consent:
        return check
    check["no_consent"] = [p.teacher_id for p in no_consent]
    if check["level"] == PASS:
        reason = biometric_consent.NO_CONSENT_IN_SESSION.format(names="、".join(p.name for p in no_consent))
        check.update(level=WARN, **reason.as_dict())
    return check


def _participants_looked_for(people: list[ParticipantEvidence]) -> dict:
    unverifiable = [p for p in people if not p.has_reference]
    missing = [p for p in people if p.has_reference and not p.seen]
    no_reference = [p.teacher_id for p in unverifiable]
    if missing:
        reason = reasons.PARTICIPANTS_MISSING.format(names="、".join(p.name for p in missing))
        if unverifiable:
            reason = reasons.PARTICIPANTS_MISSING_OR_UNVERIFIABLE.format(
                names="、".join(p.name for p in missing), unverifiable="、".join(p.name for p in unverifiable)
            )
        return _check(FAIL, reason, missing=[p.teacher_id for p in missing], no_reference=no_reference)
    if unverifiable:
        reason = reasons.NO_REFERENCE.format(names="、".join(p.name for p in unverifiable))
        return _check(FAIL, reason, missing=[], no_reference=no_reference)
    return _check(PASS, missing=[], no_reference=[])


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


def _clock(seconds: float) -> str:
    """75.4 → "1:15", 3725 → "1:02:05" (as the review UI writes a time)."""
    hours, rest = divmod(int(max(seconds, 0.0)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duplicate(shared: SharedSequence | None, *, zone: tzinfo, min_s: float = DUPLICATE_MIN_S) -> dict:
    """``warn`` naming the earlier recording when at least ``min_s`` of it repeats, else ``pass``.

    The earlier upload's time is written in ``zone`` (the programme's, ``Settings.zone``): people read it.
    """
    if shared is None or shared.seconds < min_s:
        return _check(PASS)
    earlier = shared.earlier
    uploaded = local_time(earlier.uploaded_at, zone)
    seconds = round(shared.seconds)
    reason = reasons.DUPLICATE.format(
        school=earlier.school,
        name=earlier.name,
        uploaded=minute_text(uploaded, zone),
        other=earlier.recording_id,
        seconds=seconds,
        other_start=_clock(shared.earlier_start_s),
        start=_clock(shared.start_s),
    )
    return _check(
        WARN,
        reason,
        other_recording_id=earlier.recording_id,
        other_name=earlier.name,
        other_school=earlier.school,
        other_uploaded_at=uploaded.isoformat(),
        overlap_s=round(shared.seconds, 1),
        start_s=round(shared.start_s, 1),
        other_start_s=round(shared.earlier_start_s, 1),
    )


def checks_seen_by(role: Role, checks: dict[str, dict]) -> dict[str, dict]:
    """The checks a user of ``role`` is shown: a teacher does not see ``JUDGES_ONLY`` ones."""
    if role is not Role.TEACHER:
        return dict(checks)
    return {name: check for name, check in checks.items() if name not in JUDGES_ONLY}
