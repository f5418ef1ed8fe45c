"""Test records of the engagement app for one program world (one of each model), so route and
persona tests have something in and out of scope to ask for; and a helper for agency contacts."""

from datetime import date

from srohub.accounts.models import Membership, User
from srohub.core.roles import Role
from srohub.directory.models import Organization, OrganizationKind
from srohub.engagement.models import (
    Activity,
    EngagementSettings,
    Material,
    MaterialVersion,
    Referral,
    Topic,
)
from srohub.people.models import Person

WORLD_DAY = date(2021, 3, 1)


def populate_program_world(pw) -> dict:
    """A topic, a presentation with a version, an activity and a referral at ``pw.school``."""
    program = pw.program
    topic = Topic.objects.create(program=program, name="Cyberbullying")
    material = Material.objects.create(
        program=program, title="Safe online", topic=topic, grade_from=6, grade_to=9
    )
    version = MaterialVersion.objects.create(
        program=program, material=material, label="1", released_on=WORLD_DAY
    )
    person = Person.objects.create(program=program, school=pw.school, given_name="Sam", family_name="Youth")
    activity = Activity.objects.create(
        program=program,
        school=pw.school,
        officer=pw.officer,
        activity_type="mentoring",
        occurred_on=WORLD_DAY,
        duration_minutes=45,
        topic=topic,
        person=person,
        notes="Talked about a hard week.",
    )
    agency = Organization.objects.create(
        program=program, kind=OrganizationKind.COMMUNITY_AGENCY, name=f"{program.slug} Youth Counselling"
    )
    referrer = User.objects.create(
        username=f"referrer-{program.slug}", email=f"referrer@{program.slug}.example"
    )
    referral = Referral.objects.create(
        program=program,
        school=pw.school,
        agency=agency,
        service_kind="mental_health",
        person=person,
        referred_by=referrer,
        officer=pw.officer,
        referred_on=WORLD_DAY,
        consent_given_by="parent",
        consent_given_on=WORLD_DAY,
        consent_scope="Name and phone to the therapist",
        last_update_on=WORLD_DAY,
    )
    return {
        "topic": topic,
        "material": material,
        "material_version": version,
        "engagement_person": person,
        "activity": activity,
        "agency": agency,
        "referral": referral,
        "engagement_settings": EngagementSettings.objects.create(program=program, referral_reminder_days=14),
    }


def agency_contact(pw, agency=None, username: str = "agency-contact") -> User:
    """A user whose only role is the contact of ``agency`` (the world's agency by default)."""
    user = User.objects.create(username=username)
    Membership.objects.create(
        program=pw.program, user=user, role=Role.AGENCY_CONTACT, organization=agency or pw.extras["agency"]
    )
    return user


def other_agency(pw, name: str = "Family Services") -> Organization:
    return Organization.objects.create(program=pw.program, kind=OrganizationKind.COMMUNITY_AGENCY, name=name)
