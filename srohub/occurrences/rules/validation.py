"""What an outcome's dates and the subject's age must make sense with before anything is saved."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from srohub.occurrences.rules.access_periods import COURT_RESULTS, EXTRAJUDICIAL_MEASURES, Outcome
from srohub.people.rules import is_young_person

# Outcomes only the YCJA provides for (the young person's age decides whether they apply).
YCJA_OUTCOMES = frozenset(
    (
        EXTRAJUDICIAL_MEASURES
        - {Outcome.NO_FURTHER_ACTION, Outcome.INFORMAL_RESOLUTION, Outcome.RESTORATIVE_PROCESS}
    )
    | {Outcome.EXTRAJUDICIAL_SANCTION, Outcome.CHARGE}
    | (COURT_RESULTS - {Outcome.ADULT_CONVICTION})
)


def outcome_date_errors(occurred_on: date, dates: dict[str, date | None]) -> dict[str, str]:
    """Field errors for an outcome's dates: none may be before the occurrence, and the youth
    sentence cannot be completed before the finding of guilt (nor an appeal before the decision)."""
    errors = {
        name: str(_("This date cannot be before the occurrence."))
        for name, value in dates.items()
        if value is not None and value < occurred_on
    }
    _ordered(
        errors,
        dates,
        "finding_date",
        "sentence_completed",
        _("The sentence cannot be completed before the finding of guilt."),
    )
    _ordered(
        errors,
        dates,
        "decision_date",
        "appeal_completed",
        _("Appeal proceedings cannot end before the decision."),
    )
    return errors


def _ordered(errors: dict, dates: dict, first: str, then: str, message) -> None:
    earlier, later = dates.get(first), dates.get(then)
    if earlier and later and later < earlier and then not in errors:
        errors[then] = str(message)


def youth_outcome_age_error(outcome: str, date_of_birth: date | None, occurred_on: date) -> str | None:
    """YCJA s.2(1) and s.3: the Act's outcomes apply to a young person, twelve to seventeen at the
    time of the offence; an adult is dealt with as an adult. None when ``outcome`` may be recorded."""
    if Outcome(outcome) not in YCJA_OUTCOMES:
        return None
    if date_of_birth is None:
        return str(_("A YCJA outcome needs the person's date of birth (the Act applies at 12 to 17)."))
    if not is_young_person(date_of_birth, occurred_on):
        return str(
            _("The person was not 12 to 17 at the time of the occurrence: a YCJA outcome does not apply.")
        )
    return None
