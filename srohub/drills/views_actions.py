"""Pages for corrective actions: the list to follow them (open first, overdue marked), opening one
after a drill with an owner and a due date, changing it, and closing it with how it was fixed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.scoping import get_for_user
from srohub.core.views import form_data, form_page, get_for_change, may_write, paginate, require_view_somewhere
from srohub.drills import services
from srohub.drills.forms import ActionFilterForm, CloseActionForm, CorrectiveActionForm
from srohub.drills.models import CorrectiveAction, Drill


def _drill_url(action) -> str:
    return reverse("drills:drill-detail", args=[action.drill_id])


@login_required
def action_list(request):
    """Corrective actions the user may see: open ones by due date first, overdue ones marked."""
    require_view_somewhere(request.user, CorrectiveAction)
    form = ActionFilterForm(request.GET or {"status": "open"})
    actions = CorrectiveAction.objects.visible_to(request.user).select_related("school", "owner", "drill")
    if form.is_valid() and form.cleaned_data["status"]:
        actions = actions.filter(status=form.cleaned_data["status"])
    context = {"form": form, "page": paginate(request, actions), "today": timezone.localdate()}
    return render(request, "drills/action_list.html", context)


@login_required
@scoped_to(Drill)
def action_create(request, pk):
    """Open a corrective action after a drill (deficient rooms open theirs on their own)."""
    drill = get_for_user(Drill.objects.select_related("school"), request.user, pk=pk)
    if not may_write(request.user, CorrectiveAction, program_id=drill.program_id, school_id=drill.school_id):
        raise PermissionDenied(_("You may read this drill but not open actions on it."))
    form = CorrectiveActionForm(form_data(request), school=drill.school)

    def write():
        data = dict(form.cleaned_data)
        data.pop("version")
        return services.corrective_action_create(actor=request.user, drill=drill, **data)

    return form_page(
        request,
        form,
        write,
        success_url=_drill_url,
        success_message=_("Corrective action opened."),
        heading=_("New corrective action: %(drill)s") % {"drill": drill},
        cancel_url=reverse("drills:drill-detail", args=[drill.pk]),
    )


@login_required
@scoped_to(CorrectiveAction)
def action_edit(request, pk):
    """Change an open action's description, owner or due date."""
    action = get_for_change(CorrectiveAction.objects.select_related("school"), request.user, pk=pk)
    initial = {
        "description": action.description,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "version": action.version,
    }
    form = CorrectiveActionForm(form_data(request), school=action.school, initial=initial)

    def write():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return services.corrective_action_update(
            actor=request.user, action=action, changes=data, expected_version=version
        )

    return form_page(
        request,
        form,
        write,
        success_url=_drill_url,
        success_message=_("Corrective action saved."),
        heading=_("Corrective action"),
        cancel_url=_drill_url(action),
    )


@login_required
@scoped_to(CorrectiveAction)
def action_close(request, pk):
    """Close an action, saying how it was fixed."""
    action = get_for_change(CorrectiveAction, request.user, pk=pk)
    form = CloseActionForm(form_data(request), initial={"version": action.version})

    def write():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return services.corrective_action_close(
            actor=request.user, action=action, expected_version=version, **data
        )

    return form_page(
        request,
        form,
        write,
        success_url=_drill_url,
        success_message=_("Corrective action closed."),
        heading=_("Close: %(action)s") % {"action": action},
        cancel_url=_drill_url(action),
    )
