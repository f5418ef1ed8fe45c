"""One entry point for every way of planning visits: CP-SAT, the exact MIP (HiGHS), the greedy baseline."""

from __future__ import annotations

from srohub.planning.planner.explain import direct_findings, relaxation_findings
from srohub.planning.planner.greedy import greedy_visits
from srohub.planning.planner.instance import Finding, Solution, VisitInstance
from srohub.planning.planner.linear import SolveResult, solve_cpsat, solve_highs
from srohub.planning.planner.progress import ProgressHandler
from srohub.planning.planner.visits import build_visit_model

METHODS = ("cpsat", "highs", "greedy")


def plan_visits(
    instance: VisitInstance,
    *,
    method: str = "cpsat",
    seconds: float = 10.0,
    workers: int = 1,
    on_progress: ProgressHandler | None = None,
) -> Solution:
    """Plan the horizon. Infeasible input returns findings (why), never a partial plan.

    ``on_progress`` follows the CP-SAT solve (HiGHS runs in a child process and greedy takes no
    time: neither reports progress)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    findings = direct_findings(instance)
    if findings:
        return Solution(method, "infeasible", findings=tuple(findings))
    built = build_visit_model(instance)
    if method == "greedy":
        return _score_greedy(instance, built, seconds)
    result = _run(built.model, method, seconds, workers, hint=_hint(instance, built), on_progress=on_progress)
    if result.status == "infeasible":
        return Solution(
            method,
            "infeasible",
            seconds=result.seconds,
            findings=tuple(relaxation_findings(instance, seconds=seconds)),
        )
    if not result.has_solution:
        return Solution(
            method,
            "unknown",
            bound=result.bound,
            seconds=result.seconds,
            findings=(Finding("no_solution_in_time", {"seconds": seconds}),),
        )
    return Solution(
        method, result.status, built.visits(result.values), result.objective, result.bound, result.seconds
    )


def _run(model, method: str, seconds: float, workers: int, hint=None, on_progress=None) -> SolveResult:
    if method == "highs":
        return solve_highs(model, seconds=seconds)
    return solve_cpsat(model, seconds=seconds, workers=workers, hint=hint, on_progress=on_progress)


def _hint(instance: VisitInstance, built) -> dict[int, int] | None:
    """Start from the previous plan when re-planning: the solver then looks for small changes first.

    (A greedy hint for fresh plans was measured and made single-worker CP-SAT slower: not used.)
    """
    if not instance.previous:
        return None
    return {index: int(v in instance.previous) for v, index in built.x.items()}


def _score_greedy(instance: VisitInstance, built, seconds: float) -> Solution:
    """Score the greedy plan with the very same model (its visits fixed); its bound is its own value."""
    visits = greedy_visits(instance)
    relaxed = build_visit_model(instance, relax=frozenset({"minimums"}))
    result = solve_cpsat(relaxed.model.fixed(relaxed.assignment(visits)), seconds=seconds)
    status = "feasible" if _meets_minimums(instance, visits) else "violates_minimums"
    return Solution("greedy", status, tuple(sorted(visits)), result.objective, None, result.seconds)


def _meets_minimums(instance: VisitInstance, visits) -> bool:
    counts = {}
    for visit in visits:
        counts[visit.school_id] = counts.get(visit.school_id, 0) + 1
    return all(counts.get(s.id, 0) >= s.minimum for s in instance.schools)
