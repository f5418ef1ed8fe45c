"""Recording a subject's outcome: validated against the YCJA, its access period computed, and the
parental notice duty it creates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.audit.models import AuditAction
from srohub.audit.services import audit_record
from srohub.core.services import authorize_change, create_record, update_record
from srohub.occurrences.models import (
    OUTCOME_DATE_FIELDS,
    Involvement,
    InvolvementRole,
    Occurrence,
    ParentalNotice,
    SubjectOutcome,
)
from srohub.occurrences.rules.access_periods import (
    AccessPeriod,
    LaterOffence,
    MissingDateError,
    Outcome,
    OutcomeDates,
    PeriodStatus,
    access_period,
    record_period_end,
)
from srohub.occurrences.rules.parental_notice import notice_due_at, notice_duty_arises
from srohub.occurrences.rules.validation import outcome_date_errors, youth_outcome_age_error
from srohub.occurrences.selectors import settings_for

OUTCOME_FIELDS = ("outcome", "charge_method", "charge", "later_offence_indictable", *OUTCOME_DATE_FIELDS)


@transaction.atomic
def outcome_record(
    *, actor, involvement: Involvement, outcome: str, expected_version: int | None = None, **values
) -> SubjectOutcome:
    """Record (or update, as court results become known) a subject's outcome.

    Refuses, with nothing saved: a date before the occurrence, a sentence completed before the
    finding of guilt, a YCJA outcome for someone not 12–17 at the time (YCJA s.2(1)), a date the
    outcome's access period needs (s.119(2)). Then recomputes the record's access period and creates
    the parental notice duty of s.26(1), s.26(2) or s.11.
    """
    occurrence = involvement.occurrence
    authorize_change(actor, occurrence)
    fields = {name: values.get(name) for name in OUTCOME_FIELDS if name != "outcome"}
    fields["charge_method"] = fields["charge_method"] or ""
    fields["charge"] = fields["charge"] or ""
    period = _validated_period(involvement, outcome, fields)
    computed = {
        "outcome": outcome,
        "period_status": period.status.value,
        "period_provision": period.provision,
        "access_period_ends_on": period.ends_on,
        **fields,
    }
    existing = SubjectOutcome.objects.filter(involvement=involvement).first()
    if existing is None:
        record = create_record(
            actor=actor,
            instance=SubjectOutcome(program_id=involvement.program_id, involvement=involvement, **computed),
        )
    else:
        record = update_record(
            actor=actor, instance=existing, changes=computed, expected_version=expected_version
        )
    refresh_record_period(actor=actor, occurrence=occurrence)
    _create_notice_duty(actor=actor, involvement=involvement, record=record)
    return record


def _validated_period(involvement: Involvement, outcome: str, fields: dict):
    errors = {}
    if involvement.role != InvolvementRole.SUBJECT:
        errors["involvement"] = _("Only a subject has an outcome.")
    occurred_on = timezone.localtime(involvement.occurrence.occurred_at).date()
    age_error = youth_outcome_age_error(outcome, involvement.person.date_of_birth, occurred_on)
    if age_error:
        errors["outcome"] = age_error
    errors.update(outcome_date_errors(occurred_on, {name: fields[name] for name in OUTCOME_DATE_FIELDS}))
    if outcome == Outcome.CHARGE and not fields["charge_method"]:
        errors["charge_method"] = _("Say how the young person was charged.")
    if errors:
        raise ValidationError(errors)
    try:
        return access_period(
            outcome,
            _outcome_dates(fields),
            later_offence=_later_offence(fields),
            adult_conviction_date=fields["adult_conviction_date"],
        )
    except MissingDateError as missing:
        raise ValidationError(
            {missing.field: _("This outcome needs this date (YCJA s.119(2)).")}
        ) from missing


def _outcome_dates(fields: dict) -> OutcomeDates:
    return OutcomeDates(**{name: fields[name] for name in OutcomeDates.field_names()})


def _later_offence(fields: dict) -> LaterOffence | None:
    found, completed = fields["later_offence_found_guilty_on"], fields["later_offence_sentence_completed"]
    if found is None or completed is None:
        return None
    return LaterOffence(bool(fields["later_offence_indictable"]), found, completed)


def refresh_record_period(*, actor, occurrence: Occurrence) -> None:
    """The record's access period from its subjects' (``rules.access_periods.record_period_end``)."""
    outcomes = SubjectOutcome.objects.filter(involvement__occurrence=occurrence)
    periods = [_stored_period(o) for o in outcomes]
    end = record_period_end(periods)
    if end != occurrence.access_period_ends_on:
        before = {"access_period_ends_on": str(occurrence.access_period_ends_on or "")}
        Occurrence.objects.filter(pk=occurrence.pk).update(access_period_ends_on=end)
        occurrence.access_period_ends_on = end
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=occurrence,
            before=before,
            after={"access_period_ends_on": str(end or "")},
        )


def _stored_period(outcome: SubjectOutcome) -> AccessPeriod:
    return AccessPeriod(
        PeriodStatus(outcome.period_status), outcome.access_period_ends_on, outcome.period_provision
    )


def _create_notice_duty(*, actor, involvement: Involvement, record: SubjectOutcome) -> None:
    """YCJA s.26(1)/(2) on a charge, s.11 on an extrajudicial sanction; once per subject and provision."""
    trigger = record.charge_method if record.charge_method else None
    if record.outcome == Outcome.EXTRAJUDICIAL_SANCTION:
        trigger = "extrajudicial_sanction"
    if trigger is None or involvement.person.date_of_birth is None:
        return
    now = timezone.now()
    duty = notice_duty_arises(
        trigger, involvement.person.date_of_birth, record.first_appearance_on or timezone.localdate()
    )
    if duty is None or ParentalNotice.objects.filter(involvement=involvement, section=duty.section).exists():
        return
    deadline_days = settings_for(involvement.program_id).notice_deadline_days
    create_record(
        actor=actor,
        instance=ParentalNotice(
            program_id=involvement.program_id,
            occurrence_id=involvement.occurrence_id,
            involvement=involvement,
            section=duty.section,
            is_duty=True,
            form_required=duty.form.value,
            required_contents=[c.value for c in duty.contents],
            due_at=notice_due_at(now, deadline_days=deadline_days, tz=timezone.get_current_timezone()),
        ),
    )
