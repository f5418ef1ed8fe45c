"""Percentiles for the measures, the disposition/link rule and the proof-of-work condition."""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.tips import rules


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([], 0.5, None),
        ([4], 0.9, 4),
        ([1, 2, 3, 4], 0.5, 2.5),
        (list(range(1, 11)), 0.9, 9.1),
        ([5, 1, 3], 0.5, 3),
    ],
)
def test_it_computes_percentiles_by_linear_interpolation(values, fraction, expected):
    result = rules.percentile(values, fraction)
    assert result == pytest.approx(expected) if expected is not None else result is None


@given(st.lists(st.floats(0, 10**6), min_size=1), st.floats(0, 1))
def test_it_keeps_every_percentile_within_the_values(values, fraction):
    assert min(values) <= rules.percentile(values, fraction) <= max(values)


@pytest.mark.parametrize(
    ("disposition", "links", "problems"),
    [
        ("unfounded", {}, {}),
        ("occurrence_opened", {}, {"occurrence": "required"}),
        ("occurrence_opened", {"occurrence": 5}, {}),
        ("referred", {"referred_to": "Child and Family Services"}, {}),
        ("referred", {"referred_to": ""}, {"referred_to": "required"}),
        ("duplicate", {"duplicate_of": 3, "occurrence": 5}, {"occurrence": "not_allowed"}),
        ("resolved_with_school", {"referred_to": "x"}, {"referred_to": "not_allowed"}),
    ],
)
def test_it_requires_exactly_the_link_a_disposition_needs(disposition, links, problems):
    assert rules.disposition_problems(disposition, links) == problems


def test_it_checks_leading_zero_bits_of_a_proof_of_work():
    assert rules.proof_of_work_ok(bytes([0, 0, 0x7F]) + bytes(29), 17)
    assert not rules.proof_of_work_ok(bytes([0, 0, 0x80]) + bytes(29), 17)
    assert rules.proof_of_work_ok(hashlib.sha256(b"anything").digest(), 0)
