"""A teacher who leaves the school (离校): what it ends, and the reasons around it.

When a teacher transfers or retires mid-programme the school records it. From then on the teacher
is no longer one of the school's teachers for any count (a group's headcount, the school's
full-time teachers), is pushed nothing and reminded of nothing, and cannot be listed in a new
session; the work they already handed in stays, as the evidence it was. Their face photos,
encodings and crops have lost their purpose, so they are deleted at once (PIPL art. 47: “处理目的
已实现…或者为实现处理目的不再必要”), and their accounts are closed.

A departure recorded by mistake can be undone: the teacher counts again and their accounts open,
but deleted biometric data stays deleted (they consent and send a photo again).
"""

from __future__ import annotations

from domain.reasons import Reason

NOTE_MAX_CHARS = 200
ERASE_WHY = "teacher left the school"

ALREADY_LEFT = Reason(
    "teacher.already_left",
    "{name} 已于 {day} 登记离校。",
    "{name} was already recorded as having left the school on {day}.",
)
NOT_LEFT = Reason(
    "teacher.not_left",
    "{name} 未登记离校，无需撤销。",
    "{name} is not recorded as having left the school; there is nothing to undo.",
)
PARTICIPANT_LEFT = Reason(
    "upload.participant_left",
    "参与教师 {names} 已离校，不能列为本次活动的参与者。",
    "Participants {names} have left the school and cannot be listed in this session.",
)
TEACHER_LEFT = Reason(
    "upload.teacher_left",
    "{name} 已离校，不能再为其上传课堂实录。",
    "{name} has left the school; no more lessons can be uploaded for them.",
)
