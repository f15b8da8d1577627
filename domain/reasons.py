"""Reason codes with their bilingual messages, the vocabulary of every rejection and failure.

A reason travels unchanged from the rule that produced it to the API response, the
processing-stage row and the status stream, so a teacher reads the same words everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    code: str
    zh: str
    en: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message_zh": self.zh, "message_en": self.en}

    def format(self, **values: object) -> "Reason":
        """Fill ``{placeholders}`` in both messages, keeping the code."""
        return Reason(self.code, self.zh.format(**values), self.en.format(**values))


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# Upload rejections
EMPTY_FILE = _r("upload.empty", "文件为空，请选择有效的视频文件。", "The file is empty; choose a valid video file.")
TOO_LARGE = _r(
    "upload.too_large",
    "文件过大：{size} 字节，上限为 {limit} 字节。",
    "The file is too large: {size} bytes, the limit is {limit} bytes.",
)
NOT_VIDEO = _r(
    "upload.not_video",
    "文件内容不是受支持的视频格式（支持 MP4/MOV、MKV/WebM、FLV、TS、AVI）。",
    "The file content is not a supported video format (MP4/MOV, MKV/WebM, FLV, TS, AVI).",
)
PLAYLIST_REJECTED = _r(
    "upload.playlist",
    "不接受播放列表或拼接列表文件（如 m3u8、concat），请上传视频文件本身。",
    "Playlists and concat lists (m3u8, concat) are not accepted; upload the video file itself.",
)
SIZE_MISMATCH = _r(
    "upload.size_mismatch",
    "已接收 {received} 字节，与声明的 {declared} 字节不符。",
    "Received {received} bytes, which does not match the declared {declared} bytes.",
)
CHECKSUM_MISMATCH = _r(
    "upload.checksum_mismatch",
    "文件校验值（SHA-256）不符，文件可能在传输中损坏，请重新上传。",
    "The SHA-256 checksum does not match; the file may have been damaged in transit. Upload it again.",
)
MISSING_PARTS = _r(
    "upload.missing_parts",
    "还有分片未上传：{parts}。",
    "Some parts have not been uploaded yet: {parts}.",
)
BAD_PART = _r(
    "upload.bad_part",
    "分片 {part} 无效，请重新上传该分片。",
    "Part {part} is invalid; upload that part again.",
)
BAD_PART_SIZE = _r(
    "upload.bad_part_size",
    "分片 {part} 大小为 {actual} 字节，应为 {expected} 字节。",
    "Part {part} has {actual} bytes; it should have {expected}.",
)
UPLOAD_NOT_OPEN = _r(
    "upload.not_open",
    "该上传已{state}，不能再继续。",
    "This upload is {state_en} and cannot continue.",
)
UPLOAD_BUSY = _r(
    "upload.busy",
    "该上传正由另一个请求处理，请稍后重试。",
    "Another request is still working on this upload; try again shortly.",
)
BAD_CHECKSUM_FORMAT = _r(
    "upload.bad_checksum",
    "SHA-256 校验值格式错误，应为 64 位十六进制字符。",
    "The SHA-256 checksum must be 64 hexadecimal characters.",
)

# Probe failures
CORRUPT_MEDIA = _r(
    "probe.corrupt",
    "视频文件已损坏或无法读取，请重新导出后上传。",
    "The video file is corrupt or unreadable; export it again and re-upload.",
)
CONTAINER_NOT_ALLOWED = _r(
    "probe.container_not_allowed",
    "不支持的视频封装格式：{container}。",
    "Unsupported video container: {container}.",
)
NO_VIDEO_STREAM = _r(
    "probe.no_video_stream",
    "文件中没有视频画面。",
    "The file has no video stream.",
)
PROBE_TIMEOUT = _r(
    "probe.timeout",
    "视频分析超时，文件可能已损坏。",
    "Reading the video timed out; the file may be corrupt.",
)
WORKER_LOST = _r(
    "job.worker_lost",
    "处理进程中断次数过多，请联系管理员。",
    "The processing worker stopped too many times; contact an administrator.",
)
TRANSIENT_EXHAUSTED = _r(
    "job.retries_exhausted",
    "存储、数据库或处理服务器的临时磁盘暂时不可用，多次重试仍失败；已上传的文件完好，可稍后重试。",
    "Storage, the database or the worker's scratch disk was unavailable and retries ran out; "
    "the uploaded file is intact and it can be retried later.",
)

# Outages: the service's own trouble, never the upload's; the same request may be sent again
STORAGE_UNAVAILABLE = _r(
    "service.storage_unavailable",
    "文件存储暂时不可用，已收到的内容没有丢失；请稍后重试。",
    "File storage is unavailable for the moment; nothing already received was lost. Try again shortly.",
)
DATABASE_UNAVAILABLE = _r(
    "service.database_unavailable",
    "数据库暂时不可用，本次操作没有保存；请稍后重试。",
    "The database is unavailable for the moment; this request saved nothing. Try again shortly.",
)
SCRATCH_FULL = _r(
    "job.scratch_full",
    "处理服务器的临时磁盘已满，稍后将自动重试；原始视频完好。",
    "The worker's scratch disk is full; the job will be retried. The original recording is intact.",
)

# Duration rule
DURATION_TOO_SHORT = _r(
    "duration.too_short",
    "教研活动视频时长 {actual} 秒，少于要求的 {required} 秒（{required_min} 分钟）。",
    "The group-session recording lasts {actual} s, less than the required {required} s ({required_min} min).",
)


DURATION_UNKNOWN = _r(
    "duration.unknown",
    "无法读取视频时长。",
    "The video duration could not be read.",
)

# Access
NOT_AUTHENTICATED = _r("auth.required", "请先登录。", "Please sign in first.")
BAD_CREDENTIALS = _r("auth.bad_credentials", "用户名或密码错误。", "Wrong username or password.")
# Said only to someone who typed the account's right password, so it tells a stranger nothing.
ACCOUNT_CLOSED = _r(
    "auth.account_closed",
    "此账号已停用（例如已登记离校），请联系学校管理员。",
    "This account is closed (e.g. its teacher was recorded as having left the school); ask the school's administrator.",
)
FORBIDDEN = _r("auth.forbidden", "您没有权限执行此操作。", "You are not allowed to do this.")
CSRF_REJECTED = _r(
    "auth.cross_site",
    "跨站请求被拒绝。",
    "Cross-site request refused.",
)
PASSWORD_CHANGE_REQUIRED = _r(
    "auth.password_change_required",
    "请先修改初始密码，再使用其他功能。",
    "Change your initial password before doing anything else.",
)
WRONG_CURRENT_PASSWORD = _r(
    "auth.wrong_current_password", "当前密码不正确，密码未修改。", "The current password is wrong; nothing was changed."
)
PASSWORD_INVALID = _r(
    "auth.password_invalid",
    "新密码不符合要求，共 {count} 处问题，逐条列于下方。",
    "The new password breaks {count} rule(s), each listed below.",
)
PASSWORD_TOO_SHORT = _r(
    "password.too_short",
    "新密码至少需要 {min_length} 个字符，当前为 {length} 个。",
    "The new password needs at least {min_length} characters; it has {length}.",
)
PASSWORD_TOO_WEAK = _r(
    "password.too_weak",
    "新密码过于简单：不能与用户名相同，且至少包含 {min_distinct} 个不同的字符。",
    "The new password is too easy to guess: it must differ from the username and use at least "
    "{min_distinct} different characters.",
)
PASSWORD_UNCHANGED = _r(
    "password.unchanged", "新密码不能与当前密码相同。", "The new password must differ from the current one."
)
NOT_FOUND = _r("not_found", "{what}不存在。", "{what_en} not found.")
INVALID_REQUEST = _r("request.invalid", "请求内容有误：{detail}", "Invalid request: {detail}")
UNKNOWN_CAPABILITY = _r(
    "upload.unknown_capability",
    "微能力点编号 {code} 不存在（应为 A1–A13、B1–B10 或 C1–C7）。",
    "Capability point {code} does not exist (use A1–A13, B1–B10 or C1–C7).",
)
MISSING_FIELD = _r("request.missing_field", "缺少必填项：{field}。", "Missing required field: {field}.")
NO_PARTICIPANTS = _r(
    "upload.no_participants",
    "教研活动视频须列出至少一位参与教师。",
    "A group-session recording must list at least one participating teacher.",
)
PARTICIPANT_NOT_IN_SCHOOL = _r(
    "upload.participant_unknown",
    "参与教师 {ids} 不属于本校。",
    "Participants {ids} are not teachers of this school.",
)
LENGTH_REQUIRED = _r(
    "upload.length_required",
    "请求缺少 Content-Length，请声明文件大小或改用分片上传。",
    "Content-Length is missing; declare the file size or use the multipart upload.",
)
UPLOAD_INCOMPLETE_BODY = _r(
    "upload.incomplete_body",
    "上传中断：只收到 {received} / {declared} 字节。",
    "The upload was cut short: received {received} of {declared} bytes.",
)
PART_OUT_OF_RANGE = _r(
    "upload.part_out_of_range",
    "分片编号 {part} 超出范围（1–{count}）。",
    "Part number {part} is out of range (1–{count}).",
)
NOT_RETRYABLE = _r(
    "job.not_retryable",
    "该处理阶段当前状态为 {state}，无需重试。",
    "This stage is {state} and cannot be retried now.",
)

# Reference photos (face enrolment)
ENROL_TIMEOUT = _r(
    "reference.enrol_timeout",
    "参考照片处理超时，请稍后重试。",
    "Processing the reference photo timed out; retry it later.",
)
IDENTIFY_TIMEOUT = _r(
    "analysis.identify_timeout",
    "重新识别参与教师超时，请稍后重试。",
    "Identifying the participants again timed out; retry it later.",
)
REFERENCE_NOT_RETRYABLE = _r(
    "reference.not_retryable",
    "该参考照片当前状态为 {state}，无需重试；照片本身有问题时请上传新照片。",
    "This reference photo is {state} and cannot be retried; if the photo itself was refused, upload a new one.",
)
PHOTO_NO_FACE = _r(
    "face.none_in_photo",
    "照片中未检测到人脸，请上传一张清晰的正面照片。",
    "No face was found in the photo; upload a clear frontal photo.",
)
PHOTO_SEVERAL_FACES = _r(
    "face.several_in_photo",
    "照片中有 {count} 张人脸，请上传只有本人的照片。",
    "The photo shows {count} faces; upload a photo of this person alone.",
)
PHOTO_UNREADABLE = _r(
    "face.photo_unreadable",
    "无法读取照片，请上传 JPEG 或 PNG 图片。",
    "The photo could not be read; upload a JPEG or PNG image.",
)

# Evidence analysis checks (a summary for the group leader, not a verdict)
EFFECTIVE_TOO_SHORT = _r(
    "analysis.effective_too_short",
    "去除黑屏、静止画面等填充后的有效时长为 {effective} 秒，少于要求的 {required} 秒。",
    "After removing padding (black, frozen or silent stretches) the effective duration is {effective} s, "
    "less than the required {required} s.",
)
PARTICIPANTS_MISSING = _r(
    "analysis.participants_missing",
    "以下参与教师未在视频中正面露脸：{names}。",
    "These participants never show their face on camera: {names}.",
)
UNKNOWN_FACES = _r(
    "analysis.unknown_faces",
    "视频中有 {count} 张人脸与参与名单中的任何人都不匹配。",
    "{count} faces in the recording match nobody on the participant list.",
)
NO_FACES = _r(
    "analysis.no_faces",
    "视频中未检测到任何正面人脸。",
    "No frontal face was detected in the recording.",
)
PARTICIPANTS_MISSING_OR_UNVERIFIABLE = _r(
    "analysis.participants_missing",
    "以下参与教师未在视频中正面露脸：{names}；以下参与教师没有登记参考照片，无法识别：{unverifiable}。",
    "These participants never show their face on camera: {names}; these have no reference photo, so they "
    "cannot be identified: {unverifiable}.",
)
NO_REFERENCE = _r(
    "analysis.no_reference",
    "以下参与教师没有登记参考照片，无法识别：{names}。",
    "These participants have no reference photo, so they cannot be identified: {names}.",
)
DUPLICATE = _r(
    "analysis.duplicate",
    "该视频与已上传的视频（{school}，{name}，{uploaded} 上传，编号 {other}）有 {seconds} 秒内容重复"
    "（对方视频 {other_start} 起，本视频 {start} 起）。",
    "{seconds} s of this recording repeat a recording uploaded earlier ({school}, {name}, uploaded {uploaded}, "
    "id {other}): from {other_start} there and from {start} here.",
)
ANALYSIS_TIMEOUT = _r(
    "analysis.timeout",
    "证据分析超时：视频可能过长或已损坏，可稍后重试。",
    "The evidence analysis timed out: the recording may be too long or damaged; it can be retried later.",
)

# Transcoding
TRANSCODE_FAILED = _r(
    "transcode.failed",
    "视频转码失败：文件中途损坏或编码异常。",
    "Transcoding failed: the file is damaged part-way through or its encoding is broken.",
)
TRANSCODE_TIMEOUT = _r(
    "transcode.timeout",
    "视频转码超时：视频可能过长或已损坏，可稍后重试。",
    "Transcoding timed out: the recording may be too long or damaged; it can be retried later.",
)
PHOTO_TOO_LARGE = _r(
    "face.photo_too_large",
    "照片过大：{size} 字节，上限为 {limit} 字节。",
    "The photo is too large: {size} bytes, the limit is {limit} bytes.",
)
LINK_EXPIRED = _r(
    "media.link_invalid",
    "链接已失效或无效，请刷新页面后重试。",
    "This link has expired or is invalid; reload the page and try again.",
)
PLAYBACK_NOT_READY = _r(
    "playback.not_ready",
    "视频尚在处理中（转码阶段：{state}），请稍后再看。",
    "The recording is still being prepared for playback (transcode stage: {state}); try again shortly.",
)
CLIENT_GONE = _r(
    "request.client_gone",
    "上传连接在传输途中断开，本分片未保存；请重新发送该分片。",
    "The connection closed while the body was still being sent; nothing was kept. Send it again.",
)
