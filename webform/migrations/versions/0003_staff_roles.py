"""Staff roles: every account is a reviewer or a maintainer.

Accounts that exist become reviewers: the maintainer pages show what people wrote in the chat, so
nobody gets them without being made a maintainer explicitly (`create-staff NAME --role maintainer`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 11:10:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=20), server_default='reviewer', nullable=False))


def downgrade():
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('role')
