"""`srohub bench plan --scale winnipeg|calgary [--seconds N] [--json]`: the planner against its references.

For the visit plan and the territory design it measures CP-SAT (one worker, the "one core" figure),
the greedy baseline (today's fixed-weekday practice) and the exact MIP of the same model (HiGHS,
one thread), then a re-plan after one officer goes on leave for a week (moved visits of the others).
Instances are synthetic, with the shapes of the programs (``planner.synthetic``). ``--json`` prints one
object per line with exactly the keys of ``KEYS``. ``python -m srohub.planning.bench`` runs it without
Django settings.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from srohub.planning.planner.solve import plan_visits
from srohub.planning.planner.synthetic import (
    synthetic_territory_instance,
    synthetic_visit_instance,
    with_leave,
)
from srohub.planning.planner.territory import design_territories
from srohub.planning.planner.visits import moved_visits

DEFAULT_SECONDS = {"winnipeg": 5.0, "calgary": 30.0, "tiny": 5.0}
TERRITORY_SECONDS = {"winnipeg": 60.0, "calgary": 60.0, "tiny": 10.0}
KEYS = ("instance", "problem", "method", "objective", "bound", "gap", "seconds", "moved_visits")


def add_arguments(parser) -> None:
    parser.add_argument("--scale", choices=["tiny", "winnipeg", "calgary"], default="winnipeg")
    parser.add_argument(
        "--seconds", type=float, default=None, help="Time limit per solve (default by scale)."
    )
    parser.add_argument(
        "--highs-seconds",
        type=float,
        default=120.0,
        help="Time limit of the exact MIP reference (it must be allowed to prove optimality).",
    )
    parser.add_argument("--skip-highs", action="store_true", help="Leave out the exact MIP reference.")


def row(instance: str, problem: str, solution, moved: int | None = None) -> dict:
    return {
        "instance": instance,
        "problem": problem,
        "method": solution.method,
        "objective": _rounded(solution.objective),
        "bound": _rounded(solution.bound),
        "gap": None if solution.gap is None else round(solution.gap, 6),
        "seconds": round(solution.seconds, 3),
        "moved_visits": moved,
        "status": solution.status,
    }


def _rounded(value: float | None) -> float | None:
    """Objectives are integer costs: HiGHS's floating-point noise (6783.999999999996) is cut off."""
    return None if value is None else round(value, 6)


def bench_plan(options: dict) -> list[dict]:
    """Every figure of the planning benchmark, one dict per measured solve."""
    scale = options.get("scale") or "winnipeg"
    seconds = options.get("seconds") or DEFAULT_SECONDS[scale]
    methods = ("cpsat", "greedy") if options.get("skip_highs") else ("cpsat", "greedy", "highs")
    instance = synthetic_visit_instance(scale)
    rows, solutions = [], {}
    highs_seconds = options.get("highs_seconds") or 120.0
    for method in methods:
        limit = highs_seconds if method == "highs" else seconds
        solutions[method] = plan_visits(instance, method=method, seconds=limit)
        rows.append(row(scale, "visits", solutions[method]))
    rows.append(_replan_row(scale, instance, solutions["cpsat"], seconds))
    territory = synthetic_territory_instance(scale)
    territory_seconds = options.get("seconds") or TERRITORY_SECONDS[scale]
    for method in methods:
        limit = highs_seconds if method == "highs" else territory_seconds
        rows.append(row(scale, "territory", design_territories(territory, method=method, seconds=limit)))
    return [tracked(r) for r in rows] if options.get("json") else rows


def tracked(result: dict) -> dict:
    """The figures tracked over time, exactly the documented keys in their order (``--json``);
    the table also shows the solver status and the moved share."""
    return {key: result[key] for key in KEYS}


def _replan_row(scale: str, instance, published, seconds: float) -> dict:
    """Officer 1 on leave for the second week; re-plan against the published plan."""
    leave_days = instance.days[5:10]
    changed = replace(with_leave(instance, 1, leave_days), previous=frozenset(published.visits))
    replanned = plan_visits(changed, seconds=seconds)
    if not (published.feasible and replanned.feasible):
        return row(f"{scale}+leave", "visits", replanned, None)
    moved = moved_visits(published.visits, replanned.visits, ignore_officers=frozenset({1}))
    result = row(f"{scale}+leave", "visits", replanned, moved)
    others = sum(1 for v in published.visits if v.officer_id != 1)
    result["moved_share"] = round(moved / max(1, others), 4)
    return result


BENCHMARKS = {"plan": bench_plan}
ARGUMENTS = {"plan": add_arguments}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m srohub.planning.bench")
    add_arguments(parser)
    parser.add_argument("--json", action="store_true")
    options = vars(parser.parse_args(argv))
    for result in bench_plan(options):
        if options["json"]:
            print(json.dumps(result))
        else:
            shown = (key for key in (*KEYS, "status", "moved_share") if key in result)
            print("  ".join(f"{key}={result[key]}" for key in shown))


if __name__ == "__main__":
    main()
