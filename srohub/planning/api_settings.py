"""REST API of the program's planning settings: need weights, travel limit and speed, horizon,
stability. The same service as the settings page writes them (``services.settings_update``)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from srohub.core.api import InputSerializer, ScopedRelatedField, ScopedViewSet
from srohub.directory.models import Program
from srohub.planning import services
from srohub.planning.models import PlanningSettings

SETTINGS_FIELDS = PlanningSettings.EDITABLE


def _weekly(decimal_places: int = 1, **kwargs) -> serializers.DecimalField:
    """Half-days a week, 0 to 10, with the model's precision (so the database never rounds it)."""
    return serializers.DecimalField(3, decimal_places, min_value=0, max_value=10, **kwargs)


class PlanningSettingsOut(serializers.ModelSerializer):
    class Meta:
        model = PlanningSettings
        fields = ["id", "program", *SETTINGS_FIELDS, "version"]


class PlanningSettingsIn(InputSerializer):
    """Every setting with the bounds of the settings page; PATCH sends only what changes."""

    elementary_per_week = _weekly()
    junior_high_per_week = _weekly()
    senior_high_per_week = _weekly()
    per_500_students = _weekly()
    per_enforcement = _weekly(decimal_places=2)
    travel_limit_minutes = serializers.IntegerField(min_value=0, max_value=240)
    speed_kmh = serializers.IntegerField(min_value=5, max_value=120)
    horizon_weeks = serializers.IntegerField(min_value=1, max_value=12)
    stability_weight = serializers.IntegerField(min_value=0, max_value=10000)


class PlanningSettingsSetIn(PlanningSettingsIn):
    """POST: the program's settings, created at the first save; settings left out keep their value."""

    program = ScopedRelatedField(Program)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SETTINGS_FIELDS:
            self.fields[name].required = False


# The schema's split input/output (core.schema) reads input_serializer_class; POST takes the program too.
@extend_schema_view(create=extend_schema(request=PlanningSettingsSetIn))
class PlanningSettingsViewSet(ScopedViewSet):
    """The program's planning settings. Everyone who works the program reads them; supervisors and
    program admins change them (PUT/PATCH, or POST for a program that has never saved any)."""

    model = PlanningSettings
    output_serializer_class = PlanningSettingsOut
    input_serializer_class = PlanningSettingsIn
    filterset_fields = ["program"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "create":
            return PlanningSettingsSetIn
        return super().get_serializer_class()

    def perform_service_create(self, data):
        program = data.pop("program")
        return services.settings_update(actor=self.request.user, program=program, changes=data)

    def perform_service_update(self, instance, data, version):
        return services.settings_update(
            actor=self.request.user, program=instance.program, changes=data, expected_version=version
        )


def register(router) -> None:
    router.register("planning-settings", PlanningSettingsViewSet, basename="planningsettings")
