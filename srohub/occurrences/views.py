"""Web pages of the occurrences app. Every record comes through the choke point, every write
through a service; the pages for non-police audiences (counts, CSV, PDF) show no person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.exports import download
from srohub.core.roles import SCHOOL_ROLES, Role
from srohub.core.scoping import get_for_user, grants_for, roles_of
from srohub.core.views import form_page, may_create_somewhere, may_write, paginate
from srohub.occurrences import selectors, services
from srohub.occurrences.exports import counts_csv, counts_pdf
from srohub.occurrences.forms import IntakeForm, PeriodForm
from srohub.occurrences.models import Occurrence, ParentalNotice, SchoolDisclosure
from srohub.occurrences.reporting import COUNT_READERS, counts_table
from srohub.people.models import Guardian
from srohub.people.services import people_listed


@login_required
def occurrence_list(request):
    """The caller's occurrences (police), or the records past their period (records custodian)."""
    occurrences = (
        Occurrence.objects.visible_to(request.user).select_related("school").prefetch_related("categories")
    )
    page = paginate(request, occurrences)
    return render(
        request,
        "occurrences/occurrence_list.html",
        {
            "page": page,
            "is_custodian": Role.RECORDS_CUSTODIAN in roles_of(request.user),
            "can_create": may_create_somewhere(request.user, Occurrence),
        },
    )


@login_required
@scoped_to(Occurrence)
def occurrence_detail(request, pk: int):
    """One occurrence with its people (each person shown is an audited read), notices and disclosures."""
    occurrence = get_for_user(
        Occurrence.objects.select_related("school", "space", "officer"), request.user, pk=pk
    )
    involvements = list(occurrence.involvements.select_related("person", "outcome"))
    people_listed(actor=request.user, people=[i.person for i in involvements])
    guardians = list(
        Guardian.objects.visible_to(request.user).filter(person__in=[i.person_id for i in involvements])
    )
    services.guardians_viewed(actor=request.user, guardians=guardians)
    for involvement in involvements:
        involvement.guardians_shown = [g for g in guardians if g.person_id == involvement.person_id]
    return render(
        request,
        "occurrences/occurrence_detail.html",
        {
            "occurrence": occurrence,
            "involvements": involvements,
            "period": selectors.period_explanation(occurrence),
            "notices": ParentalNotice.objects.visible_to(request.user).filter(occurrence=occurrence),
            "disclosures": SchoolDisclosure.objects.visible_to(request.user).filter(occurrence=occurrence),
            "attachments": occurrence.attachments.all(),
            "can_change": may_write(
                request.user, Occurrence, program_id=occurrence.program_id, school_id=occurrence.school_id
            ),
            "is_custodian": Role.RECORDS_CUSTODIAN in roles_of(request.user),
        },
    )


@login_required
@scoped_to(Occurrence)
def occurrence_archive(request, pk: int):
    occurrence = get_for_user(Occurrence, request.user, pk=pk)
    if request.method != "POST":  # after the fetch: out of scope is a 404 for every method
        return HttpResponseNotAllowed(["POST"])
    services.occurrence_archive(actor=request.user, occurrence=occurrence)
    messages.success(request, _("The record was archived."))
    return redirect("occurrences:occurrence-list")


@login_required
@scoped_to(Occurrence)
def occurrence_destroy(request, pk: int):
    occurrence = get_for_user(Occurrence, request.user, pk=pk)
    if request.method != "POST":  # after the fetch: out of scope is a 404 for every method
        return HttpResponseNotAllowed(["POST"])
    services.occurrence_destroy(actor=request.user, occurrence=occurrence)
    messages.success(request, _("The record was destroyed (YCJA s.128(7))."))
    return redirect("occurrences:occurrence-list")


@login_required
def report_intake(request):
    """Report-a-crime intake for school staff: a draft occurrence for the SRO."""
    if not any(g.role in SCHOOL_ROLES for g in grants_for(request.user)):
        raise PermissionDenied(_("Only school staff use this form."))
    form = IntakeForm(request.POST or None, user=request.user)

    def write():
        data = form.cleaned_data
        return services.occurrence_report_intake(actor=request.user, **data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda _record: reverse("occurrences:report"),
        success_message=_("Thank you. Your school's SRO has the report."),
        heading=_("Report a crime to the SRO"),
        intro=_(
            "What the student tells you goes to the SRO only. You will not see the record "
            "afterwards; the reporter's details are kept private."
        ),
        submit_label=_("Send to the SRO"),
    )


# ---------------------------------------------------------------- de-identified counts (s.110, s.111)


def _counts(request):
    if not any(g.role in COUNT_READERS for g in grants_for(request.user)):
        raise PermissionDenied(_("Your role does not read occurrence counts."))
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    return form, counts_table(request.user, start=start, end=end)


@login_required
def counts(request):
    form, table = _counts(request)
    return render(
        request, "occurrences/counts.html", {"form": form, "table": table, "query": request.GET.urlencode()}
    )


@login_required
def counts_csv_export(request):
    _form, table = _counts(request)
    filename = f"occurrence-counts-{table.start}-{table.end}.csv"
    return download(counts_csv(table).encode(), "text/csv; charset=utf-8", filename)


@login_required
def counts_pdf_export(request):
    _form, table = _counts(request)
    return download(counts_pdf(table), "application/pdf", f"occurrence-counts-{table.start}-{table.end}.pdf")


# ---------------------------------------------------------------- disclosures to schools (s.125(6))


@login_required
def disclosure_list(request):
    """What police shared with the caller (school admin) or with schools (police)."""
    disclosures = SchoolDisclosure.objects.visible_to(request.user).select_related("school")
    return render(request, "occurrences/disclosure_list.html", {"page": paginate(request, disclosures)})


@login_required
@scoped_to(SchoolDisclosure)
def disclosure_detail(request, pk: int):
    disclosure = get_for_user(SchoolDisclosure.objects.select_related("school"), request.user, pk=pk)
    services.disclosure_viewed(actor=request.user, disclosure=disclosure)
    return render(
        request,
        "occurrences/disclosure_detail.html",
        {"disclosure": disclosure, "is_recipient": disclosure.recipient_id == request.user.pk},
    )


@login_required
@scoped_to(SchoolDisclosure)
def disclosure_confirm_destroyed(request, pk: int):
    disclosure = get_for_user(SchoolDisclosure, request.user, pk=pk)
    if request.method != "POST":  # after the fetch: out of scope is a 404 for every method
        return HttpResponseNotAllowed(["POST"])
    services.disclosure_confirm_destroyed(actor=request.user, disclosure=disclosure)
    messages.success(request, _("Thank you: the destruction is recorded."))
    return redirect("occurrences:disclosure-list")
