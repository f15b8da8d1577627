"""Seed 001 §三.3 (“点名签到,录好视频,做好报道和提交学习心得…否则不认定为完整培训”): when a group
session is a complete training record, and what an incomplete one lacks (issue 20, item 5)."""

from __future__ import annotations

import pytest

from domain.session_record import (
    Participant,
    RecordFacts,
    SignInSource,
    is_complete,
    missing,
    sign_in_source,
    signed_in,
    text_length,
)

MIN_REFLECTION, MIN_REPORT = 100, 50
VIDEO, SIGN = "record.video_not_counting", "record.not_signed_in"
REPORT, REFL = "record.no_report", "record.reflections_missing"
LI = Participant(1, "李娜", seen=True, reflection_chars=120)
ZHANG = Participant(2, "张伟", seen=True, reflection_chars=100)
LIU_UNSEEN = Participant(3, "刘洋", seen=False, reflection_chars=150)
LIU_MANUAL = Participant(3, "刘洋", seen=False, manual_note="坐在镜头外，组长现场点名", reflection_chars=150)
CHEN_SHORT = Participant(4, "陈静", seen=True, reflection_chars=99)
CHEN_NONE = Participant(4, "陈静", seen=True)


def _facts(*people: Participant, counts=True, accepted=False, report=80) -> RecordFacts:
    return RecordFacts(counts=counts, accepted=accepted, participants=people, report_chars=report)


@pytest.mark.parametrize(
    ("case", "facts", "codes", "names"),
    [
        ("seed 001: video counts, all seen, report and every 心得: 完整", _facts(LI, ZHANG), [], ""),
        (
            "seed 001 录好视频: the video does not count",
            _facts(LI, ZHANG, counts=False),
            [VIDEO],
            "",
        ),
        (
            "seed 001 点名签到: one participant neither seen nor signed in",
            _facts(LI, LIU_UNSEEN),
            [SIGN],
            "刘洋",
        ),
        ("seed 001 点名签到: the leader signed the unseen one in with a note", _facts(LI, LIU_MANUAL), [], ""),
        (
            "seed 001 点名签到: the leader's acceptance vouches for the list",
            _facts(LI, LIU_UNSEEN, accepted=True),
            [],
            "",
        ),
        ("seed 001 做好报道: no report", _facts(LI, ZHANG, report=0), [REPORT], ""),
        (
            "seed 001 做好报道: a report shorter than the setting",
            _facts(LI, ZHANG, report=49),
            [REPORT],
            "",
        ),
        (
            "seed 001 提交学习心得: one 心得 a character short",
            _facts(LI, CHEN_SHORT),
            [REFL],
            "陈静",
        ),
        (
            "seed 001 提交学习心得: one 心得 never written",
            _facts(LI, CHEN_NONE),
            [REFL],
            "陈静",
        ),
        (
            "seed 001: everything lacking, in the seed's order",
            _facts(LIU_UNSEEN, CHEN_NONE, counts=False, report=0),
            [VIDEO, SIGN, REPORT, REFL],
            "刘洋",
        ),
    ],
)
def test_a_session_is_complete_only_when_video_sign_in_report_and_reflections_are_all_there(case, facts, codes, names):
    lacking = missing(facts, reflection_min_chars=MIN_REFLECTION, report_min_chars=MIN_REPORT)
    assert [r.code for r in lacking] == codes, case
    assert is_complete(facts, reflection_min_chars=MIN_REFLECTION, report_min_chars=MIN_REPORT) is (codes == []), case
    if names:
        assert any(names in r.zh and names in r.en for r in lacking), case
    assert all(r.zh and r.en and "{" not in r.zh + r.en for r in lacking), case


def test_the_reflection_reason_names_only_those_who_have_not_written_and_the_minimum():
    (reason,) = missing(
        _facts(LI, CHEN_SHORT, Participant(5, "吴军", seen=True)), reflection_min_chars=100, report_min_chars=50
    )
    assert "陈静、吴军" in reason.zh and "李娜" not in reason.zh and "100" in reason.zh and "100" in reason.en


@pytest.mark.parametrize(
    ("person", "accepted", "source"),
    [
        (LI, False, SignInSource.SEEN),
        (LI, True, SignInSource.SEEN),  # seen outranks the leader's word
        (LIU_MANUAL, True, SignInSource.MANUAL),  # the note says more than the acceptance
        (LIU_UNSEEN, True, SignInSource.ACCEPTED),
        (LIU_UNSEEN, False, None),
    ],
)
def test_how_each_participant_is_signed_in(person, accepted, source):
    assert sign_in_source(person, accepted=accepted) is source


def test_the_sheet_keeps_the_list_order_and_leaves_out_who_is_not_signed_in():
    sheet = signed_in(_facts(ZHANG, LIU_UNSEEN, LI))
    assert [(p.name, source) for p, source in sheet] == [("张伟", SignInSource.SEEN), ("李娜", SignInSource.SEEN)]


@pytest.mark.parametrize(("text", "n"), [("", 0), (None, 0), ("  学 习\n心得 ", 4), ("abc def", 6)])
def test_lengths_count_characters_without_whitespace(text, n):
    assert text_length(text) == n


def test_a_zero_minimum_still_needs_a_written_reflection_and_report():
    lacking = missing(_facts(CHEN_NONE, report=0), reflection_min_chars=0, report_min_chars=0)
    assert [r.code for r in lacking] == ["record.no_report", "record.reflections_missing"]
