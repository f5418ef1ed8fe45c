"""Activity.language (one of en, fr, en_fr, other) becomes Activity.languages, a list of codes
(issue 4 "languages"): en → [en], fr → [fr], en_fr → [en, fr], other → [other].

The new column's default is [en], so only the other values are updated: three UPDATE statements,
whatever the number of activities (a million at the calgary scale)."""

from django.db import migrations, models

import srohub.engagement.models

# Mirrors rules.LEGACY_LANGUAGES as it was when this migration was written.
LEGACY = {"fr": ["fr"], "en_fr": ["en", "fr"], "other": ["other"]}


def to_lists(apps, schema_editor):
    Activity = apps.get_model("engagement", "Activity")
    for old, new in LEGACY.items():
        Activity.objects.filter(language=old).update(languages=new)


def to_single(apps, schema_editor):
    """Back to one language: the exact lists map back; any other list with English and French is
    bilingual, any other list is "other"."""
    Activity = apps.get_model("engagement", "Activity")
    for activity in Activity.objects.exclude(languages=["en"]).only("pk", "languages").iterator():
        codes = set(activity.languages or ["en"])
        if codes == {"fr"}:
            language = "fr"
        elif {"en", "fr"} <= codes:
            language = "en_fr"
        else:
            language = "other"
        Activity.objects.filter(pk=activity.pk).update(language=language)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="languages",
            field=models.JSONField(
                default=srohub.engagement.models.default_languages,
                help_text="The languages it was held in.",
                validators=[srohub.engagement.models.validate_languages],
                verbose_name="languages",
            ),
        ),
        migrations.RunPython(to_lists, to_single),
        migrations.RemoveField(model_name="activity", name="language"),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(("languages", []), _negated=True), name="activity_has_a_language"
            ),
        ),
    ]
