"""Load the UCR2 violation codes and the school taxonomy from data/*.csv (reference data as data)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name):
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    UcrCode = apps.get_model("occurrences", "UcrCode")
    Category = apps.get_model("occurrences", "Category")
    for row in rows("ucr2_codes.csv"):
        UcrCode.objects.update_or_create(code=row["code"], defaults={
            "description": row["description"], "aggregate": row["aggregate"]})
    for row in rows("categories.csv"):
        code = UcrCode.objects.get(code=row["ucr_code"]) if row["ucr_code"] else None
        Category.objects.update_or_create(key=row["key"], defaults={"aggregate": row["aggregate"], "ucr_code": code})


class Migration(migrations.Migration):
    dependencies = [("occurrences", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
