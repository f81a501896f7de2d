"""The message pages: a person's list with its unread count and badge, one message, the
preferences the sender honours; the organizer's outbox, resend and wording."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.notify.models import Message, MessageTemplate, Suppression
from immerse.notify.services import message_queue, messages_send
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db
# Session, user, messages of the page, their count, the events' wording (the unread count
# is cached): the same for three messages or thirty.
INBOX_QUERIES = 5
# /me/: session, user, person, registrations, assessments, the latest five messages and
# their events' wording.
ME_QUERIES = 7
# Session, user, the organizer's role, the event, page count and rows, status counts, kind
# counts, the wording of the page's events, and the messages waiting for the organizer.
OUTBOX_QUERIES = 10


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def queue(person, event, key: str, subject: str = "Hello room", kind: str = "broadcast"):
    return message_queue(kind=kind, to_email=person.email, to_name=person.name, person=person,
                         event=event, key=key, context={"subject": subject, "body": "Body"})


@pytest.fixture
def ann():
    user = make_user()
    person = make_person(user=user, name="Ann", email="ann@x.example")
    event = make_event(title="Summit")
    make_registration(event=event, person=person)
    return {"user": user, "person": person, "event": event}


# --- the person's list -------------------------------------------------------------------

def test_inbox_lists_messages_with_unread_count_and_a_badge(
        ann, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(ann["person"], ann["event"], "a", "First news")
        queue(ann["person"], ann["event"], "b", "Second news")
    client = login(ann["user"])
    html = client.get("/me/messages/").content.decode()
    assert "2 unread." in html
    assert html.index("Second news") < html.index("First news")  # newest first
    assert '<span class="badge"><span class="sr-only">(</span>2<' in html  # in the navigation
    me = client.get("/me/").content.decode()
    assert "First news" in me and "2<span class=\"sr-only\"> unread" in me


def test_opening_a_message_marks_it_read_and_shows_both_parts(ann):
    message = queue(ann["person"], ann["event"], "a", "First news")
    client = login(ann["user"])
    page = client.get(f"/me/messages/{message.pk}/")
    html = page.content.decode()
    assert "<h1>First news</h1>" in html and "Hello Ann," in html
    # The mail's HTML sits inside the attribute, escaped: it cannot end it early.
    assert 'srcdoc="&lt;!doctype html&gt;' in html and html.count("<html") == 1
    assert "'unsafe-hashes' 'sha256-" in page["Content-Security-Policy"]
    message.refresh_from_db()
    assert message.read_at is not None
    assert "Nothing unread." in client.get("/me/messages/").content.decode()


def test_mark_one_or_all_read_and_the_badge_follows(ann, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(ann["person"], ann["event"], "a")
        queue(ann["person"], ann["event"], "b")
    client = login(ann["user"])
    assert "2 unread." in client.get("/me/messages/").content.decode()  # cached now
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/me/messages/read/", {"message": first.pk})
    assert "1 unread." in client.get("/me/messages/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/me/messages/read/")
    html = client.get("/me/messages/").content.decode()
    assert "Nothing unread." in html and 'class="badge"' not in html


def test_others_cannot_open_or_mark_someone_elses_message(ann):
    message = queue(ann["person"], ann["event"], "a")
    other = make_user()
    make_person(user=other)
    client = login(other)
    assert client.get(f"/me/messages/{message.pk}/").status_code == 404
    client.post("/me/messages/read/", {"message": message.pk})
    message.refresh_from_db()
    assert message.read_at is None


def test_the_inbox_runs_a_fixed_number_of_queries(ann, django_assert_num_queries):
    client = login(ann["user"])
    for n in range(3):
        queue(ann["person"], ann["event"], f"a{n}")
    client.get("/me/messages/")
    with django_assert_num_queries(INBOX_QUERIES):
        client.get("/me/messages/")
    client.get("/me/")
    with django_assert_num_queries(ME_QUERIES):
        client.get("/me/")
    other = make_event()
    for n in range(30):
        queue(ann["person"], other if n % 2 else ann["event"], f"b{n}")
    MessageTemplate.objects.create(event=other, kind="broadcast", subject="Custom {{ subject }}",
                                   body="{{ body }}")
    client.get("/me/messages/")
    with django_assert_num_queries(INBOX_QUERIES):
        html = client.get("/me/messages/").content.decode()
    assert "Custom Hello room" in html
    client.get("/me/")
    with django_assert_num_queries(ME_QUERIES):
        client.get("/me/")


# --- preferences -------------------------------------------------------------------------

def test_opting_out_of_a_kind_is_honoured_by_the_sender_and_can_be_undone(ann, smtp_server):
    client = login(ann["user"])
    page = client.get("/me/messages/preferences/").content.decode()
    assert "ann@x.example" in page and 'name="kind_broadcast"' in page
    assert 'name="kind_signup_confirm"' not in page  # transactional: always sent
    wanted = {f"kind_{k}": "on" for k in ("agenda_ready", "reminder", "table_seat")}
    client.post("/me/messages/preferences/", wanted)
    assert Suppression.objects.filter(email="ann@x.example", kind="broadcast").exists()
    queue(ann["person"], ann["event"], "a")
    assert messages_send().suppressed == 1 and smtp_server.received == []
    assert "Hello room" in client.get("/me/messages/").content.decode()  # still in-app
    client.post("/me/messages/preferences/", {**wanted, "kind_broadcast": "on"})
    queue(ann["person"], ann["event"], "b")
    assert messages_send().sent == 1


def test_no_optional_mail_at_all(ann, smtp_server):
    client = login(ann["user"])
    client.post("/me/messages/preferences/", {"nothing": "on", "kind_broadcast": "on"})
    assert Suppression.objects.filter(email="ann@x.example", kind="").exists()
    queue(ann["person"], ann["event"], "a")
    assert messages_send().suppressed == 1


# --- the organizer's outbox --------------------------------------------------------------

@pytest.fixture
def outbox(ann):
    organizer = make_user()
    make_role(event=ann["event"], user=organizer)
    sent = queue(ann["person"], ann["event"], "sent", "Went out")
    failed = queue(make_person(email="bo@x.example"), ann["event"], "failed", "Bounced")
    Message.objects.filter(pk=failed.pk).update(status="failed", attempts=5,
                                                last_error="SMTPDataError: 451 try later")
    Message.objects.filter(pk=sent.pk).update(status="sent")
    queue(make_person(), make_event(), "elsewhere", "Other event")
    return {**ann, "organizer": organizer, "failed": failed, "client": login(organizer)}


def test_outbox_shows_status_counts_and_the_reason_of_a_failure(outbox):
    html = outbox["client"].get(f"/events/{outbox['event'].slug}/organize/messages/") \
        .content.decode()
    assert "<strong>1</strong> sent" in html and "<strong>1</strong> failed" in html
    assert "SMTPDataError: 451 try later" in html and "Went out" in html
    assert "Other event" not in html


def test_outbox_filters_by_status_and_kind(outbox):
    url = f"/events/{outbox['event'].slug}/organize/messages/"
    html = outbox["client"].get(url, {"status": "failed"}).content.decode()
    assert "Bounced" in html and "Went out" not in html
    html = outbox["client"].get(url, {"kind": "agenda_ready"}).content.decode()
    assert "Bounced" not in html and "No messages of this kind or status yet." in html


def test_resend_of_a_failed_message(outbox, smtp_server):
    url = f"/events/{outbox['event'].slug}/organize/messages/{outbox['failed'].pk}/resend/"
    assert outbox["client"].post(url).status_code == 302
    messages_send()
    outbox["failed"].refresh_from_db()
    assert outbox["failed"].status == "sent"
    assert sum("<bo@x.example>" in m["To"] for m in smtp_server.received) == 1


def test_outbox_message_shows_the_rendered_message_and_its_error(outbox):
    url = f"/events/{outbox['event'].slug}/organize/messages/{outbox['failed'].pk}/"
    html = outbox["client"].get(url).content.decode()
    assert "SMTPDataError: 451 try later" in html and "Send again" in html
    assert "bo@x.example" in html


def test_outbox_runs_a_fixed_number_of_queries(outbox, django_assert_num_queries):
    url = f"/events/{outbox['event'].slug}/organize/messages/"
    outbox["client"].get(url)
    with django_assert_num_queries(OUTBOX_QUERIES):
        outbox["client"].get(url)
    for n in range(40):
        queue(make_person(), outbox["event"], f"more{n}")
    outbox["client"].get(url)
    with django_assert_num_queries(OUTBOX_QUERIES):
        outbox["client"].get(url)


# --- wording -----------------------------------------------------------------------------

def test_organizer_previews_then_saves_wording_that_the_next_message_uses(outbox, smtp_server):
    url = f"/events/{outbox['event'].slug}/organize/messages/wording/broadcast/"
    client = outbox["client"]
    assert "{{ subject }}" in client.get(url).content.decode()
    data = {"subject": "[Summit] {{ subject }}", "body": "{{ body }}\n\nSee you, the team"}
    preview = client.post(url, {**data, "action": "preview"}).content.decode()
    assert "[Summit] News from Summit" in preview and "See you, the team" in preview
    assert not MessageTemplate.objects.exists()
    client.post(url, {**data, "action": "save"})
    queue(outbox["person"], outbox["event"], "new", "Doors at nine")
    messages_send()
    mail = smtp_server.last()
    assert mail["Subject"] == "[Summit] Doors at nine"
    assert "See you, the team" in mail.get_body(("plain",)).get_content()


def test_unknown_placeholders_are_refused_by_name(outbox):
    url = f"/events/{outbox['event'].slug}/organize/messages/wording/broadcast/"
    html = outbox["client"].post(url, {"subject": "{{ subject }}", "body": "{{ password }}",
                                       "action": "save"}).content.decode()
    assert "unknown placeholder {{ password }}" in html
    assert not MessageTemplate.objects.exists()


def test_wording_with_a_credential_cannot_be_changed(outbox):
    url = f"/events/{outbox['event'].slug}/organize/messages/wording/login_link/"
    assert outbox["client"].get(url).status_code == 404


def test_reset_goes_back_to_the_default(outbox):
    MessageTemplate.objects.create(event=outbox["event"], kind="broadcast", subject="x",
                                   body="y")
    url = f"/events/{outbox['event'].slug}/organize/messages/wording/broadcast/"
    outbox["client"].post(url, {"action": "reset"})
    assert not MessageTemplate.objects.exists()
