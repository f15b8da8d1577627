"""recordings.checks_ok; reference enrolment as a processing job; reference state 'failed'

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 22:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Literal values on purpose: a migration is a snapshot, it must not follow later enum changes.
_STAGES_BEFORE = "stage IN ('probe', 'analyze', 'transcode')"
_STAGES_AFTER = "stage IN ('probe', 'analyze', 'transcode', 'enrol')"
_REFERENCE_STATES_BEFORE = "state IN ('pending', 'ok', 'refused')"
_REFERENCE_STATES_AFTER = "state IN ('pending', 'ok', 'refused', 'failed')"


def upgrade() -> None:
    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("checks_ok", sa.Boolean(), server_default=sa.true(), nullable=False))
    _backfill_checks_ok()

    with op.batch_alter_table("teacher_references", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_teacher_references_state_known"), type_="check")
        batch_op.create_check_constraint("state_known", _REFERENCE_STATES_AFTER)

    with op.batch_alter_table("processing_jobs", schema=None) as batch_op:
        batch_op.alter_column("recording_id", existing_type=sa.String(length=36), nullable=True)
        batch_op.add_column(sa.Column("reference_id", sa.String(length=36), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_processing_jobs_reference_id_teacher_references"),
            "teacher_references",
            ["reference_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(batch_op.f("ix_processing_jobs_reference_id"), ["reference_id"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_processing_jobs_reference_id"), ["reference_id", "stage"])
        batch_op.drop_constraint(op.f("ck_processing_jobs_stage_known"), type_="check")
        batch_op.create_check_constraint("stage_known", _STAGES_AFTER)
        batch_op.create_check_constraint("one_subject", "(recording_id IS NULL) <> (reference_id IS NULL)")
    _queue_pending_references()


def _backfill_checks_ok() -> None:
    """A recording whose stored checks hold a failed one starts with checks_ok false."""
    connection = op.get_bind()
    recordings = sa.table("recordings", sa.column("id", sa.String), sa.column("checks", sa.JSON))
    failed = [
        row.id
        for row in connection.execute(sa.select(recordings.c.id, recordings.c.checks))
        if any(not (check or {}).get("ok", True) for check in (row.checks or {}).values())
    ]
    for recording_id in failed:
        connection.execute(
            sa.text("UPDATE recordings SET checks_ok = :no WHERE id = :id"), {"no": False, "id": recording_id}
        )


def _queue_pending_references() -> None:
    """Photos still pending get the enrol job they never had, so the watchdog sends them again."""
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "INSERT INTO processing_jobs (reference_id, stage, state, percent, attempts, requeues, queued_at, updated_at)"
            " SELECT id, 'enrol', 'queued', 0, 0, 0, created_at, created_at FROM teacher_references"
            " WHERE state = 'pending'"
        )
    )


def downgrade() -> None:
    connection = op.get_bind()
    connection.execute(sa.text("DELETE FROM processing_jobs WHERE reference_id IS NOT NULL"))
    connection.execute(sa.text("UPDATE teacher_references SET state = 'refused' WHERE state = 'failed'"))
    with op.batch_alter_table("processing_jobs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_processing_jobs_one_subject"), type_="check")
        batch_op.drop_constraint(op.f("ck_processing_jobs_stage_known"), type_="check")
        batch_op.create_check_constraint("stage_known", _STAGES_BEFORE)
        batch_op.drop_constraint(batch_op.f("uq_processing_jobs_reference_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_processing_jobs_reference_id"))
        batch_op.drop_constraint(batch_op.f("fk_processing_jobs_reference_id_teacher_references"), type_="foreignkey")
        batch_op.drop_column("reference_id")
        batch_op.alter_column("recording_id", existing_type=sa.String(length=36), nullable=False)
    with op.batch_alter_table("teacher_references", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_teacher_references_state_known"), type_="check")
        batch_op.create_check_constraint("state_known", _REFERENCE_STATES_BEFORE)
    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.drop_column("checks_ok")
