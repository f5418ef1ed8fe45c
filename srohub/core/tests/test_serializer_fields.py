"""Serializers with cheaply copied fields behave as DRF's: every use gets its own fields, built from
the same declarations, and nothing one use changes reaches the next."""

from rest_framework import serializers

from srohub.core.api import CheapFieldCopies


class Shape(CheapFieldCopies, serializers.Serializer):
    kind = serializers.ChoiceField(choices=[("a", "Apple"), ("b", "Banana")], help_text="Which")
    tags = serializers.ListField(child=serializers.CharField(max_length=3), default=list)
    extra = serializers.DictField(default={"n": 1})
    name = serializers.CharField(max_length=5, required=False, source="title")


class Nested(CheapFieldCopies, serializers.Serializer):
    shapes = Shape(many=True)


def test_each_use_gets_its_own_bound_fields():
    first, second = Shape(), Shape()
    assert first.fields["kind"] is not second.fields["kind"]
    assert first.fields["kind"].parent is first and second.fields["kind"].parent is second
    assert first.fields["tags"].child is not second.fields["tags"].child
    assert first.fields["kind"].choices == {"a": "Apple", "b": "Banana"}
    assert first.fields["name"].source == "title" and first.fields["name"].label == "Name"
    assert Shape._declared_fields["name"].parent is None  # the declaration itself is never bound


def test_it_validates_as_drf_does():
    ok = Shape(data={"kind": "a", "tags": ["x"], "name": "Kim"})
    assert ok.is_valid() and ok.validated_data == {"kind": "a", "tags": ["x"], "extra": {"n": 1}, "title": "Kim"}
    assert not Shape(data={"kind": "a", "name": "Kimberly"}).is_valid()  # max_length still checked
    bad = Nested(data={"shapes": [{"kind": "c", "tags": ["long"]}]})
    assert not bad.is_valid()
    assert set(bad.errors["shapes"][0]) == {"kind", "tags"}


def test_a_default_changed_by_one_use_does_not_reach_the_next():
    first = Shape(data={"kind": "a"})
    assert first.is_valid()
    first.validated_data["extra"]["n"] = 99
    second = Shape(data={"kind": "b"})
    assert second.is_valid() and second.validated_data["extra"] == {"n": 1}


def test_a_validator_added_by_one_use_does_not_reach_the_next():
    def never(value):
        raise serializers.ValidationError("never")

    first = Shape(data={"kind": "a", "name": "Kim"})
    first.fields["name"].validators.append(never)
    assert not first.is_valid()
    second = Shape(data={"kind": "a", "name": "Kim"})
    assert second.is_valid(), second.errors
    assert never not in Shape._declared_fields["name"].validators
