"""On PostgreSQL: no two primary assignments of one school may overlap in time (exclusion constraint).

The service refuses overlaps on every backend; this is the database's last line against a race.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE directory_assignment ADD CONSTRAINT assignment_no_overlapping_primary
    EXCLUDE USING gist (
        school_id WITH =,
        daterange(start_date, end_date, '[]') WITH &&
    ) WHERE (role = 'primary');
"""
DROP = "ALTER TABLE directory_assignment DROP CONSTRAINT IF EXISTS assignment_no_overlapping_primary;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
