"""Every write of the engagement log: activities, the topic catalogue, the presentation library and
the program's settings. Referrals are in ``referral_services``. Each service authorizes, validates,
saves and audits in one transaction (``core.services``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_record
from srohub.core.roles import Role
from srohub.core.scoping import roles_of
from srohub.core.services import authorize_change, change_record, create_in_program, remove_record
from srohub.directory.models import Assignment
from srohub.engagement import rules
from srohub.engagement.models import Activity, EngagementSettings, Material, MaterialVersion, Topic
from srohub.engagement.selectors import last_activity_of, officer_of

# The optional fields of an activity that may refer to another record of the program.
LINKED_FIELDS = ("topic", "material_version", "person")


def check_same_program(program, **records) -> None:
    """Refuse links to another program's records (the caller learns nothing more about them)."""
    errors = {
        name: _("Choose a record of this program.")
        for name, record in records.items()
        if record is not None and record.program_id != program.pk
    }
    if errors:
        raise ValidationError(errors)


def _acting_officer(actor, program, officer):
    """The officer an activity is logged for: an SRO logs their own, a supervisor names one."""
    own = officer_of(actor, program.pk)
    if officer is None:
        officer = own
    if officer is None:
        raise ValidationError({"officer": _("Choose the officer who did this.")})
    if own is not None and officer != own and actor is not SYSTEM and not _supervises(actor, program):
        raise ValidationError({"officer": _("You log your own activities.")})
    check_same_program(program, officer=officer)
    return officer


def _supervises(actor, program) -> bool:
    return Role.SRO_SUPERVISOR in roles_of(actor, program.pk)


def _check_activity(values: dict, *, today: date) -> None:
    """The pure rules (the languages put in the list's order), then the school against the
    officer's assignments on that day."""
    problems = rules.activity_problems(
        activity_type=values["activity_type"],
        duration_minutes=values["duration_minutes"],
        occurred_on=values["occurred_on"],
        today=today,
        has_person=values.get("person") is not None,
        audience_count=values.get("audience_count"),
    )
    if "languages" in values:
        problem = rules.languages_problem(values["languages"])
        if problem:
            problems["languages"] = problem
        else:
            values["languages"] = rules.ordered_languages(values["languages"])
    if problems:
        raise ValidationError(problems)
    assigned = Assignment.objects.active_on(values["occurred_on"]).filter(
        officer=values["officer"], school=values["school"]
    )
    if not assigned.exists():
        raise ValidationError(
            {"school": _("This school was not one of the officer's assignments on that day.")}
        )


@transaction.atomic
def activity_create(
    *,
    actor,
    school,
    activity_type: str,
    occurred_on: date,
    duration_minutes: int,
    officer=None,
    today: date | None = None,
    **optional,
) -> Activity:
    """Log an activity (issue 4): the duration within a day, no date after today, the school one of
    the officer's assignments on that day; a young person only for the types that involve one."""
    program = school.program
    officer = _acting_officer(actor, program, officer)
    check_same_program(program, **{name: optional.get(name) for name in LINKED_FIELDS})
    values = {
        "school": school,
        "officer": officer,
        "activity_type": activity_type,
        "occurred_on": occurred_on,
        "duration_minutes": duration_minutes,
        **optional,
    }
    _check_activity(values, today=today or timezone.localdate())
    values.pop("school")
    return create_in_program(actor, Activity, program=program, school=school, **values)


@transaction.atomic
def activity_update(
    *,
    actor,
    activity: Activity,
    changes: dict,
    expected_version: int | None = None,
    today: date | None = None,
) -> Activity:
    """Correct an activity; the same rules as when it was logged."""
    authorize_change(actor, activity)
    check_same_program(activity.program, **{name: changes.get(name) for name in (*LINKED_FIELDS, "school")})
    current = {
        name: getattr(activity, name)
        for name in (
            "school",
            "officer",
            "activity_type",
            "occurred_on",
            "duration_minutes",
            "person",
            "audience_count",
        )
    }
    checked = {**current, **changes}
    _check_activity(checked, today=today or timezone.localdate())
    if "languages" in changes:
        changes = {**changes, "languages": checked["languages"]}
    return change_record(actor, activity, changes, expected_version)


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    """Remove an activity logged by mistake (what it was stays in the audit trail)."""
    remove_record(actor, activity)


@transaction.atomic
def activity_repeat_last(*, actor, program, school=None, today: date | None = None) -> Activity:
    """Log again the officer's last activity, today (at ``school``, or the same school as before).

    Issue 4 "repeat last entry": the same type, topic, audience and duration; never the young person
    or the notes, which belong to that one entry.
    """
    today = today or timezone.localdate()
    officer = _acting_officer(actor, program, None)
    last = last_activity_of(officer)
    if last is None:
        raise ValidationError(_("There is no earlier entry to repeat."))
    return activity_create(
        actor=actor,
        school=school or last.school,
        activity_type=last.activity_type,
        occurred_on=today,
        duration_minutes=last.duration_minutes,
        officer=officer,
        today=today,
        topic=last.topic,
        material_version=last.material_version,
        grades=last.grades,
        audience_count=last.audience_count,
        languages=list(last.languages),
    )


# ---------------------------------------------------------------- catalogue and library


def _check_topic_name(program_id: int, name: str, *, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the topic a name.")})
    taken = Topic.objects.filter(program_id=program_id, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"name": _("This topic is already in the catalogue.")})
    return name


@transaction.atomic
def topic_create(*, actor, program, name: str) -> Topic:
    """Add a topic to the program's catalogue."""
    name = _check_topic_name(program.pk, name)
    return create_in_program(actor, Topic, program=program, name=name)


@transaction.atomic
def topic_update(*, actor, topic: Topic, changes: dict, expected_version: int | None = None) -> Topic:
    """Rename a topic, or retire it (``is_active`` False: no longer offered for new entries, still
    counted in the measures of the activities that used it) or put it back in use."""
    authorize_change(actor, topic)
    unknown = set(changes) - {"name", "is_active"}
    if unknown:
        raise ValidationError({name: _("This cannot be changed here.") for name in sorted(unknown)})
    if "name" in changes:
        changes = {**changes, "name": _check_topic_name(topic.program_id, changes["name"], exclude_pk=topic.pk)}
    return change_record(actor, topic, changes, expected_version)


def topics_ensure_defaults(*, actor, program) -> int:
    """Give a program the default catalogue (rules.DEFAULT_TOPICS) where it has none of them yet."""
    existing = set(Topic.objects.filter(program=program).values_list("name", flat=True))
    missing = [name for name in rules.DEFAULT_TOPICS if name not in existing]
    for name in missing:
        topic_create(actor=actor, program=program, name=name)
    return len(missing)


@transaction.atomic
def material_create(*, actor, program, **fields) -> Material:
    """Add a presentation to the library."""
    check_same_program(program, topic=fields.get("topic"), division=fields.get("division"))
    return create_in_program(actor, Material, program=program, **fields)


@transaction.atomic
def material_update(*, actor, material: Material, changes: dict, expected_version: int | None = None) -> Material:
    """Correct a presentation of the library (title, topic, grades, language, review)."""
    authorize_change(actor, material)
    changes = {name: value for name, value in changes.items() if name != "program"}
    check_same_program(material.program, topic=changes.get("topic"), division=changes.get("division"))
    title = changes.get("title")
    if (
        title is not None
        and Material.objects.filter(program_id=material.program_id, title__iexact=title.strip())
        .exclude(pk=material.pk)
        .exists()
    ):
        raise ValidationError({"title": _("The library already has a presentation with this title.")})
    return change_record(actor, material, changes, expected_version)


@transaction.atomic
def material_version_add(*, actor, material: Material, **fields) -> MaterialVersion:
    """Record a new version of a presentation."""
    if MaterialVersion.objects.filter(material=material, label=fields.get("label", "")).exists():
        raise ValidationError({"label": _("This presentation already has a version with this label.")})
    return create_in_program(actor, MaterialVersion, program=material.program, material=material, **fields)


@transaction.atomic
def settings_update(
    *, actor, program, referral_reminder_days: int, expected_version: int | None = None
) -> EngagementSettings:
    """Set after how many days without an update a referral is brought back to mind (1–365; the
    program has rules.DEFAULT_REMINDER_DAYS until someone sets it)."""
    if not isinstance(referral_reminder_days, int) or not 1 <= referral_reminder_days <= 365:
        raise ValidationError({"referral_reminder_days": _("Give a number of days from 1 to 365.")})
    settings = EngagementSettings.objects.filter(program=program).first()
    if settings is None:
        return create_in_program(
            actor, EngagementSettings, program=program, referral_reminder_days=referral_reminder_days
        )
    return change_record(
        actor, settings, {"referral_reminder_days": referral_reminder_days}, expected_version
    )


@transaction.atomic
def report_exported(*, actor, instance, report: str, term: rules.Term) -> None:
    """Record that ``actor`` downloaded a term report about ``instance`` (the program's measures,
    a school's summary): counts only, still an export."""
    audit_record(actor=actor, action=AuditAction.EXPORT, instance=instance, after={"report": report, "term": term.key})
