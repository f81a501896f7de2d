"""Take-home plans: versions and diffs, one-page PDF, reviews, expert comments, check-ins."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from immerse.learning.models import Plan, PlanCheckin, PlanComment
from immerse.learning.pdf import plan_pdf
from immerse.people.models import Registration
from immerse.program.models import AgendaItem
from immerse.tables.models import TableSeat
from tests.factories import make_event, make_role, make_session, make_user, session_started
from tests.learning.factories import login, make_attendee, make_plan

pytestmark = pytest.mark.django_db

PLAN_POST = {"goal": "Listen to our customers online", "listen_first": "Forums in our sector",
             "tools": ["forums", "microblogging"], "step_1": "Set up alerts",
             "step_2": "Read for a month", "step_3": "Share findings", "success": "Two insights",
             "risk_legal": "Privacy of names", "risk_culture": "", "risk_security": ""}


@pytest.fixture
def workshop():
    event = make_event(slug="prep-workshop")
    author_user, author = make_attendee(event=event, level=3)
    return {"event": event, "author_user": author_user, "author": author}


def test_participant_drafts_a_plan_in_a_session(workshop) -> None:
    event = workshop["event"]
    session = make_session(event=event, fmt="workshop")
    client = login(workshop["author_user"])
    response = client.post(f"/events/{event.slug}/plans/new/?session={session.pk}", PLAN_POST)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/me/plans/{plan.pk}/"
    version = plan.versions.get()
    assert (plan.session, version.number, version.tools) == (session, 1, ["forums",
                                                                          "microblogging"])
    assert client.get(f"/me/plans/{plan.pk}/").status_code == 200


def test_non_participants_cannot_draft_plans_for_an_event(workshop) -> None:
    outsider = make_user()
    response = login(outsider).post(f"/events/{workshop['event'].slug}/plans/new/", PLAN_POST)
    assert response.status_code == 403
    assert not Plan.objects.exists()


def test_each_save_keeps_the_previous_version_and_history_shows_the_diff(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"])
    client = login(workshop["author_user"])
    client.post(f"/me/plans/{plan.pk}/edit/", {**PLAN_POST, "goal": "Start listening",
                                               "step_1": "Set up two alerts"})
    client.post(f"/me/plans/{plan.pk}/edit/", {**PLAN_POST, "goal": "Start listening",
                                               "step_1": "Set up two alerts"})  # unchanged
    numbers = list(plan.versions.values_list("number", "step_1"))
    assert numbers == [(2, "Set up two alerts"), (1, "Set up alerts")]
    html = client.get(f"/me/plans/{plan.pk}/history/").content.decode()
    assert '<span class="sr-only">Removed: </span><del>Set up alerts</del>' in html
    assert '<span class="sr-only">Added: </span><ins>Set up two alerts</ins>' in html
    assert "Version 2" in html and "Version 1" in html
    assert "The first version." in html  # version 1 has nothing before it


def test_only_the_author_edits(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"])
    reviewer_user, reviewer = make_attendee(event=workshop["event"])
    plan.reviewers.add(reviewer)
    response = login(reviewer_user).post(f"/me/plans/{plan.pk}/edit/", PLAN_POST)
    assert response.status_code == 403
    assert plan.versions.count() == 1


def test_plan_pdf_is_one_page_with_the_goal(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"],
                     goal="Listen to our customers online")
    response = login(workshop["author_user"]).get(f"/me/plans/{plan.pk}/plan.pdf")
    data = response.content
    assert response["Content-Type"] == "application/pdf"
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", data)) == 1
    assert b"Listen to our customers online" in data


def test_a_very_long_plan_still_fits_one_page(workshop) -> None:
    long_text = "A long paragraph about the plan. " * 120
    plan = make_plan(person=workshop["author"], event=workshop["event"], success=long_text,
                     risk_legal=long_text, listen_first=long_text)
    data = plan_pdf(version=plan.versions.get(), person_name="Ann", event_title="Prep")
    assert len(re.findall(rb"/Type /Page\b", data)) == 1


def test_plans_are_private_to_author_reviewers_and_experts(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"])
    other_user, _ = make_attendee(event=workshop["event"])
    assert login(other_user).get(f"/me/plans/{plan.pk}/").status_code == 404
    assert login(other_user).get(f"/me/plans/{plan.pk}/plan.pdf").status_code == 404
    assert Client().get(f"/me/plans/{plan.pk}/").status_code == 302


def _seat(session, person, table: int) -> None:
    registration = Registration.objects.get(event=session.event, person=person)
    TableSeat.objects.create(session=session, registration=registration, table=table)


def _on_agenda(session, *persons) -> None:
    for person in persons:
        AgendaItem.objects.create(session=session, registration=Registration.objects.get(
            event=session.event, person=person))


def _invite_options(client, plan) -> str:
    html = client.get(f"/me/plans/{plan.pk}/").content.decode()
    return " ".join(html[html.find("Invite a tablemate"):html.find("Edit (saves")].split())


def test_author_invites_tablemates_of_the_same_event_only(workshop) -> None:
    event = workshop["event"]
    tables = make_session(event=event, title="Round tables", fmt="table")
    plan = make_plan(person=workshop["author"], event=event)
    _, tablemate = make_attendee(event=event)
    _, other_table = make_attendee(event=event)
    _, stranger = make_attendee(event=make_event())
    _seat(tables, workshop["author"], 1)
    _seat(tables, tablemate, 1)
    _seat(tables, other_table, 2)
    client = login(workshop["author_user"])
    for someone in (stranger, workshop["author"], other_table, tablemate):
        client.post(f"/me/plans/{plan.pk}/invite/", {"reviewer": someone.pk})
    assert list(plan.reviewers.all()) == [tablemate]


def test_invite_picker_lists_the_authors_tablemates_not_everyone(workshop) -> None:
    """It once listed all 91 registrations of the event."""
    event = workshop["event"]
    tables = make_session(event=event, title="Round tables", fmt="table")
    plan = make_plan(person=workshop["author"], event=event)
    _, mate = make_attendee(event=event, name="Mia Tablemate")
    _, elsewhere = make_attendee(event=event, name="Eli Elsewhere")
    _seat(tables, workshop["author"], 3)
    _seat(tables, mate, 3)
    _seat(tables, elsewhere, 1)
    options = _invite_options(login(workshop["author_user"]), plan)
    assert '<optgroup label="Your tablemates">' in options
    assert f'<option value="{mate.pk}">Mia Tablemate (table 3 at Round tables, ' in options
    assert "Eli Elsewhere" not in options and "People in your sessions" not in options


def test_without_tablemates_the_picker_offers_people_of_the_authors_sessions(
        workshop) -> None:
    event = workshop["event"]
    clinic = make_session(event=event, title="Plan clinic", fmt="workshop", start_hour=9)
    talk = make_session(event=event, title="Keynote", start_hour=11)
    plan = make_plan(person=workshop["author"], event=event)
    Plan.objects.filter(pk=plan.pk).update(session=clinic)
    _, peer = make_attendee(event=event, name="Pia Peer")
    _, listener = make_attendee(event=event, name="Lou Listener")
    _, absent = make_attendee(event=event, name="Abe Absent")
    _on_agenda(clinic, workshop["author"], peer)
    _on_agenda(talk, workshop["author"], listener, peer)
    options = _invite_options(login(workshop["author_user"]), plan)
    assert "You have no tablemates at" in options and "those from Plan clinic first" in options
    assert '<optgroup label="People in your sessions">' in options
    assert "Your tablemates" not in options.replace("Invite a tablemate", "")
    assert options.index("Pia Peer (2 sessions in common") < options.index(
        "Lou Listener (also in Keynote)")
    assert "Abe Absent" not in options and str(absent.pk) not in options.split("optgroup")[1]


def test_with_nobody_met_yet_the_picker_says_so(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"])
    make_attendee(event=workshop["event"], name="Nat Notmet")
    options = _invite_options(login(workshop["author_user"]), plan)
    assert "There is nobody to invite yet" in options
    assert "<select" not in options and "Nat Notmet" not in options


def test_invited_reviewer_reviews_but_cannot_add_expert_comments(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"])
    reviewer_user, reviewer = make_attendee(event=workshop["event"])
    plan.reviewers.add(reviewer)
    client = login(reviewer_user)
    assert client.get(f"/me/plans/{plan.pk}/").status_code == 200
    ok = client.post(f"/me/plans/{plan.pk}/comment/", {"kind": "review", "body": "Step 2?"})
    refused = client.post(f"/me/plans/{plan.pk}/comment/", {"kind": "expert", "body": "x"})
    assert (ok.status_code, refused.status_code) == (302, 403)
    assert list(PlanComment.objects.values_list("kind", "body", "version__number")) == [
        ("review", "Step 2?", 1)]


def test_empty_review_is_a_form_error_not_a_refusal(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"])
    reviewer_user, reviewer = make_attendee(event=workshop["event"])
    plan.reviewers.add(reviewer)
    response = login(reviewer_user).post(f"/me/plans/{plan.pk}/comment/",
                                         {"kind": "review", "body": "   "}, follow=True)
    assert response.redirect_chain == [(f"/me/plans/{plan.pk}/", 302)]
    assert "Write a comment first." in response.content.decode()
    assert not PlanComment.objects.exists()


def test_uninvited_participants_cannot_review(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"])
    other_user, _ = make_attendee(event=workshop["event"])
    response = login(other_user).post(f"/me/plans/{plan.pk}/comment/",
                                      {"kind": "review", "body": "Hi"})
    assert response.status_code == 404
    assert not PlanComment.objects.exists()


def test_giving_feedback_on_the_plans_session_does_not_make_a_reviewer(workshop) -> None:
    """Issue 30, item 5: feedback through the API (even on a session not on one's agenda)
    once opened every plan from that session, and its PDF, to the person who gave it."""
    event = workshop["event"]
    session = session_started(make_session(event=event, fmt="workshop"))
    plan = make_plan(person=workshop["author"], event=event)
    Plan.objects.filter(pk=plan.pk).update(session=session)
    stranger_user, _ = make_attendee(event=event, attends=[session])
    client = login(stranger_user)
    assert client.post(f"/events/{event.slug}/sessions/{session.pk}/feedback/",
                       {"rating": "4"}).status_code == 302
    for page in ("", "history/", "plan.pdf"):
        assert client.get(f"/me/plans/{plan.pk}/{page}").status_code == 404, page
    response = client.post(f"/me/plans/{plan.pk}/comment/", {"kind": "review", "body": "Hi"})
    assert response.status_code == 404
    assert not PlanComment.objects.exists()


def test_the_authors_tablemates_read_and_review_the_plan(workshop) -> None:
    event = workshop["event"]
    tables = make_session(event=event, title="Round tables", fmt="table")
    plan = make_plan(person=workshop["author"], event=event)
    mate_user, mate = make_attendee(event=event)
    other_user, other_table = make_attendee(event=event)
    _seat(tables, workshop["author"], 1)
    _seat(tables, mate, 1)
    _seat(tables, other_table, 2)
    assert login(other_user).get(f"/me/plans/{plan.pk}/plan.pdf").status_code == 404
    client = login(mate_user)
    assert client.get(f"/me/plans/{plan.pk}/plan.pdf").status_code == 200
    response = client.post(f"/me/plans/{plan.pk}/comment/", {"kind": "review", "body": "Good"})
    assert response.status_code == 302
    assert PlanComment.objects.get().kind == "review"


def test_facilitator_adds_expert_comment_but_not_a_peer_review(workshop) -> None:
    plan = make_plan(person=workshop["author"], event=workshop["event"])
    expert = make_user()
    make_role(event=workshop["event"], user=expert, role="facilitator")
    from tests.factories import make_person

    make_person(user=expert, is_expert=True)
    client = login(expert)
    assert client.get(f"/me/plans/{plan.pk}/").status_code == 200
    assert client.post(f"/me/plans/{plan.pk}/comment/",
                       {"kind": "expert", "body": "Mind the GDPR"}).status_code == 302
    assert client.post(f"/me/plans/{plan.pk}/comment/",
                       {"kind": "review", "body": "x"}).status_code == 403
    html = login(workshop["author_user"]).get(f"/me/plans/{plan.pk}/").content.decode()
    assert "Expert comment" in html and "Mind the GDPR" in html


def test_plan_is_revisited_at_the_next_event(workshop) -> None:
    from datetime import date

    plan = make_plan(person=workshop["author"], event=workshop["event"])
    later = make_event(slug="next-one", start_date=date(2027, 9, 1), end_date=date(2027, 9, 1))
    from tests.factories import make_registration

    make_registration(event=later, person=workshop["author"])
    client = login(workshop["author_user"])
    page = client.get(f"/me/plans/{plan.pk}/checkin/")
    assert "Did step 1 happen? Set up alerts" in page.content.decode()
    response = client.post(f"/me/plans/{plan.pk}/checkin/", {
        "status_1": "done", "note_1": "Alerts run daily", "status_2": "partly", "note_2": "",
        "status_3": "not_yet", "note_3": ""})
    assert response.status_code == 302
    assert list(PlanCheckin.objects.values_list("step", "status", "event__slug")) == [
        (1, "done", "next-one"), (2, "partly", "next-one"), (3, "not_yet", "next-one")]
    path = client.get("/me/path/").content.decode()
    assert "Step 1: Done — Alerts run daily" in path


def test_invite_picker_queries_do_not_grow_with_the_people_met(workshop) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = workshop["event"]
    talk = make_session(event=event, title="Keynote")
    plan = make_plan(person=workshop["author"], event=event)
    _on_agenda(talk, workshop["author"])
    client = login(workshop["author_user"])
    client.get(f"/me/plans/{plan.pk}/")  # the navigation's unread count is cached after it
    counts = []
    for _ in range(2):
        for _ in range(6):
            _on_agenda(talk, make_attendee(event=event)[1])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/me/plans/{plan.pk}/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
