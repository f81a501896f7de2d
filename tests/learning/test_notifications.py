"""The learning cycle's messages: review invitations, reviews and expert comments; feedback
after each session with a one-click rating that a mail scanner cannot cast; "did step 1
happen?" at the next event; "where are you now?" a month after."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.test import Client

from immerse.learning.models import Feedback, PlanCheckin
from immerse.learning.notifications import (
    feedback_requests_queue,
    plan_checkins_queue,
    reassess_invites_queue,
)
from immerse.learning.services import plan_comment_add, plan_reviewer_invite
from immerse.notify.models import Message, Suppression
from immerse.notify.services import messages_send
from immerse.people.models import Assessment
from immerse.program.models import AgendaItem
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
    session_started,
)
from tests.learning.factories import ZONE, login, make_attendee, make_plan
from tests.notify.mail import link_to, links, local_path, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    """A one-day event (1 May 2027) with a session from 09:00 to 10:00 Amsterdam time and
    an attendee who has it on their agenda."""
    event = make_event(slug="day")
    session = make_session(event=event, title="Stories <that worked>", start_hour=9)
    user, person = make_attendee(event=event, level=2, name="Ann")
    AgendaItem.objects.create(registration=person.registrations.get(), session=session)
    return {"event": event, "session": session, "user": user, "person": person}


def at(hour: int, minute: int = 0, on: date = date(2027, 5, 1)) -> datetime:
    return datetime(on.year, on.month, on.day, hour, minute, tzinfo=ZONE)


# --- plan reviews and comments -------------------------------------------------------------

def test_an_invited_tablemate_gets_a_notice_with_a_link_that_works(day, smtp_server):
    plan = make_plan(person=day["person"], event=day["event"], goal="Listen first")
    reviewer_user, reviewer = make_attendee(event=day["event"], name="Bo")
    plan_reviewer_invite(plan=plan, reviewer=reviewer)
    plan_reviewer_invite(plan=plan, reviewer=reviewer)  # invited again: no second notice
    messages_send()
    (mail,) = smtp_server.received
    assert mail["Subject"] == "Ann asks you to review a take-home plan"
    assert 'their take-home plan "Listen first"' in text_of(mail)
    page = login(reviewer_user).get(link_to(mail, f"/me/plans/{plan.pk}/"))
    assert page.status_code == 200 and "Listen first" in page.content.decode()


def test_the_author_hears_of_a_review_and_of_an_expert_comment(day):
    plan = make_plan(person=day["person"], event=day["event"])
    reviewer_user, reviewer = make_attendee(event=day["event"], name="Bo")
    plan_reviewer_invite(plan=plan, reviewer=reviewer)
    plan_comment_add(plan=plan, user=reviewer_user, kind="review", body="Smaller step 1?")
    expert = make_user()
    make_role(event=day["event"], user=expert, role="facilitator")
    make_person(user=expert, name="Marta", is_expert=True)
    plan_comment_add(plan=plan, user=expert, kind="expert", body="Ask legal early.")
    received = Message.objects.filter(person=day["person"]).order_by("id")
    assert [(m.kind, m.context.get("reviewer") or m.context.get("expert"))
            for m in received] == [("plan_review_received", "Bo"), ("expert_comment", "Marta")]


# --- feedback after each session -----------------------------------------------------------

def test_feedback_is_asked_once_after_the_session_ends(day):
    assert feedback_requests_queue(now=at(9, 50)) == 0  # still on
    assert feedback_requests_queue(now=at(10, 5)) == 1
    assert feedback_requests_queue(now=at(10, 20)) == 0  # asked already
    message = Message.objects.get(kind="feedback_request")
    assert message.person == day["person"]
    assert [r["rating"] for r in message.secrets["rating_urls"]] == [1, 2, 3, 4, 5]


def test_no_request_when_feedback_was_given_or_the_session_is_long_past(day):
    Feedback.objects.create(session=day["session"], person=day["person"], rating=5)
    assert feedback_requests_queue(now=at(10, 5)) == 0
    Feedback.objects.all().delete()
    assert feedback_requests_queue(now=at(10, 5, on=date(2027, 5, 3))) == 0  # two days on


def _request_mail(day, smtp_server):
    feedback_requests_queue(now=at(10, 5))
    messages_send()
    return smtp_server.last()


def test_fetching_the_rating_links_records_nothing(day, smtp_server):
    """What a mail scanner does: GET every link of the message."""
    mail = _request_mail(day, smtp_server)
    scanner = Client()
    for url in links(mail):
        assert scanner.get(local_path(url)).status_code < 500
    assert not Feedback.objects.exists()
    assert not Suppression.objects.exists()  # the unsubscribe link asks first too


def test_one_click_rating_is_recorded_by_the_pages_post_and_can_be_changed(day, smtp_server):
    mail = _request_mail(day, smtp_server)
    assert mail["Subject"] == "How was “Stories <that worked>”?"
    session_started(day["session"])  # the clock of the links is the real one
    four = link_to(mail, "?rating=4")
    browser = Client(enforce_csrf_checks=True)  # not logged in: the link is the credential
    page = browser.get(four)
    assert b"data-autosubmit" in page.content and b'value="4"' in page.content
    token = browser.cookies["csrftoken"].value
    response = browser.post(four, {"rating": "4", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Feedback.objects.get().rating == 4
    shown = browser.get(response["Location"]).content.decode()
    assert "data-autosubmit" not in shown and "Your rating: <strong>4 · Very useful" in shown
    browser.post(four, {"rating": "4", "what_worked": "The cases",
                        "csrfmiddlewaretoken": token})
    two = link_to(mail, "?rating=2")
    browser.post(two, {"rating": "2", "csrfmiddlewaretoken": token})  # a change of mind
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.what_worked, feedback.level) == (2, "The cases", 2)


def test_a_forged_post_without_the_page_is_refused(day, smtp_server):
    mail = _request_mail(day, smtp_server)
    response = Client(enforce_csrf_checks=True).post(link_to(mail, "?rating=1"),
                                                     {"rating": "1"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_an_altered_link_is_refused(day, smtp_server):
    mail = _request_mail(day, smtp_server)
    path = link_to(mail, "?rating=5").replace("?rating=5", "")
    response = Client().post(path[:-4] + "xx/", {"rating": "5"})
    assert response.status_code == 400 and b"not valid" in response.content
    assert not Feedback.objects.exists()


def test_a_cancelled_attendee_cannot_rate_through_an_old_link(day, smtp_server):
    mail = _request_mail(day, smtp_server)
    day["person"].registrations.update(status="cancelled")
    response = Client().post(link_to(mail, "?rating=3"), {"rating": "3"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


# --- plan check-in at the next event -------------------------------------------------------

@pytest.fixture
def returning(day):
    """Ann's plan from ``day``; she comes back on 1 September and again on 1 December."""
    plan = make_plan(person=day["person"], event=day["event"], step_1="Set up alerts")
    september = make_event(slug="sept", start_date=date(2027, 9, 1), end_date=date(2027, 9, 2))
    december = make_event(slug="dec", start_date=date(2027, 12, 1), end_date=date(2027, 12, 1))
    for event in (september, december):
        make_registration(event=event, person=day["person"])
    return {**day, "plan": plan, "september": september, "december": december}


def test_check_in_is_asked_at_the_next_event_only_once(returning):
    assert plan_checkins_queue(now=at(8, on=date(2027, 9, 1))) == 0  # before nine
    assert plan_checkins_queue(now=at(10, on=date(2027, 9, 1))) == 1
    assert plan_checkins_queue(now=at(10, on=date(2027, 9, 2))) == 0
    assert plan_checkins_queue(now=at(10, on=date(2027, 12, 1))) == 0  # not the next event
    message = Message.objects.get(kind="plan_checkin")
    assert (message.event.slug, message.context["first_step"]) == ("sept", "Set up alerts")


def test_check_in_link_records_the_answer_without_logging_in(returning, smtp_server):
    plan_checkins_queue(now=at(10, on=date(2027, 9, 1)))
    messages_send()
    mail = smtp_server.last()
    assert mail["Subject"] == "Did step 1 of “Start listening” happen?"
    link = link_to(mail, "/plans/checkin/")
    browser = Client()
    assert "Did step 1 happen? Set up alerts" in browser.get(link).content.decode()
    assert not PlanCheckin.objects.exists()  # opening it records nothing
    page = browser.post(link, {"status_1": "done", "note_1": "Daily", "status_2": "partly",
                               "note_2": "", "status_3": "not_yet", "note_3": ""})
    assert b"Thank you" in page.content
    assert list(PlanCheckin.objects.values_list("step", "status", "event__slug")) == [
        (1, "done", "sept"), (2, "partly", "sept"), (3, "not_yet", "sept")]


def test_no_check_in_once_step_one_was_answered_at_that_event(returning):
    PlanCheckin.objects.create(plan=returning["plan"], step=1, status="done",
                               event=returning["september"])
    assert plan_checkins_queue(now=at(10, on=date(2027, 9, 1))) == 0


# --- re-assessment after the event ---------------------------------------------------------

def test_reassessment_is_invited_a_month_after_unless_done(day, settings):
    settings.IMMERSE_REASSESS_AFTER_DAYS = 30
    _user, other = make_attendee(event=day["event"], level=1, name="Bo")
    Assessment.objects.create(person=other, level=2, explanation="retaken")  # since the event
    Assessment.objects.filter(person=other).update(created_at=at(12, on=date(2027, 5, 20)))
    due = date(2027, 5, 31)
    assert reassess_invites_queue(now=at(10, on=due - timedelta(days=1))) == 0
    assert reassess_invites_queue(now=at(10, on=due)) == 1
    assert reassess_invites_queue(now=at(10, on=due + timedelta(days=2))) == 0
    message = Message.objects.get(kind="reassess_invite")
    assert message.person == day["person"] and message.context["level_label"] == "Baby steps"
    assert message.context["assess_url"].endswith("/me/reassess/?event=day")


def test_a_missed_run_catches_up_within_a_week_but_never_later(day):
    assert reassess_invites_queue(now=at(10, on=date(2027, 6, 20))) == 0
    assert reassess_invites_queue(now=at(10, on=date(2027, 6, 5))) == 1
