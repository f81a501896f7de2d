"""Every message kind this layer's triggers send, over a real SMTP server: both parts, the
one-click unsubscribe headers, times in the event's zone, and wording an organizer wrote."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from immerse.notify.choices import template_save
from immerse.notify.models import Message
from immerse.notify.rendering import Rendered, TemplateRefused
from immerse.notify.samples import sample_context
from immerse.notify.services import message_email, message_queue, messages_send
from tests.factories import make_event, make_person, make_session
from tests.notify.mail import html_of, text_of

pytestmark = pytest.mark.django_db

KINDS = ("agenda_ready", "session_moved", "table_seat", "reminder", "feedback_request",
         "plan_review_invite", "plan_review_received", "expert_comment", "plan_checkin",
         "reassess_invite", "broadcast")


@pytest.fixture
def new_york():
    """An event in New York whose first session starts at 09:30 there (15:30 in Europe)."""
    event = make_event(title="Summit & Co", time_zone="America/New_York", venue="Pier 57")
    session = make_session(event=event, title="Listening <first>", start_hour=9)
    session.slot.start = datetime(2027, 5, 1, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    session.slot.save()
    return event


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_arrives_multipart_with_unsubscribe_and_local_times(kind, new_york,
                                                                       smtp_server):
    person = make_person(name="Zoë O'Brien")
    message_queue(kind=kind, to_email=person.email, to_name=person.name, person=person,
                  event=new_york, key=f"t:{kind}", context=sample_context(kind, new_york))
    assert messages_send().sent == 1
    mail = smtp_server.last()
    assert mail.get_content_type() == "multipart/alternative"
    text, html = text_of(mail), html_of(mail)
    assert text.startswith("Hello Zoë O'Brien,")
    assert "<p>Hello Zoë O&#x27;Brien,</p>" in html  # escaped, once
    assert "{{" not in text + html and "{%" not in text + html
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["List-Unsubscribe"].strip().startswith("<http://")
    assert "/mail/unsubscribe/" in text
    assert "\n" not in mail["Subject"] and mail["Subject"].strip()
    if kind in ("agenda_ready", "reminder", "table_seat"):
        assert "09:30" in text and "15:30" not in text  # New York time, not the server's
        assert "Listening <first>" in text and "Listening &lt;first&gt;" in html


def test_an_organizers_wording_replaces_the_body_and_keeps_the_footer(new_york, smtp_server):
    template_save(event=new_york, kind="reminder", subject="See you {{ name }}!",
                  body="Doors open at {{ starts_at }} at {{ venue }}.\n\n{{ first_items }}")
    person = make_person(name="Ann")
    message_queue(kind="reminder", to_email=person.email, to_name=person.name, person=person,
                  event=new_york, key="r", context=sample_context("reminder", new_york))
    messages_send()
    mail = smtp_server.last()
    assert mail["Subject"] == "See you Ann!"
    text = text_of(mail)
    assert "Doors open at Sat 1 May 2027, 09:30 at Pier 57." in text
    assert "Listening <first> · " in text  # a list prints one item per line
    assert "Unsubscribe from these:" in text
    assert "<p>Doors open at Sat 1 May 2027, 09:30 at Pier 57.</p>" in html_of(mail)


def test_an_unknown_placeholder_is_refused_by_name_and_nothing_saved(new_york):
    with pytest.raises(TemplateRefused, match=r"unknown placeholder \{\{ password \}\}"):
        template_save(event=new_york, kind="reminder", subject="Hi", body="{{ password }}")
    with pytest.raises(TemplateRefused, match="cannot be changed"):
        template_save(event=new_york, kind="login_link", subject="Hi", body="{{ login_url }}")
    assert not new_york.message_templates.exists()


def test_transactional_kinds_carry_no_unsubscribe():
    """Kinds that answer what someone did cannot be opted out of (RFC 8058 is for lists)."""
    rendered = Rendered("Your place is cancelled", "text", "<p>html</p>")
    cancelled = message_email(Message(pk=1, kind="cancelled", to_email="a@b.example"),
                              rendered).message()
    assert cancelled["List-Unsubscribe"] is None
    optional = message_email(Message(pk=2, kind="reminder", to_email="a@b.example"),
                             rendered).message()
    assert optional["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
