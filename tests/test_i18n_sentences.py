"""Sentences translators reported as glued fragments now reach them whole.

What makemessages extracts from a template is what Django's ``templatize`` writes: each test
reads that, so it sees exactly the messages a translator gets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

import immerse
from immerse.notify.samples import sample_context
from immerse.notify.services import message_queue, messages_send
from tests.factories import make_event, make_person
from tests.notify.mail import html_of, text_of

SOURCE = Path(immerse.__file__).parent
MESSAGE = re.compile(r"\b(n?gettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)")


def messages(template: str) -> list[tuple[str, ...]]:
    """The (function, msgid[, plural]) a translator gets from ``template``."""
    path = SOURCE / template
    found = []
    for function, arguments in MESSAGE.findall(templatize(path.read_text(), origin=str(path))):
        found.append((function, *re.findall(r"u'((?:[^'\\]|\\.)*)'", arguments)))
    return found


def test_outbox_empty_state_is_one_sentence_per_case() -> None:
    found = messages("notify/templates/notify/outbox.html")
    assert ("gettext", "No messages of this kind or status yet.") in found
    assert ("gettext", "No messages yet.") in found
    assert not {("gettext", "No messages"), ("gettext", "yet."),
                ("gettext", "of this kind or status")} & set(found)


def test_signup_seat_note_is_one_sentence_per_case() -> None:
    found = messages("people/templates/people/signup.html")
    assert ("gettext", "We e-mail you a link: your sign-up counts once you open it, and a seat "
            "is kept for you meanwhile.") in found
    assert ("gettext", "We e-mail you a link: your sign-up counts once you open it.") in found
    assert all(not msgid.startswith(",") for _function, msgid, *_rest in found)


def test_report_counts_are_plurals() -> None:
    found = messages("learning/templates/learning/report.html")
    assert ("ngettext", "%(n)s retook the questionnaire since the event began",
            "%(n)s retook the questionnaire since the event began") in found
    assert ("ngettext", "%(n)s moved up the ladder", "%(n)s moved up the ladder") in found


def test_unsubscribe_shows_the_label_as_written() -> None:
    """A German noun keeps its capital: the label is not lower-cased."""
    source = (SOURCE / "notify/templates/notify/unsubscribe.html").read_text()
    assert "|lower" not in source


@pytest.mark.django_db
def test_plan_checkin_welcomes_back_to_the_event(smtp_server) -> None:
    event, person = make_event(title="Summit"), make_person(name="Ann")
    message_queue(kind="plan_checkin", to_email=person.email, to_name=person.name,
                  person=person, event=event, key="t:checkin",
                  context=sample_context("plan_checkin", event))
    assert messages_send().sent == 1
    mail = smtp_server.last()
    assert "Welcome back to Summit." in text_of(mail)
    assert "Welcome back to <strong>Summit</strong>." in html_of(mail)
