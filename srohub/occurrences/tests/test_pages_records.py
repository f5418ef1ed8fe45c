"""The police pages that write youth records: each writes through its service, shows the law's
refusals as form errors with nothing saved, and refuses whoever may not write."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from srohub.core.roles import Role
from srohub.occurrences.models import Involvement, Occurrence, ParentalNotice, SchoolDisclosure, SubjectOutcome
from srohub.occurrences.testing import occurrence_at, young_person
from srohub.people.models import Guardian, Person


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_it_records_an_occurrence_at_the_officers_school(world):
    sro = signed_in(world.users[Role.SRO])
    assert sro.get("/occurrences/new/").status_code == 200
    response = sro.post(
        "/occurrences/new/",
        {
            "school": world.a.school.pk,
            "space": world.a.space.pk,
            "occurred_at": local(timezone.now() - timedelta(hours=3)),
            "reported_via": "officer",
            "categories": ["weapons", "threats"],
            "narrative": "Knife seen in a locker.",
        },
    )
    created = Occurrence.objects.exclude(pk=world.a.extras["occurrence"].pk).get(program=world.a.program)
    assert response.status_code == 302 and response["Location"] == f"/occurrences/{created.pk}/"
    assert sorted(created.categories.values_list("key", flat=True)) == ["threats", "weapons"]
    assert created.officer is None or created.officer.program_id == world.a.program.pk


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"school": "other"}, "school"),  # not one of the SRO's schools
        ({"occurred_at": "future"}, "occurred_at"),
        ({"reported_via": "rumour"}, "reported_via"),
    ],
)
def test_it_refuses_a_bad_occurrence_and_saves_nothing(world, change, field):
    data = {
        "school": world.a.school.pk,
        "occurred_at": local(timezone.now() - timedelta(hours=1)),
        "reported_via": "staff",
    }
    data.update(change)
    if data["school"] == "other":
        data["school"] = world.a.other_school.pk
    if data["occurred_at"] == "future":
        data["occurred_at"] = local(timezone.now() + timedelta(days=2))
    before = Occurrence.objects.count()
    response = signed_in(world.users[Role.SRO]).post("/occurrences/new/", data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert Occurrence.objects.count() == before


@pytest.mark.parametrize("role", [Role.SCHOOL_ADMIN, Role.EVALUATOR, Role.RECORDS_CUSTODIAN])
def test_it_keeps_the_occurrence_form_for_police(world, role):
    assert signed_in(world.users[role]).get("/occurrences/new/").status_code == 403


def test_it_adds_someone_new_with_a_guardian_or_someone_known_by_id(world):
    occurrence = world.a.extras["occurrence"]
    sro = signed_in(world.users[Role.SRO])
    url = f"/occurrences/{occurrence.pk}/people/add/"
    response = sro.post(
        url,
        {
            "role": "victim",
            "given_name": "Robin",
            "family_name": "Example",
            "date_of_birth": "2011-03-04",
            "person_school": world.a.school.pk,
            "guardian_name": "Pat Example",
            "guardian_relationship": "parent",
            "guardian_phone": "555-0100",
        },
    )
    assert response.status_code == 302
    victim = Involvement.objects.get(occurrence=occurrence, role="victim").person
    assert (victim.given_name, Guardian.objects.get(person=victim).name) == ("Robin", "Pat Example")
    known = world.a.extras["person"]
    assert sro.post(url, {"role": "witness", "pseudonym": known.pseudonym.lower()}).status_code == 302
    assert Involvement.objects.filter(occurrence=occurrence, role="witness", person=known).exists()


def test_it_refuses_an_unknown_id_or_a_nameless_person_and_saves_nothing(world):
    occurrence = world.a.extras["occurrence"]
    sro = signed_in(world.users[Role.SRO])
    people = Person.objects.count()
    outsider_person = young_person(world.b)  # exists, but in another program
    for data, field in [
        ({"role": "witness", "pseudonym": outsider_person.pseudonym}, "pseudonym"),
        ({"role": "witness", "given_name": "Only"}, "given_name"),
        ({"role": "witness", "given_name": "A", "family_name": "B", "guardian_name": "C"}, "guardian_relationship"),
    ]:
        response = sro.post(f"/occurrences/{occurrence.pk}/people/add/", data)
        assert response.status_code == 200 and field in response.context["form"].errors, data
    assert Person.objects.count() == people + 1  # only the other program's, made above
    assert not Involvement.objects.filter(occurrence=occurrence, role="witness").exists()


def _subject(world, age: int = 15):
    occurrence = occurrence_at(world.a, days_ago=10)
    person = young_person(world.a, age=age, given_name="Casey")
    return Involvement.objects.create(program=world.a.program, occurrence=occurrence, person=person, role="subject")


def test_it_records_a_charge_and_its_written_notice_duty_then_the_notice(world):
    involvement = _subject(world)
    sro = signed_in(world.users[Role.SRO])
    url = f"/occurrences/involvements/{involvement.pk}/outcome/"
    assert sro.get(url).status_code == 200
    today = timezone.localdate().isoformat()
    response = sro.post(url, {"outcome": "charge", "charge_method": "summons", "charged_on": today})
    assert response.status_code == 302, response.context["form"].errors
    notice = ParentalNotice.objects.get(involvement=involvement)
    assert (notice.section, notice.form_required) == ("s.26(2)", "written")
    given_url = f"/occurrences/notices/{notice.pk}/given/"
    contents = notice.required_contents
    oral = {
        "given_at": local(timezone.now() - timedelta(minutes=5)),
        "recipient_name": "Pat Example",
        "recipient_relationship": "parent",
        "parent_available": "on",
        "method": "oral_phone",
        "contents_given": contents,
        "version": notice.version,
    }
    refused = sro.post(given_url, oral)
    assert refused.status_code == 200 and "method" in refused.context["form"].errors
    written = {**oral, "method": "written_in_person", "proof_of_delivery": "Signed receipt"}
    assert sro.post(given_url, written).status_code == 302
    notice.refresh_from_db()
    assert notice.is_done and notice.proof_of_delivery == "Signed receipt"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"outcome": "summary_conviction", "finding_date": "+2", "sentence_completed": "+1"}, "sentence_completed"),
        ({"outcome": "dismissal", "decision_date": "-30"}, "decision_date"),  # before the occurrence
        ({"outcome": "acquittal"}, "appeal_period_end"),  # the date its period needs
        ({"outcome": "caution", "age": 11}, "outcome"),  # not a young person (s.2(1))
    ],
)
def test_it_refuses_a_bad_outcome_on_the_form_and_saves_nothing(world, data, field):
    involvement = _subject(world, age=data.pop("age", 15))
    today = timezone.localdate()
    body = {k: v if k == "outcome" else (today + timedelta(days=int(v))).isoformat() for k, v in data.items()}
    response = signed_in(world.users[Role.SRO]).post(f"/occurrences/involvements/{involvement.pk}/outcome/", body)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not SubjectOutcome.objects.filter(involvement=involvement).exists()
    assert not ParentalNotice.objects.filter(involvement=involvement).exists()


def test_it_records_a_discretionary_contact(world):
    involvement = world.a.extras["subject"]
    response = signed_in(world.users[Role.SRO]).post(
        f"/occurrences/involvements/{involvement.pk}/contact/",
        {
            "given_at": local(timezone.now() - timedelta(hours=1)),
            "recipient_name": "Pat",
            "recipient_relationship": "parent",
            "method": "oral_phone",
        },
    )
    assert response.status_code == 302
    assert ParentalNotice.objects.get(involvement=involvement, section="discretionary").is_duty is False


def test_it_shares_with_a_school_admin_who_sees_only_that(world):
    occurrence = world.a.extras["occurrence"]
    admin = world.users[Role.SCHOOL_ADMIN]
    sro = signed_in(world.users[Role.SRO])
    url = f"/occurrences/{occurrence.pk}/disclose/"
    assert sro.get(url).status_code == 200
    refused = sro.post(url, {"recipient": admin.pk, "purpose": "curiosity", "information_shared": "x"})
    assert refused.status_code == 200 and "purpose" in refused.context["form"].errors
    response = sro.post(url, {"recipient": admin.pk, "purpose": "safety", "information_shared": "Keep apart."})
    assert response.status_code == 302
    disclosure = SchoolDisclosure.objects.get(recipient=admin)
    school = signed_in(admin)
    assert f"/occurrences/disclosures/{disclosure.pk}/" in school.get("/occurrences/disclosures/").content.decode()
    assert school.get(f"/occurrences/{occurrence.pk}/").status_code == 404


def test_it_refuses_a_stale_edit(world):
    occurrence = world.a.extras["occurrence"]
    sro = signed_in(world.users[Role.SRO])
    form = {
        "school": world.a.school.pk,
        "occurred_at": local(occurrence.occurred_at),
        "reported_via": "staff",
        "categories": ["assault"],
        "narrative": "Edited.",
        "status": "closed",
        "version": occurrence.version,
    }
    assert sro.post(f"/occurrences/{occurrence.pk}/edit/", form).status_code == 302
    stale = sro.post(f"/occurrences/{occurrence.pk}/edit/", {**form, "narrative": "Lost?"})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    occurrence.refresh_from_db()
    assert (occurrence.status, occurrence.narrative) == ("closed", "Edited.")


def test_it_lets_a_supervisor_read_but_not_an_officer_of_another_school_write(world, django_user_model):
    occurrence = occurrence_at(world.a, school=world.a.other_school)
    assert signed_in(world.users[Role.SRO]).get(f"/occurrences/{occurrence.pk}/edit/").status_code == 404
    assert signed_in(world.users[Role.SRO_SUPERVISOR]).get(f"/occurrences/{occurrence.pk}/edit/").status_code == 200
