"""REST API of the tips app. `register(router)` is called by srohub/api_urls.py.

``POST /api/v1/tips/`` is the tip partner's intake (201 for a new tip, 200 with the first tip for
a retried reference). Reads go through the choke point: officers see their schools' tips,
supervisors the program's, a partner the tips it submitted (in the partner shape).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from srohub.core.api import ScopedViewSet
from srohub.core.roles import Role
from srohub.core.scoping import get_for_user, program_ids_of
from srohub.tips import intake, services
from srohub.tips.models import Tip
from srohub.tips.selectors import is_tip_staff, tip_measures
from srohub.tips.serializers import (
    DispositionInput,
    MeasureOutput,
    MeasureQuery,
    NoteInput,
    QuestionInput,
    TipCreateInput,
    TipPartnerOutput,
    TipStaffOutput,
)

TIP_SHAPES = PolymorphicProxySerializer(
    component_name="TipForCaller",
    serializers=[TipStaffOutput, TipPartnerOutput],
    resource_type_field_name=None,
)


class TipOutput(serializers.Serializer):
    """The staff shape for officers and supervisors of the tip's program, the partner shape otherwise."""

    def to_representation(self, instance):
        user = getattr(self.context.get("request"), "user", None)
        shape = TipStaffOutput if is_tip_staff(user, instance.program_id) else TipPartnerOutput
        return shape(instance, context=self.context).data


@extend_schema_view(
    list=extend_schema(responses=TIP_SHAPES),
    retrieve=extend_schema(responses=TIP_SHAPES),
    create=extend_schema(
        request=TipCreateInput,
        responses={
            201: TipPartnerOutput,
            200: OpenApiResponse(TipPartnerOutput, description="A retried reference: the first tip."),
        },
    ),
)
class TipViewSet(ScopedViewSet):
    model = Tip
    output_serializer_class = TipOutput
    input_serializer_class = TipCreateInput
    select_related = ("school",)
    prefetch_related = ("steps", "messages", "notes", "attachments")
    filterset_fields = ["status", "category", "life_safety", "routed_queue", "school"]
    ordering_fields = ["received_at", "acknowledged_at"]

    def create(self, request, *args, **kwargs):
        serializer = TipCreateInput(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        content = intake.TipContent(
            category=data["category"],
            life_safety=data["life_safety"],
            narrative=data["narrative"],
            school_id=data.get("school"),
            school_text=data.get("school_text", ""),
        )
        tip, created = intake.tip_submit_by_partner(
            actor=request.user,
            program_id=self._program_id(data),
            content=content,
            received_at=data["received_at"],
            reference=data["reference"],
            pictures=[attachment["content"] for attachment in data.get("attachments", [])],
        )
        return self.output(tip, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def update(self, request, *args, **kwargs):
        """A tip is never edited: it changes only through its actions (acknowledge, questions, …).
        The record is fetched first so that out of scope stays 404."""
        self.get_object()
        raise MethodNotAllowed(request.method)

    def _program_id(self, data) -> int:
        if data.get("program") is not None:
            return data["program"].pk
        programs = program_ids_of(self.request.user, [Role.TIP_PARTNER])
        if not programs:
            raise PermissionDenied("Only a tip partner submits tips through the API.")
        if len(programs) > 1:
            raise serializers.ValidationError(
                {"program": ["Name the program: you are a tip partner of several."]}
            )
        return next(iter(programs))

    def _staff_output(self, tip):
        return Response(TipStaffOutput(tip, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=TipStaffOutput)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None, **kwargs):
        tip = services.tip_acknowledge(actor=request.user, tip=self.get_object())
        return self._staff_output(Tip.objects.get(pk=tip.pk))

    @extend_schema(request=QuestionInput, responses=TipStaffOutput)
    @action(detail=True, methods=["post"])
    def questions(self, request, pk=None, **kwargs):
        tip = self.get_object()
        data = self._valid(QuestionInput)
        services.tip_ask(actor=request.user, tip=tip, question=data["question"])
        return self._staff_output(Tip.objects.get(pk=tip.pk))

    @extend_schema(request=NoteInput, responses=TipStaffOutput)
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None, **kwargs):
        tip = self.get_object()
        data = self._valid(NoteInput)
        services.tip_note_add(actor=request.user, tip=tip, body=data["body"], kind=data["kind"])
        return self._staff_output(Tip.objects.get(pk=tip.pk))

    @extend_schema(request=DispositionInput, responses=TipStaffOutput)
    @action(detail=True, methods=["post"])
    def disposition(self, request, pk=None, **kwargs):
        tip = self.get_object()
        data = self._valid(DispositionInput)
        services.tip_dispose(
            actor=request.user,
            tip=tip,
            disposition=data["disposition"],
            occurrence=_visible_occurrence(request.user, data.get("occurrence")),
            referred_to=data.get("referred_to", ""),
            duplicate_of=data.get("duplicate_of"),
            expected_version=data.get("version"),
        )
        return self._staff_output(Tip.objects.get(pk=tip.pk))

    @extend_schema(parameters=[MeasureQuery], responses=MeasureOutput(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def measures(self, request, **kwargs):
        query = MeasureQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        end = query.validated_data.get("end") or timezone.localdate()
        start = query.validated_data.get("start") or end - timedelta(days=365)
        return Response(MeasureOutput(tip_measures(user=request.user, start=start, end=end), many=True).data)

    def _valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def _visible_occurrence(user, occurrence_id: int | None):
    """The occurrence a disposition links, fetched through the choke point (400 when not found)."""
    if occurrence_id is None:
        return None
    from srohub.occurrences.models import Occurrence  # noqa: PLC0415 - optional capability

    try:
        return get_for_user(Occurrence, user, pk=occurrence_id)
    except Http404 as exc:  # to the caller, an occurrence they cannot see does not exist
        raise serializers.ValidationError({"occurrence": ["No such occurrence."]}) from exc


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("tips", TipViewSet, basename="tip")
