"""REST API of the directory: separate input and output serializers, every write through a service."""

import zoneinfo
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from srohub.core.api import PORTABLE_POSITIVE_INT_MAX, InputSerializer, ScopedRelatedField, ScopedViewSet
from srohub.core.scoping import get_for_user, roles_of
from srohub.directory import selectors, services
from srohub.directory.filters import (
    AgreementFilter,
    AssignmentFilter,
    OfficerFilter,
    OrganizationFilter,
    SchoolFilter,
    SpaceFilter,
)
from srohub.directory.models import (
    Agreement,
    Assignment,
    AssignmentRole,
    Language,
    Officer,
    OfficerStatus,
    Organization,
    OrganizationKind,
    Program,
    Province,
    School,
    SchoolLevel,
    Space,
    SpaceKind,
)

# ---------------------------------------------------------------- output serializers


class ProgramOut(serializers.ModelSerializer):
    class Meta:
        model = Program
        fields = ["id", "name", "slug", "province", "time_zone", "duty_phone", "started_on", "is_active",
                  "version"]


class OrganizationOut(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "program", "kind", "name", "short_name", "language", "phone", "email", "website",
                  "partner_since", "partner_until", "role_in_program", "version"]


class AgreementOut(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "program", "title", "partners", "effective_from", "effective_to",
                  "roles_and_responsibilities", "document", "version"]


class SchoolOut(serializers.ModelSerializer):
    division_name = serializers.CharField(source="division.name", read_only=True)

    class Meta:
        model = School
        fields = ["id", "program", "division", "division_name", "name", "short_name", "code", "level",
                  "language", "enrolment", "address", "city", "postal_code", "latitude", "longitude",
                  "office_phone", "calendar_code", "is_active", "version"]


class SpaceOut(serializers.ModelSerializer):
    class Meta:
        model = Space
        fields = ["id", "school", "name", "kind", "floor", "sweep_order", "is_active", "version"]


class OfficerOut(serializers.ModelSerializer):
    class Meta:
        model = Officer
        fields = ["id", "program", "user", "name", "first_name", "last_name", "badge_number", "rank",
                  "police_service", "service_start_date", "phone", "email", "speaks_french", "status",
                  "version"]


class AssignmentOut(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    school_name = serializers.CharField(source="school.name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "program", "officer", "officer_name", "school", "school_name", "role", "start_date",
                  "end_date", "note", "version"]


# ---------------------------------------------------------------- input serializers


class DatesInOrderMixin:
    """Refuses a period whose end comes before its start, naming the end field.

    On a partial update the side not sent is the record's current value, so moving only the end
    before the existing start is refused too.
    """

    period_fields: tuple[str, str]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        start_field, end_field = self.period_fields
        start, end = self._current(attrs, start_field), self._current(attrs, end_field)
        if start and end and end < start:
            raise serializers.ValidationError({end_field: _("The end cannot be before the start.")})
        return attrs

    def _current(self, attrs, name):
        if name in attrs:
            return attrs[name]
        return getattr(self.instance, name, None)


class ProgramIn(InputSerializer):
    """A program; ``time_zone`` is an IANA name such as America/Winnipeg."""

    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=60)
    province = serializers.ChoiceField(choices=Province.choices)
    time_zone = serializers.CharField(max_length=64, required=False)
    duty_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    started_on = serializers.DateField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)

    def validate_time_zone(self, value):
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise serializers.ValidationError(_("Enter a time zone such as America/Winnipeg.")) from exc
        return value


class OrganizationIn(DatesInOrderMixin, InputSerializer):
    period_fields = ("partner_since", "partner_until")

    program = ScopedRelatedField(Program)
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    name = serializers.CharField(max_length=200)
    short_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    partner_since = serializers.DateField(required=False, allow_null=True)
    partner_until = serializers.DateField(required=False, allow_null=True)
    role_in_program = serializers.CharField(required=False, allow_blank=True)


class AgreementIn(DatesInOrderMixin, InputSerializer):
    period_fields = ("effective_from", "effective_to")

    program = ScopedRelatedField(Program)
    title = serializers.CharField(max_length=200)
    partners = ScopedRelatedField(Organization, many=True, required=False)
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(required=False, allow_null=True)
    roles_and_responsibilities = serializers.CharField(required=False, allow_blank=True)
    document = serializers.FileField(required=False, allow_null=True, max_length=200)


class SchoolIn(InputSerializer):
    program = ScopedRelatedField(Program)
    division = ScopedRelatedField(Organization)
    name = serializers.CharField(max_length=200)
    short_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    code = serializers.CharField(max_length=20)
    level = serializers.ChoiceField(choices=SchoolLevel.choices)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    enrolment = serializers.IntegerField(min_value=0, max_value=10000, required=False)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=7, required=False, allow_blank=True)
    latitude = serializers.DecimalField(max_digits=8, decimal_places=5, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=8, decimal_places=5, required=False, allow_null=True)
    office_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    calendar_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


class SpaceIn(InputSerializer):
    school = ScopedRelatedField(School)
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=SpaceKind.choices, required=False)
    floor = serializers.CharField(max_length=20, required=False, allow_blank=True)
    sweep_order = serializers.IntegerField(min_value=0, max_value=PORTABLE_POSITIVE_INT_MAX, required=False)
    is_active = serializers.BooleanField(required=False)


class OfficerIn(InputSerializer):
    program = ScopedRelatedField(Program)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    badge_number = serializers.CharField(max_length=20)
    rank = serializers.CharField(max_length=40, required=False)
    police_service = ScopedRelatedField(Organization)
    service_start_date = serializers.DateField()
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    speaks_french = serializers.BooleanField(required=False)
    status = serializers.ChoiceField(choices=OfficerStatus.choices, required=False)


class AssignmentIn(DatesInOrderMixin, InputSerializer):
    period_fields = ("start_date", "end_date")

    officer = ScopedRelatedField(Officer)
    school = ScopedRelatedField(School)
    role = serializers.ChoiceField(choices=AssignmentRole.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


# ---------------------------------------------------------------- "who is our SRO?"


# Who a school office calls when its SRO is not in (selectors.contact_when_absent), in that order.
ABSENT_CONTACT_KINDS = [("backup", _("Backup officer")), ("supervisor", _("SRO supervisor")),
                        ("duty", _("Unit duty line"))]


class OfficerContactOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    phone = serializers.CharField()


class AbsentContactOut(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ABSENT_CONTACT_KINDS)
    name = serializers.CharField()
    phone = serializers.CharField()


class SchoolSroOut(serializers.Serializer):
    date = serializers.DateField()
    primary = OfficerContactOut(allow_null=True, help_text="The primary SRO on that date, or null.")
    backup = OfficerContactOut(allow_null=True, help_text="The backup SRO on that date, or null.")
    expected_on_site = serializers.BooleanField(
        allow_null=True, help_text="From the visit plan; null (unknown) until a plan covers the date.")
    on_site_now = serializers.BooleanField(
        allow_null=True, help_text="From check-ins; null (unknown) until the officer checks in or out.")
    contact_when_absent = AbsentContactOut(
        many=True, help_text="Who to call when the SRO is not in, in order.")


class SroQuery(serializers.Serializer):
    date = serializers.DateField(required=False, help_text="YYYY-MM-DD; today when omitted.")


# ---------------------------------------------------------------- viewsets


class ProgramViewSet(ScopedViewSet):
    model = Program
    output_serializer_class = ProgramOut
    input_serializer_class = ProgramIn
    search_fields = ["name", "slug"]
    ordering_fields = ["name"]

    def perform_service_create(self, data):
        return services.program_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        return services.program_update(actor=self.request.user, program=instance, changes=data,
                                       expected_version=version)


class OrganizationViewSet(ScopedViewSet):
    model = Organization
    output_serializer_class = OrganizationOut
    input_serializer_class = OrganizationIn
    filterset_class = OrganizationFilter
    search_fields = ["name", "short_name"]
    ordering_fields = ["name", "kind"]

    def perform_service_create(self, data):
        return services.organization_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        data.pop("program", None)
        return services.organization_update(actor=self.request.user, organization=instance, changes=data,
                                            expected_version=version)

    def perform_service_destroy(self, instance):
        services.organization_delete(actor=self.request.user, organization=instance)


class AgreementViewSet(ScopedViewSet):
    model = Agreement
    output_serializer_class = AgreementOut
    input_serializer_class = AgreementIn
    prefetch_related = ("partners",)
    filterset_class = AgreementFilter
    search_fields = ["title"]
    ordering_fields = ["effective_from", "title"]

    def perform_service_create(self, data):
        return services.agreement_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        data.pop("program", None)
        partners = data.pop("partners", None)
        return services.agreement_update(actor=self.request.user, agreement=instance, changes=data,
                                         partners=partners, expected_version=version)


class SchoolViewSet(ScopedViewSet):
    model = School
    output_serializer_class = SchoolOut
    input_serializer_class = SchoolIn
    select_related = ("division",)
    filterset_class = SchoolFilter
    search_fields = ["name", "short_name", "code", "address"]
    ordering_fields = ["name", "code", "enrolment", "level"]

    def perform_service_create(self, data):
        return services.school_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        data.pop("program", None)
        return services.school_update(actor=self.request.user, school=instance, changes=data,
                                      expected_version=version)

    @extend_schema(
        parameters=[
            OpenApiParameter("date", OpenApiTypes.DATE, description="YYYY-MM-DD; today when omitted."),
        ],
        responses=SchoolSroOut,
    )
    @action(detail=True, methods=["get"], url_path="sro")
    def sro(self, request, pk=None, format=None):  # noqa: A002 - DRF passes the .json suffix as `format`
        """Who is this school's SRO on a date, whether they are expected in, and who to call if not."""
        school = get_for_user(School, request.user, pk=pk)
        _refuse_unless_may_see_officers(request.user, school)
        day = _date_param(request)
        return Response(SchoolSroOut(selectors.school_sro(school=school, on=day)).data)


def _refuse_unless_may_see_officers(user, school: School) -> None:
    """The answer names officers and supervisors: only roles that may read officers get it (an
    evaluator sees the school, but never who its officers are)."""
    if not roles_of(user, school.program_id) & Officer.access.view:
        raise PermissionDenied(_("Your role does not see who the officers are."))


def _date_param(request) -> date:
    """The ``?date=`` of a request (today when absent or empty); a malformed one is a 400 on ``date``."""
    query = SroQuery(data={k: v for k, v in request.query_params.items() if k == "date" and v})
    query.is_valid(raise_exception=True)
    return query.validated_data.get("date") or timezone.localdate()


class SpaceViewSet(ScopedViewSet):
    model = Space
    output_serializer_class = SpaceOut
    input_serializer_class = SpaceIn
    filterset_class = SpaceFilter
    search_fields = ["name", "floor"]
    ordering_fields = ["sweep_order", "name"]

    def perform_service_create(self, data):
        return services.space_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        return services.space_update(actor=self.request.user, space=instance, changes=data,
                                     expected_version=version)

    def perform_service_destroy(self, instance):
        services.space_delete(actor=self.request.user, space=instance)


class OfficerViewSet(ScopedViewSet):
    model = Officer
    output_serializer_class = OfficerOut
    input_serializer_class = OfficerIn
    filterset_class = OfficerFilter
    search_fields = ["first_name", "last_name", "badge_number"]
    ordering_fields = ["last_name", "badge_number", "service_start_date"]

    def perform_service_create(self, data):
        return services.officer_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        data.pop("program", None)
        return services.officer_update(actor=self.request.user, officer=instance, changes=data,
                                       expected_version=version)


class AssignmentViewSet(ScopedViewSet):
    model = Assignment
    output_serializer_class = AssignmentOut
    input_serializer_class = AssignmentIn
    select_related = ("officer", "school")
    filterset_class = AssignmentFilter
    search_fields = ["officer__last_name", "officer__badge_number", "school__name", "note"]
    ordering_fields = ["start_date", "end_date"]

    def perform_service_create(self, data):
        return services.assignment_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        return services.assignment_update(actor=self.request.user, assignment=instance, changes=data,
                                          expected_version=version)

