"""A database-level guarantee that feedback is written by a party about the other party, on
an ended contract. CHECK constraints cannot look at another table, so this is a trigger, with
the same meaning on SQLite and PostgreSQL (a violation is an IntegrityError in both)."""

from django.db import migrations

PARTIES_OK = """
    EXISTS (
        SELECT 1 FROM contracts_contract c
        WHERE c.id = NEW.contract_id
          AND c.status = 'ended'
          AND (
            (NEW.author_role = 'client' AND c.client_id = NEW.author_id
                AND c.freelancer_id = NEW.subject_id)
            OR (NEW.author_role = 'freelancer' AND c.freelancer_id = NEW.author_id
                AND c.client_id = NEW.subject_id)
          )
    )
"""

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER feedback_parties_{event.lower()}
    BEFORE {event} ON feedback_feedback
    FOR EACH ROW WHEN NOT {PARTIES_OK}
    BEGIN
        SELECT RAISE(ABORT, 'feedback must be by a party about the other party of an ended contract');
    END;
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS feedback_parties_insert;",
    "DROP TRIGGER IF EXISTS feedback_parties_update;",
]

POSTGRES_CREATE = [
    f"""
    CREATE FUNCTION feedback_parties_check() RETURNS trigger AS $$
    BEGIN
        IF NOT {PARTIES_OK} THEN
            RAISE EXCEPTION 'feedback must be by a party about the other party of an ended contract'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER feedback_parties
    BEFORE INSERT OR UPDATE OF contract_id, author_id, subject_id, author_role
    ON feedback_feedback
    FOR EACH ROW EXECUTE FUNCTION feedback_parties_check();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS feedback_parties ON feedback_feedback;",
    "DROP FUNCTION IF EXISTS feedback_parties_check();",
]


def create(apps, schema_editor):
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("contracts", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
