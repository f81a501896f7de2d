"""Issue 29: in each shipped language, the key pages say nothing in English and
``<html lang>`` names the language.

One event world with a planned attendee (level, agenda with reasons, a table seat, wall
posts, messages) and its organizer; every name and title in it is a proper noun, so any
English a page shows is the site's own. The language is chosen as a reader chooses it: the
switcher's cookie. A sentence reads as English when it holds English function words
(tests/i18n/visible_text.py); each one found is reported with its place in the catalogue, so
a missing translation tells apart from an unmarked string.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from immerse.backchannel.models import Post
from immerse.common.languages import KNOWN
from immerse.events.models import Room
from immerse.notify.services import messages_send
from immerse.people.models import Person
from immerse.program.services.planning import agenda_run_create, agenda_run_execute
from immerse.tables.models import TableSeat
from immerse.tables.services import tables_form
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)
from tests.i18n.visible_text import (
    catalogue_status,
    reads_as_english,
    untranslated,
    visible_lines,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "de", "fr", "es"]
E = "/events/forum"
ATTENDEE_PAGES = {
    "home": "/",
    "hub": f"{E}/",
    "program": f"{E}/program/",
    "level": f"{E}/me/",
    "questionnaire": "/me/reassess/",
    "learning path": "/me/path/",
    "my events": "/me/",
    "agenda": f"{E}/me/agenda/",
    "tables": f"{E}/me/tables/",
    "wall": f"{E}/wall/",
    "messages": "/me/messages/",
    "stories": "/stories/",
}
VISITOR_PAGES = {"sign-up": f"{E}/signup/"}
ORGANIZER_PAGES = {
    "dashboard": f"{E}/organize/",
    "program builder": f"{E}/organize/program/builder/",
    "studio": f"{E}/organize/setup/",
    "studio sessions": f"{E}/organize/setup/sessions/",
    "agendas": f"{E}/organize/agendas/",
    "registrations": f"{E}/organize/inventory/",
    "organizer tables": f"{E}/organize/tables/",
    "report": f"{E}/organize/report/",
    "outbox": f"{E}/organize/messages/",
    "settings": f"{E}/organize/settings/",
    "team": f"{E}/organize/team/",
    "listening": f"{E}/listening/",
    "feedback": f"{E}/organize/feedback/",
    "wording": f"{E}/organize/messages/wording/",
}
PAGES = {**ATTENDEE_PAGES, **VISITOR_PAGES, **ORGANIZER_PAGES}
# Reasons on the agenda are the engine's sentences (engine.agenda.reasons), written by each
# language's grammar module: checked on the page with the rest, and on their own below.
ENGINE_SENTENCES = re.compile(r'<p class="reason">.*?</p>', re.S)


@pytest.fixture(autouse=True)
def _all_offered(settings):
    settings.LANGUAGES = list(KNOWN.items())


@pytest.fixture
def world(language: str) -> None:
    """The event "Forum 2030" next month: Anke (level 2) with a planned agenda, a seat at a
    table and messages; Olaf organizes it; two posts on its wall. Everyone chose
    ``language`` (stored on their account), so their messages are written in it."""
    start = timezone.localdate() + timedelta(days=30)
    event = make_event(slug="forum", title="Forum 2030", kind="immersion",
                       start_date=start, end_date=start, capacity=40,
                       hashtags=["#forum2030"], venue="Kulturhaus Nord")
    organizer = make_user("olaf")
    make_person(user=organizer, name="Olaf Berg")
    make_role(event=event, user=organizer)
    anke = make_registration(event=event, level=2, interests=["video"], person=make_person(
        user=make_user("anke"), name="Anke Visser", organization="Stadtwerke Delft",
        discipline="marketing"))
    for k in range(11):
        make_registration(event=event, level=1 + k % 4, person=make_person(
            name=f"Kim Lund {k}", organization=f"Atelier {k % 4}", is_expert=k < 2))
    _program(event)
    Person.objects.update(language=language)
    run = agenda_run_create(event=event, user=organizer, time_limit=5, seed=1, notify=True)
    assert agenda_run_execute(run.pk).status == "done"
    tables_form(session=event.sessions.get(format="table"), table_size=4, time_limit=1, seed=1)
    messages_send()
    now = timezone.now()
    for n, (author, text) in enumerate([("anke", "#forum2030 Mastodon!"),
                                        ("kim", "#forum2030 Bluesky, Pixelfed, PeerTube")]):
        Post.objects.create(event=event, source="mastodon", source_id=str(n), author=author,
                            text=text, created_at=now - timedelta(minutes=n))
    assert anke.agenda.exists() and TableSeat.objects.filter(registration=anke).exists()


def _program(event) -> None:
    sessions = [("Mastodon", "story", (1, 2), 9), ("PeerTube", "lab", (1, 2), 11),
                ("Pixelfed", "workshop", (3, 4), 11), ("Agora", "table", (1, 2, 3, 4), 14)]
    for title, fmt, levels, hour in sessions:
        make_session(event=event, title=title, fmt=fmt, levels=levels, start_hour=hour,
                     capacity=40)
    Room.objects.filter(event=event).update(name="Agora")


def _client(language: str, username: str | None) -> Client:
    client = Client()
    client.cookies["django_language"] = language  # what the switcher stores
    if username:
        assert client.login(username=username, password=PASSWORD)
    return client


def _english(html: str, language: str) -> list[str]:
    """Each English-looking line once, with what the catalogue says of it."""
    lines = dict.fromkeys(line for line in visible_lines(html)
                          if reads_as_english(line) or untranslated(line, language))
    return [f"{line!r} ({catalogue_status(line, language)})" for line in lines]


def _visitor(name: str) -> str | None:
    return "anke" if name in ATTENDEE_PAGES else "olaf" if name in ORGANIZER_PAGES else None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_key_pages_say_nothing_in_english(world, language: str) -> None:
    """Every key page, each English-looking sentence named with its page (one world for
    all pages: planning it is the slow part)."""
    found: dict[str, list[str]] = {}
    clients = {username: _client(language, username) for username in ("anke", "olaf", None)}
    for name, path in PAGES.items():
        page = clients[_visitor(name)].get(path)
        assert page.status_code == 200, f"{name} {path}: {page.status_code}"
        html = page.content.decode()
        assert f'<html lang="{language}">' in html, name
        english = _english(html, language)
        if english:
            found[f"{name} ({path})"] = english
    assert found == {}, f"English in {language}:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(lines) for page, lines in found.items())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agendas_reasons_are_in_the_language(world, language: str) -> None:
    html = _client(language, "anke").get(ATTENDEE_PAGES["agenda"]).content.decode()
    reasons = ENGINE_SENTENCES.findall(html)
    assert reasons
    assert _english("".join(reasons), language) == []


@pytest.mark.parametrize("language", ["en"])
def test_the_world_has_everything_the_pages_show(world, language: str) -> None:
    """Guards the test itself: each part of the world shows on its page (in English)."""
    def text(username: str | None, path: str) -> str:
        return " ".join(visible_lines(_client(language, username).get(path).content.decode()))

    assert "Why:" in text("anke", ATTENDEE_PAGES["agenda"])
    assert "Agora" in text("anke", ATTENDEE_PAGES["tables"])
    assert "Bluesky, Pixelfed, PeerTube" in text("anke", ATTENDEE_PAGES["wall"])
    assert "Forum 2030" in text("anke", ATTENDEE_PAGES["messages"])
    assert date.today().year <= 2100


def test_english_is_found_in_what_a_reader_sees_and_hears() -> None:
    """The rule itself: English sentences and translated messages left in English are
    found, in text and in spoken attributes; German ones and scripts are not."""
    html = ('<p>Deine Agenda ist <em>fertig</em>.</p><p>Your agenda is <em>ready</em>.</p>'
            '<script>var the = "and";</script><input placeholder="Search the posts">'
            '<button>Move to the waiting list</button><p>Mastodon, Bluesky</p>')
    assert visible_lines(html) == ["Deine Agenda ist fertig.", "Your agenda is ready.",
                                   "Search the posts", "Move to the waiting list",
                                   "Mastodon, Bluesky"]
    assert [line for line in visible_lines(html)
            if reads_as_english(line) or untranslated(line, "de")] == [
        "Your agenda is ready.", "Search the posts", "Move to the waiting list"]
