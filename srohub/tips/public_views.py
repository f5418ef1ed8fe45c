"""The anonymous pages: report a tip, and come back with the tip number and passcode.

No login, no session, nothing about the visitor stored: the follow-up pages carry the tip number
and passcode in each form post instead of a session, so the server keeps no state linking a
browser to a tip. The client address is used only as an in-memory rate-limit key (antiabuse.py).
Pages with a passcode are never cached.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from srohub.core.decorators import public
from srohub.core.routes import plain_url_kwargs
from srohub.core.views import add_service_errors
from srohub.directory.models import Program
from srohub.tips import antiabuse, intake, services
from srohub.tips.forms import AnonymousTipForm, FollowUpForm
from srohub.tips.models import TipCategory, TipStatus
from srohub.tips.selectors import tipster_thread


def _open_programs():
    return Program.objects.filter(is_active=True).order_by("name")


@public
@require_http_methods(["GET"])
def report_start(request):
    """Which program the tip is for (straight to the form when there is only one)."""
    programs = list(_open_programs())
    if len(programs) == 1:
        return redirect("tips:report", program=programs[0].slug)
    return render(request, "tips/report_programs.html", {"programs": programs})


@public
@plain_url_kwargs("program")
@never_cache
@require_http_methods(["GET", "POST"])
def report(request, program):
    """The anonymous tip form; on success, the tip number and passcode, shown once."""
    program = _open_programs().filter(slug=program).first()
    if program is None:
        raise Http404
    form = AnonymousTipForm(request.POST or None, request.FILES or None, program=program)
    status = 200
    if request.method == "POST" and form.is_valid():
        refusal, status = _refusal(request, form)
        if refusal:
            form.add_error(None, refusal)
        else:
            result = _submit(form, program)
            if result is not None:
                tip, passcode = result
                return render(request, "tips/report_done.html", {"tip": tip, "passcode": passcode})
    challenge, bits = antiabuse.new_challenge()
    _renew_challenge(form, challenge)
    return render(
        request, "tips/report_form.html", {"form": form, "program": program, "bits": bits}, status=status
    )


def _renew_challenge(form, challenge: str) -> None:
    """Every page gets a new challenge (each is accepted once); a re-shown form keeps what the
    student typed."""
    form.initial["challenge"] = challenge
    if form.is_bound:
        form.data = form.data.copy()
        form.data["challenge"], form.data["nonce"] = challenge, ""


def _refusal(request, form) -> tuple[str | None, int]:
    """Why an otherwise valid post is refused (the honeypot, the proof of work, the rate limit),
    with the page's status."""
    if form.cleaned_data["website"]:
        return _("The form could not be sent. Please try again."), 400
    if not antiabuse.proof_accepted(form.cleaned_data["challenge"], form.cleaned_data["nonce"]):
        return _(
            "Your browser had not finished preparing the form. Please wait a moment and send again."
        ), 400
    if not antiabuse.rate_allows(antiabuse.client_address(request)):
        return _(
            "Too many tips were sent from here just now. Please wait a few minutes, or call Crime Stoppers."
        ), 429
    return None, 200


def _submit(form, program):
    data = form.cleaned_data
    content = intake.TipContent(
        category=data["category"] or TipCategory.OTHER,
        life_safety=data["in_danger"] == "yes",
        narrative=data["narrative"],
        school_id=data["school"].pk if data["school"] else None,
        school_text=data["school_text"],
    )
    pictures = [data["attachment"].read()] if data.get("attachment") else []
    try:
        return intake.tip_submit_anonymous(program=program, content=content, pictures=pictures)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@public
@never_cache
@require_http_methods(["GET", "POST"])
def follow_up(request):
    """Read the officer's questions and the status, and answer, with the tip number and passcode.

    A wrong passcode, an unknown number and a locked tip get the same answer after the same delay.
    """
    form = FollowUpForm(request.POST or None)
    tip, answered = None, False
    if request.method == "POST" and form.is_valid():
        tip = intake.tipster_access(
            number=form.cleaned_data["tip_number"], passcode=form.cleaned_data["passcode"]
        )
        if tip is None:
            form.add_error(None, _("We found no tip with this number and passcode."))
        elif form.cleaned_data["answer"].strip():
            answered = _answer(form, tip)
    context = {
        "form": form,
        "tip": tip,
        "answered": answered,
        "thread": tipster_thread(tip) if tip else [],
        "closed": tip is not None and tip.status == TipStatus.CLOSED,
    }
    return render(request, "tips/follow_up.html", context)


def _answer(form, tip) -> bool:
    try:
        services.tip_answer(tip=tip, answer=form.cleaned_data["answer"])
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    form.data = form.data.copy()
    form.data["answer"] = ""  # sent: the box is empty again
    return True
