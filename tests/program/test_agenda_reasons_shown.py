"""The reason a session is on someone's agenda is written in the reader's language: on the
agenda page in the page's language, in the agenda mail in the recipient's. The stored text
stays English (API, exports, backups); a row from before the parts shows it as stored.
The run's outcome is written in the organizer's page language, the hub's room summary in
its reader's."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.notify.models import Message
from immerse.notify.services import message_rendered
from immerse.program.models import AgendaItem
from immerse.program.services.planning import agenda_run_start
from tests.factories import make_registration, make_role, make_user
from tests.program.test_agendas import small_event

pytestmark = pytest.mark.django_db

AGENDA = "/events/ws/me/agenda/"
ENGLISH = ("You asked about video. Your level card puts story sessions first. "
           "Made for Eye-opener, your level.")


@pytest.fixture(autouse=True)
def _all_offered(settings):
    settings.LANGUAGES = [("en", "English"), ("nl", "Nederlands"), ("de", "Deutsch"),
                          ("fr", "Français"), ("es", "Español")]


def _planned(language: str):
    """A planned small event whose first beginner reads ``language``."""
    event, sessions, regs = small_event()
    person = regs[0].person
    person.user, person.language = make_user(), language
    person.save()
    agenda_run_start(event=event, user=None)
    return regs[0], sessions


def test_a_german_reader_sees_the_reason_in_german_on_the_agenda_page() -> None:
    registration, sessions = _planned("de")
    item = AgendaItem.objects.get(registration=registration, session=sessions["stories"])
    assert item.reason == ENGLISH  # what the API, exports and backups read
    client = Client()
    client.force_login(registration.person.user)

    page = client.get(AGENDA).content.decode()

    assert ("Warum: Du interessierst dich für video. Deine Stufenkarte nennt Geschichten "
            "und Praxisbeispiele zuerst. Gemacht für Augenöffner, deine Stufe.") in page
    assert "Made for" not in page


def test_an_english_reader_and_an_old_row_show_the_stored_text() -> None:
    registration, _sessions = _planned("en")
    client = Client()
    client.force_login(registration.person.user)
    assert f"Why: {ENGLISH}" in client.get(AGENDA).content.decode()

    registration.person.language = "de"
    registration.person.save()
    AgendaItem.objects.filter(registration=registration).update(reason_parts=[])
    client.force_login(registration.person.user)  # the stored language joins the session
    assert f"Warum: {ENGLISH}" in client.get(AGENDA).content.decode()


def test_the_agenda_mail_gives_the_reason_in_the_recipients_language() -> None:
    registration, _sessions = _planned("nl")
    message = Message.objects.get(kind="agenda_ready", person=registration.person)

    rendered = message_rendered(message)

    dutch = ("Je wilde meer weten over video. Je niveaukaart zet sessies met verhalen en "
             "praktijkvoorbeelden bovenaan. Gemaakt voor Eyeopener, jouw niveau.")
    assert dutch in rendered.text and dutch in rendered.html
    assert "Made for" not in rendered.text


def test_a_german_organizer_reads_the_runs_outcome_in_german() -> None:
    event, _sessions, _regs = small_event()
    run = agenda_run_start(event=event, user=None)
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.force_login(organizer)
    client.cookies["django_language"] = "de"

    page = client.get(f"/events/ws/organize/agendas/runs/{run.pk}/").content.decode()

    assert "<li>4 Personen haben eine persönliche Agenda über 2 Zeitfenster." in page
    assert "Alle haben in jedem Zeitfenster eine Session auf ihrer Stufe." in page
    assert "have a personal agenda" not in page


def test_the_hubs_room_summary_is_in_the_readers_language() -> None:
    event, _sessions, _regs = small_event()
    for _ in range(3):  # seven people: enough for the summary (it waits for five)
        make_registration(event=event, level=1)
    client = Client()
    client.cookies["django_language"] = "nl"

    page = client.get("/events/ws/").content.decode()

    assert "7 mensen uit " in page and " people from " not in page


def test_the_inventorys_themes_are_named_in_the_organizers_language() -> None:
    event, _sessions, regs = small_event()
    for registration in regs:
        registration.problems = "Legal must approve every post and the policy is strict."
        registration.save()
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.force_login(organizer)
    client.cookies["django_language"] = "fr"

    page = client.get("/events/ws/organize/inventory/").content.decode()

    assert "Validation, règles et risques" in page
    assert "Approval, policy and risk" not in page
