"""The pages issue 19 read as machine output, read again on the demo: no raw keys, no empty
labels, no doubled words, no keyword triples, no solver jargon outside the details."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from immerse.demo.build import DEMO_PASSWORD
from immerse.engine.wording import wording_problems
from immerse.events.models import Event
from immerse.program.models import AgendaRun
from immerse.program.services.planning import agenda_run_start
from immerse.tables.services import tables_rotation_form

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


_BLOCKS = {"p", "li", "td", "th", "caption", "h1", "h2", "h3", "h4", "div", "section", "dt",
           "dd", "summary", "br", "label", "button", "article", "ul", "table", "tr"}


class _Text(HTMLParser):
    """The words a person sees, with what sits inside <details> kept apart; blocks end with
    "¶" so that words of two boxes never read as one sentence."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        self.folded: list[str] = []
        self._skip = 0
        self._details = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style", "textarea", "select")
        self._details += tag == "details"
        if tag in _BLOCKS:
            self.handle_data(" ¶ ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.handle_data(" ¶ ")
        self._skip -= tag in ("script", "style", "textarea", "select")
        self._details -= tag == "details"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            (self.folded if self._details else self.shown).append(data)


def page_text(html: str) -> tuple[str, str]:
    parser = _Text()
    parser.feed(html)
    return (" ".join(" ".join(parser.shown).split()), " ".join(" ".join(parser.folded).split()))


@pytest.fixture(scope="module")
def planned_immersion(demo_db, django_db_blocker):
    with django_db_blocker.unblock():
        event = Event.objects.get(slug="mobile-immersion")
        run = agenda_run_start(event=event, user=None, time_limit=10)
        tables_rotation_form(event=event, time_limit=3)
        sessions = {s.format: s.pk for s in event.sessions.all()}
    assert run.status == AgendaRun.Status.DONE, run.message
    return event, run, sessions


def test_the_pages_read_as_a_person_wrote_them(planned_immersion) -> None:
    event, run, sessions = planned_immersion
    organizer, attendee = Client(), Client()
    assert organizer.login(username="organizer", password=DEMO_PASSWORD)
    assert attendee.login(username="attendee", password=DEMO_PASSWORD)
    base = f"/events/{event.slug}"
    table = sessions["table"]
    pages = [(organizer, f"{base}/organize/agendas/runs/{run.pk}/"),
             (organizer, f"{base}/organize/program/builder/"),
             (organizer, f"{base}/organize/inventory/"),
             (organizer, f"{base}/organize/tables/"),
             (organizer, f"{base}/organize/tables/{table}/"),
             (attendee, f"{base}/"),
             (attendee, f"{base}/program/"),
             (attendee, f"{base}/me/"),
             (attendee, f"{base}/me/tables/"),
             (attendee, f"{base}/me/agenda/"),
             *((attendee, f"{base}/sessions/{pk}/") for pk in sessions.values()),
             # The attendee's own cycle, and the past edition's report (h-attendee).
             (attendee, f"{base}/me/cancel/"), (attendee, "/me/path/"),
             (attendee, "/me/reassess/?event=mobile-immersion"),
             (organizer, "/events/mobile-immersion-2026/organize/report/"),
             (organizer, "/events/mobile-immersion-2026/organize/feedback/")]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        shown, folded = page_text(response.content.decode())
        assert wording_problems(shown) == [], url
        for jargon in ("total cost", "lower bound", "lagrange", "diversity", "Done: Done",
                       "objective", "for levels 3"):
            assert jargon not in shown, (url, jargon)
        assert not re.search(r"[A-Za-z)]:\s*¶", shown), (url, "a label with nothing after it")
    shown, folded = page_text(organizer.get(f"{base}/organize/agendas/runs/{run.pk}/")
                              .content.decode())
    assert "¶ Everyone has a session at their level in every slot. ¶" in shown
    assert "Total cost (lower is better) ¶" in folded
    shown, _ = page_text(attendee.get(f"{base}/me/agenda/").content.decode())
    assert "Why: Baby steps ¶" not in shown and "Made for Baby steps, your level. ¶" in shown
