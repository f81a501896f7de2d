"""The team over the API: GET and POST /api/v1/events/{slug}/team (organizers only)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from immerse.notify.models import Message
from immerse.people.tokens import token_create
from immerse.studio.models import AuditEntry, TeamInvitation
from tests.factories import make_event, make_role, make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/events/immersion/team"


@pytest.fixture
def event():
    return make_event(slug="immersion")


def _client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='t')[1]}")


@pytest.fixture
def api(event) -> Client:
    user = make_user("olga")
    make_role(event=event, user=user)
    return _client(user)


def _post(client: Client, body: object):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_an_invitation_is_201_without_its_token(api) -> None:
    answer = _post(api, {"email": "Nina@Example.org", "role": "facilitator"})
    assert answer.status_code == 201, answer.content
    body = answer.json()
    invitation = TeamInvitation.objects.get()
    assert {key: body[key] for key in ("id", "email", "role", "invited_by")} == {
        "id": invitation.pk, "email": "nina@example.org", "role": "facilitator",
        "invited_by": "olga"}
    assert invitation.nonce not in answer.content.decode()
    assert "token" not in body and "url" not in json.dumps(body)
    assert Message.objects.filter(kind="team_invitation").count() == 1
    assert AuditEntry.objects.get().action == "team.invited"
    team = api.get(URL).json()
    assert [m["name"] for m in team["members"]] == ["olga"]
    assert [p["email"] for p in team["pending"]] == ["nina@example.org"]
    assert invitation.nonce not in api.get(URL).content.decode()


@pytest.mark.parametrize(("body", "field"), [
    ({"email": "not an address", "role": "organizer"}, "email"),
    ({"email": "a@b.example", "role": "owner"}, "role"),
])
def test_bad_email_or_role_is_422_naming_the_field(api, body, field) -> None:
    answer = _post(api, body)
    assert answer.status_code == 422
    assert [error["field"] for error in answer.json()["errors"]] == [field]
    assert not TeamInvitation.objects.exists()


def test_another_organizers_event_is_404(event) -> None:
    stranger = make_user("mallory")
    make_role(event=make_event(slug="elsewhere"), user=stranger)
    client = _client(stranger)
    assert _post(client, {"email": "a@b.example", "role": "organizer"}).status_code == 404
    assert client.get(URL).status_code == 404
    facilitator = make_user("fred")
    make_role(event=event, user=facilitator, role="facilitator")
    assert _post(_client(facilitator), {"email": "a@b.example", "role": "organizer"}
                 ).status_code == 404
    assert not TeamInvitation.objects.exists()


def test_api_set_up_writes_are_in_the_audit_trail(api) -> None:
    answer = api.post("/api/v1/events/immersion/rooms",
                      json.dumps({"name": "Annex", "capacity": 12}),
                      content_type="application/json")
    assert answer.status_code == 201
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.summary, entry.actor.username) == (
        "room.created", "Added the room Annex", "olga")
