"""The officers' tip pages: the list (their tips, and the queues for supervisors), one tip with
its dialogue, notes, escalation trail and disposition, and the measures. Records come through the
choke point; every write through a service."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.scoping import get_for_user, program_ids_of
from srohub.core.views import call_service, paginate, require_view_somewhere
from srohub.directory.models import School
from srohub.tips import codes, exports, services
from srohub.tips.forms import DispositionForm, MeasurePeriodForm, NoteForm, QuestionForm, TipFilterForm
from srohub.tips.models import MEASURE_READERS, TIP_STAFF, Tip, TipStatus
from srohub.tips.presenters import measure_charts
from srohub.tips.selectors import supervises, tip_measures, tip_measures_with_months


def _tip_url(tip) -> str:
    return reverse("tips:tip-detail", args=[tip.pk])


@login_required
def tip_list(request):
    """Tips the user may see: open ones first by default, filtered by status and queue."""
    require_view_somewhere(request.user, Tip)
    form = TipFilterForm(request.GET)
    tips = Tip.objects.visible_to(request.user).select_related("school", "routed_officer")
    status = form.data.get("status", "") if form.is_valid() else ""
    if status == "":
        tips = tips.exclude(status=TipStatus.CLOSED)
    elif status != "all":
        tips = tips.filter(status=status)
    queue = form.cleaned_data.get("queue", "") if form.is_valid() else ""
    if queue == "officer":
        tips = tips.filter(routed_kind="officer")
    elif queue:
        tips = tips.filter(routed_queue=queue)
    return render(request, "tips/tip_list.html", {"form": form, "page": paginate(request, tips)})


def _tip_for(request, pk):
    return get_for_user(
        Tip.objects.select_related("school", "routed_officer", "program"), request.user, pk=pk
    )


@login_required
@scoped_to(Tip)
def tip_detail(request, pk):
    """One tip: what it says, where it went, the escalation trail, the dialogue and the notes."""
    return _detail_page(request, _tip_for(request, pk))


def _detail_page(request, tip, status: int = 200, **forms):
    """The tip page, with empty forms except those given (re-shown with their errors)."""
    context = {
        "tip": tip,
        "steps": tip.steps.select_related("target_officer"),
        "thread": tip.messages.all(),
        "notes": tip.notes.select_related("author_user"),
        "attachments": tip.attachments.all(),
        "question_form": QuestionForm(),
        "note_form": NoteForm(),
        "disposition_form": DispositionForm(initial={"version": tip.version}),
        "is_supervisor": supervises(request.user, tip.program_id),
        "candidates": _candidates(tip),
        **forms,
    }
    return render(request, "tips/tip_detail.html", context, status=status)


def _candidates(tip) -> list[tuple[str, float]]:
    """The schools a triaged tip's text came close to, by name, best first."""
    scores = {c["school_id"]: c["score"] for c in tip.school_candidates}
    names = dict(School.objects.filter(program_id=tip.program_id, pk__in=scores).values_list("pk", "name"))
    return [(names[pk], score) for pk, score in scores.items() if pk in names]


def _post_only(view):
    """Fetch the tip first (404 out of scope, for every method), then act only on POST."""

    def wrapper(request, pk):
        tip = _tip_for(request, pk)
        if request.method != "POST":
            return redirect(_tip_url(tip))
        return view(request, tip)

    wrapper.__name__, wrapper.__doc__ = view.__name__, view.__doc__
    return wrapper


@login_required
@scoped_to(Tip)
@_post_only
def tip_acknowledge(request, tip):
    """Take charge of the tip (stops its escalation)."""
    services.tip_acknowledge(actor=request.user, tip=tip)
    messages.success(request, _("Tip acknowledged."))
    return redirect(_tip_url(tip))


@login_required
@scoped_to(Tip)
@_post_only
def tip_ask(request, tip):
    """Send the tipster a follow-up question."""
    form = QuestionForm(request.POST)
    if form.is_valid() and call_service(
        form, lambda: services.tip_ask(actor=request.user, tip=tip, question=form.cleaned_data["question"])
    ):
        messages.success(request, _("Question sent. The tipster sees it when they come back."))
        return redirect(_tip_url(tip))
    return _detail_page(request, tip, 400, question_form=form)


@login_required
@scoped_to(Tip)
@_post_only
def tip_note(request, tip):
    """Record a note or an action (police only)."""
    form = NoteForm(request.POST)
    if form.is_valid() and call_service(
        form,
        lambda: services.tip_note_add(
            actor=request.user, tip=tip, body=form.cleaned_data["body"], kind=form.cleaned_data["kind"]
        ),
    ):
        messages.success(request, _("Note saved."))
        return redirect(_tip_url(tip))
    return _detail_page(request, tip, 400, note_form=form)


@login_required
@scoped_to(Tip)
@_post_only
def tip_dispose(request, tip):
    """Close the tip with its disposition and link."""
    form = DispositionForm(request.POST)
    if form.is_valid() and call_service(form, lambda: _dispose(request, tip, form.cleaned_data)):
        messages.success(request, _("Tip closed."))
        return redirect(_tip_url(tip))
    return _detail_page(request, tip, 400, disposition_form=form)


def _dispose(request, tip, data):
    return services.tip_dispose(
        actor=request.user,
        tip=tip,
        disposition=data["disposition"],
        occurrence=_linked(request.user, "occurrence", data["occurrence"]),
        referred_to=data["referred_to"],
        duplicate_of=_linked(request.user, "duplicate_of", data["duplicate_of"]),
        expected_version=data["version"],
    )


def _linked(user, field: str, value):
    """The occurrence (by id) or tip (by number) a disposition links, through the choke point;
    one the user cannot see is "no such record", as if it did not exist."""
    if not value:
        return None
    try:
        if field == "occurrence":
            from srohub.occurrences.models import Occurrence  # noqa: PLC0415 - optional capability

            return get_for_user(Occurrence, user, pk=value)
        return get_for_user(Tip, user, number=codes.canonical_tip_number(value))
    except Http404 as exc:
        raise ValidationError({field: _("No such record.")}) from exc


@login_required
def measures(request):
    """Tips received, time to acknowledge, escalations and dispositions per school, category, month,
    with plots per month; ``?format=csv|xlsx|pdf`` downloads the same rows."""
    if not program_ids_of(request.user, MEASURE_READERS | TIP_STAFF):
        raise PermissionDenied
    form = MeasurePeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "tips/measures.html", {"form": form, "rows": []}, status=400)
    period = form.cleaned_data if form.is_bound else {}
    end = period.get("end") or timezone.localdate()
    start = period.get("start") or end - timedelta(days=365)
    download = MEASURE_DOWNLOADS.get(request.GET.get("format", ""))
    if download:
        return download(tip_measures(user=request.user, start=start, end=end), start, end)
    rows, months = tip_measures_with_months(user=request.user, start=start, end=end)
    headers, body = exports.measures_table(rows)
    context = {
        "form": form,
        "headers": headers,
        "body": body,
        "start": start,
        "end": end,
        "charts": measure_charts(months),
        "downloads": {kind: _query_with_format(request, kind) for kind in MEASURE_DOWNLOADS},
    }
    return render(request, "tips/measures.html", context)


MEASURE_DOWNLOADS = {"csv": exports.measures_csv, "xlsx": exports.measures_xlsx, "pdf": exports.measures_pdf}


def _query_with_format(request, kind: str) -> str:
    query = request.GET.copy()
    query["format"] = kind
    return query.urlencode()
