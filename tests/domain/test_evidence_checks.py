"""The checks summary for group sessions (seed 001: 不少于10分钟, every participant 正面露脸)."""

from __future__ import annotations

from domain.evidence_checks import FAIL, PASS, WARN, ParticipantEvidence, summarize

MIN = 600.0


def _people(*specs):
    return [ParticipantEvidence(i, name, has_ref, seen) for i, (name, has_ref, seen) in enumerate(specs, 1)]


def _run(kind="group_session", duration=700.0, effective=680.0, people=None, unknown=0, frames=10):
    return summarize(
        kind,
        duration_s=duration,
        effective_duration_s=effective,
        participants=people if people is not None else _people(("王芳", True, True)),
        unknown_faces=unknown,
        frames_with_faces=frames,
        group_session_min_s=MIN,
    )


def test_everything_in_order():
    checks = _run()
    assert {name: c["level"] for name, c in checks.items()} == {
        "duration": PASS,
        "effective_duration": PASS,
        "participants": PASS,
        "unknown_faces": PASS,
    }


def test_padding_pushes_effective_duration_under_ten_minutes():
    check = _run(duration=660.0, effective=360.0)["effective_duration"]
    assert check["level"] == FAIL and check["code"] == "analysis.effective_too_short"
    assert "360" in check["message_zh"] and "600" in check["message_en"]


def test_missing_participant_is_named():
    check = _run(people=_people(("王芳", True, True), ("李娜", True, False)))["participants"]
    assert check["level"] == FAIL and check["missing"] == [2] and "李娜" in check["message_zh"]


def test_participant_without_reference_cannot_be_verified():
    check = _run(people=_people(("张伟", False, False)))["participants"]
    assert check["code"] == "analysis.no_reference" and check["level"] == FAIL


def test_unknown_faces_warn_and_no_faces_fail():
    assert _run(unknown=2)["unknown_faces"]["level"] == WARN
    checks = _run(frames=0, people=_people(("王芳", True, False)))
    assert checks["faces"]["code"] == "analysis.no_faces" and checks["faces"]["ok"] is False


def test_lessons_get_only_duration_checks():
    checks = _run(kind="lesson", duration=120.0, effective=20.0, people=[])
    assert set(checks) == {"duration", "effective_duration"}
    assert all(c["level"] == PASS for c in checks.values())
