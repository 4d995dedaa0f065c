"""Freelancer documents carry the band of the freelancer's ranking score (a tiered index).

SQLite's FTS5 tables cannot gain a column, so the freelancer table is rebuilt with a ``tier``
column and its documents copied; PostgreSQL's documents gain one lexeme. At a million people
this takes a few minutes (the whole text index is written again).
"""

from django.db import migrations

from twoway.search.backend import TIERS, tier_lexeme_sql, tier_token_sql


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in (
            "CREATE VIRTUAL TABLE search_freelancer_tiered "
            "USING fts5(title, skills, body, tier, tokenize='porter unicode61')",
            "INSERT INTO search_freelancer_tiered (rowid, title, skills, body, tier) "
            f"SELECT f.rowid, f.title, f.skills, f.body, {tier_token_sql('p.sort_ranking')} "
            "FROM search_freelancer f "
            "JOIN accounts_freelancerprofile p ON p.user_id = f.rowid",
            "DROP TABLE search_freelancer",
            "ALTER TABLE search_freelancer_tiered RENAME TO search_freelancer",
        ):
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE search_freelancer s SET document = s.document || "
            f"{tier_lexeme_sql('p.sort_ranking')} "
            "FROM accounts_freelancerprofile p WHERE p.user_id = s.id"
        )


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in (
            "CREATE VIRTUAL TABLE search_freelancer_plain "
            "USING fts5(title, skills, body, tokenize='porter unicode61')",
            "INSERT INTO search_freelancer_plain (rowid, title, skills, body) "
            "SELECT rowid, title, skills, body FROM search_freelancer",
            "DROP TABLE search_freelancer",
            "ALTER TABLE search_freelancer_plain RENAME TO search_freelancer",
        ):
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        lexemes = ", ".join(f"'~{tier}'" for tier in range(TIERS))
        schema_editor.execute(
            f"UPDATE search_freelancer SET document = ts_delete(document, ARRAY[{lexemes}])"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_tables"),
        ("accounts", "0005_freelancer_score_sort_index"),
    ]
    operations = [migrations.RunPython(forward, backward)]
