"""REST API of the planning app: plans, visits and fixed commitments, check-ins, calendar feeds.

School-side settings (preferences, blackouts, calendars, leave) are in ``api_school``, the program's
planning settings in ``api_settings``. Every write
goes through a service; input and output serializers are separate.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from srohub.core.api import InputSerializer, ScopedRelatedField, ScopedViewSet
from srohub.directory.models import Officer, Program, School
from srohub.planning import plan_services, presence_services, selectors, services
from srohub.planning.api_school import NoEditMixin
from srohub.planning.api_school import register as register_school
from srohub.planning.api_settings import register as register_settings
from srohub.planning.authz import officer_of
from srohub.planning.explanations import describe
from srohub.planning.filters import CheckInFilter, VisitFilter
from srohub.planning.models import CheckIn, FeedToken, HalfDay, Plan, Visit

# ---------------------------------------------------------------- output


class PlanProgressOut(serializers.Serializer):
    fraction = serializers.FloatField(
        min_value=0, max_value=1, help_text="Share of the time limit used; 1 once the run has ended."
    )
    objective = serializers.FloatField(allow_null=True, help_text="Best score so far (lower is better).")
    gap = serializers.FloatField(
        allow_null=True, help_text="Relative gap between that score and the best possible; null until known."
    )


class PlanOut(serializers.ModelSerializer):
    gap = serializers.FloatField(read_only=True, allow_null=True)
    explanations = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "program",
            "start_date",
            "end_date",
            "status",
            "based_on",
            "objective",
            "bound",
            "gap",
            "solve_seconds",
            "moved_visits",
            "explanations",
            "progress",
            "published_at",
            "version",
        ]

    def get_explanations(self, plan) -> list[str]:
        return [describe(f) for f in plan.findings]

    @extend_schema_field(PlanProgressOut)
    def get_progress(self, plan) -> dict:
        """Updated about once a second while the plan runs (poll this plan to follow it)."""
        return PlanProgressOut(selectors.plan_progress(plan)).data


class VisitOut(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    school_name = serializers.CharField(source="school.name", read_only=True)

    class Meta:
        model = Visit
        fields = [
            "id",
            "plan",
            "officer",
            "officer_name",
            "school",
            "school_name",
            "day",
            "half_day",
            "pinned",
            "reason",
            "status",
            "missed_reason",
            "version",
        ]


class CheckInOut(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = ["id", "officer", "school", "checked_in_at", "checked_out_at"]


class FeedTokenOut(serializers.ModelSerializer):
    class Meta:
        model = FeedToken
        fields = ["id", "officer", "created_at", "revoked_at"]


# ---------------------------------------------------------------- input


class PlanIn(InputSerializer):
    program = ScopedRelatedField(Program)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    seconds = serializers.IntegerField(
        required=False, min_value=1, max_value=plan_services.MAX_SECONDS, default=20
    )

    def validate(self, attrs):
        start, end = attrs.get("start_date"), attrs.get("end_date")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": _("The end date cannot be before the start date.")}
            )
        if end and not start:
            raise serializers.ValidationError({"start_date": _("Give the start date with the end date.")})
        return attrs


class PinIn(InputSerializer):
    officer = ScopedRelatedField(Officer)
    school = ScopedRelatedField(School)
    day = serializers.DateField()
    half_day = serializers.ChoiceField(choices=HalfDay.choices)
    reason = serializers.CharField(max_length=200)


class MissedIn(InputSerializer):
    reason = serializers.CharField(max_length=300)


class CheckInIn(InputSerializer):
    school = ScopedRelatedField(School)
    officer = ScopedRelatedField(
        Officer, required=False, help_text="Planners only; an officer checks in as themself."
    )


class FeedTokenIn(InputSerializer):
    officer = ScopedRelatedField(Officer, required=False)


# ---------------------------------------------------------------- viewsets


class PlanViewSet(NoEditMixin, ScopedViewSet):
    """Planner runs. POST queues a run (the task backend runs it); publish/discard act on a proposal."""

    model = Plan
    output_serializer_class = PlanOut
    input_serializer_class = PlanIn
    filterset_fields = ["status"]

    def perform_service_create(self, data):
        return plan_services.plan_request(actor=self.request.user, **data)

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None, **kwargs):
        return self.output(plan_services.plan_publish(actor=request.user, plan=self.get_object()))

    @action(detail=True, methods=["post"])
    def discard(self, request, pk=None, **kwargs):
        return self.output(plan_services.plan_discard(actor=request.user, plan=self.get_object()))

    @action(detail=True, methods=["get"])
    def changes(self, request, pk=None, **kwargs):
        """What moves between the published plan and this one, per school and per officer."""
        plan = self.get_object()
        current = selectors.published_plan(plan.program_id, plan.start_date)
        current = None if current == plan else current
        return Response(selectors.compare_plans(plan, current, Visit.objects.visible_to(request.user)))


class VisitViewSet(NoEditMixin, ScopedViewSet):
    """Visits of plans and fixed commitments. POST pins a fixed commitment; DELETE cancels one."""

    model = Visit
    output_serializer_class = VisitOut
    input_serializer_class = PinIn
    filterset_class = VisitFilter
    select_related = ("officer", "school")
    ordering_fields = ["day"]

    def perform_service_create(self, data):
        return services.visit_pin(actor=self.request.user, **data)

    def perform_service_destroy(self, instance):
        services.visit_unpin(actor=self.request.user, visit=instance)

    @action(detail=True, methods=["post"], serializer_class=MissedIn)
    def missed(self, request, pk=None, **kwargs):
        visit = self.get_object()
        payload = MissedIn(data=request.data)
        payload.is_valid(raise_exception=True)
        visit = presence_services.visit_mark_missed(
            actor=request.user,
            visit=visit,
            reason=payload.validated_data["reason"],
            expected_version=payload.validated_data.get("version"),
        )
        return self.output(visit)


def _acting_officer(request, officer):
    """The officer a request acts for: the one given (planners), else the signed-in officer."""
    officer = officer or officer_of(request.user)
    if officer is None:
        raise PermissionDenied(_("Only an officer can check in; planners name the officer."))
    return officer


class CheckInViewSet(NoEditMixin, ScopedViewSet):
    """Check in at a school (POST) and out again (POST …/check-out/)."""

    model = CheckIn
    output_serializer_class = CheckInOut
    input_serializer_class = CheckInIn
    filterset_class = CheckInFilter

    def perform_service_create(self, data):
        officer = _acting_officer(self.request, data.get("officer"))
        return presence_services.check_in(actor=self.request.user, officer=officer, school=data["school"])

    @action(detail=True, methods=["post"], url_path="check-out")
    def check_out(self, request, pk=None, **kwargs):
        return self.output(presence_services.check_out(actor=request.user, check_in=self.get_object()))


class FeedTokenViewSet(NoEditMixin, ScopedViewSet):
    """Private calendar feeds. POST returns the feed address once; revoke stops it at once."""

    model = FeedToken
    output_serializer_class = FeedTokenOut
    input_serializer_class = FeedTokenIn

    def create(self, request, *args, **kwargs):
        payload = FeedTokenIn(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        officer = _acting_officer(request, payload.validated_data.get("officer"))
        feed, token = presence_services.feed_token_create(actor=request.user, officer=officer)
        data = dict(FeedTokenOut(feed).data)
        data["url"] = request.build_absolute_uri(f"/plan/feed/{token}.ics")
        return Response(data, status=201)

    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None, **kwargs):
        return self.output(presence_services.feed_token_revoke(actor=request.user, feed=self.get_object()))


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("plans", PlanViewSet, basename="plan")
    router.register("visits", VisitViewSet, basename="visit")
    router.register("check-ins", CheckInViewSet, basename="checkin")
    router.register("calendar-feeds", FeedTokenViewSet, basename="feedtoken")
    register_school(router)
    register_settings(router)
