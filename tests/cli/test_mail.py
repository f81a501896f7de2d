"""`immerse mail send [--limit N]` and `immerse mail preview KIND --event SLUG`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.notify.models import Message
from immerse.notify.services import message_queue
from tests.factories import make_event, make_person, make_session

pytestmark = pytest.mark.django_db


def queue(event, n: int) -> None:
    for k in range(n):
        person = make_person()
        message_queue(kind="broadcast", to_email=person.email, key=f"k{k}", person=person,
                      event=event, context={"subject": f"News {k}", "body": "Body"})


def test_send_sends_what_is_queued_and_says_what_happened(smtp_server):
    queue(make_event(), 3)
    result = CliRunner().invoke(app, ["mail", "send", "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("sent 2, to retry 0, failed 0, not sent (opted out) 0; "
                                    "1 still queued (1 due now)")
    assert len(smtp_server.received) == 2
    result = CliRunner().invoke(app, ["mail", "send"])
    assert "sent 1," in result.output and "0 still queued" in result.output


def test_send_reports_retries_and_fails_when_the_server_is_gone(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    queue(make_event(), 2)
    result = CliRunner().invoke(app, ["mail", "send"])
    assert result.exit_code == 1
    assert "to retry 1" in result.output and "next retry" in result.output
    assert "The mail server could not be reached" in result.output
    assert Message.objects.filter(status="queued").count() == 2


def test_preview_prints_a_sample_and_writes_the_html(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    event = make_event(slug="summit", title="Summit")
    make_session(event=event, title="Opening stories", start_hour=9)
    result = CliRunner().invoke(app, ["mail", "preview", "reminder", "--event", "summit"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Kind:    reminder (Reminder: the event starts tomorrow), a "
                               "sample")
    assert lines[1] == "Subject: Tomorrow: Summit"
    assert "- 09:00  Opening stories (Main room)" in result.output
    html = tmp_path / "mail-preview" / "summit-reminder.html"
    assert lines[-1] == f"HTML part: {html}"
    assert "<strong>Summit</strong> starts tomorrow" in html.read_text()


def test_preview_shows_the_latest_real_message_and_html_inline(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    event = make_event(slug="summit")
    queue(event, 2)
    result = CliRunner().invoke(app, ["mail", "preview", "broadcast", "--event", "summit",
                                      "--html"])
    assert result.exit_code == 0, result.output
    assert "Subject: News 1" in result.output and "<!doctype html>" in result.output
    assert not (tmp_path / "mail-preview").exists()


def test_preview_refuses_an_unknown_kind_or_event():
    make_event(slug="summit")
    unknown = CliRunner().invoke(app, ["mail", "preview", "nope", "--event", "summit"])
    assert unknown.exit_code == 2 and "No message kind 'nope'" in unknown.output
    missing = CliRunner().invoke(app, ["mail", "preview", "reminder", "--event", "nope"])
    assert missing.exit_code == 2 and "No event with slug 'nope'" in missing.output
