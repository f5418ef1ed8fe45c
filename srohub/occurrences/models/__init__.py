"""Models of the occurrences app, one module per idea."""

from srohub.occurrences.models.disclosure import DisclosurePurposeChoice, SchoolDisclosure
from srohub.occurrences.models.notices import (
    ContentChoice,
    NoticeFormRequired,
    NoticeMethodChoice,
    NoticeSection,
    ParentalNotice,
    RecipientChoice,
)
from srohub.occurrences.models.occurrence import (
    OUTCOME_CHOICES,
    OUTCOME_DATE_FIELDS,
    Attachment,
    ChargeMethod,
    Involvement,
    InvolvementRole,
    Occurrence,
    OccurrenceStatus,
    RecordsState,
    ReportedVia,
    SubjectOutcome,
)
from srohub.occurrences.models.reference import Category, CategoryKey, UcrAggregate, UcrCode
from srohub.occurrences.models.settings import YouthRecordsSettings

__all__ = [
    "OUTCOME_CHOICES",
    "OUTCOME_DATE_FIELDS",
    "Attachment",
    "Category",
    "CategoryKey",
    "ChargeMethod",
    "ContentChoice",
    "DisclosurePurposeChoice",
    "Involvement",
    "InvolvementRole",
    "NoticeFormRequired",
    "NoticeMethodChoice",
    "NoticeSection",
    "Occurrence",
    "OccurrenceStatus",
    "ParentalNotice",
    "RecipientChoice",
    "RecordsState",
    "ReportedVia",
    "SchoolDisclosure",
    "SubjectOutcome",
    "UcrAggregate",
    "UcrCode",
    "YouthRecordsSettings",
]
