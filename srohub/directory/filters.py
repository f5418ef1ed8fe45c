"""Filters of the directory API. Related ids are checked against what the caller may see
(``core.api.scoped_filter``), so another program's id is "not a valid choice", like a missing one."""

import django_filters

from srohub.core.api import scoped_filter
from srohub.directory.models import Agreement, Assignment, Officer, Organization, Program, School, Space


class OrganizationFilter(django_filters.FilterSet):
    program = scoped_filter(Program)

    class Meta:
        model = Organization
        fields = ["program", "kind", "language"]


class AgreementFilter(django_filters.FilterSet):
    program = scoped_filter(Program)
    partner = scoped_filter(Organization, field_name="partners", label="Partner organization")

    class Meta:
        model = Agreement
        fields = ["program", "partner"]


class SchoolFilter(django_filters.FilterSet):
    program = scoped_filter(Program)
    division = scoped_filter(Organization)

    class Meta:
        model = School
        fields = ["program", "division", "level", "language", "is_active"]


class SpaceFilter(django_filters.FilterSet):
    school = scoped_filter(School)

    class Meta:
        model = Space
        fields = ["school", "kind", "floor", "is_active"]


class OfficerFilter(django_filters.FilterSet):
    program = scoped_filter(Program)
    police_service = scoped_filter(Organization)

    class Meta:
        model = Officer
        fields = ["program", "police_service", "status", "speaks_french"]


class AssignmentFilter(django_filters.FilterSet):
    program = scoped_filter(Program)
    officer = scoped_filter(Officer)
    school = scoped_filter(School)
    active_on = django_filters.DateFilter(method="filter_active_on", label="Active on (YYYY-MM-DD)")

    class Meta:
        model = Assignment
        fields = ["program", "officer", "school", "role"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)
