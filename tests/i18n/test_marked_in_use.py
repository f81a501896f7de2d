"""The sentences marked for issue 29 reach people in their language: pages, the API's human
text, the words the scripts show (given by the template), the outbox's own notice.

The new strings have no translation until the integrator runs makemessages and the
translators fill the catalogues, so each test lends the Dutch catalogue the few words it
checks (``dutch``) and takes them back after; what is proved is that the text goes through
the translator where a person reads it, not the Dutch wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from immerse.common.languages import KNOWN
from immerse.notify.models import Message
from immerse.notify.services import message_queue
from immerse.people.services.organizing import CapacityRefused, registrations_promote
from immerse.program.models import AgendaRun
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)
from tests.learning.factories import login, make_attendee

pytestmark = pytest.mark.django_db

SENDER_STOPPED = "The sender stopped while sending this message; it may have been delivered."
Lend = Callable[[dict[str | tuple[str, int], str]], None]


@pytest.fixture
def dutch(settings) -> Iterator[Lend]:
    """Offers every known language, and lends the Dutch catalogue ``{msgid: msgstr}``
    (``"context\\x04msgid"`` for pgettext) for this test only."""
    settings.LANGUAGES = list(KNOWN.items())
    catalogue = trans_real.translation("nl")._catalog._catalogs[0]
    before: dict[str | tuple[str, int], str | None] = {}

    def lend(words: dict[str | tuple[str, int], str]) -> None:
        for msgid, msgstr in words.items():
            before.setdefault(msgid, catalogue.get(msgid))
            catalogue[msgid] = msgstr

    yield lend
    for msgid, old in before.items():
        if old is None:
            del catalogue[msgid]
        else:
            catalogue[msgid] = old


def in_dutch(client: Client | None = None) -> Client:
    """The switcher's choice beats an event's default language on its pages."""
    client = client or Client()
    client.cookies["django_language"] = "nl"
    return client


def test_the_offline_note_comes_from_the_page_in_its_language(dutch: Lend) -> None:
    dutch({"Offline: you are reading the copy kept on this phone; changes need the network.":
           "Offline: je leest de kopie op deze telefoon."})
    page = in_dutch().get("/").content.decode()
    assert '<main id="main" data-offline-note="Offline: je leest de kopie op deze ' \
           'telefoon.">' in page


def test_the_offline_page_names_its_navigation_as_every_page_does(dutch: Lend) -> None:
    label = re.compile(r'<nav aria-label="([^"]+)">')
    client = in_dutch()
    every_page = label.search(client.get("/").content.decode()).group(1)
    offline = label.search(client.get("/offline/").content.decode()).group(1)
    assert offline == every_page == "Hoofdmenu"  # "Main" in the context "navigation"


def test_a_runs_status_words_are_given_to_the_script(dutch: Lend) -> None:
    dutch({"run\x04Running": "Bezig", "run\x04Queued": "In de wachtrij"})
    event = make_event(slug="ws")
    organizer = make_user()
    make_role(event=event, user=organizer)
    run = AgendaRun.objects.create(event=event, status="running", message="Solving")
    page = in_dutch(login(organizer)).get(f"/events/ws/organize/agendas/runs/{run.pk}/")
    html = page.content.decode()
    assert 'data-status-running="Bezig"' in html
    assert 'data-status-queued="In de wachtrij"' in html
    assert '<p role="status" id="run-message">Bezig: Solving</p>' in html


def test_the_feedback_question_is_asked_in_the_page_language(dutch: Lend) -> None:
    dutch({"Which example will you show a colleague?":
           "Welk voorbeeld laat je een collega zien?"})
    event = make_event(slug="fb", start_date=date(2026, 5, 1), end_date=date(2026, 5, 1))
    session = make_session(event=event)
    user, _ = make_attendee(event=event, level=1, attends=[session])
    page = in_dutch(login(user)).get(f"/events/fb/sessions/{session.pk}/feedback/")
    assert "Welk voorbeeld laat je een collega zien?" in page.content.decode()


def test_the_404_for_someone_not_signed_up_speaks_their_language(dutch: Lend) -> None:
    dutch({"You have not signed up for this event.": "Je bent niet aangemeld."})
    make_event(slug="ws")
    response = in_dutch(login(make_user())).get("/api/v1/events/ws/tables/me")
    assert response.status_code == 404, response.content
    assert response.json()["detail"] == "Je bent niet aangemeld."


def test_the_apis_human_text_is_translated_and_its_codes_are_not(dutch: Lend) -> None:
    dutch({"Authentication required: a valid token or session.": "Log eerst in."})
    make_event(slug="ws")
    response = in_dutch().get("/api/v1/events/ws/registrations/me",
                              HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401
    assert response.json() == {"detail": "Log eerst in.", "errors": []}


def test_a_refused_tag_is_said_in_the_page_language_on_its_field(dutch: Lend) -> None:
    dutch({"a Mastodon hashtag is one word of letters, digits and _, e.g. msmimmersion":
           "een Mastodon-hashtag is één woord"})
    event = make_event(slug="ws")
    organizer = make_user()
    make_role(event=event, user=organizer)
    response = in_dutch(login(organizer)).post(
        "/events/ws/listening/sources/",
        {"kind": "mastodon", "url": "https://m.example", "tag": "two words"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "een Mastodon-hashtag is één woord" in html
    assert "tag: " not in html  # the field is named by the form, not by an English prefix


def test_the_outbox_says_its_own_notice_in_the_readers_language(dutch: Lend) -> None:
    dutch({SENDER_STOPPED: "De verzender stopte tijdens het verzenden."})
    event = make_event(slug="ws")
    organizer = make_user()
    make_role(event=event, user=organizer)
    person = make_person()
    message = message_queue(kind="broadcast", to_email=person.email, to_name=person.name,
                            person=person, event=event, key="b1",
                            context={"subject": "Hello room", "body": "Bring a laptop."})
    Message.objects.filter(pk=message.pk).update(last_error=SENDER_STOPPED)
    client = in_dutch(login(organizer))
    for url in ("/events/ws/organize/messages/",
                f"/events/ws/organize/messages/{message.pk}/"):
        html = client.get(url).content.decode()
        assert "De verzender stopte tijdens het verzenden." in html, url
        assert "The sender stopped" not in html, url


@pytest.mark.parametrize(("fields", "shown"), [
    ({"hashtags": []}, False),
    ({"hashtags": ["#msm"]}, True),
    ({"hashtags": [], "wiki_url": "https://wiki.example"}, True),
    ({"hashtags": [], "content_guide": "Post photos, not faces."}, True),
])
def test_the_hub_offers_the_conversation_only_with_something_to_join(fields: dict[str, object],
                                                                      shown: bool) -> None:
    make_event(slug="ws", **fields)
    html = Client().get("/events/ws/").content.decode()
    assert ('id="social-h"' in html) is shown
    assert "<dl>\n    </dl>" not in html


def test_the_organizers_bulk_actions_are_named_in_the_page_language(dutch: Lend) -> None:
    # A module-level table of words: lazy, so read per request and not once at import.
    dutch({"Move to the waiting list": "Naar de wachtlijst"})
    event = make_event(slug="conf")
    organizer = make_user()
    make_role(event=event, user=organizer)
    make_registration(event=event, person=make_person())
    html = in_dutch(login(organizer)).get("/events/conf/organize/").content.decode()
    assert '<option value="waitlist">Naar de wachtlijst</option>' in html


def test_the_capacity_refusal_agrees_with_the_number_of_people(dutch: Lend) -> None:
    dutch({("%(title)s has no seat free (%(taken)s of %(capacity)s taken), so %(people)s "
            "person cannot be promoted.", 0): "%(title)s is vol; %(people)s persoon wacht.",
           ("%(title)s has no seat free (%(taken)s of %(capacity)s taken), so %(people)s "
            "person cannot be promoted.", 1): "%(title)s is vol; %(people)s personen wachten.",
           ("Raise the capacity to %(needed)s to give this person a seat.", 0):
               "Verhoog naar %(needed)s.",
           ("Raise the capacity to %(needed)s to give this person a seat.", 1):
               "Verhoog naar %(needed)s voor hen."})
    event = make_event(slug="conf", title="Summit", capacity=1)
    make_registration(event=event, person=make_person())
    waiting = [make_registration(event=event, status="waitlisted", person=make_person())
               for _ in range(2)]
    with translation.override("nl"), pytest.raises(CapacityRefused) as refused:
        registrations_promote(event=event, ids=[r.pk for r in waiting])
    assert str(refused.value) == "Summit is vol; 2 personen wachten. Verhoog naar 3 voor hen."
