"""Every engagement page for every role: who gets the page (200), who is refused (403: no role
for this kind of page) and who finds nothing (404: the record is out of their scope); the outsider
of another program gets the same as a stranger. Restricted details only for police."""

import pytest
from django.test import Client

from srohub.core.roles import Role
from srohub.engagement.testing import agency_contact, other_agency

pytestmark = pytest.mark.django_db
SPRING = "?term=2021-spring"
AGENCY = "agency"  # a community agency's contact (the membership names the world's agency)
OTHER_AGENCY = "other agency"
READERS = {Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO, Role.SCHOOL_ADMIN, Role.DIVISION_LEAD}
REFERRAL_STAFF = {Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO, Role.SCHOOL_ADMIN}
MEASURES = READERS | {Role.EVALUATOR}
LIBRARY = READERS | {Role.EVALUATOR, Role.RECORDS_CUSTODIAN}
LIBRARY_WRITERS = {Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO}
ACTIVITY_WRITERS = {Role.SRO_SUPERVISOR, Role.SRO}  # the SRO is the world activity's officer
TOPIC_READERS = LIBRARY | {Role.SCHOOL_OFFICE}  # the directory's readers
TOPIC_KEEPERS = {Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR}
SETTINGS_READERS = {Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR}
EVERYONE = [*Role.values, AGENCY, OTHER_AGENCY]


def expected(allowed: set, refused_status: int = 403):
    return {who: 200 if who in allowed else refused_status for who in EVERYONE}


# Those who reach the school in the directory but count no engagement there are refused (403);
# for the others the school does not exist (404).
SUMMARY = {**expected(MEASURES, 404), Role.SCHOOL_OFFICE: 403, Role.RECORDS_CUSTODIAN: 403}
# Its officer and their supervisor correct or delete an activity; its other readers may not (403).
CORRECTION = expected(ACTIVITY_WRITERS, 404) | dict.fromkeys(READERS - ACTIVITY_WRITERS, 403)
# (page, expected status per persona); "{...}" is filled from the world's records.
PAGES = [
    ("/activities/" + SPRING, expected(READERS)),
    ("/activities/{activity}/", expected(READERS, 404)),
    ("/activities/new/", expected({Role.SRO_SUPERVISOR, Role.SRO})),
    ("/activities/{activity}/edit/", CORRECTION),
    ("/activities/{activity}/delete/", CORRECTION),
    ("/activities/quick/", expected({Role.SRO})),
    ("/activities/measures/" + SPRING, expected(MEASURES)),
    ("/activities/measures.csv" + SPRING, expected(MEASURES)),
    ("/activities/schools/{school}/summary/" + SPRING, SUMMARY),
    ("/activities/schools/{school}/summary.csv" + SPRING, SUMMARY),
    ("/activities/schools/{school}/summary.xlsx" + SPRING, SUMMARY),
    ("/activities/library/", expected(LIBRARY)),
    ("/activities/library/new/", expected(LIBRARY_WRITERS)),
    # Readers of the library who may not change it: 403; those who cannot see it: 404.
    (
        "/activities/library/{material}/versions/new/",
        expected(LIBRARY_WRITERS, 404) | dict.fromkeys(LIBRARY - LIBRARY_WRITERS, 403),
    ),
    (
        "/activities/library/{material}/edit/",
        expected(LIBRARY_WRITERS, 404) | dict.fromkeys(LIBRARY - LIBRARY_WRITERS, 403),
    ),
    ("/activities/topics/", expected(TOPIC_READERS)),
    ("/activities/topics/new/", expected(TOPIC_KEEPERS)),
    (
        "/activities/topics/{topic}/edit/",
        expected(TOPIC_KEEPERS, 404) | dict.fromkeys(TOPIC_READERS - TOPIC_KEEPERS, 403),
    ),
    ("/activities/settings/", expected(SETTINGS_READERS)),
    # An agency contact's list holds only their agency's referrals (empty without an agency).
    ("/activities/referrals/", expected(REFERRAL_STAFF | {Role.AGENCY_CONTACT, AGENCY, OTHER_AGENCY})),
    ("/activities/referrals/new/", expected(REFERRAL_STAFF)),
    ("/activities/referrals/{referral}/", expected(REFERRAL_STAFF | {AGENCY}, 404)),
]


def persona(world, who):
    if who == AGENCY:
        return agency_contact(world.a)
    if who == OTHER_AGENCY:
        return agency_contact(world.a, other_agency(world.a), username="other-agency-contact")
    return world.users[who]


def url_of(world, template: str) -> str:
    extras = world.a.extras
    return template.format(
        activity=extras["activity"].pk,
        referral=extras["referral"].pk,
        school=world.a.school.pk,
        material=extras["material"].pk,
        topic=extras["topic"].pk,
    )


def statuses_of(world, who) -> dict[str, int]:
    client = Client()
    client.force_login(persona(world, who))
    return {template: client.get(url_of(world, template)).status_code for template, _expected in PAGES}


@pytest.mark.parametrize("who", EVERYONE)
def test_it_gives_each_role_exactly_its_pages(world, who):
    assert statuses_of(world, who) == {template: by_role[who] for template, by_role in PAGES}


def test_it_shows_the_outsider_of_another_program_nothing_of_this_one(world):
    client = Client()
    client.force_login(world.outsider)
    for template in ("/activities/{activity}/", "/activities/referrals/{referral}/",
                     "/activities/schools/{school}/summary/", "/activities/{activity}/edit/",
                     "/activities/{activity}/delete/", "/activities/topics/{topic}/edit/",
                     "/activities/library/{material}/edit/"):
        assert client.get(url_of(world, template)).status_code == 404, template
    listing = client.get("/activities/" + SPRING).content.decode()
    assert f"/activities/{world.a.extras['activity'].pk}/" not in listing


@pytest.mark.parametrize(
    ("who", "sees_details"),
    [
        (Role.SRO, True),
        (Role.SRO_SUPERVISOR, True),
        (Role.PROGRAM_ADMIN, False),  # the people app: program admins do not read person records
        (Role.SCHOOL_ADMIN, False),
        (Role.DIVISION_LEAD, False),
    ],
)
def test_it_shows_a_young_persons_details_to_police_only(world, who, sees_details):
    client = Client()
    client.force_login(world.users[who])
    activity = world.a.extras["activity"]
    html = client.get(f"/activities/{activity.pk}/").content.decode()
    assert (activity.person.pseudonym in html) is sees_details
    assert (activity.notes in html) is sees_details


def test_it_shows_an_agency_only_its_referrals_in_the_list(world):
    referral = world.a.extras["referral"]
    link = f"/activities/referrals/{referral.pk}/"
    own, other = Client(), Client()
    own.force_login(agency_contact(world.a))
    other.force_login(agency_contact(world.a, other_agency(world.a), username="other-agency-contact"))
    assert link in own.get("/activities/referrals/").content.decode()
    assert link not in other.get("/activities/referrals/").content.decode()


def test_it_hides_the_young_person_from_the_agency_contact(world):
    client = Client()
    client.force_login(agency_contact(world.a))
    referral = world.a.extras["referral"]
    html = client.get(f"/activities/referrals/{referral.pk}/").content.decode()
    assert referral.person.pseudonym not in html and "Restricted" in html
