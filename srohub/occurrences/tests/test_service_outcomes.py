from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.occurrences import services
from srohub.occurrences.models import Occurrence, ParentalNotice, SubjectOutcome
from srohub.occurrences.testing import occurrence_at, young_person


@pytest.fixture
def subject(world):
    occurrence = world.a.extras["occurrence"]
    person = young_person(world.a, age=16, given_name="Riley")
    return services.involvement_add(
        actor=world.users[Role.SRO], occurrence=occurrence, person=person, role="subject"
    )


def test_it_records_a_charge_with_its_written_notice_duty(world, subject):
    sro = world.users[Role.SRO]
    outcome = services.outcome_record(
        actor=sro,
        involvement=subject,
        outcome="charge",
        charge_method="summons",
        charged_on=timezone.localdate(),
    )
    assert outcome.period_status == "pending"
    notice = ParentalNotice.objects.get(involvement=subject)
    assert (notice.section, notice.form_required) == ("s.26(2)", "written")
    assert notice.due_at > timezone.now()
    # the court result: no second duty, and the record now has an end date
    services.outcome_record(
        actor=sro,
        involvement=subject,
        outcome="withdrawal",
        charge_method="summons",
        decision_date=timezone.localdate(),
    )
    assert ParentalNotice.objects.filter(involvement=subject).count() == 1
    subject.occurrence.refresh_from_db()
    assert subject.occurrence.access_period_ends_on is not None


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"outcome": "extrajudicial_sanction", "consent_date": -10}, "consent_date"),  # before the occurrence
        (
            {"outcome": "summary_conviction", "finding_date": 0, "sentence_completed": -1},
            "sentence_completed",
        ),
        ({"outcome": "extrajudicial_sanction"}, "consent_date"),  # missing the date s.119(2)(a) counts from
        ({"outcome": "charge"}, "charge_method"),
    ],
)
def test_it_refuses_bad_outcomes_and_saves_nothing(world, subject, values, field):
    today = timezone.localdate()
    dated = {k: (today + timedelta(days=v) if isinstance(v, int) else v) for k, v in values.items()}
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.outcome_record(actor=world.users[Role.SRO], involvement=subject, **dated)
    assert field in raised.value.message_dict
    assert not SubjectOutcome.objects.filter(involvement=subject).exists()
    assert AuditEvent.objects.count() == events


def test_it_refuses_a_ycja_outcome_for_an_adult(world):
    occurrence = occurrence_at(world.a)
    adult = young_person(world.a, age=19)
    involvement = services.involvement_add(
        actor=world.users[Role.SRO], occurrence=occurrence, person=adult, role="subject"
    )
    with pytest.raises(ValidationError) as raised:
        services.outcome_record(actor=world.users[Role.SRO], involvement=involvement, outcome="caution")
    assert "outcome" in raised.value.message_dict
    services.outcome_record(actor=world.users[Role.SRO], involvement=involvement, outcome="no_further_action")


def test_it_lets_no_one_outside_the_occurrence_record_an_outcome(world, subject):
    from django.http import Http404

    for user in (world.outsider, world.users[Role.SCHOOL_ADMIN], world.users[Role.EVALUATOR]):
        with pytest.raises(Http404):
            services.outcome_record(actor=user, involvement=subject, outcome="warning")


def test_it_keeps_the_record_open_while_a_charge_is_pending(world, subject):
    occurrence = Occurrence.objects.get(pk=subject.occurrence_id)
    assert occurrence.access_period_ends_on is not None  # the world's subject: a sanction
    services.outcome_record(
        actor=world.users[Role.SRO], involvement=subject, outcome="charge", charge_method="arrest_detention"
    )
    occurrence.refresh_from_db()
    assert occurrence.access_period_ends_on is None
