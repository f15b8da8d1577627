"""A teacher's separate consent to face identification, and the reasons around it (PIPL arts. 28-29).

Face photos, the encodings made from them and the face crops a session keeps are biometric data,
sensitive personal information under China's Personal Information Protection Law: processing needs
the person's *separate* consent (单独同意) after being told the purpose, the necessity, how long it
is kept and who sees it (art. 29, art. 17), and the data goes when the purpose ends (art. 47).

So the text a teacher agrees to lives here, versioned: a consent row records the version it was
given to, and a new version is a new text (older consents stay valid for what they said).
Pure rules, no framework: the API shows the text and records the consent; identification looks
only for participants whose consent is in force (``pipeline.biometric_repository.consenting``).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.reasons import Reason

CONSENT_VERSION = "2026-12"
PURPOSE = "group_session_identification"


@dataclass(frozen=True)
class ConsentText:
    version: str
    purpose: tuple[str, str]  # (zh, en)
    necessity: tuple[str, str]
    retention: tuple[str, str]
    viewers: tuple[str, str]
    rights: tuple[str, str]

    def as_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "purpose": PURPOSE,
            "sections": [
                {"key": key, "zh": zh, "en": en}
                for key, (zh, en) in (
                    ("purpose", self.purpose),
                    ("necessity", self.necessity),
                    ("retention", self.retention),
                    ("viewers", self.viewers),
                    ("rights", self.rights),
                )
            ],
        }


def consent_text(retention_days: int) -> ConsentText:
    """The current text, with the retention period the deployment keeps data for (a setting)."""
    return ConsentText(
        version=CONSENT_VERSION,
        purpose=(
            "用途：仅用于识别教研活动录像中的参与教师，核对每位参与者是否在场（正面露脸）。",
            "Purpose: only to identify the participants of group research session recordings, "
            "checking that each participant was there (face on camera).",
        ),
        necessity=(
            "处理内容：您的参考照片、由照片和录像生成的人脸特征值（编码）以及录像中的人脸截图，属于敏感个人信息。"
            "不同意不影响您上传课堂录像和参加评审，只是教研活动核对中会注明“未同意人脸识别”。",
            "What is processed: your reference photo, the face encodings made from it and from session "
            "recordings, and face crops from recordings: sensitive personal information. Not consenting does "
            "not stop you uploading lessons or taking part in the review; session checks will say "
            "“no consent to face identification” for you.",
        ),
        retention=(
            f"保存期限：每张照片、特征值和截图自生成之日起最多保存 {retention_days} 天，到期自动删除；"
            "您撤回同意、申请删除或离开本校名册时立即删除。每次删除都记入审计日志（不含人脸数据）。",
            f"Retention: each photo, encoding and crop is kept at most {retention_days} days after it is "
            "made, then deleted automatically; at once when you withdraw consent, ask for deletion or leave "
            "the school's roster. Each deletion is written to the audit log (without the face data).",
        ),
        viewers=(
            "可查看者：您所在教研组的组长、本校管理员；作品推送省级后，省级评审人员可查看相关录像中的截图。"
            "每次查看照片或截图都记入审计日志。",
            "Who sees it: your research group's leader and your school's administrators; once work is "
            "forwarded to the province, the provincial reviewers, for the crops of those recordings. "
            "Every view of a photo or crop is written to the audit log.",
        ),
        rights=(
            "您可以随时在“我的照片”中撤回同意，您的照片、特征值和截图随即删除。",
            "You can withdraw at any time under “My photo”; your photos, encodings and crops are then deleted.",
        ),
    )


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


CONSENT_REQUIRED = _r(
    "biometric.consent_required",
    "{name} 尚未同意人脸识别，不能添加参考照片。请 {name} 本人登录后在“我的照片”中阅读说明并勾选同意。",
    "{name} has not consented to face identification, so no reference photo can be added. "
    "{name} must sign in, read the notice under “My photo” and tick “I agree”.",
)
ONLY_THE_TEACHER = _r(
    "biometric.only_the_teacher",
    "人脸识别同意只能由教师本人作出或撤回。",
    "Only the teacher themself can give or withdraw consent to face identification.",
)
ALREADY_CONSENTED = _r(
    "biometric.already_consented",
    "您已同意人脸识别（版本 {version}）。",
    "You have already consented to face identification (version {version}).",
)
NOT_CONSENTED = _r(
    "biometric.not_consented",
    "您尚未同意人脸识别，无需撤回。",
    "You have not consented to face identification; there is nothing to withdraw.",
)
WRONG_VERSION = _r(
    "biometric.wrong_version",
    "同意的说明版本 {given} 不是当前版本 {current}，请刷新页面重新阅读。",
    "The notice you agreed to is version {given}, not the current {current}; reload and read it again.",
)
MUST_AGREE = _r(
    "biometric.must_agree",
    "请阅读说明并勾选“同意”。",
    "Read the notice and tick “I agree”.",
)
NO_CONSENT_IN_SESSION = _r(
    "analysis.no_consent",
    "以下参与教师未同意人脸识别，未作识别：{names}。",
    "These participants have not consented to face identification, so they were not identified: {names}.",
)
