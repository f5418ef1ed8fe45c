"""The officer's pages (phone first): my plan, check in and out, a missed visit, calendar feeds;
and the public (token-guarded) iCalendar feed."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from srohub.core.decorators import public, scoped_to
from srohub.core.routes import plain_url_kwargs
from srohub.core.scoping import CHANGE, get_for_user
from srohub.directory.models import School
from srohub.planning import feeds, presence_services, selectors
from srohub.planning.authz import officer_of
from srohub.planning.forms import MissedForm
from srohub.planning.models import CheckIn, FeedToken, Visit


def _my_officer(request):
    officer = officer_of(request.user)
    if officer is None:
        raise Http404(_("You are not an officer of a program."))
    return officer


@login_required
def my_plan(request):
    """The officer's next two weeks, today first, with check-in and out."""
    officer = _my_officer(request)
    today = timezone.localdate()
    visits = selectors.officer_schedule(officer=officer, start=today, end=today + timedelta(days=13))
    context = {
        "officer": officer,
        "today": today,
        "visits": visits,
        "open_check_in": CheckIn.objects.filter(officer=officer, checked_out_at__isnull=True)
        .select_related("school")
        .first(),
        "schools": School.objects.visible_to(request.user).filter(assignments__officer=officer).distinct(),
        "feeds": FeedToken.objects.visible_to(request.user).filter(officer=officer, revoked_at__isnull=True),
        "new_feed_url": request.session.pop("planning_new_feed_url", None),
    }
    return render(request, "planning/my_plan.html", context)


@login_required
@scoped_to(School)
def check_in(request, pk):
    school = get_for_user(School, request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    presence_services.check_in(actor=request.user, officer=_my_officer(request), school=school)
    messages.success(request, _("Checked in at %(school)s.") % {"school": school})
    return redirect("planning:my-plan")


@login_required
@scoped_to(CheckIn)
def check_out(request, pk):
    entry = get_for_user(CheckIn, request.user, CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    presence_services.check_out(actor=request.user, check_in=entry)
    messages.success(request, _("Checked out of %(school)s.") % {"school": entry.school})
    return redirect("planning:my-plan")


@login_required
@scoped_to(Visit)
def visit_missed(request, pk):
    visit = get_for_user(Visit, request.user, CHANGE, pk=pk)
    form = MissedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        presence_services.visit_mark_missed(
            actor=request.user, visit=visit, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The visit is marked as missed."))
        return redirect("planning:my-plan")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "heading": _("Missed visit"),
            "intro": str(visit),
            "submit_label": _("Mark as missed"),
            "cancel_url": "../../../",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def feed_create(request):
    _feed, token = presence_services.feed_token_create(actor=request.user, officer=_my_officer(request))
    request.session["planning_new_feed_url"] = request.build_absolute_uri(f"/plan/feed/{token}.ics")
    return redirect("planning:my-plan")


@login_required
@scoped_to(FeedToken)
def feed_revoke(request, pk):
    feed = get_for_user(FeedToken, request.user, CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    presence_services.feed_token_revoke(actor=request.user, feed=feed)
    messages.success(request, _("The calendar feed is revoked; its address no longer works."))
    return redirect("planning:my-plan")


@public
@plain_url_kwargs("token")
@require_GET
def feed(request, token):
    """The iCalendar feed: anyone holding a valid token; an unknown or revoked token is a 404."""
    found = (
        FeedToken.objects.filter(token_hash=presence_services.token_hash(token), revoked_at__isnull=True)
        .select_related("officer", "program")
        .first()
    )
    if found is None:
        raise Http404
    start, end = feeds.feed_window(timezone.localdate())
    visits = selectors.officer_schedule(officer=found.officer, start=start, end=end)
    body = feeds.visits_calendar(officer=found.officer, visits=visits, time_zone=found.program.time_zone)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
