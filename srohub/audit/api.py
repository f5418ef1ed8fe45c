import django_filters
from rest_framework import serializers

from srohub.audit.models import AuditEvent
from srohub.core.api import ReadOnlyScopedViewSet


class AuditEventOut(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = ["id", "at", "program_id", "actor_id", "actor_label", "action", "object_type", "object_id",
                  "object_repr", "before", "after", "request_id", "ip"]


class AuditEventFilter(django_filters.FilterSet):
    since = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields = ["program_id", "actor_id", "action", "object_type", "object_id", "request_id"]


class AuditEventViewSet(ReadOnlyScopedViewSet):
    """The audit trail of the caller's programs (program admins only)."""

    model = AuditEvent
    serializer_class = AuditEventOut
    filterset_class = AuditEventFilter
    search_fields = ["actor_label", "object_repr"]
    ordering_fields = ["at"]
