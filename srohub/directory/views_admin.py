"""Web pages of the directory: partners and agreements, the CSV import, people's roles in the program."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from srohub.accounts import services as account_services
from srohub.accounts.models import Membership
from srohub.core.decorators import scoped_to
from srohub.core.exports import download
from srohub.core.routes import plain_url_kwargs
from srohub.core.scoping import get_for_user
from srohub.core.views import (
    call_service,
    form_data,
    form_page,
    may_create_somewhere,
    paginate,
    require_create_somewhere,
    require_view_somewhere,
)
from srohub.directory import services
from srohub.directory.forms import (
    IMPORT_KINDS,
    AgreementForm,
    ImportForm,
    MembershipForm,
    OrganizationForm,
)
from srohub.directory.links import detail_url
from srohub.directory.models import (
    Agreement,
    Organization,
    Program,
)

# ---------------------------------------------------------------- partners and agreements


@login_required
def organization_list(request):
    """The program's partners and the agreements between them."""
    context = {
        "organizations": Organization.objects.visible_to(request.user),
        "agreements": Agreement.objects.visible_to(request.user).prefetch_related("partners"),
        "may_create_partner": may_create_somewhere(request.user, Organization),
        "may_create_agreement": may_create_somewhere(request.user, Agreement),
    }
    return render(request, "directory/organization_list.html", context)


@login_required
def organization_create(request):
    require_create_somewhere(request.user, Organization)
    form = OrganizationForm(form_data(request), user=request.user)
    return form_page(
        request, form, lambda: services.organization_create(actor=request.user, **form.changes()),
        success_url=lambda organization: reverse("directory:organization-list"),
        success_message=_("Partner added."), heading=_("Add a partner"),
        cancel_url=reverse("directory:organization-list"),
    )


@login_required
@scoped_to(Agreement)
def agreement_detail(request, pk):
    agreement = get_for_user(Agreement.objects.prefetch_related("partners"), request.user, pk=pk)
    return render(request, "directory/agreement_detail.html", {"agreement": agreement})


@login_required
def agreement_create(request):
    require_create_somewhere(request.user, Agreement)
    form = AgreementForm(form_data(request), user=request.user)

    def write():
        fields = form.changes()
        partners = list(fields.pop("partners"))
        return services.agreement_create(actor=request.user, partners=partners, **fields)

    return form_page(
        request, form, write, success_url=detail_url("directory:agreement-detail"),
        success_message=_("Agreement recorded."), heading=_("Record an agreement"),
        cancel_url=reverse("directory:organization-list"),
    )


# ---------------------------------------------------------------- import


@login_required
def import_records(request):
    """Upload a CSV of schools, spaces or officers: all rows are created, or none and a report per row."""
    require_create_somewhere(request.user, Program)  # the roles that configure a program
    form = ImportForm(form_data(request), request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        # Imported here: the import module is its own piece of work, and the app must load without it.
        from srohub.directory.imports import run_import  # noqa: PLC0415

        report = call_service(form, lambda: run_import(actor=request.user, **form.cleaned_data))
    return render(request, "directory/import.html", {"form": form, "report": report, "kinds": IMPORT_KINDS})


@login_required
@plain_url_kwargs("kind")
def import_template(request, kind: str):
    """An empty CSV with the header row of ``kind``, to fill in a spreadsheet."""
    require_create_somewhere(request.user, Program)
    if kind not in IMPORT_KINDS:
        raise Http404
    return download((IMPORT_KINDS[kind][1] + "\r\n").encode(), "text/csv; charset=utf-8", f"srohub-{kind}.csv")


# ---------------------------------------------------------------- people and roles


@login_required
def membership_list(request):
    """Who holds which role in the program (program admins)."""
    require_view_somewhere(request.user, Membership)
    memberships = (
        Membership.objects.visible_to(request.user)
        .select_related("user", "school", "organization")
        .order_by("user__last_name", "user__username", "role")
    )
    return render(request, "directory/membership_list.html", {"page": paginate(request, memberships)})


@login_required
def membership_create(request):
    require_create_somewhere(request.user, Membership)
    form = MembershipForm(form_data(request), user=request.user)
    return form_page(
        request, form, lambda: account_services.membership_create(actor=request.user, **form.cleaned_data),
        success_url=lambda membership: reverse("directory:membership-list"), success_message=_("Role given."),
        heading=_("Give someone a role"), cancel_url=reverse("directory:membership-list"),
    )
