"""The organizer's upload page: preview, problems named, confirm, size limit."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from immerse.people.models import Person, SheetUpload
from tests.factories import PASSWORD, make_event, make_role, make_user

pytestmark = pytest.mark.django_db
GOOD = b"Name,E-mail,Microblogging\nAnn,ann@a.example,daily 4\nBob,bob@b.example,never\n"


def organizer(event) -> Client:
    user = make_user()
    make_role(event=event, user=user)
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_preview_then_confirm_imports_the_sheet() -> None:
    event = make_event(slug="ws")
    client = organizer(event)
    page = client.post("/events/ws/organize/import/",
                       {"sheet": SimpleUploadedFile("room.csv", GOOD)}).content.decode()
    assert "Ready to import room.csv" in page and "2 people would be created" in page
    assert Person.objects.count() == 0
    pending = SheetUpload.objects.get()
    response = client.post(f"/events/ws/organize/import/{pending.pk}/", follow=True)
    assert "Imported room.csv" in response.content.decode()
    assert Person.objects.count() == 2 and not SheetUpload.objects.exists()


def test_bad_rows_are_listed_and_nothing_is_kept() -> None:
    event = make_event(slug="ws")
    bad = b"Name,E-mail\nAnn,ann@a.example\n,nobody\n"
    page = organizer(event).post("/events/ws/organize/import/",
                                 {"sheet": SimpleUploadedFile("bad.csv", bad)}).content.decode()
    assert "nothing was imported" in page
    assert "bad.csv, row 3, column &#x27;Name&#x27;: a name is required" in page
    assert not SheetUpload.objects.exists() and Person.objects.count() == 0


@override_settings(IMMERSE_MAX_UPLOAD_BYTES=10)
def test_oversized_uploads_are_refused() -> None:
    event = make_event(slug="ws")
    page = organizer(event).post("/events/ws/organize/import/",
                                 {"sheet": SimpleUploadedFile("big.csv", GOOD)}).content.decode()
    assert "big.csv is larger than" in page


def test_only_the_uploader_can_confirm_and_attendees_cannot_upload() -> None:
    event = make_event(slug="ws")
    organizer(event).post("/events/ws/organize/import/",
                          {"sheet": SimpleUploadedFile("room.csv", GOOD)})
    pending = SheetUpload.objects.get()
    other = organizer(event)
    assert other.post(f"/events/ws/organize/import/{pending.pk}/").status_code == 404
    stranger = Client()
    stranger.login(username=make_user().username, password=PASSWORD)
    assert stranger.get("/events/ws/organize/import/").status_code == 403
