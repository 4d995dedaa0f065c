"""PostgreSQL: count a query's matches, up to a bound, through the GIN index.

A bounded count (``LIMIT n``) tempts the planner into a sequential scan that stops at the n-th
match: quick for a common word, but a scan of every document for a rare or absent one (about
300 ms at a million freelancers). These functions plan their query with sequential scans off,
so the answer always comes from the index. SQLite's FTS5 needs nothing of the kind.
"""

from django.db import migrations

TABLES = ("search_freelancer", "search_job")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"""
            CREATE FUNCTION {table}_matches(query tsquery, upto integer) RETURNS bigint
            LANGUAGE sql STABLE SET enable_seqscan = off
            AS $$
                SELECT count(*) FROM (
                    SELECT 1 FROM {table} WHERE document @@ query LIMIT upto
                ) matches
            $$
            """
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_matches(tsquery, integer)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_ranking_tiers")]
    operations = [migrations.RunPython(forward, backward)]
