"""Web pages of what a program configures in its engagement log: the topic catalogue (list, add,
rename, retire or put back in use) and the referral reminder setting. Records come through the
choke point; writes through services, which authorize and audit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from srohub.core.decorators import scoped_to
from srohub.core.scoping import program_ids_of
from srohub.core.views import (
    call_service,
    form_data,
    form_page,
    get_for_change,
    require_create_somewhere,
    require_view_somewhere,
)
from srohub.directory.models import Program
from srohub.engagement import rules, services
from srohub.engagement.forms import SettingsForm, TopicForm, TopicRenameForm, TopicStatusForm
from srohub.engagement.models import SETTINGS_READERS, EngagementSettings, Topic

# ---------------------------------------------------------------- the topic catalogue


@login_required
def topic_list(request):
    """The program's topics, in use and retired; rename and retire for those who keep the catalogue."""
    require_view_somewhere(request.user, Topic)
    topics = Topic.objects.visible_to(request.user).select_related("program")
    keepers = program_ids_of(request.user, Topic.access.change)
    context = {
        "topics": topics,
        "keeps": keepers,
        "may_add": bool(keepers),
        "many_programs": len({t.program_id for t in topics}) > 1,
    }
    return render(request, "engagement/topic_list.html", context)


@login_required
def topic_new(request):
    """Add a topic to the catalogue."""
    require_create_somewhere(request.user, Topic)
    programs = program_ids_of(request.user, Topic.access.change)
    form = TopicForm(form_data(request), programs=programs)
    return form_page(
        request,
        form,
        lambda: services.topic_create(actor=request.user, **form.cleaned_data),
        success_url=lambda _topic: reverse("engagement:topic-list"),
        success_message=_("Topic added."),
        heading=_("Add a topic"),
        cancel_url=reverse("engagement:topic-list"),
    )


@login_required
@scoped_to(Topic)
def topic_edit(request, pk):
    """Rename a topic (404 out of scope, 403 for those who only read the catalogue)."""
    topic = get_for_change(Topic, request.user, pk=pk)
    form = TopicRenameForm(form_data(request), initial={"name": topic.name, "version": topic.version})
    return form_page(
        request,
        form,
        lambda: services.topic_update(
            actor=request.user,
            topic=topic,
            changes={"name": form.cleaned_data["name"]},
            expected_version=form.expected_version,
        ),
        success_url=lambda _topic: reverse("engagement:topic-list"),
        success_message=_("Topic renamed."),
        heading=_("Rename %(name)s") % {"name": topic.name},
        cancel_url=reverse("engagement:topic-list"),
    )


@login_required
@require_POST
@scoped_to(Topic)
def topic_status(request, pk):
    """Retire a topic or put it back in use (the list's buttons post here)."""
    topic = get_for_change(Topic, request.user, pk=pk)
    form = TopicStatusForm(request.POST)
    saved = None
    if form.is_valid():
        saved = call_service(
            form,
            lambda: services.topic_update(
                actor=request.user,
                topic=topic,
                changes={"is_active": form.cleaned_data["is_active"]},
                expected_version=form.expected_version,
            ),
        )
    if saved is None:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    elif saved.is_active:
        messages.success(request, _("%(name)s is in use again.") % {"name": saved.name})
    else:
        messages.success(request, _("%(name)s is retired.") % {"name": saved.name})
    return redirect("engagement:topic-list")


# ---------------------------------------------------------------- the referral reminder setting


@login_required
def reminder_settings(request):
    """After how many days without an update an open referral is brought back to mind: the program
    admin sets it (1–365), the supervisor reads it."""
    readable = program_ids_of(request.user, SETTINGS_READERS)
    if not readable:
        raise PermissionDenied
    chosen = (request.POST if request.method == "POST" else request.GET).get("program", "")
    program_id = int(chosen) if chosen.isdigit() and int(chosen) in readable else min(readable)
    current = EngagementSettings.objects.filter(program_id=program_id).first()
    days = current.referral_reminder_days if current else rules.DEFAULT_REMINDER_DAYS
    may_change = program_id in program_ids_of(request.user, EngagementSettings.access.change)
    if request.method == "POST" and not may_change:
        raise PermissionDenied(_("Only the program admin changes this setting."))
    form = SettingsForm(
        form_data(request),
        initial={"referral_reminder_days": days, "version": current.version if current else None},
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            lambda: services.settings_update(
                actor=request.user,
                program=Program.objects.get(pk=program_id),
                referral_reminder_days=form.cleaned_data["referral_reminder_days"],
                expected_version=form.expected_version if current else None,
            ),
        )
        if saved is not None:
            messages.success(request, _("Referral reminders saved."))
            return redirect(f"{reverse('engagement:settings')}?program={program_id}")
    context = {
        "form": form,
        "days": days,
        "may_change": may_change,
        "program_id": program_id,
        "programs": Program.objects.filter(pk__in=readable) if len(readable) > 1 else None,
    }
    return render(request, "engagement/settings.html", context)
