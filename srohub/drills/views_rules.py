"""Pages for a division's drill rules: pick a shipped preset for a school year, then adjust its terms,
notice intervals, retention and each drill type's counts. Reads through the choke point, writes
through ``rule_services`` (which also keep a division lead to their own division)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.scoping import CHANGE, get_for_user
from srohub.core.views import form_data, form_page, get_for_change, require_create_somewhere, require_view_somewhere
from srohub.drills import rule_services
from srohub.drills.forms import RequirementForm, RuleSetCreateForm, RuleSetForm, terms_as_text
from srohub.drills.models import Requirement, RequirementSet

REQUIREMENT_FIELDS = ("per_year", "per_term", "unannounced", "varied_times", "source")
SET_FIELDS = ("terms", "reminder_lead_days", "overdue_interval_days", "retention_years")


def _rules_url(requirement_set) -> str:
    return reverse("drills:rule-detail", args=[requirement_set.pk])


def _editable_ids(user) -> set[int]:
    return set(RequirementSet.objects.visible_to(user, CHANGE).values_list("pk", flat=True))


@login_required
def rule_list(request):
    """Every division's rules the user may read, newest school year first."""
    require_view_somewhere(request.user, RequirementSet)
    sets = (
        RequirementSet.objects.visible_to(request.user)
        .select_related("division")
        .prefetch_related("requirements")
    )
    context = {
        "sets": sets,
        "editable": _editable_ids(request.user),
        "may_create": bool(RuleSetCreateForm(user=request.user).fields["division"].queryset.exists()),
    }
    return render(request, "drills/rule_list.html", context)


@login_required
def rule_create(request):
    """A division picks a preset (Ontario, Manitoba, Alberta – Edmonton Public, British Columbia)."""
    require_create_somewhere(request.user, RequirementSet)
    form = RuleSetCreateForm(form_data(request), user=request.user)
    return form_page(
        request,
        form,
        lambda: rule_services.requirement_set_create(actor=request.user, **form.cleaned_data),
        success_url=_rules_url,
        success_message=_("Rules created from the preset: adjust them below."),
        heading=_("Drill rules for a school year"),
        intro=_("Start from a shipped preset; every count, term and interval can be adjusted afterwards."),
        cancel_url=reverse("drills:rule-list"),
    )


@login_required
@scoped_to(RequirementSet)
def rule_detail(request, pk):
    """One division's rules for a school year, with links to adjust them."""
    requirement_set = get_for_user(RequirementSet.objects.select_related("division"), request.user, pk=pk)
    context = {
        "rule_set": requirement_set,
        "requirements": requirement_set.requirements.order_by("drill_type"),
        "may_edit": requirement_set.pk in _editable_ids(request.user),
    }
    return render(request, "drills/rule_detail.html", context)


@login_required
@scoped_to(RequirementSet)
def rule_edit(request, pk):
    """Adjust the terms, reminder lead, overdue interval and retention of a division's rules."""
    requirement_set = get_for_change(RequirementSet, request.user, pk=pk)
    initial = {name: getattr(requirement_set, name) for name in SET_FIELDS}
    initial.update(terms=terms_as_text(requirement_set.terms), version=requirement_set.version)
    form = RuleSetForm(form_data(request), initial=initial)

    def write():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return rule_services.requirement_set_update(
            actor=request.user, requirement_set=requirement_set, changes=data, expected_version=version
        )

    return form_page(
        request,
        form,
        write,
        success_url=_rules_url,
        success_message=_("Rules saved."),
        heading=_("Adjust %(rules)s") % {"rules": requirement_set},
        cancel_url=_rules_url(requirement_set),
    )


@login_required
@scoped_to(RequirementSet)
def requirement_add(request, pk):
    """Add a drill type the preset did not cover (hold and secure, shelter in place, other)."""
    requirement_set = get_for_change(RequirementSet, request.user, pk=pk)
    form = RequirementForm(form_data(request))

    def write():
        data = dict(form.cleaned_data)
        data.pop("version")
        return rule_services.requirement_add(actor=request.user, requirement_set=requirement_set, **data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda requirement: _rules_url(requirement_set),
        success_message=_("Requirement added."),
        heading=_("Add a drill type to %(rules)s") % {"rules": requirement_set},
        cancel_url=_rules_url(requirement_set),
    )


@login_required
@scoped_to(Requirement)
def requirement_edit(request, pk):
    """Adjust one drill type's counts: per year, per term, unannounced, varied times."""
    requirement = get_for_change(Requirement.objects.select_related("requirement_set"), request.user, pk=pk)
    initial = {name: getattr(requirement, name) for name in REQUIREMENT_FIELDS}
    form = RequirementForm(form_data(request), editing=True, initial={**initial, "version": requirement.version})

    def write():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return rule_services.requirement_update(
            actor=request.user, requirement=requirement, changes=data, expected_version=version
        )

    return form_page(
        request,
        form,
        write,
        success_url=lambda saved: _rules_url(saved.requirement_set),
        success_message=_("Requirement saved."),
        heading=_("%(type)s in %(rules)s")
        % {"type": requirement.get_drill_type_display(), "rules": requirement.requirement_set},
        cancel_url=_rules_url(requirement.requirement_set),
    )
