"""Planning agendas and forming tables tell nobody by themselves: the organizer sees how many
people would be told with a preview, and chooses "Tell them now" or "Don't tell yet". And
the outbox says where a sent message went instead of a bare "Sent"."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.config.email import email_settings
from immerse.notify.models import Message
from immerse.notify.services import messages_send
from immerse.notify.waiting import messages_release
from immerse.program.services.agendas import agenda_swap
from immerse.program.services.planning import agenda_run_start
from immerse.tables.services import tables_form
from tests.factories import make_event, make_role, make_session, make_user
from tests.learning.factories import login
from tests.program.test_agendas import small_event
from tests.tables.factories import room

pytestmark = pytest.mark.django_db


def _statuses(kind: str) -> list[str]:
    return sorted(Message.objects.filter(kind=kind).values_list("status", flat=True))


@pytest.fixture
def planned():
    """An event whose agendas were just planned (four attendees), and its organizer."""
    event, sessions, regs = small_event()
    organizer = make_user()
    make_role(event=event, user=organizer)
    run = agenda_run_start(event=event, user=organizer)
    return {"event": event, "sessions": sessions, "regs": regs, "organizer": organizer,
            "run": run}


def test_planning_agendas_tells_nobody_until_the_organizer_says_so(planned, smtp_server):
    assert _statuses("agenda_ready") == ["waiting"] * 4
    assert messages_send().sent == 0 and smtp_server.received == []
    attendee = planned["regs"][0].person
    assert not attendee.messages.exclude(status="waiting").exists()

    organizer = login(planned["organizer"])
    run_page = organizer.get(f"/events/ws/organize/agendas/runs/{planned['run'].pk}/")
    assert "“Your agenda is ready”: 4 people would be told." in run_page.content.decode()
    url = "/events/ws/organize/messages/waiting/agenda_ready/"
    page = organizer.get(url).content.decode()
    assert "4 people would be told." in page
    assert "Tell them now" in page and "Don’t tell yet" in page
    assert "Subject:</strong> Your agenda for" in page  # the preview of one message

    assert organizer.post(url, {"decision": "later"}).status_code == 302
    assert _statuses("agenda_ready") == ["waiting"] * 4 and messages_send().sent == 0

    assert organizer.post(url, {"decision": "now"}).status_code == 302
    assert _statuses("agenda_ready") == ["queued"] * 4
    assert messages_send().sent == 4 and len(smtp_server.received) == 4
    assert "nobody would be told" in organizer.get(url).content.decode()


def test_a_second_run_before_telling_sends_one_message_per_person(planned, smtp_server):
    regs = planned["regs"]
    agenda_swap(registration=regs[2], session=planned["sessions"]["lab"])
    agenda_run_start(event=planned["event"], user=None, keep_confirmed=False)  # undoes it
    assert _statuses("agenda_ready") == ["waiting"] * 5  # regs[2]: a second, newer one
    assert messages_release(event=planned["event"], kind="agenda_ready") == 4
    messages_send()
    assert sorted(m["To"].split("<")[-1].rstrip(">") for m in smtp_server.received) == sorted(
        reg.person.email for reg in regs)


def test_only_the_events_organizers_see_or_release_waiting_messages(planned):
    url = "/events/ws/organize/messages/waiting/agenda_ready/"
    stranger = make_user()
    assert login(stranger).get(url).status_code in (403, 404)
    assert login(stranger).post(url, {"decision": "now"}).status_code in (403, 404)
    attendee = planned["regs"][0]
    assert _statuses("agenda_ready") == ["waiting"] * 4
    assert attendee.person.messages.count() == 1  # stored, but not in their list yet


def test_forming_tables_waits_too_and_the_tables_page_says_so():
    event = make_event(slug="tw")
    organizer = make_user()
    make_role(event=event, user=organizer)
    room(event, 6)
    session = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    tables_form(session=session, table_size=3, time_limit=1, seed=3)
    assert _statuses("table_seat") == ["waiting"] * 6
    page = login(organizer).get("/events/tw/organize/tables/").content.decode()
    assert "“Your table”: 6 people would be told." in page


def test_cli_notify_tells_people_at_once_and_without_it_says_who_waits(planned):
    runner = CliRunner()
    quiet = runner.invoke(app, ["plan", "agendas", "--event", "ws", "--replan-all",
                                "--time-limit", "2", "--seed", "5"])
    assert quiet.exit_code == 0, quiet.output
    assert "people would be told; nothing was sent" in quiet.output
    told = runner.invoke(app, ["plan", "agendas", "--event", "ws", "--notify",
                               "--time-limit", "2"])
    assert told.exit_code == 0, told.output
    assert "Told 4 people." in told.output
    assert _statuses("agenda_ready").count("waiting") == 0


# --- where a message went ------------------------------------------------------------------

def _sent_outbox(planned) -> str:
    Message.objects.filter(kind="agenda_ready").update(status="queued")
    assert messages_send().sent == 4
    return login(planned["organizer"]).get("/events/ws/organize/messages/").content.decode()


def test_outbox_says_console_mail_was_printed_not_delivered(planned, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    page = _sent_outbox(planned)
    assert page.count("Printed to the server console — not delivered") == 4 + 1  # + setting
    assert '<span class="status-sent">Sent</span>' not in page


def test_outbox_says_where_a_file_or_smtp_message_went(planned, settings, tmp_path,
                                                      smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    page = _sent_outbox(planned)
    assert page.count(f"Written to a file in {tmp_path} — not delivered") == 5
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    message = Message.objects.filter(kind="agenda_ready").first()
    Message.objects.filter(pk=message.pk).update(status="queued")
    messages_send()
    html = login(planned["organizer"]).get(
        f"/events/ws/organize/messages/{message.pk}/").content.decode()
    assert f"Sent by SMTP to 127.0.0.1:{smtp_server.port}" in html


def test_email_url_file_scheme_writes_files():
    assert email_settings("file:///var/lib/immerse/mail") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/lib/immerse/mail"}
    with pytest.raises(ValueError, match="absolute directory"):
        email_settings("file://mail")
