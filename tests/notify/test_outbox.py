"""The outbox over a real SMTP server: queue once, send once, retry, give up with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from immerse.notify.models import Message, MessageTemplate, Suppression
from immerse.notify.rendering import TemplateRefused, template_check
from immerse.notify.services import (
    AddressRefused,
    Draft,
    message_queue,
    message_resend,
    messages_held,
    messages_queue,
    messages_send,
    unsubscribe_url,
)
from tests.factories import make_event, make_person

pytestmark = pytest.mark.django_db


def broadcast(event, person, key="b1", **context):
    return message_queue(kind="broadcast", to_email=person.email, to_name=person.name,
                         person=person, event=event, key=key,
                         context={"subject": "Hello room", "body": "Bring a laptop.", **context})


def local_path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_queue_is_idempotent_by_key():
    event, person = make_event(), make_person()
    first = broadcast(event, person)
    again = broadcast(event, person)
    assert first.pk == again.pk
    assert Message.objects.count() == 1


def test_send_delivers_multipart_with_unsubscribe_headers(smtp_server, client):
    event, person = make_event(), make_person(name="Ann O'Neil")
    broadcast(event, person)
    report = messages_send()
    assert report.sent == 1
    mail = smtp_server.last()
    assert mail["To"] == f"Ann O'Neil <{person.email}>"
    assert mail["Subject"] == "Hello room"
    assert mail.get_body("plain").get_content().startswith("Hello Ann O'Neil,")
    assert "Bring a laptop." in mail.get_body("html").get_content()
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The one-click POST a mail client makes, with no session and no CSRF token.
    response = client.post(local_path(mail["List-Unsubscribe"].strip("<>")),
                           {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Suppression.objects.filter(email=person.email, kind="broadcast").exists()
    broadcast(event, person, key="b2")
    assert messages_send().suppressed == 1
    assert len(smtp_server.received) == 1
    assert Message.objects.get(key="b1").status == "sent"
    assert messages_send().handled == 0  # never twice


def test_refusing_server_keeps_message_then_fails_with_reason(smtp_server, settings):
    settings.IMMERSE_MAIL_MAX_ATTEMPTS = 2
    event, person = make_event(), make_person()
    broadcast(event, person)
    smtp_server.refuse = True
    assert messages_send().retried == 1
    message = Message.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "451" in message.last_error
    assert messages_send().handled == 0  # backing off
    assert messages_send(now=timezone.now() + timedelta(hours=1)).failed == 1
    message.refresh_from_db()
    assert message.status == "failed" and "451" in message.last_error
    assert smtp_server.received == []


def test_dropped_connection_is_retried_and_then_delivered(smtp_server):
    event, person = make_event(), make_person()
    broadcast(event, person)
    smtp_server.drop = True
    assert messages_send().retried == 1
    smtp_server.drop = False
    assert messages_send(now=timezone.now() + timedelta(hours=1)).sent == 1
    assert len(smtp_server.received) == 1


def test_rate_per_minute_is_honoured(smtp_server, settings):
    settings.IMMERSE_MAIL_RATE_PER_MINUTE = 3
    event = make_event()
    for n in range(5):
        broadcast(event, make_person(), key=f"k{n}")
    assert messages_send().sent == 3
    assert messages_send().sent == 0
    assert messages_send(now=timezone.now() + timedelta(minutes=2)).sent == 2


def test_a_dead_senders_claim_is_released_after_the_timeout(smtp_server):
    event, person = make_event(), make_person()
    message = broadcast(event, person)
    Message.objects.filter(pk=message.pk).update(status="sending", claimed_at=timezone.now())
    assert messages_send().handled == 0
    assert messages_send(now=timezone.now() + timedelta(minutes=10)).sent == 1


def test_newline_in_name_or_subject_never_reaches_a_header(smtp_server):
    event, person = make_event(), make_person(name="Eve\r\nBcc: victim@example.org")
    broadcast(event, person, subject="Hi\nBcc: victim@example.org")
    assert messages_send().sent == 1
    mail = smtp_server.last()
    assert mail["Bcc"] is None
    assert "\n" not in mail["Subject"] and "\n" not in mail["To"]


def test_invalid_address_is_refused_where_it_enters():
    with pytest.raises(AddressRefused, match="not a valid e-mail"):
        message_queue(kind="broadcast", to_email="not-an-address", key="x",
                      context={"subject": "s", "body": "b"})
    assert not Message.objects.exists()


def test_template_check_names_unknown_placeholders_and_tags():
    template_check("broadcast", "{{ subject }}", "Hello {{ name }}, {{ body }}")
    with pytest.raises(TemplateRefused, match=r"unknown placeholder \{\{ password \}\}"):
        template_check("broadcast", "{{ subject }}", "{{ password }}")
    with pytest.raises(TemplateRefused, match="only"):
        template_check("broadcast", "s", "{% include 'base.html' %}")


def test_unsubscribe_link_rejects_tampering(client):
    path = local_path(unsubscribe_url("a@b.example", "broadcast"))
    response = client.post(path[:-3] + "xx/")
    assert response.status_code == 400
    assert not Suppression.objects.exists()


def test_dropped_connection_records_the_disconnect(smtp_server):
    broadcast(make_event(), make_person())
    smtp_server.drop = True
    messages_send()
    message = Message.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert message.last_error.startswith("SMTPServerDisconnected")


def test_timeout_keeps_the_message_then_fails_with_the_reason(smtp_server, settings):
    settings.EMAIL_TIMEOUT = 1
    settings.IMMERSE_MAIL_MAX_ATTEMPTS = 2
    broadcast(make_event(), make_person())
    smtp_server.stall = 3  # answers after the client gave up
    assert messages_send().retried == 1
    message = Message.objects.get()
    assert message.status == "queued"
    assert "timed out" in message.last_error
    assert messages_send(now=timezone.now() + timedelta(hours=1)).failed == 1
    message.refresh_from_db()
    assert message.status == "failed" and "timed out" in message.last_error
    smtp_server.stall = 0
    assert messages_send(now=timezone.now() + timedelta(days=1)).handled == 0
    assert smtp_server.received == []  # nothing went out, and nothing will by itself


def test_permanent_refusal_fails_at_once_without_retries(smtp_server):
    broadcast(make_event(), make_person())
    smtp_server.reject = True
    report = messages_send()
    assert (report.failed, report.retried) == (1, 0)
    message = Message.objects.get()
    assert (message.status, message.attempts) == ("failed", 1)
    assert "550" in message.last_error


def test_unreachable_server_stops_the_run_after_one_message(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    event = make_event()
    for n in range(3):
        broadcast(event, make_person(), key=f"k{n}")
    report = messages_send()
    assert report.retried == 1 and report.stopped.startswith("The mail server could not")
    assert sorted(Message.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    assert Message.objects.filter(status="queued").count() == 3


def test_one_connection_carries_the_whole_run(smtp_server):
    event = make_event()
    for n in range(4):
        broadcast(event, make_person(), key=f"k{n}")
    assert messages_send().sent == 4
    assert smtp_server.sessions == 1


def test_a_message_that_cannot_be_rendered_fails_alone(smtp_server):
    event, other = make_event(), make_event()
    broadcast(event, make_person(), key="good")
    bad = broadcast(other, make_person(), key="bad")
    # Wording stored before today's checks (or by hand): it no longer compiles.
    MessageTemplate.objects.create(event=other, kind="broadcast", subject="{{ subject",
                                   body="{% if %}")
    report = messages_send()
    assert (report.sent, report.failed) == (1, 1)
    bad.refresh_from_db()
    assert bad.status == "failed" and bad.last_error.startswith("Cannot render")


def test_a_message_that_keeps_killing_its_sender_fails_after_its_attempts(settings):
    settings.IMMERSE_MAIL_MAX_ATTEMPTS = 2
    message = broadcast(make_event(), make_person())
    Message.objects.filter(pk=message.pk).update(status="sending", attempts=2,
                                                 claimed_at=timezone.now())
    later = timezone.now() + timedelta(minutes=10)
    assert messages_send(now=later).reclaimed == 1
    message.refresh_from_db()
    assert message.status == "failed" and "may have been delivered" in message.last_error


def test_message_id_is_stable_per_message(smtp_server):
    message = broadcast(make_event(), make_person())
    messages_send()
    Message.objects.filter(pk=message.pk).update(status="queued")  # as after a crash
    messages_send()
    first, second = smtp_server.received
    assert first["Message-ID"] == second["Message-ID"] == (
        f"<message-{message.pk}@immerse.local>")


def test_held_messages_are_listed_but_never_sent(smtp_server):
    event, person = make_event(), make_person()
    with messages_held():
        held = broadcast(event, person)
    assert held.status == "held"
    assert messages_send().handled == 0
    assert smtp_server.received == []


def test_bulk_queue_skips_known_keys_and_bad_addresses():
    event, person = make_event(), make_person()
    drafts = [Draft("broadcast", f"k{n}", person.email, person.name, person, event,
                    {"subject": "s", "body": "b"}) for n in range(3)]
    assert messages_queue(drafts) == 3
    assert messages_queue([*drafts, Draft("broadcast", "k9", "not an address",
                                          context={"subject": "s", "body": "b"})]) == 0
    assert Message.objects.count() == 3


def test_resend_only_requeues_a_failed_message(smtp_server,
                                               django_capture_on_commit_callbacks):
    message = broadcast(make_event(), make_person())
    assert not message_resend(message=message)  # queued: on its way already
    Message.objects.filter(pk=message.pk).update(status="failed", attempts=5,
                                                 last_error="451")
    with django_capture_on_commit_callbacks(execute=True):
        assert message_resend(message=message)
        assert (message.status, message.attempts, message.last_error) == ("queued", 0, "")
    # The resend kicked a send once committed (the inline task backend runs it at once).
    assert len(smtp_server.received) == 1
    assert Message.objects.get().status == "sent"
