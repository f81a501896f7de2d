"""Oversized uploads get a clear refusal, never a 500, and nothing is stored."""

from __future__ import annotations

import orjson
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from immerse.people.models import PendingSignup, Person, Registration, SheetUpload
from tests.factories import make_event, make_role, make_user

pytestmark = pytest.mark.django_db

MB = 2**20
SIGNUP = {"name": "Ann Smit", "email": "ann@acme.example", "discipline": "pr",
          "tool_uses": {}, "answers": {}}


def organizer_client(slug: str) -> Client:
    user = make_user()
    make_role(event=make_event(slug=slug), user=user)
    client = Client()
    client.force_login(user)
    return client


def sheet_of(size: int) -> SimpleUploadedFile:
    """A valid sheet of exactly ``size`` bytes: distinct people, header padded to fit."""
    row_length = len(b"P0000000,p0000000@acme.example\n")
    rows, spare = divmod(size - len(b"Name,E-mail\n"), row_length)
    body = b"Name,E-mail" + b" " * spare + b"\n" + b"".join(
        b"P%07d,p%07d@acme.example\n" % (n, n) for n in range(rows))
    assert len(body) == size
    return SimpleUploadedFile("big.csv", body, content_type="text/csv")


@override_settings(IMMERSE_MAX_UPLOAD_BYTES=1 * MB)
def test_sheet_over_the_upload_limit_is_refused_by_name() -> None:
    client = organizer_client("ws")
    response = client.post("/events/ws/organize/import/", {"sheet": sheet_of(MB + 1)})
    assert response.status_code == 200
    assert "big.csv is larger than 1 MB." in response.content.decode()
    assert SheetUpload.objects.count() == 0


@override_settings(IMMERSE_MAX_UPLOAD_BYTES=1 * MB)
def test_sheet_at_the_upload_limit_is_previewed() -> None:
    client = organizer_client("ws")
    response = client.post("/events/ws/organize/import/", {"sheet": sheet_of(MB)})
    assert response.status_code == 200
    assert "larger than" not in response.content.decode()
    assert SheetUpload.objects.count() == 1


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=4096)
def test_oversized_form_fields_on_the_upload_page_are_a_400() -> None:
    client = organizer_client("ws")
    response = client.post("/events/ws/organize/import/",
                           {"sheet": sheet_of(100), "note": "x" * 8192})
    assert response.status_code == 400
    assert SheetUpload.objects.count() == 0


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=4096)
def test_oversized_api_signup_body_is_refused_not_a_500() -> None:
    make_event(slug="ws")
    body = orjson.dumps({**SIGNUP, "name": "A" * 8192})
    response = Client().post("/api/v1/events/ws/registrations", body,
                             content_type="application/json")
    assert response.status_code == 413
    assert (Person.objects.count(), Registration.objects.count()) == (0, 0)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=4096)
def test_oversized_api_signup_body_gets_the_api_error_shape() -> None:
    make_event(slug="ws")
    body = orjson.dumps({**SIGNUP, "name": "A" * 8192})
    response = Client().post("/api/v1/events/ws/registrations", body,
                             content_type="application/json")
    assert (response.status_code, response.json()) == (413, {
        "detail": "The request body is larger than 4096 bytes.", "errors": []})


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=4096)
def test_api_signup_body_under_the_limit_still_signs_up() -> None:
    make_event(slug="ws")
    response = Client().post("/api/v1/events/ws/registrations", orjson.dumps(SIGNUP),
                             content_type="application/json")
    assert response.status_code == 202  # kept until the address is confirmed
    assert PendingSignup.objects.get().email == "ann@acme.example"
