"""REST API of the engagement app. ``register(router)`` is called by srohub/api_urls.py; the
measures (aggregates only) are at ``engagement/measures/`` (``api_urlpatterns``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from srohub.core.api import ScopedViewSet
from srohub.core.scoping import program_ids_of
from srohub.core.services import change_record
from srohub.engagement import referral_services, rules, services
from srohub.engagement import serializers as s
from srohub.engagement.filters import ActivityFilter, ReferralFilter
from srohub.engagement.measures import program_measures
from srohub.engagement.models import (
    MEASURE_READERS,
    Activity,
    EngagementSettings,
    Material,
    MaterialVersion,
    Referral,
    Topic,
)
from srohub.engagement.presenters import disclose


class DisclosingViewSet(ScopedViewSet):
    """Lists and details whose restricted details (person, notes) depend on the reader."""

    def output(self, instance, status_code=200):
        self._records = [instance]
        return super().output(instance, status_code)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["disclosure"] = disclose(self.request.user, getattr(self, "_records", []))
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._records = list(page) if page is not None else list(queryset)
        return page

    def retrieve(self, request, *args, **kwargs):
        return self.output(self.get_object())


class ActivityViewSet(DisclosingViewSet):
    """Activities of the engagement log (counts for principals; restricted details for police)."""

    model = Activity
    output_serializer_class = s.ActivityOut
    input_serializer_class = s.ActivityIn
    filterset_class = ActivityFilter

    def perform_service_create(self, data):
        return services.activity_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        data.pop("officer", None)
        return services.activity_update(
            actor=self.request.user, activity=instance, changes=data, expected_version=version
        )

    def perform_service_destroy(self, instance):
        services.activity_delete(actor=self.request.user, activity=instance)


class ReferralViewSet(DisclosingViewSet):
    """Community referrals; updating one moves it forward (status, outcome when closing, a note)."""

    model = Referral
    select_related = ("referred_by",)
    output_serializer_class = s.ReferralOut
    input_serializer_class = s.ReferralIn
    filterset_class = ReferralFilter

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return s.ReferralAdvanceIn
        return super().get_serializer_class()

    def perform_service_create(self, data):
        return referral_services.referral_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        if "status" not in data:
            raise ValidationError({"status": _("Give the new status.")})
        return referral_services.referral_advance(
            actor=self.request.user,
            referral=instance,
            status=data["status"],
            outcome=data.get("outcome", ""),
            note=data.get("note", ""),
            expected_version=version,
        )


def _program_of(data):
    program = data.pop("program", None)
    if program is None:
        raise ValidationError({"program": _("Choose the program.")})
    return program


class TopicViewSet(ScopedViewSet):
    """The program's topic catalogue."""

    model = Topic
    output_serializer_class = s.TopicOut
    input_serializer_class = s.TopicIn

    def perform_service_create(self, data):
        return services.topic_create(actor=self.request.user, program=_program_of(data), name=data["name"])

    def perform_service_update(self, instance, data, version):
        data.pop("program", None)
        return services.topic_update(actor=self.request.user, topic=instance, changes=data, expected_version=version)


class MaterialViewSet(ScopedViewSet):
    """The presentation library, with how often each presentation was delivered."""

    model = Material
    output_serializer_class = s.MaterialOut
    input_serializer_class = s.MaterialIn
    prefetch_related = ("versions",)

    def get_queryset(self):
        # A correlated count per presentation over the activities' material_version index, not a
        # join of the presentations with every activity (1.6 s at a million activities).
        delivered = (
            Activity.objects.filter(material_version__material=OuterRef("pk"))
            .values("material_version__material")
            .annotate(n=Count("*"))
            .values("n")
        )
        return super().get_queryset().annotate(times_delivered=Coalesce(Subquery(delivered), 0))

    def perform_service_create(self, data):
        material = services.material_create(actor=self.request.user, program=_program_of(data), **data)
        return self.get_queryset().get(pk=material.pk)

    def perform_service_update(self, instance, data, version):
        services.material_update(actor=self.request.user, material=instance, changes=data, expected_version=version)
        return self.get_queryset().get(pk=instance.pk)


class MaterialVersionViewSet(ScopedViewSet):
    """Versions of the library's presentations."""

    model = MaterialVersion
    output_serializer_class = s.MaterialVersionOut
    input_serializer_class = s.MaterialVersionIn

    def perform_service_create(self, data):
        return services.material_version_add(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        data.pop("material", None)
        return change_record(self.request.user, instance, data, version)


class SettingsViewSet(ScopedViewSet):
    """The program's engagement settings (days without update before a referral reminder)."""

    model = EngagementSettings
    output_serializer_class = s.SettingsOut
    input_serializer_class = s.SettingsIn
    http_method_names = ["get", "put", "patch", "head", "options"]

    def perform_service_update(self, instance, data, version):
        return services.settings_update(
            actor=self.request.user,
            program=instance.program,
            referral_reminder_days=data.get("referral_reminder_days", instance.referral_reminder_days),
            expected_version=version,
        )


class MeasuresView(APIView):
    """Aggregates of a term (``?term=2025-fall&program=<id>``): by officer, school, type and topic."""

    @extend_schema(
        parameters=[
            OpenApiParameter("term", str, required=True, description="For example 2025-fall."),
            OpenApiParameter("program", int, description="Default: your first program."),
        ],
        responses=s.MeasuresOut,
    )
    def get(self, request):
        programs = program_ids_of(request.user, MEASURE_READERS)
        if not programs:
            raise PermissionDenied
        try:
            term = rules.term_from_key(request.query_params.get("term", ""))
            program_id = int(request.query_params.get("program") or min(programs))
        except ValueError as exc:
            raise ValidationError({"term": str(exc)}) from exc
        if program_id not in programs:
            raise ValidationError({"program": _("Choose one of your programs.")})
        measures = program_measures(request.user, program_id, term)
        return Response(s.MeasuresOut(_measures_payload(measures)).data)


def _tally_payload(tally) -> dict:
    return {
        "key": tally.key,
        "label": str(tally.label),
        "activities": tally.activities,
        "hours": tally.hours,
        "reached": tally.reached,
        "referrals": tally.referrals,
        "referrals_completed": tally.referrals_completed,
        "enforcements": tally.enforcements,
        "engagement_per_enforcement": tally.ratio.value,
    }


def _measures_payload(measures) -> dict:
    return {
        "term": measures.term.key,
        "enforcement_available": measures.enforcement_available,
        "total": _tally_payload(measures.total),
        **{f"by_{name}": [_tally_payload(t) for t in rows] for name, rows in measures.tables()},
    }


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("activities", ActivityViewSet, basename="activity")
    router.register("referrals", ReferralViewSet, basename="referral")
    router.register("topics", TopicViewSet, basename="topic")
    router.register("presentations", MaterialViewSet, basename="material")
    router.register("presentation-versions", MaterialVersionViewSet, basename="material-version")
    router.register("engagement-settings", SettingsViewSet, basename="engagement-settings")


api_urlpatterns = [path("engagement/measures/", MeasuresView.as_view(), name="engagement-measures")]
