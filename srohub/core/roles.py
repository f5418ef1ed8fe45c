"""The roles of PRODUCT.md, and which of them reach which kind of record."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAM_ADMIN = "program_admin", _("Program admin")
    SRO_SUPERVISOR = "sro_supervisor", _("SRO supervisor")
    SRO = "sro", _("School resource officer")
    SCHOOL_ADMIN = "school_admin", _("School admin")
    SCHOOL_OFFICE = "school_office", _("School office")
    DIVISION_LEAD = "division_safety_lead", _("Division safety lead")
    EVALUATOR = "evaluator", _("Evaluator")
    RECORDS_CUSTODIAN = "records_custodian", _("Records custodian")
    TIP_PARTNER = "tip_partner", _("Tip partner")
    AGENCY_CONTACT = "agency_contact", _("Community agency contact")


# Roles whose scope is one school: the membership names the school.
SCHOOL_ROLES = frozenset({Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE})
# Roles that see every school of the program.
PROGRAM_WIDE_ROLES = frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.EVALUATOR, Role.RECORDS_CUSTODIAN})
# People who work the program day to day (not API clients, not aggregate-only readers).
STAFF_ROLES = frozenset(
    {
        Role.PROGRAM_ADMIN,
        Role.SRO_SUPERVISOR,
        Role.SRO,
        Role.SCHOOL_ADMIN,
        Role.SCHOOL_OFFICE,
        Role.DIVISION_LEAD,
        Role.RECORDS_CUSTODIAN,
    }
)
# Everyone who may see the directory of schools (the evaluator reads aggregates of it).
DIRECTORY_READERS = STAFF_ROLES | {Role.EVALUATOR}
POLICE_ROLES = frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO})
ADMIN_ROLES = frozenset({Role.PROGRAM_ADMIN})
