"""A planner run's progress: the solver reports it through CP-SAT's callbacks, at most about once a
second; it is written on the plan while solving, visible to other connections, and shown on the plan
page (a progress bar polled with HTMX) and in the plan API; a finished run is at 100 %."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test import Client

from srohub.core.roles import Role
from srohub.planning import plan_progress, plan_services
from srohub.planning.models import Plan, PlanStatus
from srohub.planning.planner.progress import SolveProgress, ThrottledProgress, relative_gap
from srohub.planning.planner.solve import plan_visits
from srohub.planning.planner.synthetic import synthetic_visit_instance

MONDAY = date(2030, 3, 4)


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# ---------------------------------------------------------------- the throttle (pure)


def test_it_passes_the_first_solution_at_once_and_then_at_most_one_report_a_second():
    clock, reports = FakeClock(), []
    progress = ThrottledProgress(reports.append, interval=1.0, clock=clock)
    clock.now += 0.25
    progress.bound(400)  # the first event
    clock.now += 0.25
    progress.solution(900, 500)  # the first score, even within the second
    clock.now += 0.5
    progress.solution(800, 500)  # held back
    clock.now += 0.5
    progress.bound(700)  # a second later: the latest score and the better bound
    assert reports == [
        SolveProgress(0.25, None, 400),
        SolveProgress(0.5, 900, 500),
        SolveProgress(1.5, 800, 700),
    ]
    assert reports[-1].gap == pytest.approx(100 / 800)


@pytest.mark.parametrize(
    "elapsed,allowed,fraction", [(0, 20, 0.0), (5, 20, 0.25), (21, 20, 1.0), (0.5, 0, 1.0)]
)
def test_it_turns_elapsed_seconds_into_a_share_of_the_time_limit(elapsed, allowed, fraction):
    assert SolveProgress(elapsed).fraction_of(allowed) == pytest.approx(fraction)


@pytest.mark.parametrize(
    "objective,bound,gap", [(None, 5, None), (10, None, None), (200, 150, 0.25), (0.5, 0, 0.5), (7, 7, 0)]
)
def test_it_measures_the_gap_relative_to_the_score(objective, bound, gap):
    assert relative_gap(objective, bound) == (gap if gap is None else pytest.approx(gap))


def test_it_reports_progress_from_a_real_cpsat_solve():
    reports = []
    solution = plan_visits(synthetic_visit_instance("tiny"), seconds=10, on_progress=reports.append)
    assert solution.status == "optimal" and reports
    first = next(report for report in reports if report.objective is not None)
    assert first.objective is not None and first.bound is not None and first.objective >= first.bound
    assert 0 <= first.fraction_of(10) <= 1


def test_it_keeps_solving_when_reporting_fails():
    def broken(_progress):
        raise RuntimeError("the database went away")

    assert plan_visits(synthetic_visit_instance("tiny"), seconds=10, on_progress=broken).feasible


# ---------------------------------------------------------------- written on the plan while solving


@pytest.mark.django_db(transaction=True)
def test_it_writes_progress_while_solving_for_other_connections_to_see(world, monkeypatch):
    """The plan runs as the task worker runs it (autocommit, no transaction around the solve);
    each progress write is read back at once from another thread, i.e. another connection."""
    seen_elsewhere = []
    write = plan_progress.record_progress

    def write_and_read_elsewhere(**figures):
        written = write(**figures)
        seen_elsewhere.append(_read_in_another_connection(figures["plan_id"]))
        return written

    monkeypatch.setattr(plan_progress, "record_progress", write_and_read_elsewhere)
    plan = plan_services.plan_request(
        actor=world.users[Role.SRO_SUPERVISOR],
        program=world.a.program,
        start_date=MONDAY,
        end_date=MONDAY + timedelta(days=11),
        seconds=5,
    )  # the immediate task backend runs it once the request has committed
    plan.refresh_from_db()
    scored = [row for row in seen_elsewhere if row[2] is not None]
    assert scored, "the solver reported no score while it ran"
    status, fraction, objective, gap = scored[0]
    assert status == PlanStatus.RUNNING and 0 <= fraction <= 1
    assert objective is not None and gap is not None
    assert plan.status == PlanStatus.PROPOSED
    assert (plan.progress_fraction, plan.progress_objective) == (1.0, plan.objective)


def _read_in_another_connection(plan_id: int):
    """The plan's progress as another connection sees it (a thread gets its own connection)."""
    found = []

    def read():
        try:
            found.append(
                Plan.objects.filter(pk=plan_id)
                .values_list("status", "progress_fraction", "progress_objective", "progress_gap")
                .get()
            )
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(timeout=10)
    return found[0]


@pytest.mark.django_db
def test_it_writes_no_progress_from_inside_a_transaction(world):
    """Inside a transaction the writes would stay invisible until the end and, on SQLite, hold the
    write lock through the whole solve: the recorder is left out."""
    plan = Plan.objects.create(program=world.a.program, start_date=MONDAY, end_date=MONDAY)
    with transaction.atomic():
        assert plan_progress.progress_recorder(plan) is None


@pytest.mark.django_db
def test_it_leaves_a_finished_plan_alone(world):
    plan = Plan.objects.create(
        program=world.a.program, start_date=MONDAY, end_date=MONDAY, status=PlanStatus.PROPOSED
    )
    assert not plan_progress.record_progress(plan_id=plan.pk, fraction=0.3, objective=5.0, gap=0.1)
    plan.refresh_from_db()
    assert plan.progress_fraction is None


@pytest.mark.django_db
def test_it_records_a_finished_run_at_100_percent(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_services.plan_request(
            actor=world.users[Role.SRO_SUPERVISOR],
            program=world.a.program,
            start_date=MONDAY,
            end_date=MONDAY + timedelta(days=4),
            seconds=5,
        )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PROPOSED
    assert plan.progress_fraction == 1.0 and plan.progress_gap == plan.gap


# ---------------------------------------------------------------- shown on the page and in the API


def running_plan(pw, **progress) -> Plan:
    return Plan.objects.create(
        program=pw.program, start_date=MONDAY, end_date=MONDAY, status=PlanStatus.RUNNING, **progress
    )


def supervisor_page(world, plan, **headers) -> str:
    client = Client()
    client.force_login(world.users[Role.SRO_SUPERVISOR])
    response = client.get(f"/plan/plans/{plan.pk}/", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_it_shows_a_running_plans_progress_bar_and_keeps_polling(world):
    plan = running_plan(world.a, progress_fraction=0.4, progress_objective=1234.0, progress_gap=0.05)
    page = supervisor_page(world, plan)
    assert 'id="plan-status" role="status" aria-live="polite"' in page
    assert f'<label for="plan-progress-{plan.pk}">Time allowed used: 40%</label>' in page
    assert f'<progress id="plan-progress-{plan.pk}" max="100" value="40">' in page
    assert "Best score so far: 1234." in page and "At most 5.0% above the best possible." in page
    partial = supervisor_page(world, plan, **{"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in partial and 'value="40"' in partial and "<html" not in partial


@pytest.mark.django_db
def test_it_shows_a_finished_plan_at_100_percent_and_stops_polling(world):
    plan = running_plan(world.a, progress_fraction=0.4)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.PROPOSED, objective=900.0, bound=900.0)
    page = supervisor_page(world, plan, **{"HX-Request": "true"})
    assert "Planner run finished: 100%" in page and 'value="100"' in page
    assert "hx-trigger" not in page


@pytest.mark.django_db
def test_it_gives_the_progress_in_the_plan_api(world):
    client = world.client(world.users[Role.SRO_SUPERVISOR])
    plan = running_plan(world.a, progress_fraction=0.4, progress_objective=1234.0, progress_gap=0.05)
    assert client.get(f"/api/v1/plans/{plan.pk}/").data["progress"] == {
        "fraction": 0.4,
        "objective": 1234.0,
        "gap": 0.05,
    }
    queued = Plan.objects.create(program=world.a.program, start_date=MONDAY, end_date=MONDAY)
    assert client.get(f"/api/v1/plans/{queued.pk}/").data["progress"] == {
        "fraction": 0.0,
        "objective": None,
        "gap": None,
    }
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.PROPOSED, objective=900.0, bound=900.0)
    assert client.get(f"/api/v1/plans/{plan.pk}/").data["progress"] == {
        "fraction": 1.0,
        "objective": 900.0,
        "gap": 0.0,
    }
