"""Who is told of what (通知): the notices a submission's move or a group's hand-over sends.

Issue 18: a teacher sees when their work is graded, returned, forwarded, sampled, confirmed or
downgraded; a group's leader when a member submits (the school admins instead for a leader's own
work: they grade it, ``domain.workflow.grader_of``); the school's admins when a group hands its
work over. A downgrade flows back down the chain: the author, the group's leader(s) and the
school's admins all hear of it, and of its undoing (an upheld appeal), since their counts change.

Nobody is told of their own act. A person in two audiences (a leader's own work downgraded: the
author is also a leader of the group) gets one notice, the first that names them.

Rows keep only facts (``payload``: names, the point, the state, the reason); :func:`text`
builds the sentence when it is read, in both languages, so a language switch needs no rewrite.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from domain.workflow import STATE_LABELS, Action, State


class Kind(str, Enum):
    """What happened, from the reader's side (stored in ``notifications.kind``)."""

    GRADED = "graded"  # your work was graded (优秀 / 合格 / 不合格)
    RETURNED = "returned"  # your work came back to you
    FORWARDED = "forwarded"  # the school sent your work to the province
    SAMPLED = "sampled"  # the province drew your work for 抽检
    CONFIRMED = "confirmed"  # the province confirmed your work
    DOWNGRADED = "downgraded"  # the province downgraded your work
    UNDOWNGRADED = "undowngraded"  # the province undid your work's downgrade
    MEMBER_SUBMITTED = "member_submitted"  # work waiting for your grade was (re)submitted
    MEMBER_DOWNGRADED = "member_downgraded"  # the province downgraded a teacher's work you answer for
    MEMBER_UNDOWNGRADED = "member_undowngraded"  # … and undid that downgrade
    GROUP_SUBMITTED = "group_submitted"  # a group handed its work over to your school
    HOURS_REMINDER = "hours_reminder"  # your school reminds you what your 学时 still lack (issue 20)
    PEER_PUSHED = "peer_pushed"  # peer videos were pushed to you to watch and comment on (issue 20)


class Audience(str, Enum):
    """Whom a notice is for, relative to the work: its author, its group's leaders, its school's admins."""

    AUTHOR = "author"
    GROUP_LEADERS = "group_leaders"
    SCHOOL_ADMINS = "school_admins"


@dataclass(frozen=True)
class Notice:
    kind: Kind
    audience: Audience


_AUTHOR_TOLD = {
    Action.SCORE_EXCELLENT: Kind.GRADED,
    Action.SCORE_PASS: Kind.GRADED,
    Action.SCORE_FAIL: Kind.GRADED,
    Action.RETURN: Kind.RETURNED,
    Action.FORWARD: Kind.FORWARDED,
    Action.SAMPLE: Kind.SAMPLED,
}
_SUBMITS = frozenset({Action.SUBMIT, Action.RESUBMIT})


def on_move(action: Action, from_state: State, *, author_leads_group: bool) -> tuple[Notice, ...]:
    """The notices a submission's move sends, in order of precedence (the author's own first)."""
    if action in _SUBMITS:
        # The grader hears: the group's leader(s), or for a leader's own work the school's admins.
        graders = Audience.SCHOOL_ADMINS if author_leads_group else Audience.GROUP_LEADERS
        return (Notice(Kind.MEMBER_SUBMITTED, graders),)
    if action is Action.DOWNGRADE:
        return _down_the_chain(Kind.DOWNGRADED, Kind.MEMBER_DOWNGRADED)
    if action is Action.CONFIRM and from_state is State.DOWNGRADED:
        return _down_the_chain(Kind.UNDOWNGRADED, Kind.MEMBER_UNDOWNGRADED)
    if action is Action.CONFIRM:
        return (Notice(Kind.CONFIRMED, Audience.AUTHOR),)
    kind = _AUTHOR_TOLD.get(action)
    return (Notice(kind, Audience.AUTHOR),) if kind is not None else ()


def _down_the_chain(authors: Kind, others: Kind) -> tuple[Notice, ...]:
    return (
        Notice(authors, Audience.AUTHOR),
        Notice(others, Audience.GROUP_LEADERS),
        Notice(others, Audience.SCHOOL_ADMINS),
    )


def on_group_submit() -> tuple[Notice, ...]:
    """A group's hand-over: its school's admins hear (they forward or return its work)."""
    return (Notice(Kind.GROUP_SUBMITTED, Audience.SCHOOL_ADMINS),)


def addressees(
    notices: Iterable[Notice], people: Mapping[Audience, Iterable[int]], *, actor_id: int | None
) -> dict[int, Kind]:
    """Each user told, with the one kind they get: the first notice naming them, never the actor."""
    told: dict[int, Kind] = {}
    for notice in notices:
        for user_id in people.get(notice.audience, ()):
            if user_id != actor_id and user_id not in told:
                told[user_id] = notice.kind
    return told


# Sentences as [zh, en], filled from the payload: {teacher} {point} {state} {group}; a reason follows.
TEMPLATES: dict[Kind, tuple[str, str]] = {
    Kind.GRADED: ("您的作品“{point}”{state}。", "Your work “{point}” was {state}."),
    Kind.RETURNED: (
        "您的作品“{point}”被退回，请修改后重新提交。",
        "Your work “{point}” was returned to you to revise.",
    ),
    Kind.FORWARDED: ("您的作品“{point}”已由学校推送至省平台。", "Your work “{point}” was forwarded to the province."),
    Kind.SAMPLED: ("您的作品“{point}”被省级抽检。", "Your work “{point}” was drawn for the province's sample check."),
    Kind.CONFIRMED: ("您的作品“{point}”已获省级确认。", "Your work “{point}” was confirmed by the province."),
    Kind.DOWNGRADED: (
        "您的作品“{point}”被省级降等为合格。",
        "Your work “{point}” was downgraded to pass by the province.",
    ),
    Kind.UNDOWNGRADED: (
        "您的作品“{point}”的降等已撤销，恢复为优秀。",
        "The downgrade of your work “{point}” was undone: it is excellent again.",
    ),
    Kind.MEMBER_SUBMITTED: (
        "{teacher}提交了作品“{point}”，待您评审。",
        "{teacher} submitted “{point}” for you to grade.",
    ),
    Kind.MEMBER_DOWNGRADED: (
        "{teacher}的作品“{point}”被省级降等为合格，优秀数随之减少。",
        "{teacher}'s work “{point}” was downgraded to pass by the province; the excellent count drops.",
    ),
    Kind.MEMBER_UNDOWNGRADED: (
        "{teacher}的作品“{point}”的降等已撤销，恢复为优秀。",
        "The downgrade of {teacher}'s work “{point}” was undone: it is excellent again.",
    ),
    Kind.GROUP_SUBMITTED: (
        "教研组“{group}”已提交学校，待您推送或退回。",
        "The group “{group}” handed its work over to the school, for you to forward or return.",
    ),
    Kind.HOURS_REMINDER: (
        "学校提醒：您的学时尚未完成。{detail}",
        "A reminder from your school: your training hours are not complete. {detail}",
    ),
    Kind.PEER_PUSHED: (
        "系统为您推送了同伴的研修视频，请在主页“待观看的同伴视频”中观看并点评。{detail}",
        "Peer lessons were pushed to you: watch and comment on them from “Peer videos to watch” on your page. {detail}",
    ),
}
# A grade's reason is the grader's comment; every other move's is why. A sampling round's note
# (its seed and rate) is the province's bookkeeping, not a reason the teacher reads.
_REASON_LABELS = {Kind.GRADED: ("评语", "Comment")}
_REASON_LABEL = ("理由", "Reason")
_NO_REASON = frozenset({Kind.SAMPLED})


def point_title(payload: Mapping[str, Any], *, english: bool) -> str:
    """ "A1 技术支持的学情分析": the code and the name in the reader's language (Chinese if untranslated)."""
    name = (payload.get("point_en") if english else None) or payload.get("point_zh") or ""
    return f"{payload.get('code', '')} {name}".strip()


def text(kind: Kind, payload: Mapping[str, Any]) -> tuple[str, str]:
    """The notice as [zh, en] sentences, with the reason (or the grader's comment) when there is one."""
    zh_template, en_template = TEMPLATES[kind]
    state_zh, state_en = _state_labels(payload.get("state"))
    values = {"teacher": payload.get("teacher", ""), "group": payload.get("group", "")}
    zh = zh_template.format(
        **values, point=point_title(payload, english=False), state=state_zh, detail=payload.get("detail_zh", "")
    )
    en = en_template.format(
        **values, point=point_title(payload, english=True), state=state_en, detail=payload.get("detail_en", "")
    )
    reason = (payload.get("reason") or "").strip()
    if reason and kind not in _NO_REASON:
        label_zh, label_en = _REASON_LABELS.get(kind, _REASON_LABEL)
        zh, en = f"{zh}{label_zh}：{reason}", f"{en} {label_en}: {reason}"
    return zh, en


def _state_labels(state: str | None) -> tuple[str, str]:
    try:
        return STATE_LABELS[State(state)]
    except ValueError:
        return "", ""
