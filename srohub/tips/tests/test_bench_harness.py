"""A smoke test of `srohub bench tips` with a handful of tips: the harness starts gunicorn on a
scratch SQLite file, posts through the partner API and counts what was stored. (The benchmark
itself, with its figures, is run by hand: see docs/tips.md.)"""

from srohub.tips.bench import _proof, bench_tips


def test_it_posts_a_handful_of_tips_through_gunicorn_and_proves_each_stored_once():
    options = {"backends": "sqlite", "phases": "saturation", "seconds": 20.0, "tips": 12}
    (row,) = bench_tips({**options, "clients": 3, "workers": 2})
    assert (row["backend"], row["phase"], row["requests"], row["errors"]) == ("sqlite", "saturation", 12, 0)
    assert row["references"] == row["stored"] == row["routed"] == row["one_first_step"] > 0
    assert (row["lost"], row["duplicated"]) == (0, 0)
    assert row["to_officer"] + row["to_triage"] <= row["stored"]
    assert row["p50_ms"] <= row["p99_ms"]


def test_it_reports_a_lost_and_a_duplicated_tip():
    stored = {"tips": 3, "references": 2, "routed": 3, "with_one_first_step": 3, "to_officer": 3, "to_triage": 0}
    proof = _proof({"A", "B", "C"}, stored)
    assert (proof["lost"], proof["duplicated"]) == (1, 1)
