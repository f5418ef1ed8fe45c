"""Filters of the drills API and the compliance table."""

import django_filters

from srohub.core.api import scoped_filter
from srohub.directory.models import School
from srohub.drills.models import ActionStatus, CorrectiveAction, Drill, DrillStatus, DrillType


class DrillFilter(django_filters.FilterSet):
    school = scoped_filter(School)
    drill_type = django_filters.ChoiceFilter(choices=DrillType.choices)
    status = django_filters.ChoiceFilter(choices=DrillStatus.choices)
    is_real = django_filters.BooleanFilter()
    after = django_filters.DateFilter(field_name="scheduled_for", lookup_expr="date__gte")
    before = django_filters.DateFilter(field_name="scheduled_for", lookup_expr="date__lte")

    class Meta:
        model = Drill
        fields = ["school", "drill_type", "status", "is_real"]


class CorrectiveActionFilter(django_filters.FilterSet):
    school = scoped_filter(School)
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)

    class Meta:
        model = CorrectiveAction
        fields = ["school", "status", "drill"]
