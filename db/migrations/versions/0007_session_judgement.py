"""stored faces of recordings, the identify stage, leaders' acceptances, photo sources, reopen reasons

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 02:30:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Literal values on purpose: a migration is a snapshot, it must not follow later enum changes.
_STAGES_BEFORE = "stage IN ('probe', 'analyze', 'transcode', 'enrol')"
_STAGES_AFTER = "stage IN ('probe', 'analyze', 'transcode', 'enrol', 'identify')"


def upgrade() -> None:
    op.create_table(
        "recording_faces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.String(length=36), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("centroid", sa.JSON(), nullable=False),
        sa.Column("frames", sa.JSON(), nullable=False),
        sa.Column("first_seen_s", sa.Float(), nullable=False),
        sa.Column("crop_key", sa.String(length=255), nullable=True),
        sa.Column("crop_height", sa.Integer(), nullable=False),
        sa.Column("crop_sharpness", sa.Float(), nullable=False),
        sa.Column("assigned_teacher_id", sa.Integer(), nullable=True),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("assigned_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["recordings.id"],
            name=op.f("fk_recording_faces_recording_id_recordings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assigned_teacher_id"],
            ["teachers.id"],
            name=op.f("fk_recording_faces_assigned_teacher_id_teachers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["assigned_by"], ["users.id"], name=op.f("fk_recording_faces_assigned_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recording_faces")),
        sa.UniqueConstraint("recording_id", "n", name=op.f("uq_recording_faces_recording_id")),
    )
    with op.batch_alter_table("recording_faces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recording_faces_recording_id"), ["recording_id"], unique=False)

    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("accepted_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("accepted_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("accepted_reason", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_recordings_accepted_by_users"), "users", ["accepted_by"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("teacher_references", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=16), server_default="photo", nullable=False))
        batch_op.add_column(sa.Column("from_recording_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("replaces_others", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_foreign_key(
            batch_op.f("fk_teacher_references_from_recording_id_recordings"),
            "recordings",
            ["from_recording_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("group_submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reopened_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("reopen_reason", sa.Text(), nullable=True))

    with op.batch_alter_table("processing_jobs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_processing_jobs_stage_known"), type_="check")
        batch_op.create_check_constraint("stage_known", _STAGES_AFTER)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM processing_jobs WHERE stage = 'identify'"))
    with op.batch_alter_table("processing_jobs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_processing_jobs_stage_known"), type_="check")
        batch_op.create_check_constraint("stage_known", _STAGES_BEFORE)

    with op.batch_alter_table("group_submissions", schema=None) as batch_op:
        batch_op.drop_column("reopen_reason")
        batch_op.drop_column("reopened_at")

    with op.batch_alter_table("teacher_references", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_teacher_references_from_recording_id_recordings"), type_="foreignkey")
        batch_op.drop_column("replaces_others")
        batch_op.drop_column("from_recording_id")
        batch_op.drop_column("source")

    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_recordings_accepted_by_users"), type_="foreignkey")
        batch_op.drop_column("accepted_reason")
        batch_op.drop_column("accepted_at")
        batch_op.drop_column("accepted_by")

    with op.batch_alter_table("recording_faces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recording_faces_recording_id"))
    op.drop_table("recording_faces")
