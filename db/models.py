"""Tables: the school's people, recordings, upload sessions and per-stage processing jobs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
    inspect,
    select,
    text,
    true,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym, validates

from db.base import Base, UTCDateTime, utcnow
from domain.group_workflow import GROUPS
from domain.recordings import RecordingKind, checks_pass, duplicate_flagged
from domain.references import REFERENCES
from domain.roles import Role
from domain.school_handover import HANDOVERS
from domain.school_setup import SelectionStatus
from domain.stages import JOBS, Stage
from domain.training_hours import HourKind
from domain.uploads import UPLOADS
from domain.workflow import WORKFLOW

GROUP_SESSION = "kind = 'group_session'"
# Group sessions a leader accepted although their checks failed (``Recording.accepted_*``).
ACCEPTED_DESPITE_CHECKS = "kind = 'group_session' AND accepted_at IS NOT NULL AND checks_ok IS false"


def _in(column: str, values: Iterable[Enum]) -> str:
    """A CHECK that ``column`` holds one of the domain enum's values (the enum is the source)."""
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class School(Base):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(64), unique=True)
    # Which province's catalogue (evidence items, limits) applies to this school.
    province: Mapped[str] = mapped_column(String(64), default="default", server_default="default")
    # The district (区县) within the province: the peer-video pool "district" draws from it (issue 20).
    district: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ResearchGroup(Base):
    """A teaching-research group (教研组), one subject within one school."""

    __tablename__ = "research_groups"
    __table_args__ = (UniqueConstraint("school_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(64))

    school: Mapped[School] = relationship()


class Teacher(Base):
    __tablename__ = "teachers"
    __table_args__ = (
        UniqueConstraint("school_id", "staff_id"),
        # The province's works filtered by subject count from the index alone (migration 0022).
        Index("ix_teachers_subject_id", "subject", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("research_groups.id", ondelete="SET NULL"), index=True, nullable=True
    )
    name: Mapped[str] = mapped_column(String(100))
    staff_id: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(64))
    birth_year: Mapped[int] = mapped_column(Integer)
    # The school quota counts full-time teachers (专任教师) only.
    full_time: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # Seed 002's cohort (2020/2021/2022: 30%/50%/20% of all teachers), for the province's completion view.
    cohort_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # A teacher who left the school (离校): out of every headcount and push from then on, their
    # accounts closed and their biometric data deleted (PIPL art. 47); their work stays as evidence.
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    left_note: Mapped[str | None] = mapped_column(String(200), nullable=True)

    group: Mapped[ResearchGroup | None] = relationship()


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", Role), name="role_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(32))
    # Indexed: a school administrator's audit log reads the entries its school's people made (migration 0018).
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("schools.id", ondelete="SET NULL"), index=True, nullable=True
    )
    # Indexed: every submissions list asks which authors lead a group (migration 0016).
    teacher_id: Mapped[int | None] = mapped_column(
        ForeignKey("teachers.id", ondelete="SET NULL"), nullable=True, index=True
    )
    group_id: Mapped[int | None] = mapped_column(ForeignKey("research_groups.id", ondelete="SET NULL"), nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set on accounts whose password someone else has seen (the roster import's one-time
    # passwords); until the user picks their own, only signing in, out and the change work.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuthSession(Base):
    """A login: browsers carry its token in a cookie, API clients as a bearer token.

    Only a SHA-256 of the token is stored, so a database leak yields no usable tokens.
    """

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship()


class Recording(Base):
    """A stored original: a lesson (课堂实录) or a group research session (教研活动)."""

    __tablename__ = "recordings"
    __table_args__ = (
        CheckConstraint(_in("kind", RecordingKind), name="kind_known"),
        CheckConstraint(
            f"(kind = '{RecordingKind.LESSON.value}' AND teacher_id IS NOT NULL AND capability_code IS NOT NULL)"
            f" OR (kind = '{RecordingKind.GROUP_SESSION.value}' AND group_id IS NOT NULL)",
            name="kind_fields",
        ),
        # The province's list asks per row whether the group's session counted on a leader's word
        # despite failed checks: a small partial index, not a scan of every recording (migration 0016).
        Index(
            "ix_recordings_accepted_despite_checks",
            "group_id",
            postgresql_where=text(ACCEPTED_DESPITE_CHECKS),
            sqlite_where=text(ACCEPTED_DESPITE_CHECKS),
        ),
        # Lists read newest first by (created_at, id) and page past a key (keyset, migration 0018):
        # walked backwards, a page costs the same on the millionth recording as on the first.
        Index("ix_recordings_created_at_id", "created_at", "id"),
        # The province's duplicate filter counts works over the few flagged lessons (2 % of recordings on
        # the generated province), not over a join of every lesson (migration 0021).
        # A group's sessions with what decides whether they count (the quotas of a school's every
        # group at once), read from the index alone, not among the group's lessons (migration 0023).
        Index(
            "ix_recordings_group_sessions",
            "group_id",
            "id",
            postgresql_include=["checks_ok", "accepted_at"],
            postgresql_where=text(GROUP_SESSION),
            sqlite_where=text(GROUP_SESSION),
        ),
        Index(
            "ix_recordings_duplicate",
            "id",
            postgresql_where=text("duplicate_flagged"),
            sqlite_where=text("duplicate_flagged"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("research_groups.id", ondelete="SET NULL"), index=True, nullable=True
    )
    teacher_id: Mapped[int | None] = mapped_column(
        ForeignKey("teachers.id", ondelete="SET NULL"), index=True, nullable=True
    )
    capability_code: Mapped[str | None] = mapped_column(String(8), nullable=True)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    original_key: Mapped[str] = mapped_column(String(255))
    original_filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sniffed_container: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Filled by the probe stage.
    duration_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    media_info: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Rule outcomes by name, e.g. {"duration": {"ok": false, "code": ..., "message_zh": ...}}.
    checks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Whether no check failed: derived from ``checks`` whenever they are assigned, so quotas and
    # listings can filter in SQL without reading JSON.
    checks_ok: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Whether the near-duplicate search flagged it (a ``warn``, so ``checks_ok`` stays true):
    # derived likewise, for the province's filter and its risk-weighted sampling.
    duplicate_flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Filled by the analyze stage: padding, effective duration, per-participant evidence.
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # A group leader's acceptance of a session whose automatic checks failed (seed 001 makes the
    # leader the judge of the group's evidence): who, when and why; cleared by a re-run analysis.
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    accepted_reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    participants: Mapped[list["RecordingParticipant"]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    accepter: Mapped[User | None] = relationship(foreign_keys=[accepted_by], lazy="selectin")
    # Names for lists across schools (the province's); one extra query per page, not per row.
    group: Mapped[ResearchGroup | None] = relationship(lazy="selectin")
    school: Mapped[School] = relationship(lazy="selectin")
    jobs: Mapped[list["ProcessingJob"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProcessingJob.id"
    )

    @validates("checks")
    def _derive_checks_ok(self, _key: str, checks: dict[str, Any] | None) -> dict[str, Any] | None:
        self.checks_ok = checks_pass(checks)
        self.duplicate_flagged = duplicate_flagged(checks)
        return checks


class RecordingFingerprint(Base):
    """A recording's perceptual fingerprint (``workers.video.fingerprint``), one per recording.

    Its band keys sit in ``fingerprint_keys`` for the near-duplicate search; ``data`` is the
    whole fingerprint, read back only for the few candidates that search returns. A re-analysis
    replaces both.
    """

    __tablename__ = "recording_fingerprints"

    # A small integer for the key table: its rows are the bulk of the search's storage.
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    samples: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FingerprintKey(Base):
    """One band key of a stored fingerprint: the near-duplicate search reads only this table.

    The primary key (key, fingerprint_id) makes a lookup an index-only scan; the second index
    serves replacing a fingerprint and the cascade when a recording is deleted.
    """

    __tablename__ = "fingerprint_keys"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    fingerprint_id: Mapped[int] = mapped_column(
        ForeignKey("recording_fingerprints.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RecordingFace(Base):
    """One person on camera in a recording: a cluster of face encodings kept from its analysis.

    Identification matches these against the participants' reference encodings, so a photo
    added or replaced later re-identifies the recording from these rows alone, without
    decoding the video again. ``centroid`` is a face encoding (biometric data): it goes with
    its recording. ``assigned_teacher_id`` is a group leader's word that this person is that
    participant; it outranks the automatic match.
    """

    __tablename__ = "recording_faces"
    __table_args__ = (UniqueConstraint("recording_id", "n"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    n: Mapped[int] = mapped_column(Integer)  # the person's number within the recording, from 0
    centroid: Mapped[list[float]] = mapped_column(JSON)
    frames: Mapped[list[int]] = mapped_column(JSON)  # indices of the sampled frames showing them
    first_seen_s: Mapped[float] = mapped_column(Float)
    crop_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    crop_height: Mapped[int] = mapped_column(Integer, default=0)
    crop_sharpness: Mapped[float] = mapped_column(Float, default=0.0)
    assigned_teacher_id: Mapped[int | None] = mapped_column(
        ForeignKey("teachers.id", ondelete="SET NULL"), nullable=True
    )
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class RecordingParticipant(Base):
    """A teacher listed as taking part in a group session."""

    __tablename__ = "recording_participants"
    # A teacher's sessions (the 学时 ledger counts those attended): the key leads with the recording.
    __table_args__ = (Index("ix_recording_participants_teacher_id", "teacher_id"),)

    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), primary_key=True)


class UploadSession(Base):
    """A resumable upload in progress; it becomes a Recording only once completed and verified."""

    __tablename__ = "upload_sessions"
    __table_args__ = (CheckConstraint(_in("state", UPLOADS.states), name="state_known"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    recording_id: Mapped[str] = mapped_column(String(36), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default=UPLOADS.initial.value, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    group_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    teacher_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    capability_code: Mapped[str | None] = mapped_column(String(8), nullable=True)
    participant_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    part_size: Mapped[int] = mapped_column(BigInteger)
    part_count: Mapped[int] = mapped_column(Integer)
    storage_backend: Mapped[str] = mapped_column(String(16))
    object_key: Mapped[str] = mapped_column(String(255))
    multipart_id: Mapped[str] = mapped_column(String(255))
    reject_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ProcessingJob(Base):
    """One stage of one recording, or the enrolment of one reference photo.

    Its row is the stage's state as the status API shows it; claims, heartbeats, the watchdog
    and give-up work the same for both subjects (``pipeline.jobs``).
    """

    __tablename__ = "processing_jobs"
    __table_args__ = (
        UniqueConstraint("recording_id", "stage"),
        UniqueConstraint("reference_id", "stage"),
        CheckConstraint(_in("stage", Stage), name="stage_known"),
        CheckConstraint(_in("state", JOBS.states), name="state_known"),
        CheckConstraint("(recording_id IS NULL) <> (reference_id IS NULL)", name="one_subject"),
        # Whether every stage of a recording is done, from the index alone (a group's session
        # counts only then; a school's dashboard asks it of 2,000 sessions at once; migration 0023).
        Index("ix_processing_jobs_recording_state", "recording_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recording_id: Mapped[str | None] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), nullable=True)
    reference_id: Mapped[str | None] = mapped_column(
        ForeignKey("teacher_references.id", ondelete="CASCADE"), index=True, nullable=True
    )
    stage: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default=JOBS.initial.value, index=True)
    percent: Mapped[float] = mapped_column(Float, default=0.0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    requeues: Mapped[int] = mapped_column(Integer, default=0)
    reason_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reason_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    worker: Mapped[str | None] = mapped_column(String(255), nullable=True)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    @property
    def subject_id(self) -> str:
        """The recording's id, or the reference photo's for an ``enrol`` job."""
        return self.reference_id or self.recording_id


class TeacherReference(Base):
    """A reference photo of a teacher and, once enrolled, its 128-d face encoding.

    Enrolment runs on a worker (it needs the face models) as an ``enrol`` job, so a photo starts
    ``pending`` and moves along ``domain.references.REFERENCES``.
    """

    __tablename__ = "teacher_references"
    __table_args__ = (CheckConstraint(_in("state", REFERENCES.states), name="state_known"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    photo_key: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(16), default=REFERENCES.initial.value)
    # ``photo``: a photo someone uploaded; ``session_face``: a face a group leader assigned to
    # this teacher in a session recording (``from_recording_id``), used from then on.
    source: Mapped[str] = mapped_column(String(16), default="photo", server_default="photo")
    from_recording_id: Mapped[str | None] = mapped_column(
        ForeignKey("recordings.id", ondelete="SET NULL"), nullable=True
    )
    # A replacement: once this photo is enrolled, the teacher's other photos are deleted (a
    # refused one leaves them in place, so nothing is lost).
    replaces_others: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    encoding: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    reason_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reason_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class BiometricConsent(Base):
    """A teacher's separate consent (PIPL arts. 28-29) to their face being used to identify them.

    Given by the teacher themself, to one version of the consent text (``domain.biometric_consent``),
    before a reference photo is enrolled or they are identified in a session. Withdrawing sets
    ``withdrawn_at`` (the row stays as the record of what was agreed and when); a later consent is a
    new row. ``retention_days`` is the retention the teacher was told when they agreed.
    """

    __tablename__ = "biometric_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(64))
    retention_days: Mapped[int] = mapped_column(Integer)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    given_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class DerivedOutput(Base):
    """Published browser-ready outputs of a recording for one profile (one row per pair).

    ``prefix`` points at a complete, immutable set of objects; a re-run writes a new set and
    then swaps the prefix here, so readers never see a half-written output.
    """

    __tablename__ = "derived_outputs"
    __table_args__ = (UniqueConstraint("recording_id", "profile"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    profile: Mapped[str] = mapped_column(String(32))
    prefix: Mapped[str] = mapped_column(String(255))
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CatalogueVersion(Base):
    """A province's editable copy of the 微能力点 catalogue (seeded from the national list)."""

    __tablename__ = "catalogues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    province: Mapped[str] = mapped_column(String(64), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class SchoolSetup(Base):
    """A school's declared environments, the points it offers, and its selection window."""

    __tablename__ = "school_setups"

    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True)
    # Environment values ("multimedia", "hybrid", "smart"), in that order; at least one.
    environments: Mapped[list[str]] = mapped_column(JSON)
    offered_codes: Mapped[list[str]] = mapped_column(JSON)
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RubricVersion(Base):
    """A school's edited rubric of one point; each save is a new version (the seed is version 0)."""

    __tablename__ = "rubric_versions"
    __table_args__ = (UniqueConstraint("school_id", "capability_code", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    capability_code: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer)
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PointSelection(Base):
    """A teacher's three 微能力点; ``version`` guards against lost concurrent updates."""

    __tablename__ = "point_selections"

    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), primary_key=True)
    codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # No row is SELECTIONS.initial ("none"); a row exists once something was saved.
    status: Mapped[str] = mapped_column(String(16), default=SelectionStatus.DRAFT.value)
    # Every stateful row answers to ``state`` (``db.state``); a selection's column is called status.
    state: Mapped[str] = synonym("status")
    chosen_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Submission(Base):
    """One teacher's evidence for one chosen point, moving through ``domain.workflow``."""

    __tablename__ = "submissions"
    __table_args__ = (
        UniqueConstraint("teacher_id", "capability_code"),
        # A school's work in a state, newest first: its admin's lists and desk, without walking its teachers.
        Index("ix_submissions_school_state_id", "school_id", "state", "id"),
        # The works in a state, with what the province's counts filter or join on (point, author,
        # lesson): a count reads the index alone, without visiting 374,000 rows (migration 0022).
        Index("ix_submissions_state_point_author", "state", "capability_code", "teacher_id", "recording_id"),
        # A teacher's work in a state: a group's 优秀 count reads it without visiting the rows (migration 0023).
        Index("ix_submissions_teacher_state_id", "teacher_id", "state", "id"),
        # The works of a subject in a state (the province's subject filter; migration 0024).
        Index("ix_submissions_subject_state", "subject", "state", "capability_code", "school_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))
    # The author's school, kept on the row (a teacher never changes school; set on insert, see below).
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    # The author's subject, kept on the row and changed with the teacher's (see below): the province
    # counts its works by subject from one index instead of joining 300,000 teachers.
    subject: Mapped[str] = mapped_column(String(64))
    capability_code: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(24), default=WORKFLOW.initial.value)
    recording_id: Mapped[str | None] = mapped_column(
        ForeignKey("recordings.id", ondelete="SET NULL"), nullable=True, index=True
    )
    item_grades: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    scored_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # The province's sampling round that drew it (a submission is sampled at most once).
    sampling_round_id: Mapped[int | None] = mapped_column(
        ForeignKey("sampling_rounds.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


@event.listens_for(Submission, "before_insert")
def _author_school(_mapper, connection, work: Submission) -> None:
    """A submission created without its school or subject takes its author's: the columns exist so lists
    and counts filter one index instead of joining thousands of teachers, and must never disagree
    with the author."""
    if work.school_id is None or work.subject is None:
        author = select(Teacher.school_id, Teacher.subject).where(Teacher.id == work.teacher_id)
        school_id, subject = connection.execute(author).one()
        work.school_id = work.school_id if work.school_id is not None else school_id
        work.subject = work.subject if work.subject is not None else subject


@event.listens_for(Teacher, "after_update")
def _author_subject(_mapper, connection, teacher: Teacher) -> None:
    """A teacher's new subject (the roster import, a correction) becomes their works' in the same flush."""
    if inspect(teacher).attrs.subject.history.has_changes():
        connection.execute(
            update(Submission).where(Submission.teacher_id == teacher.id).values(subject=teacher.subject)
        )


class SubmissionDocument(Base):
    """A document (PDF/DOCX/PPTX) attached to a submission, stored in object storage."""

    __tablename__ = "submission_documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    item_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    object_key: Mapped[str] = mapped_column(String(255))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TimedComment(Base):
    """A reviewer's comment pinned to a moment of a recording; authors edit their own."""

    __tablename__ = "timed_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    at_s: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GroupSubmission(Base):
    """A group's submission of its scored work to the school, gated by the 30% quota."""

    __tablename__ = "group_submissions"

    group_id: Mapped[int] = mapped_column(ForeignKey("research_groups.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default=GROUPS.initial.value)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # Why the group's submission last reopened, shown to its leader and the school admin.
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reopen_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class SchoolHandover(Base):
    """A school's hand-over of its 优秀 work to the province (学校提交, ``domain.school_handover``)."""

    __tablename__ = "school_handovers"

    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default=HANDOVERS.initial.value)
    handed_over_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    handed_over_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # The counts the hand-over was accepted on, as the school and the province read them later.
    excellent_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    full_time_teachers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class SamplingRound(Base):
    """One provincial sampling round (抽检): how it was drawn, so the same seed draws it again."""

    __tablename__ = "sampling_rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seed: Mapped[str] = mapped_column(String(200))
    # "percent" (a rate of the candidates) or "count" (a number of works).
    mode: Mapped[str] = mapped_column(String(8))
    percent: Mapped[float | None] = mapped_column(Float, nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # "uniform" (every stratum at the same rate) or "risk" (riskier schools at a higher rate).
    weighting: Mapped[str] = mapped_column(String(8))
    candidates: Mapped[int] = mapped_column(Integer)
    drawn: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Per (school, subject) stratum: its size, weight and how many were drawn.
    strata: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    drawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProvinceReview(Base):
    """The province's judgement of one work: confirm or downgrade, its criterion levels and why.

    The leader's criterion levels stay in ``submissions.item_grades``; calibration compares them
    with these.
    """

    __tablename__ = "province_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    action: Mapped[str] = mapped_column(String(16))
    criteria: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    rubric_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    """Something a user should know happened to work they care about; read once they open it."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), nullable=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("research_groups.id", ondelete="CASCADE"), nullable=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # What the text needs (names, the point, the reason), so it reads in either language later.
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditEntry(Base):
    """Append-only: who changed what, when, from which state to which, and why.

    Database triggers (migration 0003) refuse UPDATE and DELETE on this table, so no
    endpoint, and no bug, can rewrite history.
    """

    __tablename__ = "audit_log"
    # Each entry is filed under its school (``db.audit.school_of``): a school admin's page reads the
    # school's entries newest first, and the hand-over card the school's moves of one kind since a
    # time (its forwards and downgrades since the hand-over), few rows of a log that holds millions.
    __table_args__ = (
        Index("ix_audit_log_school_id", "school_id", "id"),
        Index("ix_audit_log_school_action_at", "school_id", "action", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No foreign key: the log outlives what it is about, and its rows are never updated.
    school_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    entity_type: Mapped[str] = mapped_column(String(32), index=True)
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(24), nullable=True)
    to_state: Mapped[str | None] = mapped_column(String(24), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- Issue 20, part P (peer learning): pushed peer videos, watching that counts, 观课议课 ---------


class PeerAssignment(Base):
    """A peer's lesson pushed to a teacher to watch and comment on (seed 001: 系统推送的其他学员…视频).

    ``played`` holds the merged [start, end] second intervals the viewer's players reported (any
    number of tabs and reloads: the server merges, so nothing is counted twice); ``played_share`` is
    their total over the video's duration; ``counted_at`` is set once, when that share first reached
    the configured fraction. ``version`` makes two tabs reporting at once merge, not overwrite.
    """

    __tablename__ = "peer_assignments"
    __table_args__ = (UniqueConstraint("viewer_teacher_id", "submission_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    viewer_teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    # Which pool it was drawn from: "school" (other groups), "district" or "province" (优秀 library).
    pool: Mapped[str] = mapped_column(String(16))
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    played: Mapped[list[list[float]]] = mapped_column(JSON, default=list)
    played_share: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # How far the viewer's played time has been spent, by the server's clock: reports may claim
    # no more wall time than has passed since (domain.watch_coverage.within_wall_budget).
    watch_clock_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __mapper_args__ = {"version_id_col": version}


class PeerComment(Base):
    """The viewer's 观课议课 on a pushed video: a rating level (seed 004's 评价等级) and a text.

    One per assignment; the viewer may rewrite it (``updated_at``), the author of the lesson reads it.
    """

    __tablename__ = "peer_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("peer_assignments.id", ondelete="CASCADE"), unique=True)
    rating: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- Issue 20, part S: training sessions as records (domain/session_record.py, migration 0014) ---


class SessionSignIn(Base):
    """A group leader's manual sign-in of a listed participant the recording did not identify, with a note.

    Seed 001 §三.3 asks for 点名签到; the analysis signs in whoever it sees, the leader the rest.
    """

    __tablename__ = "session_sign_ins"
    __table_args__ = (UniqueConstraint("recording_id", "teacher_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(Text)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SessionReport(Base):
    """A group session's report (报道), written by its group's leader; one per session, rewritten in place."""

    __tablename__ = "session_reports"

    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    written_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SessionReflection(Base):
    """A participant's reflection (学习心得) on a group session, written by the teacher themself."""

    __tablename__ = "session_reflections"
    __table_args__ = (UniqueConstraint("recording_id", "teacher_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recording_id: Mapped[str] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- Issue 20, part L (the 学时 ledger): online hours imported from the training platform ---------


class OnlineHourImport(Base):
    """One file of online hours a school imported (the platform's export), kept by its SHA-256.

    The same bytes imported again find this row and change nothing; ``errors`` are the refused rows
    as the importer was told them (code, zh, en), so the school can read them again later.
    """

    __tablename__ = "online_hour_imports"
    __table_args__ = (UniqueConstraint("school_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    imported_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rows: Mapped[int] = mapped_column(Integer, default=0)  # data rows read (blank rows aside)
    added: Mapped[int] = mapped_column(Integer, default=0)
    replaced: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class OnlineHourEntry(Base):
    """A teacher's hours on one online course, one row per (teacher, kind, course).

    ``course_key`` is the course name folded (``domain.online_hour_rows.course_key``), so a file
    that spells it with other spaces or full-width letters still names the same course. A later
    file's hours for the course replace these (the platform exports a course's hours so far).
    """

    __tablename__ = "online_hour_entries"
    __table_args__ = (
        UniqueConstraint("teacher_id", "kind", "course_key"),
        CheckConstraint(_in("kind", HourKind), name="kind_known"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    course: Mapped[str] = mapped_column(String(200))
    course_key: Mapped[str] = mapped_column(String(200))
    hours: Mapped[float] = mapped_column(Float)
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("online_hour_imports.id", ondelete="SET NULL"), nullable=True, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SchoolCompletion(Base):
    """A school's counted 学时 completion by cohort year, as of ``computed_at`` (the province's view).

    Working out whether a teacher completed the programme takes their whole ledger (imports,
    sessions attended, peer reviews, their points' result): about 0.35 ms a teacher, so the
    province's 300,000 take minutes. The province's view reads these rows instead and says how old
    they are; ``api.hours.completion`` writes a school's rows in one transaction (deleting the old).
    """

    __tablename__ = "school_completion"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    cohort_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    teachers: Mapped[int] = mapped_column(Integer)
    complete: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SchoolResultsCounted(Base):
    """A school's teachers counted by overall result, and its pass rate's parts, as of ``computed_at``.

    Counted with the school's completion (``api.hours.completion``), from the same ledgers; a school
    larger than ``school_live_teachers`` shows these on its results card instead of working out
    thousands of teachers' results on each visit.
    """

    __tablename__ = "school_results_counted"

    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True)
    in_progress: Mapped[int] = mapped_column(Integer)
    passed_teachers: Mapped[int] = mapped_column(Integer)  # result "pass"
    excellent: Mapped[int] = mapped_column(Integer)
    failed: Mapped[int] = mapped_column(Integer)
    points_passed: Mapped[int] = mapped_column(Integer)  # the pass rate: points passed over points chosen
    points_chosen: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
