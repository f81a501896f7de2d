"""Imported schedules in the app (issue 30, items 20–23): the recording opt-out survives
every trip and organizers see it, logos and biographies are kept, a talk at the day change
stays on its day, and a session page shows the schedule's HTML made safe and its speakers."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from immerse.events.models import Event, Session
from immerse.program.selectors import schedule_export
from immerse.program.services.schedule import parse_schedule, schedule_import
from tests.factories import PASSWORD, make_role, make_user
from tests.shared_data import shared_data

SHARED = shared_data("formats")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SHARED.is_dir(), reason=f"real schedules absent: {SHARED}"),
]
OPTED_OUT_31C3 = ["Citizenfour", "Googlequiz – 2015er Edition"]


def _import(name: str, slug: str) -> Event:
    data = (SHARED / "examples" / name).read_bytes()
    return schedule_import(schedule=parse_schedule(data, source=name), slug=slug).event


def _reimport(event: Event, fmt: str, slug: str) -> Event:
    exported = schedule_export(event=event, fmt=fmt)
    return schedule_import(schedule=parse_schedule(exported, source=fmt), slug=slug).event


def _opted_out(event: Event) -> list[str]:
    return sorted(Session.objects.filter(event=event, do_not_record=True)
                  .values_list("title", flat=True))


# ---- item 20: "do not record", logos, biographies ------------------------------------------


def test_recording_opt_out_is_imported_and_survives_every_round_trip() -> None:
    event = _import("31c3.schedule.xml", "congress")
    assert _opted_out(event) == OPTED_OUT_31C3

    assert _opted_out(_reimport(event, "xml", "xml-xml")) == OPTED_OUT_31C3
    assert _opted_out(_reimport(event, "json", "xml-json")) == OPTED_OUT_31C3
    through_json = _reimport(_reimport(event, "json", "via-json"), "xml", "via-json-xml")
    assert _opted_out(through_json) == OPTED_OUT_31C3


def test_recording_opt_out_of_a_json_schedule_survives_json() -> None:
    event = _import("pretalx-rc3.schedule.json", "rc3")
    opted_out = _opted_out(event)
    assert len(opted_out) == 3

    assert _opted_out(_reimport(event, "json", "rc3-json")) == opted_out
    assert _opted_out(_reimport(event, "xml", "rc3-xml")) == opted_out


def _organizer_client(event: Event) -> Client:
    user = make_user()
    make_role(event=event, user=user)
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_organizers_see_do_not_record_on_the_session_page_and_program_others_do_not() -> None:
    event = _import("31c3.schedule.xml", "congress")
    citizenfour = Session.objects.get(event=event, title="Citizenfour")
    page = f"/events/congress/sessions/{citizenfour.pk}/"
    program = "/events/congress/program/?day=all&level=all"
    organizer, visitor = _organizer_client(event), Client()

    assert "the speakers asked not to be recorded" in organizer.get(page).content.decode()
    assert "not to be recorded" not in visitor.get(page).content.decode()
    shown = organizer.get(program).content.decode()
    assert shown.count('class="tag do-not-record"') == len(OPTED_OUT_31C3) == 2
    assert "do-not-record" not in visitor.get(program).content.decode()


def test_logos_and_biographies_survive_import_and_export() -> None:
    camp = _import("frab-camp2019.schedule.json", "camp")
    logos = sorted(logo for logo in Session.objects.filter(event=camp)
                   .values_list("external_data__logo", flat=True) if logo)
    assert len(logos) == 28 and logos[0].startswith("https://fahrplan.events.ccc.de/system/")
    for fmt in ("json", "xml"):
        exported = parse_schedule(schedule_export(event=camp, fmt=fmt), source=fmt)
        assert sorted(e.logo for e in exported.events if e.logo) == logos, fmt
    rc3 = _import("pretalx-rc3.schedule.json", "rc3")
    exported = parse_schedule(schedule_export(event=rc3, fmt="json"), source="json")
    assert sum(1 for e in exported.events for p in e.persons if p.biography) == 38


# ---- item 22: a talk at the day change -------------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")
DAY_CHANGE_XML = b"""<?xml version="1.0"?><schedule><version>1</version><conference>
<acronym>congress</acronym><title>Congress</title><time_zone_name>Europe/Berlin</time_zone_name>
</conference>
<day index="1" date="2014-12-27" start="2014-12-27T06:00:00+01:00" end="2014-12-28T06:00:00+01:00">
<room name="Saal 1"><event id="1"><date>2014-12-27T23:00:00+01:00</date><duration>01:00</duration>
<title>Late</title></event></room></day>
<day index="2" date="2014-12-28" start="2014-12-28T06:00:00+01:00" end="2014-12-29T06:00:00+01:00">
<room name="Saal 1"><event id="2"><date>2014-12-28T06:00:00+01:00</date><duration>00:30</duration>
<title>At the day change</title></event></room></day></schedule>"""


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_talk_at_exactly_the_day_change_stays_on_its_day(fmt: str) -> None:
    event = schedule_import(schedule=parse_schedule(DAY_CHANGE_XML, source="congress.xml"),
                            slug="day-change").event

    exported = parse_schedule(schedule_export(event=event, fmt=fmt), source=fmt)

    assert [(day.date, [e.title for e in day.events]) for day in exported.days] == [
        (date(2014, 12, 27), ["Late"]), (date(2014, 12, 28), ["At the day change"])]
    assert exported.days[1].events[0].start == datetime(2014, 12, 28, 6, tzinfo=BERLIN)


# ---- item 23: the session page of an imported talk --------------------------------------------


def test_fosdem_session_page_shows_the_abstract_as_safe_html_and_the_speakers() -> None:
    event = _import("fosdem-2024.schedule.xml", "fosdem")
    session = Session.objects.get(event=event, title="Welcome to FOSDEM 2024")
    speakers = [p["name"] for p in session.external_data["persons"]]
    assert speakers == ["FOSDEM Staff", "Richard \"RichiH\" Hartmann"]

    html = Client().get(f"/events/fosdem/sessions/{session.pk}/").content.decode()

    assert "<p>FOSDEM welcome and opening talk.</p>" in html
    assert "&lt;p&gt;" not in html
    assert "Speakers: FOSDEM Staff, Richard &quot;RichiH&quot; Hartmann" in html


def test_imported_html_is_sanitised_on_the_session_page() -> None:
    event = _import("31c3.schedule.xml", "congress")
    session = Session.objects.filter(event=event).first()
    assert session is not None
    session.abstract = ('<p onclick="steal()">Hi <a href="javascript:alert(1)">x</a>'
                        '<script>alert(2)</script><a href="https://ccc.de/">CCC</a></p>')
    session.save()

    html = Client().get(f"/events/congress/sessions/{session.pk}/").content.decode()

    assert ('<p>Hi <a rel="nofollow noopener noreferrer">x</a><a href="https://ccc.de/" '
            'rel="nofollow noopener noreferrer">CCC</a></p>') in html
    assert "steal()" not in html and "alert(" not in html
