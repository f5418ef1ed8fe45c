"""An activity's languages are a list (issue 4 "languages"): known codes, at least one, each once;
English unless said otherwise; quick entry takes them from the last entry; the old single language
is carried over by the migration (en → [en], fr → [fr], en_fr → [en, fr], other → [other])."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from srohub.core.roles import Role
from srohub.engagement import rules, services
from srohub.engagement.models import Activity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("codes", "problem"),
    [
        (["en"], None),
        (["en", "fr", "cr", "oj", "iu", "ar", "pa", "tl", "cmn", "es", "uk", "other"], None),
        ([], "Choose at least one language."),
        (None, "Choose at least one language."),
        ("en", "Choose at least one language."),
        (["en", "xx"], "Choose languages from the list."),
        (["fr", "fr"], "Give each language once."),
    ],
)
def test_it_checks_a_list_of_languages(codes, problem):
    assert rules.languages_problem(codes) == problem


def test_it_orders_languages_as_the_list_does():
    assert rules.ordered_languages(["tl", "fr", "en"]) == ["en", "fr", "tl"]


def activity_payload(world, **fields) -> dict:
    return {
        "school": world.a.school.pk,
        "activity_type": "presentation",
        "occurred_on": "2024-05-01",
        "duration_minutes": 60,
        **fields,
    }


def test_it_takes_and_gives_a_list_in_the_api(world):
    client = world.client(world.users[Role.SRO])
    response = client.post("/api/v1/activities/", activity_payload(world, languages=["fr", "en"]), format="json")
    assert response.status_code == 201, response.data
    assert response.data["languages"] == ["en", "fr"]
    assert Activity.objects.get(pk=response.data["id"]).languages == ["en", "fr"]
    response = client.post("/api/v1/activities/", activity_payload(world), format="json")
    assert response.data["languages"] == ["en"]  # English unless said otherwise


@pytest.mark.parametrize("languages", [[], ["klingon"], ["en", "en"], "en"])
def test_it_answers_a_bad_list_with_a_field_error_and_saves_nothing(world, languages):
    client = world.client(world.users[Role.SRO])
    before = Activity.objects.count()
    response = client.post("/api/v1/activities/", activity_payload(world, languages=languages), format="json")
    assert response.status_code == 400 and "languages" in response.data, response.data
    assert Activity.objects.count() == before


def test_it_corrects_the_languages_through_the_api(world):
    activity = world.a.extras["activity"]
    client = world.client(world.users[Role.SRO])
    response = client.patch(f"/api/v1/activities/{activity.pk}/", {"languages": ["cr", "en"]}, format="json")
    assert response.status_code == 200 and response.data["languages"] == ["en", "cr"]
    response = client.patch(f"/api/v1/activities/{activity.pk}/", {"languages": []}, format="json")
    assert response.status_code == 400 and "languages" in response.data


def test_it_refuses_a_bad_list_in_the_service_too(world):
    with pytest.raises(Exception) as error:
        services.activity_create(
            actor=world.users[Role.SRO],
            school=world.a.school,
            activity_type="presentation",
            occurred_on=timezone.localdate(),
            duration_minutes=30,
            languages=["en", "zz"],
        )
    assert "languages" in error.value.message_dict


def test_it_logs_languages_from_checkboxes_on_the_full_form(world):
    client = Client()
    client.force_login(world.users[Role.SRO])
    page = client.get("/activities/new/").content.decode()
    assert 'type="checkbox" name="languages" value="en"' in page and "Inuktitut" in page
    data = {**activity_payload(world), "languages": ["en", "iu"]}
    assert client.post("/activities/new/", data).status_code == 302
    activity = Activity.objects.get(occurred_on="2024-05-01")
    assert activity.languages == ["en", "iu"] and activity.language_labels == ["English", "Inuktitut"]
    assert "English, Inuktitut" in client.get(f"/activities/{activity.pk}/").content.decode()
    response = client.post("/activities/new/", {**activity_payload(world, occurred_on="2024-05-02")})
    assert response.status_code == 200 and "Choose at least one language." in response.content.decode()


def test_it_keeps_quick_entry_to_three_inputs_with_the_last_entrys_languages(world):
    client = Client()
    client.force_login(world.users[Role.SRO])
    Activity.objects.filter(pk=world.a.extras["activity"].pk).update(languages=["en", "fr"])
    page = client.get("/activities/quick/").content.decode()
    assert 'value="fr" id="id_languages_1" checked' in page  # preselected, in the folded part
    response = client.post("/activities/quick/", {"activity_type": "informal_contact", "school": world.a.school.pk,
                                                  "occurred_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert Activity.objects.get(occurred_on=timezone.localdate()).languages == ["en", "fr"]


def test_it_gives_quick_entry_english_without_a_last_entry(world):
    Activity.objects.filter(officer=world.a.officer).delete()
    client = Client()
    client.force_login(world.users[Role.SRO])
    response = client.post("/activities/quick/", {"activity_type": "informal_contact", "school": world.a.school.pk,
                                                  "occurred_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert Activity.objects.get(officer=world.a.officer).languages == ["en"]


def test_it_repeats_the_last_entrys_languages(world):
    Activity.objects.filter(pk=world.a.extras["activity"].pk).update(languages=["fr"])
    repeated = services.activity_repeat_last(actor=world.users[Role.SRO], program=world.a.program)
    assert repeated.languages == ["fr"]


@pytest.mark.django_db(transaction=True)
def test_it_carries_the_single_language_over_to_the_list_and_back():
    executor = MigrationExecutor(connection)
    executor.migrate([("engagement", "0001_initial")])
    old = executor.loader.project_state([("engagement", "0001_initial")]).apps
    ids = _old_activities(old)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([("engagement", "0002_activity_languages")])
        new = executor.loader.project_state([("engagement", "0002_activity_languages")]).apps
        activities = new.get_model("engagement", "Activity").objects
        assert {code: activities.get(pk=pk).languages for code, pk in ids.items()} == rules.LEGACY_LANGUAGES
        executor = MigrationExecutor(connection)
        executor.migrate([("engagement", "0001_initial")])
        activities = old.get_model("engagement", "Activity").objects
        assert {code: activities.get(pk=pk).language for code, pk in ids.items()} == {c: c for c in ids}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def _old_activities(old_apps) -> dict[str, int]:
    """One activity per old language value, written with the models as they were at 0001."""
    from srohub.core.testing import AssignmentFactory

    assignment = AssignmentFactory()
    activity = old_apps.get_model("engagement", "Activity")
    return {
        code: activity.objects.create(
            program_id=assignment.program_id,
            school_id=assignment.school_id,
            officer_id=assignment.officer_id,
            activity_type="presentation",
            occurred_on="2021-03-01",
            duration_minutes=60,
            language=code,
        ).pk
        for code in ("en", "fr", "en_fr", "other")
    }


def test_it_filters_activities_by_one_language_among_others(world):
    base = Activity.objects.get(pk=world.a.extras["activity"].pk)
    made = {}
    for key, languages in {"oj": ["oj"], "ojs": ["ojs"], "en_oj": ["en", "oj"], "en": ["en"]}.items():
        base.pk = None
        base.languages = languages
        base.save()
        made[key] = base.pk
    client = world.client(world.users[Role.SRO_SUPERVISOR])
    response = client.get("/api/v1/activities/", {"language": "oj", "after": "2000-01-01"})
    assert response.status_code == 200
    assert {row["id"] for row in response.data["results"]} == {made["oj"], made["en_oj"]}  # not Oji-Cree
    response = client.get("/api/v1/activities/", {"language": "klingon"})
    assert response.status_code == 400 and "language" in response.data
