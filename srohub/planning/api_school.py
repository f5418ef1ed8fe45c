"""REST API of what the planner reads: presence requests, ranked half-days, blackouts, division
calendars, officer leave, and territory proposals."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from srohub.core.api import InputSerializer, ScopedRelatedField, ScopedViewSet
from srohub.directory.models import Officer, Organization, Program, School
from srohub.planning import plan_services, services
from srohub.planning.explanations import describe
from srohub.planning.filters import BlackoutFilter, PreferredSlotFilter
from srohub.planning.models import (
    Blackout,
    CalendarClosure,
    ClosureKind,
    HalfDay,
    OfficerLeave,
    PreferredSlot,
    PresenceRequest,
    TerritoryProposal,
)


class DateRangeIn(InputSerializer):
    start_date = serializers.DateField()
    end_date = serializers.DateField()

    def validate(self, attrs):
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError(
                {"end_date": _("The end date cannot be before the start date.")}
            )
        return attrs


class BlackoutIn(DateRangeIn):
    school = ScopedRelatedField(School)
    reason = serializers.CharField(max_length=200)


class LeaveIn(DateRangeIn):
    officer = ScopedRelatedField(Officer)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ClosureIn(DateRangeIn):
    division = ScopedRelatedField(Organization)
    kind = serializers.ChoiceField(choices=ClosureKind.choices)
    label = serializers.CharField(max_length=120)


class PresenceRequestIn(InputSerializer):
    school = ScopedRelatedField(School)
    requested_per_week = serializers.DecimalField(
        3, 1, min_value=0, max_value=10, required=False, allow_null=True
    )
    target_per_week = serializers.DecimalField(
        3, 1, min_value=0, max_value=10, required=False, allow_null=True
    )
    minimum_per_week = serializers.DecimalField(3, 1, min_value=0, max_value=10, required=False)


class SlotIn(serializers.Serializer):
    weekday = serializers.IntegerField(min_value=0, max_value=4)
    half_day = serializers.ChoiceField(choices=HalfDay.choices)


class RankedSlotsIn(InputSerializer):
    school = ScopedRelatedField(School)
    slots = SlotIn(many=True, max_length=10, help_text="Best first.")


class TerritoryIn(InputSerializer):
    program = ScopedRelatedField(Program)
    seconds = serializers.IntegerField(min_value=1, max_value=120, default=30)


class AcceptIn(InputSerializer):
    start_date = serializers.DateField(required=False)
    edits = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        help_text="School id → officer id, overriding the proposal.",
    )

    def validate_edits(self, edits: dict) -> dict[int, int]:
        """Keys are school ids: anything else is a 400, not an edit silently dropped."""
        if not all(str(key).isdigit() for key in edits):
            raise serializers.ValidationError(_("Name each school by its id."))
        return {int(key): officer for key, officer in edits.items()}


class NoEditMixin:
    """Records replaced rather than edited: PUT/PATCH answer 405 (after the scope check, so an
    out-of-scope id is still a 404)."""

    def update(self, request, *args, **kwargs):
        self.get_object()
        raise MethodNotAllowed(request.method)


def _out(model_class, field_names):
    meta = type("Meta", (), {"model": model_class, "fields": field_names})
    return type(f"{model_class.__name__}Out", (serializers.ModelSerializer,), {"Meta": meta})


BlackoutOut = _out(Blackout, ["id", "school", "start_date", "end_date", "reason", "version"])
LeaveOut = _out(OfficerLeave, ["id", "officer", "start_date", "end_date", "reason", "version"])
ClosureOut = _out(CalendarClosure, ["id", "division", "start_date", "end_date", "kind", "label", "version"])
PresenceRequestOut = _out(
    PresenceRequest, ["id", "school", "requested_per_week", "target_per_week", "minimum_per_week", "version"]
)
PreferredSlotOut = _out(PreferredSlot, ["id", "school", "weekday", "half_day", "rank"])


class TerritoryOut(serializers.ModelSerializer):
    explanations = serializers.SerializerMethodField()

    class Meta:
        model = TerritoryProposal
        fields = ["id", "program", "status", "assignment", "objective", "bound", "explanations", "created_at"]

    def get_explanations(self, proposal) -> list[str]:
        return [describe(f) for f in proposal.findings]


class BlackoutViewSet(NoEditMixin, ScopedViewSet):
    model, output_serializer_class, input_serializer_class = Blackout, BlackoutOut, BlackoutIn
    filterset_class = BlackoutFilter

    def perform_service_create(self, data):
        return services.blackout_create(actor=self.request.user, **data)

    def perform_service_destroy(self, instance):
        services.blackout_delete(actor=self.request.user, blackout=instance)


class LeaveViewSet(NoEditMixin, ScopedViewSet):
    model, output_serializer_class, input_serializer_class = OfficerLeave, LeaveOut, LeaveIn

    def perform_service_create(self, data):
        return services.leave_create(actor=self.request.user, **data)

    def perform_service_destroy(self, instance):
        services.leave_delete(actor=self.request.user, leave=instance)


class ClosureViewSet(NoEditMixin, ScopedViewSet):
    model, output_serializer_class, input_serializer_class = CalendarClosure, ClosureOut, ClosureIn
    filterset_fields = ["division", "kind"]

    def perform_service_create(self, data):
        return services.closure_create(actor=self.request.user, **data)

    def perform_service_destroy(self, instance):
        services.closure_delete(actor=self.request.user, closure=instance)


class PresenceRequestViewSet(NoEditMixin, ScopedViewSet):
    """POST sets (creates or changes) a school's request, target and minimum."""

    model, output_serializer_class, input_serializer_class = (
        PresenceRequest,
        PresenceRequestOut,
        PresenceRequestIn,
    )

    def perform_service_create(self, data):
        school = data.pop("school")
        return services.presence_request_set(actor=self.request.user, school=school, changes=data)


class PreferredSlotViewSet(NoEditMixin, ScopedViewSet):
    """POST replaces a school's ranked half-days (best first)."""

    model, output_serializer_class, input_serializer_class = PreferredSlot, PreferredSlotOut, RankedSlotsIn
    filterset_class = PreferredSlotFilter

    def create(self, request, *args, **kwargs):
        payload = RankedSlotsIn(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        ranked = [(s["weekday"], s["half_day"]) for s in payload.validated_data["slots"]]
        slots = services.preferred_slots_set(
            actor=request.user, school=payload.validated_data["school"], ranked=ranked
        )
        return Response(PreferredSlotOut(slots, many=True).data, status=201)


class TerritoryViewSet(NoEditMixin, ScopedViewSet):
    """POST designs territories (seconds); accept creates the assignments through the directory."""

    model, output_serializer_class, input_serializer_class = TerritoryProposal, TerritoryOut, TerritoryIn

    def perform_service_create(self, data):
        return plan_services.territory_request(actor=self.request.user, **data)

    @action(detail=True, methods=["post"], serializer_class=AcceptIn)
    def accept(self, request, pk=None, **kwargs):
        proposal = self.get_object()
        payload = AcceptIn(data=request.data)
        payload.is_valid(raise_exception=True)
        changed = plan_services.territory_accept(
            actor=request.user,
            proposal=proposal,
            edits=payload.validated_data.get("edits", {}),
            on=payload.validated_data.get("start_date") or timezone.localdate(),
        )
        return Response({"schools_changed": changed})

    @action(detail=True, methods=["post"])
    def discard(self, request, pk=None, **kwargs):
        """Set the proposal aside; no assignment changes."""
        return self.output(plan_services.territory_discard(actor=request.user, proposal=self.get_object()))


def register(router) -> None:
    router.register("blackouts", BlackoutViewSet, basename="blackout")
    router.register("officer-leave", LeaveViewSet, basename="officerleave")
    router.register("calendar-closures", ClosureViewSet, basename="calendarclosure")
    router.register("presence-requests", PresenceRequestViewSet, basename="presencerequest")
    router.register("preferred-slots", PreferredSlotViewSet, basename="preferredslot")
    router.register("territory-proposals", TerritoryViewSet, basename="territoryproposal")
