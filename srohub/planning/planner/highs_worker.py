"""Child process for HiGHS: reads a pickled (LinearModel, seconds) on stdin, writes a SolveResult.

Kept apart from OR-Tools, which ships a clashing libhighs (see ``linear.solve_highs``).
"""

import pickle
import sys

from srohub.planning.planner.linear import solve_highs_in_this_process

if __name__ == "__main__":
    model, seconds = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - written by our parent process
    sys.stdout.buffer.write(pickle.dumps(solve_highs_in_this_process(model, seconds)))
