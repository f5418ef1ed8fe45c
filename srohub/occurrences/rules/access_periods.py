"""Access periods of youth records — YCJA s.119(2)(a)–(j), s.119(4) and s.119(9).

Each paragraph is one named function of dates; :func:`access_period` chooses the paragraph for an
outcome. Periods count as the Interpretation Act s.28 says (see ``calendar``) and end on, and
include, the day returned: the record may be disclosed that day and not the day after.
"""

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from srohub.occurrences.rules.calendar import add_months, add_years


class Outcome(StrEnum):
    """What happened to a subject, from no further action to an adult conviction."""

    NO_FURTHER_ACTION = "no_further_action"
    INFORMAL_RESOLUTION = "informal_resolution"
    RESTORATIVE_PROCESS = "restorative_process"
    WARNING = "warning"
    CAUTION = "caution"
    REFERRAL = "referral"
    EXTRAJUDICIAL_SANCTION = "extrajudicial_sanction"
    CHARGE = "charge"
    ACQUITTAL = "acquittal"
    DISMISSAL = "dismissal"
    WITHDRAWAL = "withdrawal"
    REPRIMAND = "reprimand"
    STAY = "stay"
    PEACE_BOND = "peace_bond"
    ABSOLUTE_DISCHARGE = "absolute_discharge"
    CONDITIONAL_DISCHARGE = "conditional_discharge"
    SUMMARY_CONVICTION = "summary_conviction"
    INDICTABLE_CONVICTION = "indictable_conviction"
    ADULT_CONVICTION = "adult_conviction"


# Extrajudicial measures other than sanctions (YCJA s.6–s.10): no s.119(2) period; s.119(4) applies.
EXTRAJUDICIAL_MEASURES = frozenset(
    {
        Outcome.NO_FURTHER_ACTION,
        Outcome.INFORMAL_RESOLUTION,
        Outcome.RESTORATIVE_PROCESS,
        Outcome.WARNING,
        Outcome.CAUTION,
        Outcome.REFERRAL,
    }
)
COURT_RESULTS = frozenset(
    {
        Outcome.ACQUITTAL,
        Outcome.DISMISSAL,
        Outcome.WITHDRAWAL,
        Outcome.REPRIMAND,
        Outcome.STAY,
        Outcome.PEACE_BOND,
        Outcome.ABSOLUTE_DISCHARGE,
        Outcome.CONDITIONAL_DISCHARGE,
        Outcome.SUMMARY_CONVICTION,
        Outcome.INDICTABLE_CONVICTION,
        Outcome.ADULT_CONVICTION,
    }
)
# The outcomes the `srohub ycja access-period` command accepts (the list).
COMMAND_OUTCOMES = (
    Outcome.EXTRAJUDICIAL_SANCTION,
    Outcome.ACQUITTAL,
    Outcome.DISMISSAL,
    Outcome.WITHDRAWAL,
    Outcome.REPRIMAND,
    Outcome.STAY,
    Outcome.PEACE_BOND,
    Outcome.ABSOLUTE_DISCHARGE,
    Outcome.CONDITIONAL_DISCHARGE,
    Outcome.SUMMARY_CONVICTION,
    Outcome.INDICTABLE_CONVICTION,
    Outcome.WARNING,
    Outcome.CAUTION,
    Outcome.REFERRAL,
)
# Outcomes whose period is one of (g)–(j): a new offence or an adult conviction changes it.
SENTENCE_OUTCOMES = frozenset({Outcome.SUMMARY_CONVICTION, Outcome.INDICTABLE_CONVICTION})


class PeriodStatus(StrEnum):
    ENDS = "ends"  # a s.119(2) period with an end date
    RESTRICTED = "restricted"  # no period: s.119(4) extrajudicial measures
    PENDING = "pending"  # charged, no court result yet: the period is not known
    ADULT_RECORD = "adult_record"  # s.119(9), or an adult conviction: not a youth record any more


class MissingDateError(ValueError):
    """An outcome needs a date that was not given; ``field`` names it (``consent_date`` …)."""

    def __init__(self, field: str, outcome: str):
        self.field, self.outcome = field, outcome
        super().__init__(f"the outcome {outcome} needs {field.replace('_', ' ')}")


@dataclass(frozen=True)
class OutcomeDates:
    """The dates an outcome's period is counted from (each outcome needs one or two of them)."""

    consent_date: date | None = None
    decision_date: date | None = None
    appeal_period_end: date | None = None
    appeal_completed: date | None = None
    stay_date: date | None = None
    order_expiry: date | None = None
    finding_date: date | None = None
    sentence_completed: date | None = None

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class LaterOffence:
    """A new finding of guilt during a (g)/(h) period — s.119(2)(i) and (j)."""

    indictable: bool
    found_guilty_on: date
    sentence_completed: date


@dataclass(frozen=True)
class AccessPeriod:
    """The answer for one outcome: the day the period ends, or why there is none."""

    status: PeriodStatus
    ends_on: date | None = None
    provision: str = ""
    reason: str = ""


# ---------------------------------------------------------------- s.119(2), paragraph by paragraph


def extrajudicial_sanction_period_end(consent_date: date) -> date:
    """YCJA s.119(2)(a): two years after the young person consents to the extrajudicial sanction."""
    return add_years(consent_date, 2)


def acquittal_period_end(appeal_period_end: date | None, appeal_completed: date | None = None) -> date:
    """YCJA s.119(2)(b): an acquittal (other than NCR) — two months after the time for appeal
    expires, or three months after all appeal proceedings are completed if it was appealed."""
    if appeal_completed is not None:
        return add_months(appeal_completed, 3)
    if appeal_period_end is None:
        raise MissingDateError("appeal_period_end", Outcome.ACQUITTAL)
    return add_months(appeal_period_end, 2)


def dismissal_withdrawal_reprimand_period_end(decision_date: date) -> date:
    """YCJA s.119(2)(c): two months after a dismissal (other than an acquittal), a withdrawal, or a
    finding of guilt with a reprimand."""
    return add_months(decision_date, 2)


def stay_period_end(stay_date: date) -> date:
    """YCJA s.119(2)(d): proceedings stayed with no proceedings for one year — one year after the stay."""
    return add_years(stay_date, 1)


def peace_bond_period_end(order_expiry: date) -> date:
    """YCJA s.119(2)(d.1): an order under s.14(2) or s.20(2) (peace bond) — six months after it expires."""
    return add_months(order_expiry, 6)


def absolute_discharge_period_end(finding_date: date) -> date:
    """YCJA s.119(2)(e): absolute discharge — one year after the finding of guilt."""
    return add_years(finding_date, 1)


def conditional_discharge_period_end(finding_date: date) -> date:
    """YCJA s.119(2)(f): conditional discharge — three years after the finding of guilt."""
    return add_years(finding_date, 3)


def summary_conviction_period_end(sentence_completed: date) -> date:
    """YCJA s.119(2)(g): an offence punishable on summary conviction — three years after the youth
    sentence is completed."""
    return add_years(sentence_completed, 3)


def indictable_conviction_period_end(sentence_completed: date) -> date:
    """YCJA s.119(2)(h): an indictable offence — five years after the youth sentence is completed."""
    return add_years(sentence_completed, 5)


def later_summary_offence_period_end(first_period_end: date, later_sentence_completed: date) -> date:
    """YCJA s.119(2)(i): a new summary offence during a (g)/(h) period — the later of the first
    period's end and the new offence's (g) end."""
    return max(first_period_end, summary_conviction_period_end(later_sentence_completed))


def later_indictable_offence_period_end(later_sentence_completed: date) -> date:
    """YCJA s.119(2)(j): a new indictable offence during a (g)/(h) period — five years after the
    new youth sentence is completed."""
    return add_years(later_sentence_completed, 5)


def is_adult_record(period_end: date, adult_conviction_date: date | None) -> bool:
    """YCJA s.119(9): convicted of an offence committed as an adult during a (g)–(j) period, the
    youth record is dealt with as an adult record (it stops being a youth record)."""
    return adult_conviction_date is not None and adult_conviction_date <= period_end


def restricted_access_reason() -> str:
    """YCJA s.119(4): warnings, cautions, referrals and other extrajudicial measures have no
    s.119(2) period; only police and the Attorney General (to decide on further extrajudicial
    measures or to investigate) and conference participants may have access."""
    return str(
        _(
            "No access period: an extrajudicial measure other than a sanction. Access is limited to "
            "police and the Attorney General, to decide on further measures or to investigate (s.119(4))."
        )
    )


# ---------------------------------------------------------------- one outcome, whichever paragraph


# outcome → (paragraph, the rule, the dates it takes, in order)
_PARAGRAPHS = {
    Outcome.EXTRAJUDICIAL_SANCTION: ("s.119(2)(a)", extrajudicial_sanction_period_end, ("consent_date",)),
    Outcome.DISMISSAL: ("s.119(2)(c)", dismissal_withdrawal_reprimand_period_end, ("decision_date",)),
    Outcome.WITHDRAWAL: ("s.119(2)(c)", dismissal_withdrawal_reprimand_period_end, ("decision_date",)),
    Outcome.REPRIMAND: ("s.119(2)(c)", dismissal_withdrawal_reprimand_period_end, ("finding_date",)),
    Outcome.STAY: ("s.119(2)(d)", stay_period_end, ("stay_date",)),
    Outcome.PEACE_BOND: ("s.119(2)(d.1)", peace_bond_period_end, ("order_expiry",)),
    Outcome.ABSOLUTE_DISCHARGE: ("s.119(2)(e)", absolute_discharge_period_end, ("finding_date",)),
    Outcome.CONDITIONAL_DISCHARGE: ("s.119(2)(f)", conditional_discharge_period_end, ("finding_date",)),
    Outcome.SUMMARY_CONVICTION: ("s.119(2)(g)", summary_conviction_period_end, ("sentence_completed",)),
    Outcome.INDICTABLE_CONVICTION: ("s.119(2)(h)", indictable_conviction_period_end, ("sentence_completed",)),
}


def required_dates(outcome: str) -> tuple[str, ...]:
    """The dates ``outcome``'s period is counted from (for forms and the command's messages)."""
    if outcome == Outcome.ACQUITTAL:
        return ("appeal_period_end",)
    return _PARAGRAPHS.get(Outcome(outcome), ("", None, ()))[2]


def access_period(
    outcome: str,
    dates: OutcomeDates,
    *,
    later_offence: LaterOffence | None = None,
    adult_conviction_date: date | None = None,
) -> AccessPeriod:
    """The access period of one subject's youth record — YCJA s.119(2), s.119(4), s.119(9).

    Raises :class:`MissingDateError` naming the first date the outcome needs and lacks.
    """
    outcome = Outcome(outcome)
    if outcome in EXTRAJUDICIAL_MEASURES:
        return AccessPeriod(PeriodStatus.RESTRICTED, provision="s.119(4)", reason=restricted_access_reason())
    if outcome == Outcome.CHARGE:
        return AccessPeriod(
            PeriodStatus.PENDING,
            provision="s.119(2)",
            reason=str(_("Charged: the period is known once the court decides.")),
        )
    if outcome == Outcome.ADULT_CONVICTION:
        return AccessPeriod(
            PeriodStatus.ADULT_RECORD,
            provision="s.119(9)",
            reason=str(_("Adult conviction: dealt with as an adult record.")),
        )
    if outcome == Outcome.ACQUITTAL:
        end = acquittal_period_end(dates.appeal_period_end, dates.appeal_completed)
        return AccessPeriod(PeriodStatus.ENDS, end, "s.119(2)(b)")
    provision, rule, needed = _PARAGRAPHS[outcome]
    end = rule(*(_required(dates, name, outcome) for name in needed))
    if outcome in SENTENCE_OUTCOMES:
        return _with_later_events(end, provision, later_offence, adult_conviction_date)
    return AccessPeriod(PeriodStatus.ENDS, end, provision)


def _required(dates: OutcomeDates, name: str, outcome: Outcome) -> date:
    value = getattr(dates, name)
    if value is None:
        raise MissingDateError(name, outcome)
    return value


def _with_later_events(
    end: date, provision: str, later: LaterOffence | None, adult_conviction_date: date | None
) -> AccessPeriod:
    """A (g)/(h) period extended by a new offence found during it (i)/(j), then s.119(9)."""
    if later is not None and later.found_guilty_on <= end:
        if later.indictable:
            end, provision = later_indictable_offence_period_end(later.sentence_completed), "s.119(2)(j)"
        else:
            end, provision = later_summary_offence_period_end(end, later.sentence_completed), "s.119(2)(i)"
    if is_adult_record(end, adult_conviction_date):
        return AccessPeriod(
            PeriodStatus.ADULT_RECORD,
            provision="s.119(9)",
            reason=str(_("Convicted as an adult during the period: dealt with as an adult record.")),
        )
    return AccessPeriod(PeriodStatus.ENDS, end, provision)


def record_period_end(periods: list[AccessPeriod]) -> date | None:
    """When a record about several subjects stops being disclosable (our reading of s.119(2) and
    s.128(1) for a record that names more than one young person): once every subject's period with
    an end date has ended. A pending charge or an adult record keeps it; subjects with no period
    (s.119(4), or adults) do not. None: no end (yet)."""
    if any(p.status in {PeriodStatus.PENDING, PeriodStatus.ADULT_RECORD} for p in periods):
        return None
    ends = [p.ends_on for p in periods if p.status == PeriodStatus.ENDS]
    return max(ends) if ends else None


def is_past_period(period_end: date | None, on: date) -> bool:
    """Whether on ``on`` the period has ended: it ends on, and includes, ``period_end`` (s.119(2))."""
    return period_end is not None and on > period_end
