"""REST API of accounts: memberships (program admins) and the caller's own profile."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from srohub.accounts import services
from srohub.accounts.models import Membership, User
from srohub.core.api import InputSerializer, ScopedRelatedField, ScopedViewSet, scoped_filter
from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.directory.models import Organization, Program, School


class MembershipOut(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "program", "user", "username", "role", "school", "organization", "is_active",
                  "version"]


class MembershipIn(InputSerializer):
    program = ScopedRelatedField(Program)
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.filter(is_active=True))
    role = serializers.ChoiceField(choices=Role.choices)
    school = ScopedRelatedField(School, required=False, allow_null=True)
    organization = ScopedRelatedField(Organization, required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class MembershipFilter(django_filters.FilterSet):
    program = scoped_filter(Program)
    school = scoped_filter(School)
    organization = scoped_filter(Organization)

    class Meta:
        model = Membership
        fields = ["program", "role", "school", "organization", "is_active"]


class MembershipViewSet(ScopedViewSet):
    """Who holds which role in the caller's programs (program admins only)."""

    model = Membership
    output_serializer_class = MembershipOut
    input_serializer_class = MembershipIn
    select_related = ("user",)
    filterset_class = MembershipFilter
    search_fields = ["user__username", "user__last_name"]
    ordering_fields = ["user__username", "role"]

    def perform_service_create(self, data):
        data.pop("is_active", None)
        return services.membership_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data, version):
        data.pop("program", None)
        data.pop("user", None)
        return services.membership_update(actor=self.request.user, membership=instance, changes=data,
                                          expected_version=version)


class GrantOut(serializers.Serializer):
    program = serializers.IntegerField()
    role = serializers.ChoiceField(choices=Role.choices)
    schools = serializers.ListField(
        child=serializers.IntegerField(), allow_null=True,
        help_text="The schools this role reaches; null means every school of the program.",
    )
    organization = serializers.IntegerField(allow_null=True)
    officer = serializers.IntegerField(allow_null=True)


class MeOut(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    language = serializers.CharField()
    grants = GrantOut(many=True)


class MeView(APIView):
    """Who the caller is and what they may reach: one grant per membership."""

    @extend_schema(responses=MeOut)
    def get(self, request):
        user = request.user
        me = {"username": user.username, "name": user.display_name, "language": user.preferred_language,
              "grants": [_grant_data(g) for g in grants_for(user)]}
        return Response(MeOut(me).data)


def _grant_data(grant) -> dict:
    return {
        "program": grant.program_id,
        "role": grant.role,
        "schools": None if grant.school_ids is None else sorted(grant.school_ids),
        "organization": grant.organization_id,
        "officer": grant.officer_id,
    }
