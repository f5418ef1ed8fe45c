"""A solver-neutral integer linear model, compiled to OR-Tools CP-SAT or to HiGHS.

Writing each planning model once here is what lets the benchmark say that CP-SAT and the exact
MIP (HiGHS) solve *the same* model: both read the same variables, rows and integer costs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from srohub.planning.planner.progress import ProgressHandler, relative_gap

INF = float("inf")


@dataclass
class LinearModel:
    """Integer variables with bounds and costs, rows ``lo <= sum(coef * var) <= hi``, minimised."""

    lower: list[int] = field(default_factory=list)
    upper: list[int] = field(default_factory=list)
    cost: list[int] = field(default_factory=list)
    rows: list[tuple[list[int], list[int], float, float]] = field(default_factory=list)
    offset: int = 0

    def var(self, lower: int = 0, upper: int = 1, cost: int = 0) -> int:
        self.lower.append(int(lower))
        self.upper.append(int(upper))
        self.cost.append(int(cost))
        return len(self.lower) - 1

    def add(self, terms: list[tuple[int, int]], lo: float = -INF, hi: float = INF) -> None:
        if not terms:
            if lo > 0 or hi < 0:
                self.rows.append(([], [], lo, hi))  # an empty row that cannot hold: infeasible
            return
        self.rows.append(([v for v, _ in terms], [int(c) for _, c in terms], lo, hi))

    def fixed(self, values: dict[int, int]) -> LinearModel:
        """A copy with the given variables fixed (used to score a given plan under this model)."""
        copy = LinearModel(list(self.lower), list(self.upper), list(self.cost), self.rows, self.offset)
        for index, value in values.items():
            copy.lower[index] = copy.upper[index] = int(value)
        return copy

    @property
    def size(self) -> int:
        return len(self.lower)


@dataclass(frozen=True)
class SolveResult:
    status: str  # optimal | feasible | infeasible | unknown
    values: list[int] | None
    objective: float | None
    bound: float | None
    seconds: float

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)

    @property
    def has_solution(self) -> bool:
        return self.values is not None


def solve_cpsat(
    model: LinearModel,
    *,
    seconds: float,
    workers: int = 1,
    hint: dict[int, int] | None = None,
    on_progress: ProgressHandler | None = None,
) -> SolveResult:
    """Solve with OR-Tools CP-SAT (``num_workers`` = ``workers``; 1 for the one-core figures).

    ``on_progress`` receives the best score and bound so far, at most about once a second; with
    several workers CP-SAT calls it from one of its own threads.
    """
    from ortools.sat.python import cp_model

    from srohub.planning.planner.cpsat_progress import solve_reporting

    started = time.perf_counter()
    cp = cp_model.CpModel()
    variables = [cp.new_int_var(lo, hi, "") for lo, hi in zip(model.lower, model.upper, strict=True)]
    for indices, coefs, lo, hi in model.rows:
        expr = cp_model.LinearExpr.weighted_sum([variables[i] for i in indices], coefs)
        _add_bounded(cp, expr, lo, hi)
    cp.minimize(cp_model.LinearExpr.weighted_sum(variables, model.cost) + model.offset)
    for index, value in (hint or {}).items():
        cp.add_hint(variables[index], value)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(seconds)
    solver.parameters.num_workers = workers
    # These models are LP-tight assignment structures: with the full linear relaxation a single
    # worker proves optimality quickly (measured: the tiny instance 3.8 s -> 0.04 s).
    solver.parameters.linearization_level = 2
    # Presolve finds little to remove in these already-reduced models (variables exist only for
    # eligible triples) yet costs seconds: measured on one worker, Winnipeg proved optimal in 4.6 s
    # instead of 6.6 s, and Calgary in 27 s instead of no plan at all in 30 s (11 s of presolve).
    solver.parameters.cp_model_presolve = False
    code = solve_reporting(solver, cp, on_progress)
    elapsed = time.perf_counter() - started
    return _cpsat_result(cp_model, solver, code, variables, elapsed)


def _add_bounded(cp, expr, lo: float, hi: float) -> None:
    if lo == hi:
        cp.add(expr == int(lo))
        return
    if lo != -INF:
        cp.add(expr >= int(lo))
    if hi != INF:
        cp.add(expr <= int(hi))


def _cpsat_result(cp_model, solver, code, variables, elapsed: float) -> SolveResult:
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        values = [int(solver.value(v)) for v in variables]
        status = "optimal" if code == cp_model.OPTIMAL else "feasible"
        return SolveResult(status, values, solver.objective_value, solver.best_objective_bound, elapsed)
    status = "infeasible" if code == cp_model.INFEASIBLE else "unknown"
    return SolveResult(status, None, None, None, elapsed)


def solve_highs(model: LinearModel, *, seconds: float) -> SolveResult:
    """Solve the same model as an exact MIP with HiGHS (one thread, branch and bound to gap 0).

    HiGHS runs in a fresh process: OR-Tools bundles its own libhighs with the same soname, so the
    two cannot be loaded into one interpreter (highspy fails with an undefined symbol).
    """
    import pickle
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-m", "srohub.planning.planner.highs_worker"],
        input=pickle.dumps((model, seconds)),
        capture_output=True,
        check=True,
    )
    return pickle.loads(completed.stdout)  # noqa: S301 - our own child process, not outside input


def solve_highs_in_this_process(model: LinearModel, seconds: float) -> SolveResult:
    import highspy
    import numpy as np

    started = time.perf_counter()
    highs = highspy.Highs()
    highs.silent()
    highs.setOptionValue("time_limit", float(seconds))
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("mip_rel_gap", 0.0)
    n = model.size
    empty = np.array([], dtype=np.int32)
    highs.addCols(
        n,
        np.array(model.cost, dtype=float),
        np.array(model.lower, dtype=float),
        np.array(model.upper, dtype=float),
        0,
        empty,
        empty,
        np.array([], dtype=float),
    )
    highs.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    _add_highs_rows(highs, model, np)
    highs.changeObjectiveOffset(float(model.offset))
    highs.run()
    return _highs_result(highspy, highs, time.perf_counter() - started)


def _add_highs_rows(highs, model: LinearModel, np) -> None:
    starts, indices, values, lows, highs_ = [], [], [], [], []
    for row_indices, coefs, lo, hi in model.rows:
        starts.append(len(indices))
        indices.extend(row_indices)
        values.extend(coefs)
        lows.append(lo)
        highs_.append(hi)
    if not starts:
        return
    highs.addRows(
        len(starts),
        np.array(lows, dtype=float),
        np.array(highs_, dtype=float),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=float),
    )


def _highs_result(highspy, highs, elapsed: float) -> SolveResult:
    status = highs.getModelStatus()
    info = highs.getInfo()
    if status == highspy.HighsModelStatus.kInfeasible:
        return SolveResult("infeasible", None, None, None, elapsed)
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    if not has_solution:
        return SolveResult("unknown", None, None, info.mip_dual_bound, elapsed)
    values = [round(v) for v in highs.getSolution().col_value]
    label = "optimal" if status == highspy.HighsModelStatus.kOptimal else "feasible"
    return SolveResult(label, values, info.objective_function_value, info.mip_dual_bound, elapsed)
