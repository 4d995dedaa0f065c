"""The full-text search tables, per database: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_freelancer USING fts5(title, skills, body, tokenize='porter unicode61')",
    "CREATE VIRTUAL TABLE search_job USING fts5(title, skills, body, tokenize='porter unicode61')",
]
POSTGRES = [
    "CREATE TABLE search_freelancer (id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX search_freelancer_document ON search_freelancer USING gin (document)",
    "CREATE TABLE search_job (id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX search_job_document ON search_job USING gin (document)",
]
DROP = ["DROP TABLE IF EXISTS search_freelancer", "DROP TABLE IF EXISTS search_job"]


def create(apps, schema_editor):
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create, drop)]
