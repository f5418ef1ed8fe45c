"""What a solver reports while it runs, and the throttle that keeps those reports to about one a
second (each report may become a database write; CP-SAT can find hundreds of solutions a second)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """|objective − bound| / max(1, |objective|): 0 once the plan is proven optimal; None without both."""
    if objective is None or bound is None:
        return None
    return abs(objective - bound) / max(1.0, abs(objective))


@dataclass(frozen=True)
class SolveProgress:
    """One report of a running solve: seconds since it started, the best plan's score so far and the
    best proven bound (either may still be unknown)."""

    elapsed_seconds: float
    objective: float | None = None
    bound: float | None = None

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)

    def fraction_of(self, seconds_allowed: float) -> float:
        """The share of the time limit used, 0..1 (the solver may overrun its limit slightly)."""
        return min(1.0, max(0.0, self.elapsed_seconds / max(seconds_allowed, 1e-9)))


ProgressHandler = Callable[[SolveProgress], None]


class ThrottledProgress:
    """Collects solver events (new solution, better bound) and passes the latest state on to
    ``report`` at most once every ``interval`` seconds. The first event passes at once, and so does
    the first solution: a bound found just before it must not hide the first score for a second."""

    def __init__(self, report: ProgressHandler, *, interval: float = 1.0, clock=time.monotonic):
        self._report = report
        self._interval = interval
        self._clock = clock
        self._started = clock()
        self._last_report = -math.inf
        self._objective: float | None = None
        self._bound: float | None = None

    def solution(self, objective: float, bound: float) -> None:
        """A new best plan (CP-SAT's solution callback)."""
        first_solution = self._objective is None
        self._objective, self._bound = objective, bound
        self._maybe_report(at_once=first_solution)

    def bound(self, bound: float) -> None:
        """A better proven bound between two solutions (CP-SAT's best-bound callback)."""
        self._bound = bound
        self._maybe_report()

    def _maybe_report(self, *, at_once: bool = False) -> None:
        now = self._clock()
        if not at_once and now - self._last_report < self._interval:
            return
        self._last_report = now
        self._report(SolveProgress(now - self._started, self._objective, self._bound))
