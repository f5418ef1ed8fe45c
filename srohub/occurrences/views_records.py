"""Police pages that write youth records: record an occurrence, the people involved, each subject's
outcome, parental notices and contacts, a disclosure to a school (YCJA s.125(6)) and attachments.

Thin views: fetch through the choke point (out of scope is a 404, read-only a 403), call the
service, show its refusals on the form. Attachments are downloaded only from here and the API.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.scoping import get_for_user
from srohub.core.views import form_data, form_page, get_for_change, require_create_somewhere
from srohub.directory.models import Officer
from srohub.occurrences import services
from srohub.occurrences.forms_records import (
    AttachmentForm,
    DisclosureForm,
    GuardianForm,
    InvolvementForm,
    NoticeGivenForm,
    OccurrenceForm,
    OutcomeForm,
    ParentalContactForm,
)
from srohub.occurrences.models import Attachment, Involvement, Occurrence, ParentalNotice
from srohub.occurrences.services.attachments import content_type_of
from srohub.occurrences.services.outcomes import OUTCOME_FIELDS
from srohub.people.models import Guardian

FORM = "occurrences/form.html"


def _detail_url(occurrence_id: int) -> str:
    return reverse("occurrences:occurrence-detail", args=[occurrence_id])


def _occurrence_values(data: dict) -> dict:
    names = ("school", "space", "near_school", "occurred_at", "reported_via", "categories", "narrative")
    return {name: data[name] for name in names}


@login_required
def occurrence_create(request):
    """Record an occurrence at one of the caller's schools (SRO) or in the unit (supervisor)."""
    require_create_somewhere(request.user, Occurrence)
    form = OccurrenceForm(form_data(request), user=request.user)

    def write():
        values = _occurrence_values(form.cleaned_data)
        officer = Officer.objects.filter(user=request.user, program=values["school"].program).first()
        return services.occurrence_create(
            actor=request.user, program=values["school"].program, officer=officer, **values
        )

    return form_page(
        request,
        form,
        write,
        success_url=lambda occurrence: _detail_url(occurrence.pk),
        success_message=_("The occurrence is recorded."),
        template=FORM,
        heading=_("New occurrence"),
        cancel_url=reverse("occurrences:occurrence-list"),
    )


@login_required
@scoped_to(Occurrence)
def occurrence_edit(request, pk: int):
    """Change an occurrence (a draft from the school becomes open here)."""
    occurrence = get_for_change(Occurrence, request.user, pk=pk)
    form = OccurrenceForm(form_data(request), user=request.user, occurrence=occurrence)

    def write():
        data = form.cleaned_data
        changes = _occurrence_values(data)
        changes["categories"] = list(changes["categories"])
        if data.get("status"):
            changes["status"] = data["status"]
        return services.occurrence_update(
            actor=request.user, occurrence=occurrence, changes=changes, expected_version=data.get("version")
        )

    return form_page(
        request,
        form,
        write,
        success_url=lambda record: _detail_url(record.pk),
        success_message=_("The occurrence is saved."),
        template=FORM,
        heading=_("Edit occurrence %(number)s") % {"number": occurrence.pk},
        cancel_url=_detail_url(occurrence.pk),
    )


@login_required
@scoped_to(Occurrence)
def involvement_add(request, pk: int):
    """Add someone to an occurrence: a person already known, or someone new with their guardian."""
    occurrence = get_for_change(Occurrence, request.user, pk=pk)
    form = InvolvementForm(form_data(request), user=request.user, occurrence=occurrence)

    def write():
        data = form.cleaned_data
        if data.get("person") is not None:
            return services.involvement_add(
                actor=request.user, occurrence=occurrence, person=data["person"], role=data["role"]
            )
        return services.involvement_add_new_person(
            actor=request.user,
            occurrence=occurrence,
            role=data["role"],
            person_fields=form.person_fields(),
            guardian_fields=form.guardian_fields(),
        )

    return form_page(
        request,
        form,
        write,
        success_url=lambda involvement: _detail_url(involvement.occurrence_id),
        success_message=_("The person is added."),
        template=FORM,
        heading=_("Add a person to occurrence %(number)s") % {"number": occurrence.pk},
        intro=_("People are kept under a pseudonymous id; their names are shown to police only."),
        cancel_url=_detail_url(occurrence.pk),
    )


@login_required
@scoped_to(Involvement)
def outcome_record(request, pk: int):
    """Record a subject's outcome, or update it as court results become known."""
    involvement = get_for_change(Involvement.objects.select_related("occurrence", "person"), request.user, pk=pk)
    existing = getattr(involvement, "outcome", None)  # a missing one-to-one is an AttributeError
    form = OutcomeForm(form_data(request), outcome=existing)

    def write():
        data = form.cleaned_data
        values = {name: data.get(name) for name in OUTCOME_FIELDS if name != "outcome"}
        return services.outcome_record(
            actor=request.user,
            involvement=involvement,
            outcome=data["outcome"],
            expected_version=data.get("version") if existing else None,
            **values,
        )

    return form_page(
        request,
        form,
        write,
        success_url=lambda _record: _detail_url(involvement.occurrence_id),
        success_message=_("The outcome is recorded; the access period is computed from it."),
        template=FORM,
        heading=_("Outcome for %(pseudonym)s") % {"pseudonym": involvement.person.pseudonym},
        intro=_(
            "Give the dates the outcome has: the access period (YCJA s.119(2)) is computed from them. "
            "A charge or a sanction creates the parental notice duty."
        ),
        cancel_url=_detail_url(involvement.occurrence_id),
    )


@login_required
@scoped_to(ParentalNotice)
def notice_given(request, pk: int):
    """Record how a parental notice duty was met (YCJA s.26(4), (6), (8); s.11)."""
    notice = get_for_change(ParentalNotice, request.user, pk=pk)
    form = NoticeGivenForm(
        form_data(request),
        required_contents=notice.required_contents,
        initial={"version": notice.version, "contents_given": notice.contents_given},
    )

    def write():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        return services.notice_record_given(actor=request.user, notice=notice, expected_version=version, **data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda record: _detail_url(record.occurrence_id),
        success_message=_("The notice is recorded."),
        template=FORM,
        heading=_("Notice given: %(section)s") % {"section": notice.get_section_display()},
        intro=_("Notice goes to a parent; to an adult relative or another adult only when no parent is available."),
        cancel_url=_detail_url(notice.occurrence_id),
    )


@login_required
@scoped_to(Involvement)
def parental_contact(request, pk: int):
    """Record a discretionary contact with a parent (no duty is created)."""
    involvement = get_for_change(Involvement.objects.select_related("person"), request.user, pk=pk)
    form = ParentalContactForm(form_data(request))

    def write():
        return services.parental_contact_record(actor=request.user, involvement=involvement, **form.cleaned_data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda record: _detail_url(record.occurrence_id),
        success_message=_("The contact is recorded."),
        template=FORM,
        heading=_("Contact with a parent of %(pseudonym)s") % {"pseudonym": involvement.person.pseudonym},
        cancel_url=_detail_url(involvement.occurrence_id),
    )


@login_required
@scoped_to(Involvement)
def guardian_add(request, pk: int):
    """Record a parent, guardian or other adult to notify about the person in an occurrence."""
    involvement = get_for_change(Involvement.objects.select_related("person"), request.user, pk=pk)
    form = GuardianForm(form_data(request), user=request.user)
    return form_page(
        request,
        form,
        lambda: services.guardian_add_to_involvement(actor=request.user, involvement=involvement, **form.changes()),
        success_url=lambda _guardian: _detail_url(involvement.occurrence_id),
        success_message=_("The parent or guardian is recorded."),
        template=FORM,
        heading=_("A parent or guardian of %(pseudonym)s") % {"pseudonym": involvement.person.pseudonym},
        intro=_("They receive the notices of YCJA s.26. Police see these details; the school does not."),
        cancel_url=_detail_url(involvement.occurrence_id),
    )


@login_required
@scoped_to(Guardian)
def guardian_edit(request, pk: int):
    """Correct a parent's or guardian's details (a new phone number); back to the occurrence it was
    opened from (``?next=``), since a guardian belongs to a person, who may be in several."""
    guardian = get_for_change(Guardian.objects.select_related("person"), request.user, pk=pk)
    back = _safe_next(request) or reverse("occurrences:occurrence-list")
    form = GuardianForm(form_data(request), instance=guardian, user=request.user)
    if request.method != "POST":
        services.guardians_viewed(actor=request.user, guardians=[guardian])
    return form_page(
        request,
        form,
        lambda: services.guardian_update(
            actor=request.user, guardian=guardian, changes=form.changes(), expected_version=form.expected_version
        ),
        success_url=lambda _guardian: back,
        success_message=_("The parent or guardian is saved."),
        template=FORM,
        heading=_("A parent or guardian of %(pseudonym)s") % {"pseudonym": guardian.person.pseudonym},
        cancel_url=back,
    )


def _safe_next(request) -> str | None:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


@login_required
@scoped_to(Occurrence)
def disclosure_create(request, pk: int):
    """Share information with a school admin under YCJA s.125(6), kept apart from the occurrence."""
    occurrence = get_for_change(Occurrence, request.user, pk=pk)
    form = DisclosureForm(form_data(request), occurrence=occurrence)

    def write():
        return services.disclosure_create(actor=request.user, occurrence=occurrence, **form.cleaned_data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda _record: _detail_url(occurrence.pk),
        success_message=_("The information is shared; the school admin is told to read it."),
        template=FORM,
        heading=_("Share with a school (YCJA s.125(6))"),
        intro=_(
            "Only when necessary for a court order, for the safety of staff, students or others, or for "
            "the young person's rehabilitation. The school admin sees exactly what you write here, and "
            "nothing else of the occurrence; never after the access period ends (s.125(8))."
        ),
        cancel_url=_detail_url(occurrence.pk),
    )


@login_required
@scoped_to(Occurrence)
def attachment_add(request, pk: int):
    """Attach a photo or a scanned document to an occurrence."""
    occurrence = get_for_change(Occurrence, request.user, pk=pk)
    form = AttachmentForm(form_data(request), request.FILES or None)

    def write():
        data = form.cleaned_data
        return services.attachment_add(
            actor=request.user, occurrence=occurrence, upload=data["file"], description=data["description"]
        )

    return form_page(
        request,
        form,
        write,
        success_url=lambda _record: _detail_url(occurrence.pk),
        success_message=_("The file is attached."),
        template=FORM,
        heading=_("Attach a file to occurrence %(number)s") % {"number": occurrence.pk},
        cancel_url=_detail_url(occurrence.pk),
    )


@login_required
@scoped_to(Attachment)
def attachment_download(request, pk: int):
    """The file, for whoever sees its occurrence (each download audited); gone with the record."""
    attachment = get_for_user(Attachment, request.user, pk=pk)
    services.attachment_viewed(actor=request.user, attachment=attachment)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file.name.rsplit("/", 1)[-1],
        content_type=content_type_of(attachment),
    )
