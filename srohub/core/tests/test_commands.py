"""`srohub worker` and `srohub bench`: they start, list, pass options through and report figures."""

import json

import pytest
from django.core.management import call_command

from srohub.core.management.commands.bench import discover, table
from srohub.directory.models import Program, School


def test_the_worker_shows_the_database_workers_options(capsys):
    with pytest.raises(SystemExit) as finished:
        call_command("worker", "--help")
    assert finished.value.code == 0
    help_text = capsys.readouterr().out
    assert "--queue-name" in help_text and "--batch" in help_text and "--max-tasks" in help_text


def test_bench_without_a_name_lists_every_benchmark(capsys):
    call_command("bench")
    listing = capsys.readouterr().out
    assert {"seed", "scoping"} <= set(discover()) and "seed" in listing and "scoping" in listing


def test_each_benchmark_has_its_own_help(capsys):
    with pytest.raises(SystemExit):
        call_command("bench", "seed", "--help")
    help_text = capsys.readouterr().out
    assert "--scale" in help_text and "--json" in help_text and "--current-db" in help_text


@pytest.mark.django_db
def test_bench_seed_times_each_stage_and_leaves_nothing_behind(capsys):
    call_command("bench", "seed", "--scale", "small", "--current-db", "--directory-only", "--json")

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["stage"] for row in rows] == ["directory", "total"]
    assert rows[-1]["schools"] == 8 and rows[-1]["seconds"] >= 0
    assert not Program.objects.exists()


@pytest.mark.django_db
def test_bench_scoping_seeds_if_needed_and_reports_each_persona(capsys):
    call_command("bench", "scoping", "--scale", "small", "--repeat", "2", "--json")

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["persona"] for row in rows] == ["sro", "division lead", "program admin"]
    assert all(row["queries"] >= 1 and row["median_ms"] >= 0 for row in rows)
    everything = School.objects.count()
    assert rows[2]["schools"] == everything and 0 < rows[0]["schools"] < everything
    assert rows[0]["seeded_now"] is True


def test_the_table_aligns_columns_in_order_of_appearance():
    text = table([{"a": 1, "bb": "x"}, {"a": 22, "c": 3}])
    assert text.splitlines() == ["a   bb  c", "1   x", "22      3"]
