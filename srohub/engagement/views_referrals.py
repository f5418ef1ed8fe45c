"""Web pages of community referrals: the list (an agency contact sees their agency's only), making
a referral with consent, and one referral with the form that moves it forward."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.roles import Role
from srohub.core.scoping import CHANGE, get_for_user, program_ids_of
from srohub.core.views import (
    call_service,
    form_data,
    form_page,
    may_create_somewhere,
    paginate,
    require_create_somewhere,
)
from srohub.engagement import referral_services, rules
from srohub.engagement.filters import ReferralFilter
from srohub.engagement.forms import ReferralAdvanceForm, ReferralForm
from srohub.engagement.models import REFERRAL_STAFF, EngagementSettings, Referral
from srohub.engagement.presenters import disclose
from srohub.engagement.rules import ReferralStatus


def _require_referral_reader(user) -> None:
    if not program_ids_of(user, REFERRAL_STAFF | {Role.AGENCY_CONTACT}):
        raise PermissionDenied


@login_required
def referral_list(request):
    """Referrals the user may see, newest first, filtered by status, service and agency."""
    _require_referral_reader(request.user)
    referrals = Referral.objects.visible_to(request.user).select_related("school", "agency")
    filters = ReferralFilter(request.GET, queryset=referrals, request=request)
    page = paginate(request, filters.qs if filters.is_valid() else referrals)
    context = {
        "filters": filters,
        "page": page,
        "stale": _stale_ids(page.object_list),
        "may_refer": may_create_somewhere(request.user, Referral),
    }
    return render(request, "engagement/referral_list.html", context)


def _stale_ids(referrals) -> set[int]:
    """The open referrals of a page without an update for their program's number of days (the ones
    the reminders are about), so the list shows which need chasing. One query for the settings."""
    referrals = list(referrals)
    days = dict(
        EngagementSettings.objects.filter(program_id__in={r.program_id for r in referrals}).values_list(
            "program_id", "referral_reminder_days"
        )
    )
    today = timezone.localdate()
    return {
        r.pk
        for r in referrals
        if r.status != ReferralStatus.CLOSED
        and (today - r.last_update_on).days >= days.get(r.program_id, rules.DEFAULT_REMINDER_DAYS)
    }


@login_required
def referral_new(request):
    """Refer a young person to a community agency, with consent recorded."""
    require_create_somewhere(request.user, Referral)
    form = ReferralForm(form_data(request), user=request.user)

    def write():
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        return referral_services.referral_create(actor=request.user, **data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda r: reverse("engagement:referral-detail", args=[r.pk]),
        success_message=_("Referral saved."),
        heading=_("Refer to a community service"),
        cancel_url=reverse("engagement:referral-list"),
    )


@login_required
@scoped_to(Referral)
def referral_detail(request, pk):
    """One referral; its staff and its agency's contact move it forward here."""
    referral = get_for_user(
        Referral.objects.select_related("school", "agency", "officer", "referred_by"), request.user, pk=pk
    )
    may_update = Referral.objects.visible_to(request.user, CHANGE).filter(pk=referral.pk).exists()
    form = ReferralAdvanceForm(form_data(request) if may_update else None)
    if request.method == "POST" and may_update and form.is_valid():
        saved = call_service(
            form,
            lambda: referral_services.referral_advance(
                actor=request.user, referral=referral, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("Referral updated."))
            return redirect("engagement:referral-detail", pk=referral.pk)
    context = {
        "referral": referral,
        "form": form,
        "may_update": may_update,
        "pseudonym": disclose(request.user, [referral]).pseudonym(referral),
    }
    return render(request, "engagement/referral_detail.html", context, status=400 if form.errors else 200)
