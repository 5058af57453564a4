"""Message entities: the entities of a labelled chat message, as spans of its masked text.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 14:20:00

"""
from alembic import op
import sqlalchemy as sa

from webform.models.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'message_entities',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('label_id', sa.Integer(), nullable=False),
        sa.Column('start', sa.Integer(), nullable=False),
        sa.Column('end', sa.Integer(), nullable=False),
        sa.Column('entity', sa.String(length=100), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=True),
        sa.Column('origin', sa.String(length=20), nullable=False),
        sa.Column('changed_by', sa.String(length=80), nullable=True),
        sa.Column('changed_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['label_id'], ['message_labels.id'],
                                name=op.f('fk_message_entities_label_id_message_labels'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_message_entities')),
    )
    with op.batch_alter_table('message_entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_entities_label_id'), ['label_id'], unique=False)


def downgrade():
    with op.batch_alter_table('message_entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_entities_label_id'))
    op.drop_table('message_entities')
