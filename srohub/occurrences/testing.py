"""The occurrences app's part of the test world (core.testing.build_program_world) and its helpers."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from srohub.accounts.models import User
from srohub.audit.services import SYSTEM
from srohub.occurrences import services
from srohub.occurrences.models import Attachment, Category, SchoolDisclosure
from srohub.people.services import guardian_add, person_create


def young_person(pw, *, age: int = 15, given_name: str = "Jordan", family_name: str = "Sample", school=None):
    """A person of ``age`` today, at ``pw``'s school."""
    today = timezone.localdate()
    born = (
        date(today.year - age, 1, 15)
        if today >= date(today.year, 1, 15)
        else date(today.year - age - 1, 1, 15)
    )
    return person_create(
        actor=SYSTEM,
        program=pw.program,
        school=school or pw.school,
        given_name=given_name,
        family_name=family_name,
        date_of_birth=born,
    )


def occurrence_at(pw, *, days_ago: int = 2, school=None, category: str = "assault", **fields):
    return services.occurrence_create(
        actor=SYSTEM,
        program=pw.program,
        school=school or pw.school,
        reported_via="staff",
        occurred_at=timezone.now() - timedelta(days=days_ago),
        narrative=fields.pop("narrative", "A fight."),
        categories=Category.objects.filter(key=category),
        **fields,
    )


def subject_with_outcome(pw, occurrence, outcome: str = "extrajudicial_sanction", person=None, **dates):
    person = person or young_person(pw)
    involvement = services.involvement_add(actor=SYSTEM, occurrence=occurrence, person=person, role="subject")
    if outcome == "extrajudicial_sanction":
        dates.setdefault("consent_date", timezone.localdate())
    services.outcome_record(actor=SYSTEM, involvement=involvement, outcome=outcome, **dates)
    return involvement


PDF_BODY = b"%PDF-1.4\n% a test statement\n%%EOF\n"
WORLD_FILE = "occurrences/test-world/statement.pdf"


def pdf_upload(name: str = "statement.pdf", body: bytes = PDF_BODY):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def world_file() -> str:
    """One stored file shared by every test world (not one per test in the media folder)."""
    if not default_storage.exists(WORLD_FILE):
        default_storage.save(WORLD_FILE, ContentFile(PDF_BODY))
    return WORLD_FILE


def populate_program_world(pw) -> dict:
    """One occurrence with a subject under an extrajudicial sanction (so a s.11 notice duty) and their
    parent, and a disclosure of it to a school admin."""
    occurrence = occurrence_at(pw)
    involvement = subject_with_outcome(pw, occurrence)
    guardian = guardian_add(
        actor=SYSTEM, person=involvement.person, name="Robin Sample", relationship="parent", phone="431-555-8999"
    )
    recipient = User.objects.create(username=f"{pw.program.slug}-disclosure-recipient")
    disclosure = SchoolDisclosure.objects.create(
        program=pw.program,
        occurrence=occurrence,
        school=pw.school,
        recipient=recipient,
        purpose="safety",
        information_shared="Safety plan in place.",
        disclosed_at=timezone.now(),
    )
    attachment = Attachment.objects.create(
        program=pw.program, occurrence=occurrence, file=world_file(), description="Statement (scan)"
    )
    return {
        "attachment": attachment,
        "occurrence": occurrence,
        "subject": involvement,
        "person": involvement.person,
        "guardian": guardian,
        "notice": occurrence.notices.get(),
        "disclosure": disclosure,
    }
