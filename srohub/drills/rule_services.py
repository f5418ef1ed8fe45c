"""Writes to a division's drill rules: pick a preset for a school year, then adjust it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from srohub.audit.services import SYSTEM
from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.core.services import authorize_change, authorize_create, change_record, create_record
from srohub.directory.models import OrganizationKind
from srohub.drills.models import RULE_EDITORS, Requirement, RequirementSet
from srohub.drills.presets import PRESETS


@transaction.atomic
def requirement_set_create(
    *, actor, division, school_year: str, preset: str, terms: list[dict] | None = None
) -> RequirementSet:
    """A division's requirement set for ``school_year``, filled in from a shipped preset
    (presets.py, DOMAIN.md section 2); ``terms`` replaces the preset's term boundaries."""
    if division.kind != OrganizationKind.SCHOOL_DIVISION:
        raise ValidationError({"division": _("Choose a school division.")})
    _authorize_division(actor, division)
    chosen = PRESETS.get(preset)
    if chosen is None:
        raise ValidationError({"preset": _("Choose one of the presets.")})
    if RequirementSet.objects.filter(division=division, school_year=school_year).exists():
        raise ValidationError(
            {
                "school_year": _("%(division)s already has rules for %(year)s: adjust those.")
                % {"division": division, "year": school_year}
            }
        )
    rule_set = create_record(
        actor=actor,
        instance=RequirementSet(
            program_id=division.program_id,
            division=division,
            school_year=school_year,
            preset=chosen.key,
            terms=list(terms or chosen.terms),
            retention_years=chosen.retention_years,
        ),
    )
    for item in chosen.requirements:
        create_record(
            actor=actor,
            instance=Requirement(
                program_id=division.program_id,
                requirement_set=rule_set,
                drill_type=item.drill_type,
                per_year=item.per_year,
                per_term=item.per_term,
                unannounced=item.unannounced,
                varied_times=item.varied_times,
                source=item.source,
            ),
        )
    return rule_set


def _authorize_division(actor, division) -> None:
    """Admins anywhere in the program; a division safety lead only for their own division."""
    authorize_create(actor, RequirementSet, program_id=division.program_id)
    if actor is SYSTEM:
        return
    if not any(_reaches_division(grant, division) for grant in grants_for(actor)):
        raise PermissionDenied(_("You may set the rules of your own division only."))


def _reaches_division(grant, division) -> bool:
    if grant.program_id != division.program_id or grant.role not in RULE_EDITORS:
        return False
    return grant.role != Role.DIVISION_LEAD or grant.organization_id == division.pk


@transaction.atomic
def requirement_add(
    *,
    actor,
    requirement_set: RequirementSet,
    drill_type: str,
    per_year: int,
    per_term: int = 0,
    unannounced: int = 0,
    varied_times: bool = False,
    source: str = "",
) -> Requirement:
    """Add a drill type the preset did not cover (hold and secure, shelter in place …)."""
    authorize_change(actor, requirement_set)
    if requirement_set.requirements.filter(drill_type=drill_type).exists():
        raise ValidationError({"drill_type": _("This drill type already has a requirement: adjust it.")})
    return create_record(
        actor=actor,
        instance=Requirement(
            program_id=requirement_set.program_id,
            requirement_set=requirement_set,
            drill_type=drill_type,
            per_year=per_year,
            per_term=per_term,
            unannounced=unannounced,
            varied_times=varied_times,
            source=source,
        ),
    )


def requirement_set_update(
    *, actor, requirement_set: RequirementSet, changes: dict, expected_version: int | None = None
) -> RequirementSet:
    """Adjust the terms, notice intervals or retention of a division's rules."""
    allowed = {"terms", "reminder_lead_days", "overdue_interval_days", "retention_years"}
    return change_record(
        actor, requirement_set, {k: v for k, v in changes.items() if k in allowed}, expected_version
    )


def requirement_update(
    *, actor, requirement: Requirement, changes: dict, expected_version: int | None = None
) -> Requirement:
    """Adjust one drill type's counts (per year, per term, unannounced, varied times)."""
    allowed = {"per_year", "per_term", "unannounced", "varied_times", "source"}
    return change_record(
        actor, requirement, {k: v for k, v in changes.items() if k in allowed}, expected_version
    )
