"""Measures per school, category and month: received, median and 90th percentile minutes to
acknowledge, life-safety escalations, dispositions — in one query, aggregates only."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from srohub.core.roles import Role
from srohub.tips.models import EscalationStep, Tip
from srohub.tips.selectors import tip_measures, tip_measures_with_months
from srohub.tips.tests.test_handling import signed_in

pytestmark = pytest.mark.django_db


def make_tip(world, number, minutes_to_ack, *, category="drugs", disposition="", life_safety=False):
    received = timezone.now() - timedelta(days=1)
    return Tip.objects.create(
        program=world.a.program,
        number=number,
        source="web",
        school=world.a.school,
        category=category,
        received_at=received,
        narrative="n",
        routed_kind="officer",
        routed_officer=world.a.officer,
        acknowledged_at=None if minutes_to_ack is None else received + timedelta(minutes=minutes_to_ack),
        disposition=disposition,
        life_safety=life_safety,
        status="closed" if disposition else "new",
    )


def test_it_summarises_per_school_category_and_month(world, django_assert_num_queries):
    for i, minutes in enumerate([1, 2, 3, 4, 10]):
        make_tip(world, f"T-M{i}", minutes, disposition="unfounded" if i < 2 else "")
    make_tip(world, "T-M9", None)
    urgent = make_tip(world, "T-LS", 30, category="weapon", life_safety=True)
    for step in range(3):
        EscalationStep.objects.create(
            program=world.a.program,
            tip=urgent,
            step=step,
            target_kind="duty",
            due_at=urgent.received_at,
            state="sent",
        )
    today = timezone.localdate()
    with django_assert_num_queries(2):  # the caller's grants, then the one measures query
        rows = tip_measures(
            user=world.users[Role.SRO_SUPERVISOR], start=today - timedelta(days=30), end=today
        )
    drugs = next(r for r in rows if r["category"] == "drugs")
    assert (drugs["received"], drugs["acknowledged"]) == (6, 5)
    assert (drugs["acknowledge_minutes_median"], drugs["acknowledge_minutes_p90"]) == (3.0, 7.6)
    assert drugs["dispositions"] == {"unfounded": 2}
    weapon = next(r for r in rows if r["category"] == "weapon")
    assert (weapon["life_safety"], weapon["escalations"]) == (1, 2)  # steps after the first


def test_it_gives_evaluators_aggregates_but_no_tip(world):
    make_tip(world, "T-E1", 5)
    evaluator = world.client(world.users[Role.EVALUATOR])
    rows = evaluator.get("/api/v1/tips/measures/").data
    assert sum(r["received"] for r in rows) == 1
    assert evaluator.get("/api/v1/tips/").data["results"] == []


def test_it_counts_nothing_of_another_program(world):
    make_tip(world, "T-X1", 5)
    assert world.client(world.outsider).get("/api/v1/tips/measures/").data == []


def test_it_refuses_a_malformed_period(world):
    response = world.client(world.users[Role.SRO_SUPERVISOR]).get("/api/v1/tips/measures/?start=soon")
    assert response.status_code == 400 and "start" in response.data


def test_it_shows_the_measures_page_and_downloads_them_as_csv(world):
    make_tip(world, "T-C1", 4, disposition="unfounded")
    client = signed_in(world.users[Role.SRO_SUPERVISOR])
    assert world.a.school.name in client.get("/tips/measures/").text
    download = client.get("/tips/measures/?format=csv")
    assert download["Content-Type"].startswith("text/csv")
    header, line = download.content.decode("utf-8-sig").splitlines()[:2]
    assert header.split(",")[:5] == ["month", "school", "school_name", "category", "received"]
    assert header.endswith("disposition_unfounded") and line.endswith(",1") and "T-C1" not in line


def test_per_month_the_medians_are_of_the_months_tips_not_of_each_schools_median(world, django_assert_num_queries):
    for i, minutes in enumerate([1, 2, 30]):
        make_tip(world, f"T-A{i}", minutes)  # drugs at school A: median 2
    for i, minutes in enumerate([40, 50]):
        make_tip(world, f"T-B{i}", minutes, category="weapon", life_safety=True)  # weapon: median 45
    today = timezone.localdate()
    user = world.users[Role.SRO_SUPERVISOR]
    with django_assert_num_queries(2):  # the caller's grants, then one query for both summaries
        rows, [month] = tip_measures_with_months(user=user, start=today - timedelta(days=30), end=today)
    assert (month["school"], month["category"], month["received"], month["life_safety"]) == (None, "", 5, 2)
    assert month["acknowledge_minutes_median"] == 30.0  # of 1, 2, 30, 40, 50; the two groups' medians give 23.5
    assert len(rows) == 2
    assert rows == tip_measures(user=user, start=today - timedelta(days=30), end=today)


def test_the_page_plots_the_months_and_offers_excel_and_pdf(world):
    make_tip(world, "T-P1", 4, disposition="unfounded")
    make_tip(world, "T-P2", 9, category="weapon", life_safety=True)
    client = signed_in(world.users[Role.SRO_SUPERVISOR])
    page = client.get("/tips/measures/").text
    assert page.count('role="img"') == 2 and "<title>Tips received per month</title>" in page
    month = timezone.localtime(timezone.now() - timedelta(days=1)).strftime("%Y-%m")
    assert f"<desc>{month}: Other tips 1, Life safety 1</desc>" in page
    assert "Weapon" in page and "Unfounded: 1" in page  # labels, not codes
    workbook = client.get("/tips/measures/?format=xlsx")
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook  # noqa: PLC0415

    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet["A1"].value == "Month" and sorted(row[2] for row in sheet.iter_rows(min_row=2, values_only=True)) == [
        "Drugs or alcohol",
        "Weapon",
    ]
    document = client.get("/tips/measures/?format=pdf")
    assert document["Content-Type"] == "application/pdf" and document.content.startswith(b"%PDF")
    assert "T-P1" not in page and b"T-P1" not in workbook.content  # aggregates only


def test_a_page_without_tips_has_no_plot(world):
    page = signed_in(world.users[Role.SRO_SUPERVISOR]).get("/tips/measures/").text
    assert 'role="img"' not in page and "No tips in this period." in page


def test_it_answers_a_reversed_or_malformed_period_with_form_errors(world):
    client = signed_in(world.users[Role.SRO_SUPERVISOR])
    assert client.get("/tips/measures/?start=soon").status_code == 400
    reversed_period = client.get("/tips/measures/?start=2026-05-01&end=2026-01-01")
    assert reversed_period.status_code == 400 and "The end comes before the start." in reversed_period.text
