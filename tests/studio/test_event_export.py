"""Exports on the web for organizers: the program as frab XML (valid against the schedule
XSD) and schedule JSON, from the settings page."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from immerse.engine.formats.frab_xml import validate_frab_xml
from immerse.studio.services.events import EventDetails, event_create
from tests.factories import PASSWORD, make_role, make_user
from tests.shared_data import shared_data

pytestmark = pytest.mark.django_db
XSD = shared_data("formats", "schemas", "schedule.xml.xsd")


@pytest.fixture
def summit(creator):
    return event_create(by=creator, template="workshop", details=EventDetails(
        title="Summit", start_date=date(2027, 5, 3), end_date=None, time_zone="Europe/Paris",
        venue="", capacity=25, visibility="draft"))


def test_the_schedule_downloads_as_valid_frab_xml_and_json(browser, summit) -> None:
    page = browser.get("/events/summit/organize/settings/").content.decode()
    assert 'href="/events/summit/organize/export/schedule.xml" download' in page
    xml = browser.get("/events/summit/organize/export/schedule.xml")
    assert xml["Content-Type"] == "application/xml"
    assert xml["Content-Disposition"] == 'attachment; filename="summit.schedule.xml"'
    assert b"<title>Your plan to take home</title>" in xml.content
    if XSD.is_file():
        validate_frab_xml(xml.content, XSD)
    document = json.loads(browser.get("/events/summit/organize/export/schedule.json").content)
    assert document["schedule"]["conference"]["title"] == "Summit"
    assert browser.get("/events/summit/organize/export/schedule.pdf").status_code == 404


def test_another_organizer_gets_no_export(summit) -> None:
    make_role(event=summit, user=make_user("helper"), role="facilitator")
    client = Client()
    assert client.login(username="helper", password=PASSWORD)
    assert client.get("/events/summit/organize/export/schedule.xml").status_code == 404
