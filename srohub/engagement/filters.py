"""Filters of the engagement API and pages."""

import django_filters
from django.utils.translation import gettext_lazy as _

from srohub.core.api import scoped_filter
from srohub.directory.models import Officer, Organization, School
from srohub.engagement import rules
from srohub.engagement.models import Activity, Referral, ServiceKind, Topic
from srohub.engagement.rules import ActivityType, ReferralStatus


class ActivityFilter(django_filters.FilterSet):
    school = scoped_filter(School)
    officer = scoped_filter(Officer)
    topic = scoped_filter(Topic)
    activity_type = django_filters.ChoiceFilter(choices=ActivityType.choices)
    term = django_filters.CharFilter(method="in_term", label=_("Term"), help_text=_("For example 2025-fall."))
    after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte", label=_("From"))
    before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte", label=_("To"))
    language = django_filters.ChoiceFilter(
        choices=rules.ActivityLanguage.choices, method="held_in", label=_("Language")
    )

    class Meta:
        model = Activity
        fields = ["school", "officer", "topic", "activity_type"]

    def in_term(self, queryset, name, value):
        """Activities of one term ("2025-fall"); none for a malformed key."""
        try:
            term = rules.term_from_key(value)
        except ValueError:
            return queryset.none()
        return queryset.filter(occurred_on__gte=term.start, occurred_on__lte=term.end)


    def held_in(self, queryset, name, value):
        """Activities held in one language, among others. A match on the stored list's text, since
        SQLite has no JSON "contains"; the quotes around the code keep it to whole codes."""
        return queryset.filter(languages__icontains=f'"{value}"')


class ReferralFilter(django_filters.FilterSet):
    school = scoped_filter(School)
    agency = scoped_filter(Organization)
    status = django_filters.ChoiceFilter(choices=ReferralStatus.choices)
    service_kind = django_filters.ChoiceFilter(choices=ServiceKind.choices)

    class Meta:
        model = Referral
        fields = ["school", "agency", "status", "service_kind"]
