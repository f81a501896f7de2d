"""Reports for sponsors: exact figures on a hand-made event, CSV and PDF, per organization."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import orjson
import pytest

from immerse.engine.formats.signup_sheet import read_signup_sheet
from immerse.learning.models import PlanCheckin
from immerse.learning.selectors.reports import event_report
from immerse.people.services.imports import attendees_import
from tests.factories import make_event, make_role, make_user
from tests.learning.factories import at, login, make_assessment, make_attendee, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported_event():
    """Four confirmed attendees and one waitlisted one, assessed before and after."""
    event = make_event(slug="report-me", start_date=date(2026, 3, 1), end_date=date(2026, 3, 5))
    before, after = at(2026, 2, 1), at(2026, 4, 1)
    _, ann = make_attendee(event=event, level=1, organization="ACME")
    make_assessment(person=ann, level=1, when=at(2025, 1, 1), tools={"blogging": "never"})
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
    plan = make_plan(person=ann, event=event)
    make_plan(person=cy, event=event)
    make_plan(person=wait, event=event)
    for step, status in ((1, "partly"), (1, "done"), (2, "not_yet")):  # the latest counts
        PlanCheckin.objects.create(plan=plan, step=step, status=status)
    return event


def test_report_figures_are_exact(reported_event) -> None:
    report = event_report(event=reported_event)
    assert report.as_dict() == {
        "event": "report-me", "organization": "", "attendees": 4,
        "level_movement": {"1->2": 1, "2->3": 1, "3->3": 1},
        "plans": 2,
        "tools_adopted": {"blogging": 1, "microblogging": 1, "wikis": 1},
        "reassessed": 3,  # the fourth never retook it: no "1->1" invented for them
        "levels_at_signup": {"1": 2, "2": 1, "3": 1, "4": 0},
        "levels_now": {"1": 1, "2": 1, "3": 2, "4": 0},
        "plans_followed_up": 1,
        "plan_checkins": {"done": 1, "not_yet": 1},
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
    assert page.status_code == 200 and page.content.decode().count("<svg") == 3
    assert orjson.loads(client.get(f"{base}.json").content)["attendees"] == 4
    rows = list(csv.reader(io.StringIO(client.get(f"{base}.csv?organization=ACME")
                                       .content.decode())))
    assert rows == [["metric", "key", "value"], ["attendees", "", "2"], ["plans", "", "1"],
                    ["level_movement", "1->2", "1"], ["level_movement", "2->3", "1"],
                    ["tools_adopted", "blogging", "1"], ["tools_adopted", "microblogging", "1"],
                    ["tools_adopted", "wikis", "1"], ["reassessed", "", "2"],
                    ["levels_at_signup", "1", "1"], ["levels_at_signup", "2", "1"],
                    ["levels_at_signup", "3", "0"], ["levels_at_signup", "4", "0"],
                    ["levels_now", "1", "0"], ["levels_now", "2", "1"],
                    ["levels_now", "3", "1"], ["levels_now", "4", "0"],
                    ["plans_followed_up", "", "1"], ["plan_checkins", "done", "1"],
                    ["plan_checkins", "not_yet", "1"]]
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


def test_report_pdf_draws_its_charts_on_one_page(reported_event) -> None:
    """The PDF once had tables only, and an empty "Tools adopted" table."""
    from pypdf import PdfReader

    organizer = make_user()
    make_role(event=reported_event, user=organizer)
    pdf = login(organizer).get("/events/report-me/organize/report.pdf").content
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    text = " ".join(page.extract_text().split())
    for words in ("Levels at sign-up and now", "1 Eye-opener to 2 Baby steps",
                  "2 Baby steps to 3 Preparation", "Microblogging", "3 retook the questionnaire",
                  "1 of 2 take-home plans had a check-in"):
        assert words in text, words
    stream = page.get_contents().get_data().decode("latin-1")
    bars = stream.count(".043137 .360784 .678431 rg")  # the bars' fill colour
    # levels now (3 rungs with people, and the legend), movement (3), tools (3)
    assert bars == 3 + 1 + 3 + 3


def test_report_explains_an_empty_tools_table(reported_event) -> None:
    organizer = make_user()
    make_role(event=reported_event, user=organizer)
    client = login(organizer)
    globex = " ".join(client.get("/events/report-me/organize/report/?organization=Globex")
                      .content.decode().split())
    assert ("1 of 2 retook the questionnaire; none of them uses a tool monthly or more that "
            "they had never used or only tried before.") in globex
    upcoming = make_event(slug="upcoming", start_date=date(2099, 1, 1),
                          end_date=date(2099, 1, 2))
    make_role(event=upcoming, user=organizer)
    make_attendee(event=upcoming, level=2)
    page = " ".join(client.get("/events/upcoming/organize/report/").content.decode().split())
    assert "has not begun yet" in page
    assert "The event has not begun: tools taken up show here" in page


def test_report_levels_at_sign_up_agree_with_the_inventory(reported_event) -> None:
    organizer = make_user()
    make_role(event=reported_event, user=organizer)
    client = login(organizer)
    report = " ".join(client.get("/events/report-me/organize/report/").content.decode().split())
    inventory = client.get("/events/report-me/organize/inventory/").context["room"]
    assert inventory.levels == {1: 2, 2: 1, 3: 1, 4: 0}
    for label, signup, now in (("1 Eye-opener", 2, 1), ("2 Baby steps", 1, 1),
                               ("3 Preparation", 1, 2), ("4 Just do it", 0, 0)):
        assert f'<th scope="row">{label}</th><td>{signup}</td><td>{now}</td>' in report
    assert "counts them as the" in report and "room inventory" in report


def test_the_reports_level_names_follow_the_page_language(reported_event, settings) -> None:
    settings.LANGUAGES = [("en", "English"), ("de", "Deutsch")]
    organizer = make_user()
    make_role(event=reported_event, user=organizer)
    client = login(organizer)
    client.cookies["django_language"] = "de"

    page = " ".join(client.get("/events/report-me/organize/report/").content.decode().split())

    assert "1 Augenöffner → 2 Erste Schritte" in page
    assert "Eye-opener" not in page
