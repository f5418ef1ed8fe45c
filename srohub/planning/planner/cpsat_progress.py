"""CP-SAT's progress callbacks wired to a ``ThrottledProgress`` (imported only when solving)."""

from __future__ import annotations

import logging

from ortools.sat.python import cp_model

from srohub.planning.planner.progress import ProgressHandler, ThrottledProgress

logger = logging.getLogger(__name__)


class SolutionReporter(cp_model.CpSolverSolutionCallback):
    """Called by CP-SAT at each new best solution, with its score and the bound proven so far."""

    def __init__(self, progress: ThrottledProgress) -> None:
        super().__init__()
        self._progress = progress

    def on_solution_callback(self) -> None:
        _guarded(self._progress.solution, self.objective_value, self.best_objective_bound)


def _guarded(report, *values) -> None:
    """Progress is only shown to people: an error while reporting must never end the solve (an
    exception raised back into the solver's C++ thread could abort the whole process)."""
    try:
        report(*values)
    except Exception:
        logger.exception("Reporting solver progress failed; the solve goes on.")


def solve_reporting(solver: cp_model.CpSolver, model: cp_model.CpModel, on_progress: ProgressHandler | None):
    """``solver.solve(model)``, passing progress to ``on_progress`` (at most about once a second)."""
    if on_progress is None:
        return solver.solve(model)
    progress = ThrottledProgress(on_progress)
    solver.best_bound_callback = lambda bound: _guarded(progress.bound, bound)
    return solver.solve(model, SolutionReporter(progress))
