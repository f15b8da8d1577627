"""peer_learning: schools.district, pushed peer videos (peer_assignments) and their 观课议课 (peer_comments)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 11:25:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.add_column(sa.Column("district", sa.String(length=64), nullable=True))

    op.create_table(
        "peer_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("viewer_teacher_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.String(length=36), nullable=False),
        sa.Column("pool", sa.String(length=16), nullable=False),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("assigned_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("played", sa.JSON(), nullable=False),
        sa.Column("played_share", sa.Float(), server_default="0", nullable=False),
        sa.Column("counted_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_by"], ["users.id"], name=op.f("fk_peer_assignments_assigned_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["recordings.id"],
            name=op.f("fk_peer_assignments_recording_id_recordings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_peer_assignments_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["viewer_teacher_id"],
            ["teachers.id"],
            name=op.f("fk_peer_assignments_viewer_teacher_id_teachers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_assignments")),
        sa.UniqueConstraint("viewer_teacher_id", "submission_id", name=op.f("uq_peer_assignments_viewer_teacher_id")),
    )
    with op.batch_alter_table("peer_assignments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_peer_assignments_recording_id"), ["recording_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_peer_assignments_submission_id"), ["submission_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_peer_assignments_viewer_teacher_id"), ["viewer_teacher_id"], unique=False)

    op.create_table(
        "peer_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["peer_assignments.id"],
            name=op.f("fk_peer_comments_assignment_id_peer_assignments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_comments")),
        sa.UniqueConstraint("assignment_id", name=op.f("uq_peer_comments_assignment_id")),
    )


def downgrade() -> None:
    op.drop_table("peer_comments")
    with op.batch_alter_table("peer_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peer_assignments_viewer_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_peer_assignments_submission_id"))
        batch_op.drop_index(batch_op.f("ix_peer_assignments_recording_id"))
    op.drop_table("peer_assignments")
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.drop_column("district")
