"""Reason codes of the review workflow, each with a Chinese and an English message.

Kept apart from ``domain/reasons.py`` (upload and processing reasons) so the review rules
(catalogue, school setup, point selection, grading, quotas, workflow) own their vocabulary.
Every rule returns these unchanged or ``.format()``-ed, so the UI can explain a refusal
while the teacher is still choosing (seed 001 and seed 004 are the policy sources).
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# Catalogue editing (an admin edits a province's copy of the 30 points)
CATALOGUE_NOT_A_LIST = _r(
    "catalogue.not_a_list", "目录数据须包含能力点列表（points）。", "The catalogue data must contain a list of points."
)
CATALOGUE_MISSING_FIELD = _r(
    "catalogue.missing_field", "能力点 {point} 缺少字段 {field}。", "Point {point} is missing the field {field}."
)
CATALOGUE_BAD_FIELD = _r(
    "catalogue.bad_field",
    "能力点 {point} 的字段 {field} 取值无效：{value}。",
    "Point {point} has an invalid value for {field}: {value}.",
)
CATALOGUE_DUPLICATE_CODE = _r(
    "catalogue.duplicate_code", "能力点编号 {code} 重复。", "The point code {code} appears more than once."
)
CATALOGUE_UNKNOWN_ENVIRONMENT = _r(
    "catalogue.unknown_environment",
    "能力点 {point} 的环境“{value}”无效（应为多媒体、混合或智慧学习环境）。",
    "Point {point} has an unknown environment '{value}' (use multimedia, hybrid or smart).",
)
CATALOGUE_UNKNOWN_DIMENSION = _r(
    "catalogue.unknown_dimension",
    "能力点 {point} 的维度“{value}”无效（应为学情分析、教学设计、学法指导或学业评价）。",
    "Point {point} has an unknown dimension '{value}' (use learner analysis, instructional design, "
    "learning guidance or assessment).",
)
CATALOGUE_ENVIRONMENT_MISMATCH = _r(
    "catalogue.environment_mismatch",
    "能力点 {point} 的编号前缀与环境“{env_zh}”不符（A 多媒体、B 混合、C 智慧）。",
    "Point {point}'s code prefix does not match its environment '{env_en}' (A multimedia, B hybrid, C smart).",
)
CATALOGUE_NEGATIVE_LIMIT = _r(
    "catalogue.negative_limit",
    "能力点 {point} 的材料“{item}”中 {field} 为负数：{value}。",
    "Point {point}, item '{item}': {field} is negative ({value}).",
)
CATALOGUE_LIMITS_INVERTED = _r(
    "catalogue.limits_inverted",
    "能力点 {point} 的材料“{item}”最短时长 {min_s} 秒大于最长时长 {max_s} 秒。",
    "Point {point}, item '{item}': the minimum duration {min_s} s exceeds the maximum {max_s} s.",
)
CATALOGUE_DUPLICATE_ITEM = _r(
    "catalogue.duplicate_item",
    "能力点 {point} 的材料“{item}”重复。",
    "Point {point} lists the item '{item}' more than once.",
)
CATALOGUE_EMPTY_COMPLETE_LIST = _r(
    "catalogue.empty_complete_list",
    "能力点 {point} 标记为材料清单完整，但清单为空。",
    "Point {point} is marked as having a complete item list, but the list is empty.",
)

# School setup (declared environment, offered points, selection window)
SETUP_EMPTY_OFFER = _r("setup.empty_offer", "学校尚未提供任何能力点。", "The school offers no capability points.")
SETUP_UNKNOWN_POINT = _r(
    "setup.unknown_point", "目录中不存在这些能力点：{codes}。", "These points are not in the catalogue: {codes}."
)
SETUP_NO_ENVIRONMENT = _r(
    "setup.no_environment",
    "请至少申报一种学校信息化环境（多媒体、混合或智慧学习环境）。",
    "Declare at least one of the school's environments (multimedia, hybrid or smart).",
)
SETUP_ENVIRONMENT_NOT_DECLARED = _r(
    "setup.environment_not_declared",
    "学校未申报{env_zh}，不能提供该环境的能力点：{codes}。",
    "The school has not declared the {env_en} environment, so it cannot offer its points: {codes}.",
)
SETUP_WINDOW_INVERTED = _r(
    "setup.window_inverted",
    "选点截止日期 {closes} 早于开始日期 {opens}。",
    "The selection deadline {closes} is before its opening day {opens}.",
)
SETUP_BAND_INFEASIBLE = _r(
    "setup.band_infeasible",
    "{band_zh}教师（{teachers}）无法选出符合要求的组合：{why_zh}",
    "Teachers {band_en} ({teachers}) cannot make a valid selection: {why_en}",
)
SETUP_WHY_TOO_FEW_POINTS = _r(
    "setup.why_too_few_points",
    "学校提供的能力点中，属于其可选环境（{allowed_zh}）的只有 {n} 个{codes}，每人须选 {required} 个。",
    "only {n} of the offered points{codes} are in the environments they may choose from ({allowed_en}); "
    "each teacher needs {required}.",
)
SETUP_WHY_TOO_FEW_DIMENSIONS = _r(
    "setup.why_too_few_dimensions",
    "其可选的能力点（{codes}）只涵盖 {covered} 个维度（{dims_zh}），须涵盖 {required} 个。",
    "the points they may choose ({codes}) cover {covered} dimensions ({dims_en}); {required} are required.",
)
SETUP_BAND_OFF_RECOMMENDATION = _r(
    "setup.band_off_recommendation",
    "提示：{band_zh}教师（{n} 人）建议主要在{recommended_zh}中选择，但学校未提供这些环境的能力点；"
    "他们仍可从已提供的能力点中选择。",
    "Note: teachers {band_en} ({n}) are recommended to choose mainly from {recommended_en}, but the school offers "
    "no such points; they can still choose from the points offered.",
)

# Who may choose when (seed 001: 一周内完成…未在规定时间内完成…由校级管理员代为选择)
SELECTION_WINDOW_NOT_OPEN = _r(
    "selection.window_not_open", "选点将于 {opens} 开始。", "Point selection opens on {opens}."
)
SELECTION_DEADLINE_PASSED = _r(
    "selection.deadline_passed",
    "选点已于 {closes} 截止，请联系学校管理员代为选择。",
    "Point selection closed on {closes}; ask the school administrator to choose for you.",
)
SELECTION_BEFORE_DEADLINE = _r(
    "selection.before_deadline",
    "选点截止（{closes}）前由教师本人选择。",
    "Until the deadline ({closes}) teachers choose for themselves.",
)
SELECTION_ROLE_NOT_ALLOWED = _r(
    "selection.role_not_allowed", "该角色不能选择能力点。", "This role cannot choose capability points."
)
SELECTION_CHANGE_NEEDS_APPROVAL = _r(
    "selection.change_needs_approval",
    "已确认的选点不可随意改动，须经学校管理员批准并记录理由。",
    "A confirmed selection can change only with a school administrator's approval and a recorded reason.",
)
SELECTION_APPROVER_NOT_ADMIN = _r(
    "selection.approver_not_admin",
    "只有学校管理员可以批准改选。",
    "Only a school administrator can approve a change of selection.",
)
SELECTION_APPROVAL_REASON_MISSING = _r(
    "selection.approval_reason_missing", "批准改选须填写理由。", "Approving a change needs a written reason."
)

# The selection itself (seed 004: 选择3项微能力，要涵盖…中的三个方面; age bands)
SELECTION_WRONG_COUNT = _r(
    "selection.wrong_count",
    "已选 {count} 个能力点，须恰好选择 {required} 个。",
    "{count} points chosen; choose exactly {required}.",
)
SELECTION_DUPLICATE = _r("selection.duplicate", "能力点重复选择：{codes}。", "Points chosen twice: {codes}.")
SELECTION_UNKNOWN_POINT = _r(
    "selection.unknown_point", "目录中不存在这些能力点：{codes}。", "These points are not in the catalogue: {codes}."
)
SELECTION_NOT_OFFERED = _r(
    "selection.not_offered", "学校未提供这些能力点：{codes}。", "The school does not offer these points: {codes}."
)
SELECTION_ENVIRONMENT_NOT_FOR_BAND = _r(
    "selection.environment_not_for_band",
    "{band_zh}教师应在{allowed_zh}中选择，以下能力点不符合：{codes}。",
    "Teachers {band_en} choose from {allowed_en}; these points do not fit: {codes}.",
)
SELECTION_OFF_RECOMMENDATION = _r(
    "selection.off_recommendation",
    "提示：{band_zh}教师建议主要在{recommended_zh}中选择（以下能力点不在其中：{codes}），此选择仍然有效。",
    "Note: teachers {band_en} are recommended to choose mainly from {recommended_en} (these points are not: "
    "{codes}); the choice is still valid.",
)
SELECTION_TOO_FEW_DIMENSIONS = _r(
    "selection.too_few_dimensions",
    "所选能力点只涵盖 {covered} 个维度，须涵盖至少 {required} 个（尚未涵盖：{missing_zh}）。",
    "The points cover {covered} dimensions; at least {required} are needed (not yet covered: {missing_en}).",
)
SELECTION_COVERAGE_UNREACHABLE = _r(
    "selection.coverage_unreachable",
    "按当前选择，剩余名额已无法涵盖 {required} 个维度。",
    "With the current choice the remaining places can no longer cover {required} dimensions.",
)
SELECTION_FULL = _r("selection.full", "已选满 {required} 个能力点。", "All {required} places are already taken.")

# Grading (national spec: item levels; seed 004: numeric scores with pass lines by age band)
GRADING_SCORE_OUT_OF_RANGE = _r(
    "grading.score_out_of_range", "分数 {score} 超出 0–{max} 的范围。", "The score {score} is outside 0–{max}."
)
GRADING_VERDICT_CONTRADICTS_SCORE = _r(
    "grading.verdict_contradicts_score",
    "评定结果为{level_zh}，但 {score} 分对应{score_zh}（合格线 {pass_line}，优秀线 {excellent_line}）。",
    "The verdict is {level_en}, but a score of {score} means {score_en} "
    "(pass line {pass_line}, excellent line {excellent_line}).",
)

# Quotas (seed 001: 优秀视频数不少于本组总人数的30%…需普及到每门学科…专任教师数30%以上)
GROUP_EXCELLENT_SHORT = _r(
    "quota.group_excellent_short",
    "本组 {headcount} 人，优秀 {count} 个，须至少 {required} 个（{percent}%），"
    "还差 {missing} 个；补足后小组方可提交（或重新提交）。",
    "The group has {headcount} members and {count} excellent; it needs at least {required} ({percent}%), "
    "{missing} more before the group can submit (or resubmit).",
)
GROUP_SESSION_MISSING = _r(
    "quota.group_session_missing",
    "本组已通过的教研活动视频 {count} 份，须至少 {required} 份。",
    "The group has {count} accepted group-session recordings; at least {required} are needed.",
)
SCHOOL_EXCELLENT_SHORT = _r(
    "quota.school_excellent_short",
    "全校专任教师 {teachers} 人，优秀 {count} 个，须至少 {required} 个（{percent}%），还差 {missing} 个。",
    "The school has {teachers} full-time teachers and {count} excellent; it needs at least {required} "
    "({percent}%), {missing} more.",
)
SCHOOL_SUBJECTS_UNCOVERED = _r(
    "quota.school_subjects_uncovered",
    "以下学科还没有优秀作品：{subjects}。",
    "These subjects have no excellent work yet: {subjects}.",
)

# Submission workflow
WORKFLOW_ILLEGAL_MOVE = _r(
    "workflow.illegal_move",
    "处于“{state_zh}”状态的作品不能“{action_zh}”。",
    "A submission that is {state_en} cannot be {action_en}.",
)
WORKFLOW_ROLE_NOT_ALLOWED = _r(
    "workflow.role_not_allowed",
    "您的角色不能对作品执行“{action_zh}”。",
    "Your role cannot perform '{action_en}' on a submission.",
)
WORKFLOW_REASON_REQUIRED = _r(
    "workflow.reason_required", "“{action_zh}”须填写理由。", "'{action_en}' needs a written reason."
)
WORKFLOW_GROUP_QUOTA_UNMET = _r(
    "workflow.group_quota_unmet",
    "本组尚未达到优秀比例或缺少教研活动视频，学校不能推送。",
    "The group has not met its excellent quota or lacks a group-session recording, so the school cannot forward.",
)
WORKFLOW_OWN_WORK = _r(
    "workflow.own_work",
    "不能评审自己的作品（“{action_zh}”）；教研组长本人的作品由学校管理员评分。",
    "Nobody may review their own work ('{action_en}'); the school administrator grades a group leader's own work.",
)
WORKFLOW_LEADER_WORK = _r(
    "workflow.leader_work_by_school",
    "这是教研组长本人的作品，由学校管理员评分或退回，组内其他人不能“{action_zh}”。",
    "This is a group leader's own work: the school administrator grades or returns it, so you cannot '{action_en}'.",
)
