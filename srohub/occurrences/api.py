"""REST API of the occurrences app (police roles; school admins reach only their disclosures).
``register(router)`` is called by srohub/api_urls.py."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from srohub.core.api import ScopedViewSet
from srohub.occurrences import services
from srohub.occurrences.api_reports import OccurrenceCountsView
from srohub.occurrences.api_serializers import (
    AttachmentIn,
    AttachmentOut,
    DisclosureIn,
    DisclosureOut,
    GuardianIn,
    GuardianOut,
    InvolvementIn,
    InvolvementOut,
    NoticeGivenIn,
    NoticeOut,
    OccurrenceIn,
    OccurrenceOut,
    OutcomeIn,
    OutcomeOut,
    ParentalContactIn,
)
from srohub.occurrences.models import (
    Attachment,
    Involvement,
    Occurrence,
    ParentalNotice,
    SchoolDisclosure,
    SubjectOutcome,
)
from srohub.occurrences.services.attachments import content_type_of
from srohub.occurrences.services.outcomes import OUTCOME_FIELDS
from srohub.people.models import Guardian


class OccurrenceViewSet(ScopedViewSet):
    """Occurrences at the caller's schools (SRO) or the unit (supervisor); past their access period,
    the records custodian's, who may archive or DELETE (destroy, YCJA s.128(7)) them."""

    model = Occurrence
    output_serializer_class = OccurrenceOut
    input_serializer_class = OccurrenceIn
    prefetch_related = ("categories", "involvements__person", "involvements__outcome")

    def perform_service_create(self, data):
        return services.occurrence_create(actor=self.request.user, program=data["school"].program, **data)

    def perform_service_update(self, instance, data, version):
        return services.occurrence_update(
            actor=self.request.user, occurrence=instance, changes=data, expected_version=version
        )

    def perform_service_destroy(self, instance):
        services.occurrence_destroy(actor=self.request.user, occurrence=instance)

    @extend_schema(request=None, responses=OccurrenceOut)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None, **kwargs):
        """Archive a record past its access period (records custodian, YCJA s.128(2))."""
        return self.output(services.occurrence_archive(actor=request.user, occurrence=self.get_object()))


class InvolvementViewSet(ScopedViewSet):
    model = Involvement
    output_serializer_class = InvolvementOut
    input_serializer_class = InvolvementIn
    select_related = ("person", "outcome")

    def perform_service_create(self, data):
        return services.involvement_add(actor=self.request.user, **data)

    @extend_schema(methods=["GET"], request=None, responses=GuardianOut(many=True))
    @extend_schema(methods=["POST"], request=GuardianIn, responses={201: GuardianOut})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def guardians(self, request, pk=None, **kwargs):
        """The parents and guardians of this involvement's person, who receive the YCJA s.26 notices
        (each read audited); POST records one, as the "add a person" page does."""
        involvement = self.get_object()
        if request.method == "POST":
            return self._guardian_add(request, involvement)
        guardians = list(Guardian.objects.visible_to(request.user).filter(person_id=involvement.person_id))
        services.guardians_viewed(actor=request.user, guardians=guardians)
        return Response(GuardianOut(guardians, many=True, context=self.get_serializer_context()).data)

    def _guardian_add(self, request, involvement):
        serializer = GuardianIn(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        guardian = services.guardian_add_to_involvement(actor=request.user, involvement=involvement, **data)
        return Response(GuardianOut(guardian, context=self.get_serializer_context()).data, status=201)


class GuardianViewSet(ScopedViewSet):
    """Parents and guardians of the people in the occurrences the caller sees (police; the records
    custodian reads those of records past their period). Recorded through
    ``involvements/{id}/guardians/``; PUT or PATCH changes one. Each read is audited."""

    model = Guardian
    output_serializer_class = GuardianOut
    input_serializer_class = GuardianIn
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self):
        in_visible_occurrences = Involvement.objects.visible_to(self.request.user).values("person_id")
        return super().get_queryset().filter(person__in=in_visible_occurrences)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        services.guardians_viewed(actor=request.user, guardians=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        guardian = self.get_object()
        services.guardians_viewed(actor=request.user, guardians=[guardian])
        return self.output(guardian)

    def perform_service_update(self, instance, data, version):
        return services.guardian_update(
            actor=self.request.user, guardian=instance, changes=data, expected_version=version
        )


class OutcomeViewSet(ScopedViewSet):
    """A subject's outcome: POST records it, PATCH updates it as court results become known."""

    model = SubjectOutcome
    output_serializer_class = OutcomeOut
    input_serializer_class = OutcomeIn

    def perform_service_create(self, data):
        return services.outcome_record(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        values = {name: getattr(instance, name) for name in OUTCOME_FIELDS}  # PATCH: keep what is not sent
        values.update(data)
        values.pop("involvement", None)
        return services.outcome_record(
            actor=self.request.user, involvement=instance.involvement, expected_version=version, **values
        )


class ParentalNoticeViewSet(ScopedViewSet):
    """Notice duties and discretionary contacts; POST creates a discretionary contact, and
    ``/given/`` records how a duty was met."""

    model = ParentalNotice
    output_serializer_class = NoticeOut
    input_serializer_class = ParentalContactIn

    def perform_service_create(self, data):
        return services.parental_contact_record(actor=self.request.user, **data)

    @extend_schema(request=NoticeGivenIn, responses=NoticeOut)
    @action(detail=True, methods=["post"])
    def given(self, request, pk=None, **kwargs):
        notice = self.get_object()
        serializer = NoticeGivenIn(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        return self.output(
            services.notice_record_given(actor=request.user, notice=notice, expected_version=version, **data)
        )


class AttachmentViewSet(ScopedViewSet):
    """Files of the occurrences the caller sees. POST (multipart) attaches one; ``/download/`` is the
    only way to a file, so a record past its access period takes its files out of sight with it."""

    model = Attachment
    output_serializer_class = AttachmentOut
    input_serializer_class = AttachmentIn
    parser_classes = (MultiPartParser, FormParser)
    http_method_names = ["get", "post", "head", "options"]  # a file of a record is never edited

    def perform_service_create(self, data):
        return services.attachment_add(
            actor=self.request.user,
            occurrence=data["occurrence"],
            upload=data["file"],
            description=data.get("description", ""),
        )

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None, **kwargs):
        """The file itself (each download audited)."""
        attachment = services.attachment_viewed(actor=request.user, attachment=self.get_object())
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.file.name.rsplit("/", 1)[-1],
            content_type=content_type_of(attachment),
        )


class SchoolDisclosureViewSet(ScopedViewSet):
    """Disclosures to schools (s.125(6)): police create them; the recipient school admin reads
    theirs (each read audited) and confirms destruction."""

    model = SchoolDisclosure
    output_serializer_class = DisclosureOut
    input_serializer_class = DisclosureIn

    def retrieve(self, request, *args, **kwargs):
        return self.output(services.disclosure_viewed(actor=request.user, disclosure=self.get_object()))

    def perform_service_create(self, data):
        recipient = get_user_model().objects.filter(pk=data.pop("recipient")).first()
        if recipient is None:
            raise ValidationError({"recipient": "Choose a school admin of this program."})
        return services.disclosure_create(actor=self.request.user, recipient=recipient, **data)

    def perform_service_update(self, instance, data, version):
        raise MethodNotAllowed("PUT")  # what was shared is a record of a disclosure: never edited

    @extend_schema(request=None, responses=DisclosureOut)
    @action(detail=True, methods=["post"], url_path="confirm-destroyed")
    def confirm_destroyed(self, request, pk=None, **kwargs):
        return self.output(
            services.disclosure_confirm_destroyed(actor=request.user, disclosure=self.get_object())
        )


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("occurrences", OccurrenceViewSet, basename="occurrence")
    router.register("involvements", InvolvementViewSet, basename="involvement")
    router.register("outcomes", OutcomeViewSet, basename="outcome")
    router.register("occurrence-guardians", GuardianViewSet, basename="occurrenceguardian")
    router.register("parental-notices", ParentalNoticeViewSet, basename="parentalnotice")
    router.register("occurrence-attachments", AttachmentViewSet, basename="occurrenceattachment")
    router.register("school-disclosures", SchoolDisclosureViewSet, basename="schooldisclosure")


api_urlpatterns = [path("occurrence-counts/", OccurrenceCountsView.as_view(), name="occurrence-counts")]
