"""Every API error, in every mode, is the JSON error body with the right, documented status.

What an outside schemathesis run found: a 500 HTML page for a blank post, bodies of `7`
starting a planning run, unknown fields ignored, undocumented 400/404/422 answers.
"""

from __future__ import annotations

import re

import orjson
import pytest
from django.core.validators import validate_email
from django.test import Client, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from immerse.api.inputs import EMAIL, NOT_BLANK
from immerse.backchannel.models import Post
from immerse.program.models import AgendaRun
from tests.factories import make_event, make_role, make_session, make_user

pytestmark = pytest.mark.django_db
ERROR_KEYS = {"detail", "errors"}


def _schema() -> dict:
    return Client().get("/api/v1/openapi.json").json()


def _operations() -> list[tuple[str, str, dict]]:
    return [(method.upper(), path, operation) for path, item in _schema()["paths"].items()
            for method, operation in item.items()]


def _staff_headers(bearer) -> dict[str, str]:
    return bearer(make_user(staff=True))


def _url(path: str, event_slug: str = "ws", number: int = 1) -> str:
    return (path.replace("{slug}", event_slug).replace("{session_id}", str(number))
            .replace("{run_id}", str(number)).replace("{registration_id}", str(number)))


def _assert_error_body(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS and body["detail"]
    return body


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_a_blank_post_is_refused_with_the_error_body_and_nothing_stored(bearer, text) -> None:
    event = make_event(slug="ws")
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    posts = [{"id": "ok", "author": "ann", "text": "fine", "created_at": "2027-05-01T10:00Z"},
             {"id": "p2", "author": "bob", "text": text, "created_at": "2027-05-01T10:05Z"}]
    response = Client(raise_request_exception=False).post(
        "/api/v1/events/ws/posts", posts, content_type="application/json", **bearer(staff))
    body = _assert_error_body(response, 422)
    assert [error["field"] for error in body["errors"]] == ["1.text"]
    assert Post.objects.count() == 0


@pytest.mark.parametrize("body", [b"7", b"[]", b'"x"', b"null", b"true"])
def test_a_body_that_is_not_an_object_starts_no_planning_run(bearer, body: bytes) -> None:
    event = make_event(slug="ws")
    organizer = make_user()
    make_role(event=event, user=organizer)
    response = Client().post("/api/v1/events/ws/agendas/runs", body,
                             content_type="application/json", **bearer(organizer))
    error = _assert_error_body(response, 422)
    assert "expected a JSON object" in error["errors"][0]["message"]
    assert AgendaRun.objects.count() == 0


def test_every_object_body_refuses_non_objects_and_unknown_fields(bearer) -> None:
    make_session(event=make_event(slug="ws"))
    headers = _staff_headers(bearer)
    schema, checked = _schema(), []
    for method, path, operation in _operations():
        content = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if not content:
            continue
        body_schema = _resolve(schema, content["schema"])
        unknown: object = {"not_a_field_of_this_body": 1}
        if body_schema.get("type") == "array":  # a list of objects (posts)
            body_schema, unknown = _resolve(schema, body_schema["items"]), [unknown]
        if "properties" in body_schema:
            assert body_schema.get("additionalProperties") is False, f"{method} {path}"
        else:  # a map (tool key -> use): its keys are listed
            assert "enum" in body_schema["propertyNames"], f"{method} {path}"
        for body in (b"7", b'"x"', orjson.dumps(unknown)):
            response = Client().generic(method, _url(path), body,
                                        content_type="application/json", **headers)
            _assert_error_body(response, 422)
        checked.append(path)
    # sign-up, profile, tools, assessments, planning, posts, feedback
    assert len(checked) >= 7


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


@pytest.mark.parametrize("body", [
    b"{", b"\xff\xfe{\x00}\x00", '{"name": "Ann"}'.encode("utf-16"), b"[" * 100_000,
    b'{"name": NaN}', b'{"name": "\\ud800"}', b"\xef\xbb\xbf{}",
])
def test_a_body_that_is_not_utf8_json_is_a_400(bearer, body: bytes) -> None:
    make_event(slug="ws")
    response = Client().post("/api/v1/events/ws/registrations", body,
                             content_type="application/json")
    _assert_error_body(response, 400)


def test_every_operation_documents_the_request_errors() -> None:
    missing = [f"{method} {path}: {sorted({'400', '401', '422', '429'} - set(op['responses']))}"
               for method, path, op in _operations()
               if not {"400", "401", "422", "429"} <= set(op["responses"])]
    assert missing == []


def test_an_unknown_event_filter_is_a_documented_404() -> None:
    response = Client().get("/api/v1/stories", {"event": "no-such-event"})
    _assert_error_body(response, 404)
    assert "404" in _schema()["paths"]["/api/v1/stories"]["get"]["responses"]


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_path_is_a_json_404_in_every_mode(settings, debug: bool) -> None:
    settings.DEBUG = debug
    _assert_error_body(Client().get("/api/v1/no-such-thing"), 404)


@pytest.mark.parametrize("debug", [False, True])
def test_a_defect_in_an_operation_is_a_json_500_in_every_mode(settings, debug: bool) -> None:
    settings.DEBUG = debug
    # Inside the test, after `settings`: the fixture's teardown must not restore this one.
    with override_settings(ROOT_URLCONF="tests.api.failing_urls"):
        response = Client(raise_request_exception=False).get("/api/v1/boom")
    body = _assert_error_body(response, 500)
    assert "a defect" not in body["detail"]  # no internals leak to the client


@given(text=st.text(max_size=8))
@settings(max_examples=300, deadline=None, database=None, derandomize=True)
def test_not_blank_is_pythons_idea_of_blank(text: str) -> None:
    # The services strip with str.strip(): the schema's pattern must refuse exactly that.
    assert bool(re.search(NOT_BLANK, text)) == bool(text.strip())


@given(address=st.from_regex(EMAIL, fullmatch=True).filter(lambda a: len(a) <= 254))
@settings(max_examples=300, deadline=None, database=None, derandomize=True)
def test_every_address_the_schema_takes_is_one_the_person_record_takes(address: str) -> None:
    validate_email(address)


def test_an_id_beyond_a_64_bit_key_is_a_422_not_a_500() -> None:
    # Found by the long schemathesis run: SQLite's driver overflowed on the filter.
    make_session(event=make_event(slug="ws"))
    for url in ("/api/v1/events/ws/sessions?slot_id=36893488147419103233",
                "/api/v1/events/ws/sessions/36893488147419103233"):
        _assert_error_body(Client(raise_request_exception=False).get(url), 422)


def test_every_integer_parameter_is_bounded_within_a_database_key() -> None:
    unbounded = []
    for method, path, operation in _operations():
        for parameter in operation.get("parameters", []):
            options = [parameter["schema"], *parameter["schema"].get("anyOf", [])]
            for option in options:
                if option.get("type") == "integer" and not (
                        option.get("minimum", -1) >= 0 and option.get("maximum", 2**64) < 2**63):
                    unbounded.append(f"{method} {path} {parameter['name']}")
    assert unbounded == []


@pytest.mark.parametrize(("method", "url", "body"), [
    ("GET", "/api/v1/events/a%00b", None),
    ("GET", "/api/v1/events?q=a%00", None),
    ("GET", "/events/a%00b/", None),
    ("POST", "/api/v1/events/ws/registrations", b'{"name": "a\\u0000b", "email": "a@b.org"}'),
])
def test_a_nul_character_anywhere_is_a_400(method: str, url: str, body: bytes | None) -> None:
    # PostgreSQL cannot store or even compare text with NUL: these were 500s there.
    from immerse.people.models import Person

    make_event(slug="ws")
    response = Client(raise_request_exception=False).generic(
        method, url, body or b"", content_type="application/json")
    if url.startswith("/api/"):
        _assert_error_body(response, 400)
    assert response.status_code == 400
    assert Person.objects.count() == 0


def test_the_schema_says_no_string_holds_a_nul() -> None:
    schema, allowing = _schema(), []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and not {"enum", "const", "format"} & node.keys():
                patterns = [node.get("pattern"), *(p.get("pattern") for p in node.get("allOf", []))]
                if not any(p and not re.search(p, "a\x00b") for p in patterns):
                    allowing.append(where)
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    for method, path, operation in _operations():
        walk(operation.get("parameters", []), f"{method} {path} parameters")
        walk(operation.get("requestBody", {}), f"{method} {path} body")
    walk(schema.get("components", {}), "components")
    assert allowing == []
