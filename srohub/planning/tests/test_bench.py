"""`srohub bench plan --json`: one JSON object per line, exactly the tracked keys."""

import json
from io import StringIO

from django.core.management import call_command

from srohub.planning.bench import KEYS


def test_it_prints_one_json_object_per_line_with_exactly_the_tracked_keys():
    out = StringIO()
    call_command("bench", "plan", "--scale", "tiny", "--seconds", "5", "--skip-highs", "--json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows and all(tuple(row) == KEYS for row in rows)
    assert {(row["problem"], row["method"]) for row in rows} == {
        ("visits", "cpsat"),
        ("visits", "greedy"),
        ("territory", "cpsat"),
        ("territory", "greedy"),
    }
    replan = [row for row in rows if row["instance"] == "tiny+leave"]
    assert len(replan) == 1 and isinstance(replan[0]["moved_visits"], int)
    assert all(row["moved_visits"] is None for row in rows if row["instance"] == "tiny")
