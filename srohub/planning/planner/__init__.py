"""The visit planner and the territory designer: pure modules, plain dataclasses in, a solution out.

Nothing here touches the ORM. The Django side (``srohub.planning.instances``) builds instances from
the database and stores solutions; the benchmark builds them from synthetic shapes. Every model is
written once as a solver-neutral :class:`~srohub.planning.planner.linear.LinearModel` and compiled
to OR-Tools CP-SAT or to HiGHS, so the two solvers provably see the same model.
"""
