"""Reports for sponsors: exact figures on a hand-made event, CSV and PDF, per organization."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import orjson
import pytest

from immerse.engine.formats.signup_sheet import read_signup_sheet
from immerse.learning.selectors.reports import event_report
from immerse.people.services.imports import attendees_import
from tests.factories import make_event, make_role, make_user
from tests.learning.factories import at, login, make_assessment, make_attendee, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported_event():
    """Four confirmed attendees and one waitlisted one, assessed before and after."""
    event = make_event(slug="report-me", start_date=date(2027, 3, 1), end_date=date(2027, 3, 5))
    before, after = at(2027, 2, 1), at(2027, 4, 1)
    _, ann = make_attendee(event=event, level=1, organization="ACME")
    make_assessment(person=ann, level=1, when=at(2026, 1, 1), tools={"blogging": "never"})
    make_assessment(person=ann, level=1, when=before, tools={"wikis": "tried"})
    make_assessment(person=ann, level=2, when=after, tools={"blogging": "monthly",
                                                            "wikis": "weekly"})
    _, bob = make_attendee(event=event, level=2, organization="ACME")
    make_assessment(person=bob, level=2, when=before, tools={"blogging": "weekly"})
    make_assessment(person=bob, level=3, when=after, tools={"microblogging": "daily"})
    _, cy = make_attendee(event=event, level=3, organization="Globex")
    make_assessment(person=cy, level=3, when=after, tools={"podcasts": "daily"})  # only after
    make_attendee(event=event, level=1, organization="Globex")  # never assessed
    _, wait = make_attendee(event=event, level=1, status="waitlisted", organization="ACME")
    make_assessment(person=wait, level=1, when=before)
    make_assessment(person=wait, level=4, when=after)
    make_plan(person=ann, event=event)
    make_plan(person=cy, event=event)
    make_plan(person=wait, event=event)
    return event


def test_report_figures_are_exact(reported_event) -> None:
    report = event_report(event=reported_event)
    assert report.as_dict() == {
        "event": "report-me", "organization": "", "attendees": 4,
        "level_movement": {"1->2": 1, "2->3": 1, "3->3": 1},
        "plans": 2,
        "tools_adopted": {"blogging": 1, "microblogging": 1, "wikis": 1},
    }


def test_report_per_sending_organization(reported_event) -> None:
    report = event_report(event=reported_event, organization="Globex")
    assert (report.attendees, report.level_movement, report.plans, report.tools_adopted) == (
        2, {"3->3": 1}, 1, {})


def test_organizer_downloads_json_csv_and_one_page_pdf(reported_event) -> None:
    organizer = make_user()
    make_role(event=reported_event, user=organizer)
    client = login(organizer)
    base = "/events/report-me/organize/report"
    page = client.get(f"{base}/")
    assert page.status_code == 200 and page.content.decode().count("<svg") == 2
    assert orjson.loads(client.get(f"{base}.json").content)["attendees"] == 4
    rows = list(csv.reader(io.StringIO(client.get(f"{base}.csv?organization=ACME")
                                       .content.decode())))
    assert rows == [["metric", "key", "value"], ["attendees", "", "2"], ["plans", "", "1"],
                    ["level_movement", "1->2", "1"], ["level_movement", "2->3", "1"],
                    ["tools_adopted", "blogging", "1"], ["tools_adopted", "microblogging", "1"],
                    ["tools_adopted", "wikis", "1"]]
    pdf = client.get(f"{base}.pdf").content
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b", pdf)) == 1


def test_reports_are_for_organizers_only(reported_event) -> None:
    user, _ = make_attendee(event=reported_event)
    facilitator = make_user()
    make_role(event=reported_event, user=facilitator, role="facilitator")
    for someone in (user, facilitator):
        client = login(someone)
        for suffix in ("/", ".csv", ".pdf", ".json"):
            assert client.get(f"/events/report-me/organize/report{suffix}").status_code == 403


def test_report_counts_tools_adopted_by_sheet_imported_attendees() -> None:
    """Imported assessments carry their snapshot (bulk writes once skipped it: report {})."""
    event = make_event(slug="imported", start_date=date(2020, 3, 1), end_date=date(2020, 3, 2))
    header = "Name;E-mail;Discipline;Blogging;Wikis;plan\n"
    for row in ("Ann;ann@a.example;pr;never;tried;none\n",  # at sign-up
                "Ann;ann@a.example;pr;weekly 3;monthly 2;informal\n"):  # a later sheet
        attendees_import(event=event, sheet=read_signup_sheet((header + row).encode(),
                                                              source="s.csv"))

    report = event_report(event=event)

    assert (report.attendees, report.tools_adopted) == (1, {"blogging": 1, "wikis": 1})
