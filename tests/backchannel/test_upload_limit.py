"""A backchannel upload over the limit is refused while it streams in, naming the limit; it
used to be read whole first (a 400 MB upload cost +390 MB before the size check)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from immerse.backchannel.models import Upload
from tests.backchannel.factories import live_event
from tests.factories import PASSWORD, make_role, make_user

pytestmark = pytest.mark.django_db
MIB = 2**20


def test_an_upload_over_the_limit_is_refused_unread(settings) -> None:
    settings.IMMERSE_MAX_UPLOAD_BYTES = 1 * MIB
    event = live_event(slug="ws")
    user = make_user("org")
    make_role(event=event, user=user)
    client = Client()
    assert client.login(username="org", password=PASSWORD)
    big = SimpleUploadedFile("huge.jsonl", b'{"id": 1}\n' * (6 * MIB // 10))
    response = client.post("/events/ws/listening/uploads/", {"file": big, "fmt": "auto"})
    assert response.status_code == 422
    assert "huge.jsonl: larger than 1 MiB, the limit (IMMERSE_MAX_UPLOAD_BYTES)" in \
        response.content.decode()
    assert Upload.objects.count() == 0
