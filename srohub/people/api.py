"""REST API of the people app: every read of a person is an audit event.
``register(router)`` is called by srohub/api_urls.py."""

from rest_framework import serializers

from srohub.core.api import InputSerializer, ScopedRelatedField, ScopedViewSet
from srohub.directory.models import School
from srohub.people import services
from srohub.people.models import Person


class PersonOut(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = [
            "id",
            "program",
            "pseudonym",
            "given_name",
            "family_name",
            "date_of_birth",
            "school",
            "grade",
            "version",
        ]


class PersonIn(InputSerializer):
    school = ScopedRelatedField(School)
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    grade = serializers.CharField(max_length=8, required=False, allow_blank=True)


class PersonViewSet(ScopedViewSet):
    """People known to the program under pseudonymous ids (police roles; each read audited)."""

    model = Person
    output_serializer_class = PersonOut
    input_serializer_class = PersonIn

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        shown = Person.objects.filter(pk__in=[row["id"] for row in response.data["results"]])
        services.people_listed(actor=request.user, people=shown)
        return response

    def retrieve(self, request, *args, **kwargs):
        return self.output(services.person_viewed(actor=request.user, person=self.get_object()))

    def perform_service_create(self, data):
        return services.person_create(actor=self.request.user, program=data["school"].program, **data)

    def perform_service_update(self, instance, data, version):
        return services.person_update(
            actor=self.request.user, person=instance, changes=data, expected_version=version
        )


def register(router) -> None:
    """Register this app's viewsets on the /api/v1/ router."""
    router.register("people", PersonViewSet, basename="person")
