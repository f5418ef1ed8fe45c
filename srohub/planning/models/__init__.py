"""Models of presence and visit planning (see docs/planning.md)."""

from srohub.planning.models.plans import (
    CheckIn,
    FeedToken,
    Plan,
    PlanStatus,
    ProposalStatus,
    TerritoryProposal,
    Visit,
    VisitStatus,
)
from srohub.planning.models.schools import (
    Blackout,
    CalendarClosure,
    ClosureKind,
    HalfDay,
    OfficerLeave,
    PlanningSettings,
    PreferredSlot,
    PresenceRequest,
)

__all__ = [
    "Blackout",
    "CalendarClosure",
    "CheckIn",
    "ClosureKind",
    "FeedToken",
    "HalfDay",
    "OfficerLeave",
    "Plan",
    "PlanStatus",
    "PlanningSettings",
    "ProposalStatus",
    "PreferredSlot",
    "PresenceRequest",
    "TerritoryProposal",
    "Visit",
    "VisitStatus",
]
