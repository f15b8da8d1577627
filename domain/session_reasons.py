"""Reasons for the group leader's acts on a group-session recording (issue 16), and its standing.

Seed 001 makes the leader the judge of the group's evidence; these say why an act was refused
and, for everyone reading a session card, whether the session counts toward the group and why
not.
"""

from __future__ import annotations

from domain.reasons import Reason
from domain.recordings import SessionStanding


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# Whether a session counts toward its group, and why not
STANDING = {
    SessionStanding.COUNTS: _r(
        "session.counts",
        "自动检查全部通过，已计入本组教研活动视频。",
        "Every automatic check passed; it counts for the group.",
    ),
    SessionStanding.COUNTS_ACCEPTED: _r(
        "session.counts_accepted",
        "自动检查未全部通过，组长已认定有效（{reason}），已计入本组教研活动视频。",
        "Some automatic checks failed; the group leader accepted it ({reason}), so it counts for the group.",
    ),
    SessionStanding.PROCESSING: _r(
        "session.processing",
        "仍在处理中，处理完成且检查通过（或经组长认定）后才计入。",
        "Still being processed; it counts only once done and passed (or accepted by the group leader).",
    ),
    SessionStanding.FAILED: _r(
        "session.failed",
        "处理失败，请重试失败的处理阶段。",
        "Processing failed, so it does not count; retry the failed stage.",
    ),
    SessionStanding.CHECKS_FAILED: _r(
        "session.checks_failed",
        "自动检查未通过：{details} 可补充参考照片后重新识别，或由组长说明理由后认定有效。",
        "Automatic checks failed: {details_en} Add the missing photos to identify "
        "it again, or the group leader may accept it with a reason.",
    ),
}

NOT_A_SESSION = _r(
    "session.not_a_session",
    "只有教研活动录像可以这样操作。",
    "Only group-session recordings can be handled this way.",
)
NOT_THE_LEADER = _r(
    "session.not_the_leader",
    "只有本组的教研组长可以这样操作。",
    "Only the group's own leader can do this.",
)
STILL_PROCESSING = _r(
    "session.still_processing",
    "录像仍在处理中，请等处理完成后再认定。",
    "The recording is still being processed; wait until it is done.",
)
STAGE_FAILED = _r(
    "session.stage_failed",
    "录像处理失败，请先重试失败的处理阶段。",
    "Processing the recording failed; retry the failed stage first.",
)
CHECKS_PASSED = _r(
    "session.checks_passed",
    "自动检查已全部通过，无需认定。",
    "Every automatic check passed; there is nothing to accept.",
)
ALREADY_ACCEPTED = _r(
    "session.already_accepted",
    "该录像已于 {at} 由组长认定有效。",
    "The group leader already accepted this recording on {at}.",
)
NOT_ACCEPTED = _r(
    "session.not_accepted",
    "该录像未经认定，无需撤销。",
    "This recording was not accepted; there is nothing to withdraw.",
)
REASON_REQUIRED = _r(
    "session.reason_required",
    "请填写理由（至少 {min} 个字），说明为何检查未通过仍认定有效。",
    "Give a reason (at least {min} characters) why it stands although its checks failed.",
)
FACE_NOT_UNKNOWN = _r(
    "session.face_not_unknown",
    "该人员已被识别为 {name}，只能指认名单外人员。",
    "This person is already identified as {name}; only people matching nobody can be assigned.",
)
NOT_A_PARTICIPANT = _r(
    "session.not_a_participant",
    "该教师不在本录像的参与名单中。",
    "This teacher is not on the recording's participant list.",
)
NO_CROP = _r(
    "session.no_crop",
    "该人员没有可用的人脸截图，无法指认。",
    "This person has no face crop to keep, so they cannot be assigned.",
)
GROUP_SUBMITTED = _r(
    "session.group_submitted",
    "本组成果已于 {at} 提交给学校，不能再删除或重新分析录像；如需更改请先由学校退回。",
    "The group handed its work to the school on {at}; its recordings can no longer be deleted or analysed "
    "again. Ask the school to return the work first.",
)
ANALYSIS_NOT_FINISHED = _r(
    "session.analysis_not_finished",
    "分析尚未结束（当前 {state}），结束后才能重新分析。",
    "The analysis has not finished (it is {state}); run it again once it has.",
)
