import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(*args) -> str:
    out = StringIO()
    call_command("ycja", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.parametrize(
    ("args", "printed"),
    [
        (["--outcome", "extrajudicial_sanction", "--consent-date", "2024-02-29"], "2026-02-28"),
        (["--outcome", "acquittal", "--appeal-period-end", "2024-08-31"], "2024-10-31"),
        (["--outcome", "peace_bond", "--order-expiry", "2024-08-31"], "2025-02-28"),
        (["--outcome", "indictable_conviction", "--sentence-completed", "2020-02-29"], "2025-02-28"),
    ],
)
def test_it_prints_the_iso_end_date(args, printed):
    assert run("access-period", *args).split()[0] == printed


@pytest.mark.parametrize("outcome", ["warning", "caution", "referral"])
def test_it_prints_none_with_the_reason_for_extrajudicial_measures(outcome):
    printed = run("access-period", "--outcome", outcome)
    assert printed.startswith("none") and "s.119(4)" in printed
    answer = json.loads(run("access-period", "--outcome", outcome, "--json"))
    assert answer["ends_on"] is None and answer["provision"] == "s.119(4)"


def test_it_answers_in_json():
    answer = json.loads(run("access-period", "--outcome", "stay", "--stay-date", "2024-02-29", "--json"))
    assert answer == {
        "outcome": "stay",
        "status": "ends",
        "ends_on": "2025-02-28",
        "provision": "s.119(2)(d)",
        "reason": "",
    }


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--outcome", "conditional_discharge"], "--finding-date"),
        (["--outcome", "acquittal"], "--appeal-period-end"),
        (["--outcome", "stay", "--stay-date", "2024-02-30"], "2024-02-30"),
    ],
)
def test_it_names_a_missing_or_bad_date_and_exits_with_status_2(args, named):
    with pytest.raises(CommandError) as raised:
        run("access-period", *args)
    assert named in str(raised.value) and raised.value.returncode == 2


def test_it_sweeps_from_the_command_line(db):
    assert run("sweep", "--as-of", "2030-01-01") == "0 record(s) made non-disclosable as of 2030-01-01"
