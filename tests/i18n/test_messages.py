"""Mail and in-app messages are rendered in the recipient's language, whoever sends them."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from immerse.notify.choices import broadcast_queue
from immerse.notify.models import Message
from immerse.notify.services import message_rendered, messages_send
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _all_offered(settings):
    settings.LANGUAGES = [("en", "English"), ("nl", "Nederlands"), ("de", "Deutsch"),
                          ("fr", "Français"), ("es", "Español")]


def _broadcast(event, organizer_client) -> None:
    url = f"/events/{event.slug}/organize/messages/broadcast/"
    page = organizer_client.get(url)
    assert '<html lang="en">' in page.content.decode()  # the organizer reads English
    nonce = re.search(r'name="nonce" value="([0-9a-f]{32})"', page.content.decode()).group(1)
    organizer_client.post(url, {"subject": "Doors at nine", "body": "Bring a laptop.",
                                "statuses": ["confirmed"], "nonce": nonce, "action": "send"})


def test_an_english_organizers_broadcast_reaches_each_recipient_in_their_language(
        smtp_server):
    event = make_event(slug="summit")
    organizer = make_user()
    make_role(event=event, user=organizer)
    make_registration(event=event, status="confirmed",
                      person=make_person(name="Greta", email="greta@example.org",
                                         language="de"))
    make_registration(event=event, status="confirmed",
                      person=make_person(name="Ann", email="ann@example.org"))
    client = Client(headers={"accept-language": "en"})
    client.login(username=organizer.username, password=PASSWORD)
    _broadcast(event, client)
    messages_send()
    mails = {m["To"]: m for m in smtp_server.received}
    greta = mails["Greta <greta@example.org>"]
    assert greta.get_body(("plain",)).get_content().startswith("Hallo Greta,")
    html = greta.get_body(("html",)).get_content()
    assert '<html lang="de">' in html and "<p>Hallo Greta,</p>" in html
    assert mails["Ann <ann@example.org>"].get_body(("plain",)).get_content() \
        .startswith("Hello Ann,")


def test_the_events_default_language_for_a_recipient_who_chose_none():
    event = make_event(slug="madrid", language="es")
    make_registration(event=event, status="confirmed",
                      person=make_person(name="Ana", email="ana@example.org"))
    broadcast_queue(event=event, subject="Hoy", body="A las nueve.", segment={},
                    recipients=[event.registrations.get().person], nonce="n1")
    message = Message.objects.get()
    assert message.language == ""
    assert message_rendered(message).text.startswith("Hola, Ana:")
