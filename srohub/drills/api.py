"""REST API of the drills app. `register(router)` is called by srohub/api_urls.py; the compliance
endpoint is an extra path in ``api_urlpatterns`` (mounted under /api/v1/)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from srohub.accounts.models import User
from srohub.core.api import ScopedViewSet
from srohub.core.scoping import get_for_user
from srohub.directory.models import School
from srohub.drills import rule_services, rules, services
from srohub.drills import serializers as s
from srohub.drills.filters import CorrectiveActionFilter, DrillFilter
from srohub.drills.models import CorrectiveAction, Drill, Requirement, RequirementSet
from srohub.drills.presenters import compliance_payload
from srohub.drills.selectors import compliance_for_schools
from srohub.drills.sweep_services import RoomReport, SweepConflict, sweep_record


def _valid(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request}, **kwargs)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    data.pop("version", None)
    return data


class DrillViewSet(ScopedViewSet):
    """Drills and real lockdowns: schedule, start, sweep room by room, all-clear, debrief."""

    model = Drill
    select_related = ("school",)
    output_serializer_class = s.DrillOut
    input_serializer_class = s.DrillIn
    filterset_class = DrillFilter

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return s.DrillChangeIn
        if self.action in {"retrieve", "start", "all_clear", "cancel"}:
            return s.DrillDetailOut
        return super().get_serializer_class()

    def _detail(self, drill) -> Response:
        return Response(s.DrillDetailOut(drill, context=self.get_serializer_context()).data)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    @transaction.atomic
    def perform_service_create(self, data):
        actor, is_real, occurrence_id = self.request.user, data.pop("is_real"), data.pop("occurrence", None)
        if not is_real:
            if occurrence_id is not None:
                raise ValidationError({"occurrence": _("Only a real event links to an occurrence.")})
            return services.drill_schedule(actor=actor, **data)
        data.pop("announced")
        drill = services.drill_record_real(actor=actor, started_at=data.pop("scheduled_for"), **data)
        if occurrence_id is not None:
            drill = services.drill_link_occurrence(actor=actor, drill=drill, occurrence_id=occurrence_id)
        return drill

    @transaction.atomic
    def perform_service_update(self, instance, data, version):
        if "occurrence" in data:
            instance = services.drill_link_occurrence(
                actor=self.request.user, drill=instance, occurrence_id=data.pop("occurrence"), expected_version=version
            )
            version = None
        notes = {key: data.pop(key) for key in ("debrief", "after_action_report") if key in data}
        if data:
            instance = services.drill_reschedule(
                actor=self.request.user, drill=instance, changes=data, expected_version=version
            )
            version = None
        if notes:
            instance = services.drill_debrief(
                actor=self.request.user, drill=instance, expected_version=version, **notes
            )
        return instance

    def _moment(self, service, field):
        drill = self.get_object()
        data = _valid(s.MomentIn, self.request)
        drill = service(actor=self.request.user, drill=drill, **({field: data["at"]} if "at" in data else {}))
        return self._detail(drill)

    @extend_schema(request=s.MomentIn, responses=s.DrillDetailOut)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None, **kwargs):
        """The announcement and alarm (now, or ``at``)."""
        return self._moment(services.drill_start, "started_at")

    @extend_schema(request=s.MomentIn, responses=s.DrillDetailOut)
    @action(detail=True, methods=["post"], url_path="all-clear")
    def all_clear(self, request, pk=None, **kwargs):
        """The all-clear (now, or ``at``); never before the start."""
        return self._moment(services.drill_all_clear, "all_clear_at")

    @extend_schema(request=None, responses=s.DrillDetailOut)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None, **kwargs):
        drill = services.drill_cancel(actor=request.user, drill=self.get_object())
        return self._detail(drill)

    @extend_schema(
        methods=["POST"],
        request=s.SweepEntryIn,
        responses={200: s.SweepEntryOut, 201: s.SweepEntryOut, 409: s.SweepEntryOut},
    )
    @extend_schema(methods=["GET"], responses=s.SweepEntryOut(many=True))
    @action(detail=True, methods=["get", "post"])
    def sweep(self, request, pk=None, **kwargs):
        """GET: the rooms recorded so far. POST: one room's result, idempotent per drill and room:
        201 when saved, 200 when it was already there (a retry), 409 with the existing result when
        someone recorded a different one."""
        drill = self.get_object()
        if request.method == "GET":
            entries = drill.sweep_entries.select_related("space").order_by(
                "space__sweep_order", "space__name"
            )
            return Response(s.SweepEntryOut(entries, many=True).data)
        report = RoomReport(**_valid(s.SweepEntryIn, request))
        try:
            entry, created = sweep_record(actor=request.user, drill=drill, report=report)
        except SweepConflict as conflict:
            body = {
                "detail": str(conflict.message),
                "code": "conflict",
                "existing": s.SweepEntryOut(conflict.existing).data,
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(
            s.SweepEntryOut(entry).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


def _owner(user_id: int, program_id: int) -> User:
    """The owner by id, only among the program's members: any other id reads as not a member."""
    owner = User.objects.filter(
        pk=user_id, memberships__program_id=program_id, memberships__is_active=True
    ).first()
    if owner is None:
        raise ValidationError({"owner": _("The owner must be a member of this program.")})
    return owner


class CorrectiveActionViewSet(ScopedViewSet):
    """What a school will fix after a drill, with an owner and a due date, until closed."""

    model = CorrectiveAction
    output_serializer_class = s.CorrectiveActionOut
    input_serializer_class = s.CorrectiveActionIn
    filterset_class = CorrectiveActionFilter

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return s.CorrectiveActionChangeIn
        return super().get_serializer_class()

    def perform_service_create(self, data):
        data["owner"] = _owner(data["owner"], data["drill"].program_id)
        return services.corrective_action_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        if "owner" in data:
            data["owner"] = _owner(data["owner"], instance.program_id)
        return services.corrective_action_update(
            actor=self.request.user, action=instance, changes=data, expected_version=version
        )

    @extend_schema(request=s.CloseIn, responses=s.CorrectiveActionOut)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None, **kwargs):
        instance = self.get_object()
        data = _valid(s.CloseIn, request)
        closed = services.corrective_action_close(actor=request.user, action=instance, **data)
        return Response(s.CorrectiveActionOut(closed).data)


class RequirementSetViewSet(ScopedViewSet):
    """A division's drill rules per school year: created from a preset, then adjusted."""

    model = RequirementSet
    prefetch_related = ("requirements",)
    output_serializer_class = s.RequirementSetOut
    input_serializer_class = s.RequirementSetIn
    filterset_fields = ["division", "school_year"]

    def get_serializer_class(self):
        return (
            s.RequirementSetChangeIn
            if self.action in {"update", "partial_update"}
            else super().get_serializer_class()
        )

    def perform_service_create(self, data):
        return rule_services.requirement_set_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        return rule_services.requirement_set_update(
            actor=self.request.user, requirement_set=instance, changes=data, expected_version=version
        )


class RequirementViewSet(ScopedViewSet):
    """One drill type's counts within a division's rules."""

    model = Requirement
    output_serializer_class = s.RequirementOut
    input_serializer_class = s.RequirementIn
    filterset_fields = ["requirement_set", "drill_type"]

    def get_serializer_class(self):
        return (
            s.RequirementChangeIn
            if self.action in {"update", "partial_update"}
            else super().get_serializer_class()
        )

    def perform_service_create(self, data):
        return rule_services.requirement_add(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        return rule_services.requirement_update(
            actor=self.request.user, requirement=instance, changes=data, expected_version=version
        )


class SchoolDrillComplianceView(APIView):
    """A school's drill compliance for a school year (default: the current one)."""

    model = School

    @extend_schema(
        parameters=[OpenApiParameter("school_year", str, description="e.g. 2025-2026")],
        responses=s.ComplianceOut,
    )
    def get(self, request, school_pk: int, **kwargs):
        school = get_for_user(School, request.user, pk=school_pk)
        today = timezone.localdate()
        school_year = request.query_params.get("school_year") or rules.school_year_of(today)
        try:
            rules.school_year_start(school_year)
        except ValueError as exc:
            return Response({"school_year": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        row = compliance_for_schools([school], school_year, today)[0]
        return Response(compliance_payload(row, school_year))


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("drills", DrillViewSet, basename="drill")
    router.register("drill-corrective-actions", CorrectiveActionViewSet, basename="drill-corrective-action")
    router.register("drill-requirement-sets", RequirementSetViewSet, basename="drill-requirement-set")
    router.register("drill-requirements", RequirementViewSet, basename="drill-requirement")


api_urlpatterns = [
    path(
        "schools/<int:school_pk>/drill-compliance/",
        SchoolDrillComplianceView.as_view(),
        name="school-drill-compliance",
    ),
]
