"""The engagement log's domain rules: pure functions of plain values (dates, minutes, enums).

Sources: issue 4 (engagement log and community referrals) and PRODUCT.md capability 3 ("engagement
before enforcement is the program's promise: the system measures it"); the activity types and
topics are those the Winnipeg and Calgary program pages list for their SROs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_DURATION_MINUTES = 24 * 60
MAX_AUDIENCE = 5000
DEFAULT_REMINDER_DAYS = 14


class ActivityType(models.TextChoices):
    PRESENTATION = "presentation", _("Classroom presentation")
    INFORMAL_CONTACT = "informal_contact", _("Informal contact or walkthrough")
    MENTORING = "mentoring", _("Mentoring session")
    EXTRACURRICULAR = "extracurricular", _("Extracurricular (coaching, clubs, trips)")
    MEDIATION = "mediation", _("Mediation")
    RESTORATIVE = "restorative", _("Restorative circle or conference")
    VICTIM_FOLLOW_UP = "victim_follow_up", _("Victim follow-up")
    PARENT_CONSULTATION = "parent_consultation", _("Consultation with a parent")
    STAFF_CONSULTATION = "staff_consultation", _("Consultation with staff or administration")
    COMMUNITY_EVENT = "community_event", _("Community event")
    DRILL_SUPPORT = "drill_support", _("Lockdown drill support")
    SAFETY_PLANNING = "safety_planning", _("Safety planning")
    EMERGENCY_RESPONSE = "emergency_response", _("Emergency response")
    OTHER = "other", _("Other")


@dataclass(frozen=True)
class TypeProfile:
    """What an activity type asks for: its usual length, and which optional fields make sense."""

    default_minutes: int
    has_topic: bool = False
    has_audience: bool = False
    may_involve_person: bool = False


# Types where a young person is involved may link a Person (issue 4: mentoring, mediation, victim
# follow-up, referral); group types carry an audience; teaching types a topic.
TYPE_PROFILES: dict[str, TypeProfile] = {
    ActivityType.PRESENTATION: TypeProfile(60, has_topic=True, has_audience=True),
    ActivityType.INFORMAL_CONTACT: TypeProfile(30),
    ActivityType.MENTORING: TypeProfile(45, has_topic=True, may_involve_person=True),
    ActivityType.EXTRACURRICULAR: TypeProfile(90, has_audience=True),
    ActivityType.MEDIATION: TypeProfile(60, may_involve_person=True),
    ActivityType.RESTORATIVE: TypeProfile(60, may_involve_person=True),
    ActivityType.VICTIM_FOLLOW_UP: TypeProfile(30, may_involve_person=True),
    ActivityType.PARENT_CONSULTATION: TypeProfile(30),
    ActivityType.STAFF_CONSULTATION: TypeProfile(30),
    ActivityType.COMMUNITY_EVENT: TypeProfile(120, has_topic=True, has_audience=True),
    ActivityType.DRILL_SUPPORT: TypeProfile(45, has_audience=True),
    ActivityType.SAFETY_PLANNING: TypeProfile(60, may_involve_person=True),
    ActivityType.EMERGENCY_RESPONSE: TypeProfile(60),
    ActivityType.OTHER: TypeProfile(30, has_topic=True, has_audience=True),
}

class ActivityLanguage(models.TextChoices):
    """The languages an activity was held in (issue 4 "languages"): Canada's official languages,
    Indigenous languages spoken in prairie and northern schools, and the languages most spoken at
    home by newcomer families in Calgary, Edmonton and Winnipeg (Statistics Canada, Census 2021).
    ISO 639 codes (639-3 where 639-1 has none: Mandarin, Cantonese, Mi'kmaq, Dene)."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    CREE = "cr", _("Cree")
    OJIBWE = "oj", _("Ojibwe")
    OJI_CREE = "ojs", _("Oji-Cree")
    DENE = "chp", _("Dene")
    INUKTITUT = "iu", _("Inuktitut")
    MIKMAQ = "mic", _("Mi'kmaq")
    ARABIC = "ar", _("Arabic")
    PUNJABI = "pa", _("Punjabi")
    TAGALOG = "tl", _("Tagalog")
    MANDARIN = "cmn", _("Mandarin")
    CANTONESE = "yue", _("Cantonese")
    SPANISH = "es", _("Spanish")
    UKRAINIAN = "uk", _("Ukrainian")
    SOMALI = "so", _("Somali")
    TIGRINYA = "ti", _("Tigrinya")
    OTHER = "other", _("Other")


DEFAULT_LANGUAGES = (ActivityLanguage.ENGLISH.value,)
# The single language of activities logged before "languages" became a list (migration 0002).
LEGACY_LANGUAGES = {"en": ["en"], "fr": ["fr"], "en_fr": ["en", "fr"], "other": ["other"]}


def languages_problem(codes) -> str | None:
    """Why ``codes`` is not a valid list of an activity's languages (None when it is): a non-empty
    list of known codes (``ActivityLanguage``), each once."""
    if not isinstance(codes, list | tuple) or not codes:
        return str(_("Choose at least one language."))
    if any(code not in ActivityLanguage.values for code in codes):
        return str(_("Choose languages from the list."))
    if len(set(codes)) != len(codes):
        return str(_("Give each language once."))
    return None


def ordered_languages(codes) -> list[str]:
    """``codes`` without repeats, in the order of the list (English, French first)."""
    wanted = set(codes)
    return [code for code in ActivityLanguage.values if code in wanted]


DEFAULT_TOPICS = (
    "Staying safe",
    "Policing careers",
    "Canadian law and the legal system",
    "Bullying",
    "Cyberbullying",
    "Internet safety",
    "Gang awareness",
    "Drugs and alcohol",
    "Crime prevention",
    "Healthy relationships",
)


def default_minutes(activity_type: str) -> int:
    """The duration quick entry proposes for ``activity_type`` (issue 4: "duration default")."""
    profile = TYPE_PROFILES.get(activity_type)
    return profile.default_minutes if profile else 30


def activity_problems(
    *,
    activity_type: str,
    duration_minutes: int | None,
    occurred_on: date | None,
    today: date,
    has_person: bool = False,
    audience_count: int | None = None,
) -> dict[str, str]:
    """The field errors of an activity (empty when it may be saved).

    Issue 4 "bad input": a duration of zero or over 24 hours and a date after today are refused; a
    person may be linked only to the types where a young person is involved.
    """
    problems: dict[str, str] = {}
    if activity_type not in TYPE_PROFILES:
        problems["activity_type"] = str(_("Choose a type of activity."))
    if duration_minutes is None or not 0 < duration_minutes <= MAX_DURATION_MINUTES:
        problems["duration_minutes"] = str(_("A duration is between 1 minute and 24 hours."))
    if occurred_on is None or occurred_on > today:
        problems["occurred_on"] = str(_("The date cannot be after today."))
    if has_person and not TYPE_PROFILES.get(activity_type, TypeProfile(0)).may_involve_person:
        problems["person"] = str(
            _(
                "Only mentoring, mediation, restorative work, victim follow-up and "
                "safety planning link a young person."
            )
        )
    if audience_count is not None and not 0 <= audience_count <= MAX_AUDIENCE:
        problems["audience_count"] = str(_("An audience is between 0 and 5,000 people."))
    return problems


# ---------------------------------------------------------------- terms


TERM_KEY = re.compile(r"^(\d{4})-(fall|spring|summer)$")


@dataclass(frozen=True)
class Term:
    """A reporting term: fall (September–January), spring (February–June), summer (July–August).

    The program default follows the semestered calendar of Manitoba and Alberta high schools;
    a term is named by its calendar year and season, e.g. "2025-fall", "2026-spring".
    """

    key: str
    start: date
    end: date

    @property
    def label(self) -> str:
        year, season = self.key.split("-")
        return f"{SEASON_LABELS[season]} {year}"

    def previous(self) -> Term:
        return term_of(self.start - timedelta(days=1))

    def next(self) -> Term:
        return term_of(self.end + timedelta(days=1))


SEASON_LABELS = {"fall": _("Fall"), "spring": _("Spring"), "summer": _("Summer")}


def term_of(day: date) -> Term:
    """The term ``day`` falls in (see :class:`Term`)."""
    if day.month >= 9:
        return Term(f"{day.year}-fall", date(day.year, 9, 1), date(day.year + 1, 1, 31))
    if day.month == 1:
        return Term(f"{day.year - 1}-fall", date(day.year - 1, 9, 1), date(day.year, 1, 31))
    if day.month <= 6:
        return Term(f"{day.year}-spring", date(day.year, 2, 1), date(day.year, 6, 30))
    return Term(f"{day.year}-summer", date(day.year, 7, 1), date(day.year, 8, 31))


def term_from_key(key: str) -> Term:
    """The term named ``key`` ("2025-fall"); ValueError for anything else."""
    match = TERM_KEY.match(key or "")
    if not match or not 1900 < int(match[1]) < 2200:
        raise ValueError(_("Choose a term such as 2025-fall."))
    first_month = {"fall": 9, "spring": 2, "summer": 7}[match[2]]
    return term_of(date(int(match[1]), first_month, 1))


# ---------------------------------------------------------------- referrals


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("Referred")
    CONTACTED = "contacted", _("Contacted")
    ENGAGED = "engaged", _("Engaged")
    CLOSED = "closed", _("Closed")


class ReferralOutcome(models.TextChoices):
    COMPLETED = "completed", _("Service completed")
    DECLINED = "declined", _("Declined by the young person or family")
    NO_CONTACT = "no_contact", _("Could not be contacted")
    MOVED = "moved", _("Moved away or changed school")
    REDIRECTED = "redirected", _("Referred on to another service")
    OTHER = "other", _("Other")


STATUS_ORDER = [
    ReferralStatus.REFERRED,
    ReferralStatus.CONTACTED,
    ReferralStatus.ENGAGED,
    ReferralStatus.CLOSED,
]


def referral_transition_problem(current: str, new: str, outcome: str = "") -> str | None:
    """Why a referral may not move from ``current`` to ``new`` (None when it may).

    Issue 4: referred → contacted → engaged → closed (with outcome). A referral moves forward one or
    more steps (an agency may report "engaged" at first contact) or is closed from any open status;
    a closed referral stays closed, and closing needs an outcome.
    """
    if current == ReferralStatus.CLOSED:
        return str(_("This referral is closed."))
    if new not in STATUS_ORDER or STATUS_ORDER.index(new) <= STATUS_ORDER.index(current):
        return str(_("A referral moves forward: referred, contacted, engaged, closed."))
    if new == ReferralStatus.CLOSED and outcome not in ReferralOutcome.values:
        return str(_("Give the outcome when closing a referral."))
    if new != ReferralStatus.CLOSED and outcome:
        return str(_("An outcome is given only when closing a referral."))
    return None


def reminder_due(
    *, status: str, last_update_on: date, last_reminded_on: date | None, today: date, days: int
) -> bool:
    """Whether an open referral needs a reminder: no update for ``days`` days, and no reminder in
    the last ``days`` days either (issue 4: "so no referral is forgotten", without a daily flood)."""
    if status == ReferralStatus.CLOSED or days < 1:
        return False
    stale_since = today - timedelta(days=days)
    if last_update_on > stale_since:
        return False
    return last_reminded_on is None or last_reminded_on <= stale_since


# ---------------------------------------------------------------- the program's promise


@dataclass(frozen=True)
class Ratio:
    """Engagement to enforcement: ``enforcements`` None means "not yet available", never zero."""

    engagements: int
    enforcements: int | None

    @property
    def available(self) -> bool:
        return self.enforcements is not None

    @property
    def value(self) -> float | None:
        """Engagements per enforcement; None when the denominator is missing or zero."""
        if not self.enforcements:
            return None
        return round(self.engagements / self.enforcements, 1)


def engagement_ratio(engagements: int, enforcements: int | None) -> Ratio:
    """Issue 4: the engagement-to-enforcement ratio; enforcement = occurrences with cautions,
    sanctions or charges. Until enforcement data exists the denominator is unknown (None)."""
    if engagements < 0 or (enforcements is not None and enforcements < 0):
        raise ValueError("counts are never negative")
    return Ratio(engagements, enforcements)
