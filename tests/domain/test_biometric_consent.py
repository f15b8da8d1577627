"""The consent text and the session check's word for participants without consent, as pure rules."""

from __future__ import annotations

from domain import biometric_consent as bc
from domain.evidence_checks import ParticipantEvidence, summarize


def _check(people):
    return summarize(
        "group_session",
        duration_s=720.0,
        effective_duration_s=720.0,
        participants=people,
        unknown_faces=0,
        frames_with_faces=10,
        group_session_min_s=600.0,
    )["participants"]


def test_a_participant_without_consent_is_named_not_failed():
    seen = ParticipantEvidence(1, "李娜", has_reference=True, seen=True)
    refused = ParticipantEvidence(2, "王强", has_reference=False, seen=False, consented=False)
    check = _check([seen, refused])
    assert (check["level"], check["ok"], check["code"]) == ("warn", True, "analysis.no_consent")
    assert check["no_consent"] == [2] and check["missing"] == [] and check["no_reference"] == []
    assert "王强" in check["message_zh"] and "未同意人脸识别" in check["message_zh"]


def test_someone_absent_still_fails_beside_someone_without_consent():
    absent = ParticipantEvidence(1, "李娜", has_reference=True, seen=False)
    refused = ParticipantEvidence(2, "王强", has_reference=False, seen=False, consented=False)
    check = _check([absent, refused])
    assert check["level"] == "fail" and check["missing"] == [1] and check["no_consent"] == [2]
    assert "王强" not in check["message_zh"], "not counted among the absent"


def test_everyone_consented_reads_as_before():
    check = _check([ParticipantEvidence(1, "李娜", has_reference=True, seen=True)])
    assert check == {"ok": True, "level": "pass", "missing": [], "no_reference": []}


def test_the_text_says_purpose_retention_and_who_sees_it_in_both_languages():
    text = bc.consent_text(400).as_dict()
    assert text["version"] == bc.CONSENT_VERSION
    sections = {s["key"]: s for s in text["sections"]}
    assert set(sections) == {"purpose", "necessity", "retention", "viewers", "rights"}
    assert "400 天" in sections["retention"]["zh"] and "400 days" in sections["retention"]["en"]
    assert all(s["zh"] and s["en"] for s in text["sections"])
