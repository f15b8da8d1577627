"""session_records: a group session's manual sign-ins, report (报道) and reflections (学习心得), issue 20 item 5

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 11:50:00.000000
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _recording(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["recording_id"], ["recordings.id"], name=op.f(f"fk_{table}_recording_id_recordings"), ondelete="CASCADE"
    )


def _teacher(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["teacher_id"], ["teachers.id"], name=op.f(f"fk_{table}_teacher_id_teachers"), ondelete="CASCADE"
    )


def _user(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete="SET NULL")


def upgrade() -> None:
    op.create_table(
        "session_sign_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.String(length=36), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("added_at", db.base.UTCDateTime(timezone=True), nullable=False),
        _recording("session_sign_ins"),
        _teacher("session_sign_ins"),
        _user("session_sign_ins", "added_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_sign_ins")),
        sa.UniqueConstraint("recording_id", "teacher_id", name=op.f("uq_session_sign_ins_recording_id")),
    )
    with op.batch_alter_table("session_sign_ins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_sign_ins_recording_id"), ["recording_id"], unique=False)

    op.create_table(
        "session_reports",
        sa.Column("recording_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        _recording("session_reports"),
        _user("session_reports", "written_by"),
        sa.PrimaryKeyConstraint("recording_id", name=op.f("pk_session_reports")),
    )

    op.create_table(
        "session_reflections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.String(length=36), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        _recording("session_reflections"),
        _teacher("session_reflections"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_reflections")),
        sa.UniqueConstraint("recording_id", "teacher_id", name=op.f("uq_session_reflections_recording_id")),
    )
    with op.batch_alter_table("session_reflections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_reflections_recording_id"), ["recording_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_reflections_teacher_id"), ["teacher_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("session_reflections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_reflections_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_session_reflections_recording_id"))
    op.drop_table("session_reflections")
    op.drop_table("session_reports")
    with op.batch_alter_table("session_sign_ins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_sign_ins_recording_id"))
    op.drop_table("session_sign_ins")
