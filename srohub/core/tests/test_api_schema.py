"""The OpenAPI schema partners integrate against: generated without a warning or an error, valid,
public, and saying what the endpoints really answer."""

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_it_generates_the_schema_without_warnings_and_validates_it(tmp_path, capsys):
    target = tmp_path / "schema.yml"
    try:
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    except Exception as exc:  # the command raises on the first warning; show them all
        pytest.fail(f"OpenAPI schema generation failed ({exc}):\n{capsys.readouterr().err}")
    assert target.stat().st_size > 0


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200, "the schema is public: partners read it before they hold a key"
    return yaml.safe_load(response.content)


def component(schema, ref: str) -> dict:
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_it_describes_token_and_session_authentication(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"] == {
        **schemes["tokenAuth"],
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
    }
    assert "cookieAuth" in schemes
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/schools/"]["get"]["security"]


def test_it_documents_who_is_our_sro_with_its_exact_answer(schema):
    operation = schema["paths"]["/api/v1/schools/{id}/sro/"]["get"]
    [date_parameter] = [p for p in operation["parameters"] if p["name"] == "date"]
    assert date_parameter["schema"] == {"type": "string", "format": "date"}
    answer = component(schema, operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"])
    assert set(answer["properties"]) == {
        "date",
        "primary",
        "backup",
        "expected_on_site",
        "on_site_now",
        "contact_when_absent",
    }
    assert answer["properties"]["expected_on_site"]["nullable"] is True


def test_it_documents_the_callers_profile(schema):
    response = schema["paths"]["/api/v1/me/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    assert set(component(schema, response["$ref"])["properties"]) == {
        "username",
        "name",
        "language",
        "grants",
    }


def test_it_documents_separate_input_and_output_shapes(schema):
    create = schema["paths"]["/api/v1/schools/"]["post"]
    request = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    response = create["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
    assert "division_name" in component(schema, response)["properties"]
    assert "division_name" not in component(schema, request)["properties"]
