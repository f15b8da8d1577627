"""biometric_consents: a teacher's separate consent to face identification (PIPL arts. 28-29)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 08:27:26.508534
"""

from alembic import op
import sqlalchemy as sa
import db.base


revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "biometric_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=16), nullable=False),
        sa.Column("purpose", sa.String(length=64), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("given_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("given_by", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["given_by"], ["users.id"], name=op.f("fk_biometric_consents_given_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["teachers.id"], name=op.f("fk_biometric_consents_teacher_id_teachers"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by"], ["users.id"], name=op.f("fk_biometric_consents_withdrawn_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_biometric_consents")),
    )
    with op.batch_alter_table("biometric_consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_biometric_consents_teacher_id"), ["teacher_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("biometric_consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_biometric_consents_teacher_id"))

    op.drop_table("biometric_consents")
