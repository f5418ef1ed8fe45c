"""Every write of the occurrences app: ``<entity>_<verb>(*, actor, …)``, one transaction each,
authorized through the choke point and audited (core.services)."""

from srohub.occurrences.services.disclosures import (
    disclosure_confirm_destroyed,
    disclosure_create,
    disclosure_viewed,
    disclosures_remind,
)
from srohub.occurrences.services.notices import notice_record_given, notices_escalate, parental_contact_record
from srohub.occurrences.services.occurrences import (
    involvement_add,
    occurrence_create,
    occurrence_report_intake,
    occurrence_update,
)
from srohub.occurrences.services.outcomes import outcome_record
from srohub.occurrences.services.records import occurrence_archive, occurrence_destroy, ycja_sweep

__all__ = [
    "disclosure_confirm_destroyed",
    "disclosure_create",
    "disclosure_viewed",
    "disclosures_remind",
    "involvement_add",
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
