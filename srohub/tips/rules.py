"""The tips app's domain rules: pure functions of plain values, no database.

Sources: issue 6 (Tips) and PRODUCT.md §5 — "Crime Stoppers tips about a school go straight to that
school's SRO" (Calgary program page, DOMAIN.md §6), "a tip is never dropped, whatever its content",
"life-safety tips escalate until someone acknowledges them".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

TRIAGE = "triage"
SUPERVISOR = "supervisor"
OFFICER = "officer"
QUEUE = "queue"
DUTY = "duty"


@dataclass(frozen=True)
class SchoolText:
    """What a school is known by: its name, short name and street address."""

    school_id: int
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    school_id: int
    score: float


@dataclass(frozen=True)
class SchoolMatch:
    """The school a text names (None below the threshold), and the best candidates with scores."""

    school_id: int | None
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class OfficerOnDate:
    """An officer of a school on the tip's date and whether they can take it."""

    officer_id: int
    available: bool


@dataclass(frozen=True)
class Target:
    """Who a tip (or one escalation step) goes to: an officer, a queue, or the unit's duty line."""

    kind: str  # OFFICER, QUEUE or DUTY
    officer_id: int | None = None
    queue: str = ""

    def as_json(self) -> dict:
        if self.kind == OFFICER:
            return {"kind": OFFICER, "id": self.officer_id}
        if self.kind == QUEUE:
            return {"kind": QUEUE, "name": self.queue}
        return {"kind": DUTY}


TRIAGE_QUEUE = Target(QUEUE, queue=TRIAGE)
SUPERVISOR_QUEUE = Target(QUEUE, queue=SUPERVISOR)
DUTY_LINE = Target(DUTY)


def match_school(
    text: str, schools: Iterable[SchoolText], *, threshold: float, margin: float, keep: int = 3
) -> SchoolMatch:
    """Resolve free text ("Kelvin high", "155 Kingsway") to one of the program's schools.

    Each school scores the best rapidfuzz WRatio of the text against its name, short name and
    address (case and punctuation ignored). The best school is chosen only when it reaches
    ``threshold`` and leads the runner-up by ``margin``: two schools that both match ("Collegiate")
    go to the triage queue with both shown, rather than to the wrong officer (issue 6, Routing).
    """
    query = utils.default_process(text or "")
    if not query:
        return SchoolMatch(None, ())
    schools = list(schools)
    owners, texts = [], []
    for school in schools:
        for text_of_school in school.texts:
            if text_of_school:
                owners.append(school.school_id)
                texts.append(text_of_school)
    best = dict.fromkeys((school.school_id for school in schools), 0.0)
    # One pass over every text in rapidfuzz's C loop (the processor is applied to each text there).
    for _text, score, index in process.extract(
        query, texts, scorer=fuzz.WRatio, processor=utils.default_process, limit=None
    ):
        best[owners[index]] = max(best[owners[index]], score)
    scored = [Candidate(school_id, round(score, 1)) for school_id, score in best.items()]
    scored.sort(key=lambda c: (-c.score, c.school_id))
    candidates = tuple(c for c in scored[:keep] if c.score > 0)
    if not candidates or candidates[0].score < threshold:
        return SchoolMatch(None, candidates)
    if len(candidates) > 1 and candidates[0].score - candidates[1].score < margin:
        return SchoolMatch(None, candidates)
    return SchoolMatch(candidates[0].school_id, candidates)


def officer_is_available(*, status: str, planned: bool | None) -> bool:
    """Whether an officer can take a tip on a date.

    ``planned`` is the planning app's answer (False on leave or absent from the visit plan, True
    on a planned day, None without data); the officer's directory status is the fallback and also
    vetoes (an officer "on leave" or who "left" never receives a tip). Issue 6: "if the officer is
    on leave or absent (from the visit plan or the officer's status), to the backup".
    """
    return status == "active" and planned is not False


def route_tip(
    *, school_id: int | None, primary: OfficerOnDate | None, backup: OfficerOnDate | None
) -> Target:
    """Where a new tip goes (issue 6, Routing; Calgary: "tips related to a high school go directly
    to its SRO"): no resolved school → the triage queue; else the school's primary SRO on that date,
    else the backup, else the supervisor queue. Total: every input yields a target — a tip is never
    dropped."""
    if school_id is None:
        return TRIAGE_QUEUE
    for officer in (primary, backup):
        if officer is not None and officer.available:
            return Target(OFFICER, officer_id=officer.officer_id)
    return SUPERVISOR_QUEUE


def escalation_chain(*, routed: Target, backup: OfficerOnDate | None, has_duty_line: bool) -> list[Target]:
    """Who a life-safety tip goes to, step by step, until someone acknowledges it (issue 6:
    "escalate to the next in the chain (backup → supervisor → the unit's duty contact), and again").

    Step 0 is where it was routed. Then the backup (if available and not already routed to), the
    supervisor queue, the duty line. Whoever was already passed is skipped; the last target is
    repeated by :func:`target_for_step` until the tip is acknowledged.
    """
    chain = [routed]
    if (
        routed.kind == OFFICER
        and backup is not None
        and backup.available
        and backup.officer_id != routed.officer_id
    ):
        chain.append(Target(OFFICER, officer_id=backup.officer_id))
    if routed != SUPERVISOR_QUEUE:
        chain.append(SUPERVISOR_QUEUE)
    if has_duty_line:
        chain.append(DUTY_LINE)
    return chain


def target_for_step(chain: Sequence[Target], step: int) -> Target:
    """The target of escalation step ``step`` (0-based): beyond the chain, its last target again."""
    return chain[min(step, len(chain) - 1)]


# ---------------------------------------------------------------- dispositions


UNFOUNDED = "unfounded"
RESOLVED_WITH_SCHOOL = "resolved_with_school"
OCCURRENCE_OPENED = "occurrence_opened"
THREAT_ASSESSMENT_OPENED = "threat_assessment_opened"
REFERRED = "referred"
DUPLICATE = "duplicate"

# The link each disposition needs (issue 6, Handling), by the service's field name.
REQUIRED_LINK = {OCCURRENCE_OPENED: "occurrence", REFERRED: "referred_to", DUPLICATE: "duplicate_of"}
LINK_FIELDS = ("occurrence", "referred_to", "duplicate_of")


def disposition_problems(disposition: str, links: dict) -> dict[str, str]:
    """Field problems of a disposition and its links: the one link it needs must be given, and no
    other (an "unfounded" tip linked to an occurrence would say two things at once).

    Returns {field: problem code} — "required" or "not_allowed"; empty when consistent.
    """
    needed = REQUIRED_LINK.get(disposition)
    problems = {}
    for name in LINK_FIELDS:
        given = links.get(name) not in (None, "")
        if name == needed and not given:
            problems[name] = "required"
        elif name != needed and given:
            problems[name] = "not_allowed"
    return problems


# ---------------------------------------------------------------- measures


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The ``fraction`` quantile by linear interpolation between closest ranks (the "R-7" /
    NumPy default definition); None for no values. percentile(v, 0.5) is the median."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def proof_of_work_ok(digest: bytes, bits: int) -> bool:
    """Whether a SHA-256 ``digest`` starts with ``bits`` zero bits (the hashcash condition)."""
    value = int.from_bytes(digest, "big")
    return value >> (len(digest) * 8 - bits) == 0 if bits > 0 else True
