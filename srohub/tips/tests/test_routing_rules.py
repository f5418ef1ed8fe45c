"""The routing rule (rules.py), table-driven, and its invariant: a tip is never dropped."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.tips import rules
from srohub.tips.rules import OfficerOnDate, SchoolText, Target

PRIMARY_IN, PRIMARY_OUT = OfficerOnDate(1, True), OfficerOnDate(1, False)
BACKUP_IN, BACKUP_OUT = OfficerOnDate(2, True), OfficerOnDate(2, False)


@pytest.mark.parametrize(
    ("school_id", "primary", "backup", "expected"),
    [
        (None, PRIMARY_IN, BACKUP_IN, rules.TRIAGE_QUEUE),
        (7, PRIMARY_IN, BACKUP_IN, Target("officer", officer_id=1)),
        (7, PRIMARY_OUT, BACKUP_IN, Target("officer", officer_id=2)),
        (7, None, BACKUP_IN, Target("officer", officer_id=2)),
        (7, PRIMARY_OUT, BACKUP_OUT, rules.SUPERVISOR_QUEUE),
        (7, None, None, rules.SUPERVISOR_QUEUE),
    ],
)
def test_it_routes_to_the_primary_then_the_backup_then_the_supervisors(school_id, primary, backup, expected):
    assert rules.route_tip(school_id=school_id, primary=primary, backup=backup) == expected


@pytest.mark.parametrize(
    ("status", "planned", "available"),
    [
        ("active", None, True),
        ("active", True, True),
        ("active", False, False),
        ("on_leave", None, False),
        ("on_leave", True, False),
        ("left", None, False),
    ],
)
def test_it_counts_an_officer_available_only_when_active_and_not_away(status, planned, available):
    assert rules.officer_is_available(status=status, planned=planned) is available


officers = st.one_of(st.none(), st.builds(OfficerOnDate, st.integers(1, 50), st.booleans()))


@given(school_id=st.one_of(st.none(), st.integers(1, 10**6)), primary=officers, backup=officers)
def test_it_never_drops_a_tip(school_id, primary, backup):
    target = rules.route_tip(school_id=school_id, primary=primary, backup=backup)
    assert target in (rules.TRIAGE_QUEUE, rules.SUPERVISOR_QUEUE) or (
        target.kind == "officer"
        and target.officer_id in {o.officer_id for o in (primary, backup) if o and o.available}
    )


SCHOOLS = [
    SchoolText(1, ("Kelvin High School", "Kelvin", "155 Kingsway Ave")),
    SchoolText(2, ("Alpha Collegiate", "", "10 Main St")),
    SchoolText(3, ("Beta Collegiate", "", "20 Main St")),
]


@pytest.mark.parametrize(
    ("text", "school_id"),
    [
        ("kelvin high", 1),
        ("155 kingsway", 1),
        ("Alpha Collegiate", 2),
        ("collegiate", None),
        ("the school by the river", None),
        ("", None),
    ],
)
def test_it_matches_school_text_only_when_one_school_clearly_wins(text, school_id):
    match = rules.match_school(text, SCHOOLS, threshold=85, margin=5)
    assert match.school_id == school_id


def test_it_shows_the_candidates_of_an_ambiguous_text():
    match = rules.match_school("collegiate", SCHOOLS, threshold=85, margin=5)
    assert [c.school_id for c in match.candidates[:2]] == [2, 3]
    assert match.candidates[0].score >= 85


@pytest.mark.parametrize(
    ("routed", "backup", "duty", "expected"),
    [
        (
            Target("officer", officer_id=1),
            BACKUP_IN,
            True,
            [
                Target("officer", officer_id=1),
                Target("officer", officer_id=2),
                rules.SUPERVISOR_QUEUE,
                rules.DUTY_LINE,
            ],
        ),
        (
            Target("officer", officer_id=1),
            BACKUP_OUT,
            True,
            [Target("officer", officer_id=1), rules.SUPERVISOR_QUEUE, rules.DUTY_LINE],
        ),
        (
            Target("officer", officer_id=2),
            BACKUP_IN,
            False,
            [Target("officer", officer_id=2), rules.SUPERVISOR_QUEUE],
        ),
        (rules.SUPERVISOR_QUEUE, BACKUP_IN, True, [rules.SUPERVISOR_QUEUE, rules.DUTY_LINE]),
        (rules.TRIAGE_QUEUE, None, True, [rules.TRIAGE_QUEUE, rules.SUPERVISOR_QUEUE, rules.DUTY_LINE]),
    ],
)
def test_it_escalates_along_backup_supervisor_duty(routed, backup, duty, expected):
    chain = rules.escalation_chain(routed=routed, backup=backup, has_duty_line=duty)
    assert chain == expected
    assert rules.target_for_step(chain, 10) == expected[-1]  # and again, until acknowledged
