"""Message labels: the right intent (or "noise") a maintainer gave to a misunderstood chat message.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 11:20:00

"""
from alembic import op
import sqlalchemy as sa

from webform.models.types import UTCDateTime

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'message_labels',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sender_id', sa.String(length=255), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=2), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('predicted_intent', sa.String(length=100), nullable=True),
        sa.Column('intent', sa.String(length=100), nullable=False),
        sa.Column('labelled_by', sa.String(length=80), nullable=False),
        sa.Column('labelled_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_message_labels')),
        sa.UniqueConstraint('sender_id', 'event_id', name='uq_message_labels_message'),
    )
    with op.batch_alter_table('message_labels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_labels_sender_id'), ['sender_id'], unique=False)


def downgrade():
    with op.batch_alter_table('message_labels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_labels_sender_id'))
    op.drop_table('message_labels')
