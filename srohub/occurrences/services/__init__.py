"""Every write of the occurrences app: ``<entity>_<verb>(*, actor, …)``, one transaction each,
authorized through the choke point and audited (core.services)."""

from srohub.occurrences.services.attachments import attachment_add, attachment_viewed
from srohub.occurrences.services.disclosures import (
    disclosure_confirm_destroyed,
    disclosure_create,
    disclosure_viewed,
    disclosures_remind,
)
from srohub.occurrences.services.guardians import guardian_add_to_involvement, guardian_update, guardians_viewed
from srohub.occurrences.services.notices import notice_record_given, notices_escalate, parental_contact_record
from srohub.occurrences.services.occurrences import (
    involvement_add,
    involvement_add_new_person,
    occurrence_create,
    occurrence_report_intake,
    occurrence_update,
)
from srohub.occurrences.services.outcomes import outcome_record
from srohub.occurrences.services.records import occurrence_archive, occurrence_destroy, ycja_sweep

__all__ = [
    "attachment_add",
    "attachment_viewed",
    "disclosure_confirm_destroyed",
    "disclosure_create",
    "disclosure_viewed",
    "disclosures_remind",
    "guardian_add_to_involvement",
    "guardian_update",
    "guardians_viewed",
    "involvement_add",
    "involvement_add_new_person",
    "notice_record_given",
    "notices_escalate",
    "occurrence_archive",
    "occurrence_create",
    "occurrence_destroy",
    "occurrence_report_intake",
    "occurrence_update",
    "outcome_record",
    "parental_contact_record",
    "ycja_sweep",
]
