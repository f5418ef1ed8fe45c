"""Filters of the planning API; related ids are checked against what the caller may see."""

import django_filters

from srohub.core.api import scoped_filter
from srohub.directory.models import Officer, School
from srohub.planning.models import Blackout, CheckIn, Plan, PreferredSlot, Visit


class VisitFilter(django_filters.FilterSet):
    school = scoped_filter(School)
    officer = scoped_filter(Officer)
    plan = scoped_filter(Plan)
    date_from = django_filters.DateFilter(field_name="day", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="day", lookup_expr="lte")

    class Meta:
        model = Visit
        fields = ["school", "officer", "plan", "pinned", "status", "date_from", "date_to"]


class SchoolBoundFilter(django_filters.FilterSet):
    school = scoped_filter(School)


class BlackoutFilter(SchoolBoundFilter):
    class Meta:
        model = Blackout
        fields = ["school"]


class PreferredSlotFilter(SchoolBoundFilter):
    class Meta:
        model = PreferredSlot
        fields = ["school"]


class CheckInFilter(SchoolBoundFilter):
    officer = scoped_filter(Officer)

    class Meta:
        model = CheckIn
        fields = ["school", "officer"]
