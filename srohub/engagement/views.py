"""Web pages of the activity log: the list, one activity, the full form and the phone's quick
entry. Records come through the choke point; writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from srohub.core.decorators import scoped_to
from srohub.core.scoping import CHANGE, get_for_user
from srohub.core.views import (
    call_service,
    form_data,
    form_page,
    get_for_change,
    may_create_somewhere,
    paginate,
    require_create_somewhere,
    require_view_somewhere,
)
from srohub.engagement import rules, services
from srohub.engagement.filters import ActivityFilter
from srohub.engagement.forms import ActivityForm, QuickEntryForm
from srohub.engagement.models import Activity
from srohub.engagement.presenters import disclose
from srohub.engagement.selectors import assigned_schools, last_activity_of, officers_of, today_school_for


@login_required
def activity_list(request):
    """Activities the user may see, newest first, filtered by school, officer, type and dates."""
    require_view_somewhere(request.user, Activity)
    activities = Activity.objects.visible_to(request.user).select_related("school", "officer", "topic")
    filters = ActivityFilter(_this_term_by_default(request.GET), queryset=activities, request=request)
    page = paginate(request, filters.qs if filters.is_valid() else activities)
    context = {
        "filters": filters,
        "page": page,
        "may_log": may_create_somewhere(request.user, Activity),
    }
    return render(request, "engagement/activity_list.html", context)


def _this_term_by_default(params):
    """Without a term or dates, the list shows this term: counting a program's ten years of
    activities for the pager would cost more than the page itself at the calgary scale."""
    if any(params.get(key) for key in ("term", "after", "before")):
        return params
    params = params.copy()
    params["term"] = rules.term_of(timezone.localdate()).key
    return params


@login_required
@scoped_to(Activity)
def activity_detail(request, pk):
    """One activity; its young person's pseudonym and the notes only for those allowed (audited)."""
    activity = get_for_user(
        Activity.objects.select_related("school", "officer", "topic", "material_version__material"),
        request.user,
        pk=pk,
    )
    disclosure = disclose(request.user, [activity])
    context = {
        "activity": activity,
        "pseudonym": disclosure.pseudonym(activity),
        "notes": disclosure.notes(activity),
        # The officer who logged it, or their supervisor (the same rule as the services').
        "may_change": Activity.objects.visible_to(request.user, CHANGE).filter(pk=activity.pk).exists(),
    }
    return render(request, "engagement/activity_detail.html", context)


@login_required
@scoped_to(Activity)
def activity_edit(request, pk):
    """Correct an activity, with the same checks as when it was logged (404 out of scope, 403 for
    those who may only read it)."""
    activity = get_for_change(Activity.objects.select_related("school", "topic"), request.user, pk=pk)
    pseudonym = disclose(request.user, [activity]).pseudonym(activity)
    form = ActivityForm(form_data(request), user=request.user, activity=activity, pseudonym=pseudonym)
    detail_url = reverse("engagement:activity-detail", args=[activity.pk])
    return form_page(
        request,
        form,
        lambda: services.activity_update(
            actor=request.user, activity=activity, changes=form.changes(), expected_version=form.expected_version
        ),
        success_url=lambda _saved: detail_url,
        success_message=_("Activity saved."),
        heading=_("Edit %(activity)s") % {"activity": activity},
        cancel_url=detail_url,
    )


@login_required
@scoped_to(Activity)
def activity_delete(request, pk):
    """Ask, then delete an activity logged by mistake (what it was stays in the audit trail)."""
    activity = get_for_change(Activity.objects.select_related("school"), request.user, pk=pk)
    if request.method == "POST":
        services.activity_delete(actor=request.user, activity=activity)
        messages.success(request, _("Activity deleted."))
        return redirect("engagement:activity-list")
    context = {"object": activity, "cancel_url": reverse("engagement:activity-detail", args=[activity.pk])}
    return render(request, "core/confirm_delete.html", context)


@login_required
def activity_new(request):
    """Log an activity with every field."""
    require_create_somewhere(request.user, Activity)
    form = ActivityForm(form_data(request), user=request.user)

    def write():
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        return services.activity_create(actor=request.user, **data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda a: reverse("engagement:activity-detail", args=[a.pk]),
        success_message=_("Activity saved."),
        heading=_("Log an activity"),
        cancel_url=reverse("engagement:activity-list"),
    )


def _officer_for_quick_entry(user):
    """Quick entry is the officer's own tool: their first officer record."""
    officers = officers_of(user)
    if not officers:
        raise PermissionDenied(_("Quick entry is for officers; use the full form."))
    return officers[0]


def _quick_form(request, officer, data=None):
    today = timezone.localdate()
    last = last_activity_of(officer)
    return QuickEntryForm(
        data,
        officer=officer,
        schools=assigned_schools(officer, today),
        today_school=today_school_for(officer, today),
        last_languages=last.languages if last else None,
    )


def _quick_response(request, form, officer, saved=None, problems=()):
    """The quick page, or only its form when HTMX posted it (a few hundred bytes on a slow hallway)."""
    context = {
        "form": form,
        "saved": saved,
        "problems": problems,
        "last": last_activity_of(officer),
        "defaults": {kind: rules.default_minutes(kind) for kind in rules.ActivityType.values},
    }
    template = "engagement/quick.html#quick-form" if request.htmx else "engagement/quick.html"
    # htmx swaps only 2xx answers: its form errors come back as 200, a plain POST's as 400.
    failed = bool(form.errors or problems)
    return render(request, template, context, status=400 if failed and not request.htmx else 200)


@login_required
def quick_entry(request):
    """Log the common entries in one request: type, topic, duration; today's school preselected."""
    officer = _officer_for_quick_entry(request.user)
    form = _quick_form(request, officer, form_data(request))
    if request.method != "POST" or not form.is_valid():
        return _quick_response(request, form, officer)
    data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
    saved = call_service(form, lambda: services.activity_create(actor=request.user, officer=officer, **data))
    return _after_quick_write(request, form, officer, saved)


@login_required
@require_POST
def quick_repeat(request):
    """Log the officer's last entry again, today, at today's school."""
    officer = _officer_for_quick_entry(request.user)
    school = today_school_for(officer, timezone.localdate())
    try:
        saved = services.activity_repeat_last(actor=request.user, program=officer.program, school=school)
    except ValidationError as exc:
        # No form field to hang the error on: it is shown above the form, nothing was saved.
        return _quick_response(request, _quick_form(request, officer), officer, problems=exc.messages)
    return _after_quick_write(request, None, officer, saved)


def _after_quick_write(request, form, officer, saved):
    if saved is None:
        return _quick_response(request, form, officer)
    if not request.htmx:
        messages.success(request, _("Saved: %(what)s.") % {"what": _describe(saved)})
        return redirect("engagement:quick")
    return _quick_response(request, _quick_form(request, officer), officer, saved=_describe(saved))


def _describe(activity) -> str:
    return _("%(type)s at %(school)s, %(minutes)s min") % {
        "type": activity.get_activity_type_display(),
        "school": activity.school,
        "minutes": activity.duration_minutes,
    }
