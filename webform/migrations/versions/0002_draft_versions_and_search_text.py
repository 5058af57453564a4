"""Draft versions for optimistic concurrency, and a normalised search text with an index.

- drafts.version: rises with every change of answers or status; forms send the version they showed.
- draft_events.version: the draft's version after the event, so a refused change can say what it missed.
- drafts.search_text: organisation, title, contact and city folded for German search (webform.search),
  filled here for the drafts that exist. PostgreSQL gets a trigram index (pg_trgm), which serves
  LIKE '%word%'; SQLite a plain index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 10:00:00

"""
from alembic import op
import sqlalchemy as sa

from webform.search import SEARCHED_FIELDS, draft_search_text

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _trigram_schema(bind) -> str:
    # The extension lives in one schema for the whole database (public unless it was installed elsewhere);
    # its operator class is named with that schema, so the index works whatever the search_path is.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    return bind.execute(sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    )).scalar_one()


def upgrade():
    bind = op.get_bind()
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('draft_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=True))

    drafts = sa.table('drafts', sa.column('id', sa.Integer), sa.column('search_text', sa.Text),
                      *(sa.column(name, sa.String) for name in SEARCHED_FIELDS))
    rows = bind.execute(sa.select(drafts.c.id, *(drafts.c[name] for name in SEARCHED_FIELDS))).mappings().all()
    for row in rows:
        bind.execute(drafts.update().where(drafts.c.id == row['id'])
                     .values(search_text=draft_search_text(row)))

    if bind.dialect.name == 'postgresql':
        schema = _trigram_schema(bind)
        op.execute(f'CREATE INDEX ix_drafts_search_text ON drafts USING gin (search_text "{schema}".gin_trgm_ops)')
    else:
        with op.batch_alter_table('drafts', schema=None) as batch_op:
            batch_op.create_index('ix_drafts_search_text', ['search_text'], unique=False)


def downgrade():
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index('ix_drafts_search_text')
        batch_op.drop_column('search_text')
        batch_op.drop_column('version')
    with op.batch_alter_table('draft_events', schema=None) as batch_op:
        batch_op.drop_column('version')
