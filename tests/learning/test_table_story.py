"""A table's notes become a story naming only the authors who agreed."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.learning.models import Story
from immerse.notify.models import Message
from immerse.tables.models import TableSeat, TableStory, TableStoryConsent
from immerse.tables.notes import notes_save
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def _world():
    event = make_event(slug="ts")
    session = make_session(event=event, title="Cases", fmt="table")
    clients = {}
    for name in ("Ana", "Ben", "Cleo"):
        user = make_user(name.lower())
        person = make_person(user=user, name=name, email=f"{name.lower()}@x.example")
        registration = make_registration(event=event, person=person)
        TableSeat.objects.create(session=session, registration=registration, table=1)
        clients[name] = (person, Client())
        clients[name][1].force_login(user)
    notes_save(session=session, table=1, author=clients["Ana"][0], text="We listen", base=0)
    notes_save(session=session, table=1, author=clients["Ben"][0], text="We listen\nthen ask",
               base=1)
    facilitator = make_user()
    make_role(event=event, user=facilitator, role="facilitator")
    staff = Client()
    staff.force_login(facilitator)
    return session, clients, staff


def test_the_story_is_published_once_all_authors_answered_naming_those_who_agreed() -> None:
    session, clients, staff = _world()
    url = f"/events/ts/tables/{session.pk}/1/story/"
    staff.post(url, {"title": "Listening first", "privacy": "participants"})
    proposal = TableStory.objects.get()
    asked = Message.objects.filter(kind="table_story_consent").order_by("to_email")
    assert list(asked.values_list("to_email", flat=True)) == ["ana@x.example", "ben@x.example"]
    consent_url = f"/events/ts/table-stories/{proposal.pk}/consent/"
    assert clients["Cleo"][1].get(consent_url).status_code == 404  # wrote nothing

    clients["Ana"][1].post(consent_url, {"answer": "yes"})
    assert not Story.objects.exists()  # Ben has not answered
    clients["Ben"][1].post(consent_url, {"answer": "no"})

    story = Story.objects.get()
    assert (story.title, story.privacy, story.body) == (
        "Listening first", "participants",
        "We listen\nthen ask\n\nWritten at table 1 by Ana.")
    assert list(story.sessions.all()) == [session]
    assert TableStory.objects.get().story_id == story.pk


def test_the_facilitator_may_publish_with_those_who_agreed_so_far() -> None:
    session, clients, staff = _world()
    url = f"/events/ts/tables/{session.pk}/1/story/"
    staff.post(url, {"title": "<script>x</script>", "privacy": "public"})
    proposal = TableStory.objects.get()
    TableStoryConsent.objects.filter(person=clients["Ben"][0]).update(answer="yes")
    staff.post(url, {"publish": "1"})
    story = Story.objects.get()
    assert story.body.endswith("Written at table 1 by Ben.")
    page = staff.get(url).content.decode()
    assert f'href="/stories/{story.pk}/"' in page
    again = staff.post(url, {"title": "Again", "privacy": "public"})
    assert again.context["form"].errors == {"title": ["These notes are published already."]}
    assert proposal.consents.count() == 2
    assert clients["Ana"][1].get(url).status_code == 404  # tablemates do not propose
