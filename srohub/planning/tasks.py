"""Background work of the planning app: a planner run takes seconds to a minute, never a request."""

from django_tasks import task

from srohub.planning import plan_services


@task()
def run_plan(plan_id: int) -> str:
    """Run the planner for a queued plan (enqueued on commit by ``plan_services.plan_request``)."""
    try:
        plan = plan_services.plan_execute(plan_id=plan_id)
    except Exception:
        plan_services.plan_mark_failed(plan_id=plan_id)
        raise
    return plan.status
