"""On PostgreSQL the audit table refuses UPDATE and DELETE: history cannot be rewritten, even by SQL.

(SQLite gets no trigger: Django's test flush empties tables with DELETE there, and SQLite is the
single-machine embedded mode where the database file itself is the trust boundary.)
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION srohub_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: UPDATE and DELETE are refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION srohub_audit_refuse_change();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS srohub_audit_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
