"""The de-identified counts on the API (for boards, evaluators and school admins)."""

from datetime import date

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from srohub.core.scoping import grants_for
from srohub.occurrences.reporting import COUNT_READERS, counts_table


class PeriodIn(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs):
        end = attrs.get("end") or timezone.localdate()
        start = attrs.get("start") or date(end.year - 1, end.month, 1)
        if start > end:
            raise serializers.ValidationError({"end": "The end cannot be before the start."})
        return {"start": start, "end": end}


def require_count_reader(user) -> None:
    if not any(g.role in COUNT_READERS for g in grants_for(user)):
        raise PermissionDenied("Your role does not read occurrence counts.")


class OccurrenceCountsView(APIView):
    """Occurrence counts per school, by aggregate, with small cells suppressed (null)."""

    @extend_schema(
        parameters=[OpenApiParameter("start", OpenApiTypes.DATE), OpenApiParameter("end", OpenApiTypes.DATE)],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        require_count_reader(request.user)
        period = PeriodIn(data=request.query_params)
        period.is_valid(raise_exception=True)
        table = counts_table(request.user, **period.validated_data)
        keys = [key for key, _label in table.columns]
        return Response(
            {
                "start": table.start,
                "end": table.end,
                "suppressed_below": table.threshold,
                "schools": [
                    {"school": row.school, **dict(zip(keys, row.cells, strict=True))} for row in table.rows
                ],
                "totals": dict(zip(keys, table.totals, strict=True)),
            }
        )
