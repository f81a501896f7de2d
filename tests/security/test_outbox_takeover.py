"""Issue 30, item 1: an organizer of one event became anyone by reading the confirmation
link of a sign-up they made with the victim's address in their own event's outbox, then
pressing "only log me in". Each test failed on the code before the fix."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from immerse.notify.kinds import KINDS, REDACTED
from immerse.notify.models import Message
from immerse.people.models import Person, Registration
from tests.factories import make_event, make_person, make_registration, make_role, make_user
from tests.people.mail import deliver, links_in

pytestmark = pytest.mark.django_db

VICTIM = "vera@victim.example"
TOKEN_PATH = re.compile(r"/(?:signup/confirm|accounts/login/link|accounts/reset|calendar|"
                        r"feedback|plans/checkin|mail/unsubscribe)/[^\s\"'<]+")


def _mallory_and_vera():
    """Mallory organizes her own event A; Vera organizes event B and attends it."""
    event_a, event_b = make_event(slug="mallorys"), make_event(slug="veras")
    mallory = make_user("mallory")
    make_role(event=event_a, user=mallory)
    vera_user = make_user("vera")
    make_role(event=event_b, user=vera_user)
    vera = make_person(user=vera_user, email=VICTIM, name="Vera Victim")
    make_registration(event=event_b, person=vera)
    organizer = Client()
    organizer.force_login(mallory)
    return event_a, organizer, vera


def _anonymous_signup(event, email: str = VICTIM) -> Message:
    answer = Client().post(f"/api/v1/events/{event.slug}/registrations",
                           {"name": "Mallory", "email": email, "organization": ""},
                           content_type="application/json")
    assert answer.status_code == 202, answer.content
    return Message.objects.get(kind="signup_confirm", to_email=email)


def test_the_outbox_never_shows_an_organizer_the_confirmation_link() -> None:
    event_a, organizer, _ = _mallory_and_vera()
    message = _anonymous_signup(event_a)
    page = organizer.get(f"/events/{event_a.slug}/organize/messages/{message.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert TOKEN_PATH.findall(html) == []
    assert REDACTED in html
    listing = organizer.get(f"/events/{event_a.slug}/organize/messages/").content.decode()
    assert TOKEN_PATH.findall(listing) == []
    assert "confirm_url" not in message.context


def test_a_leaked_confirmation_link_never_logs_anyone_in_to_an_existing_account() -> None:
    """Even with the link in hand (as if read over the recipient's shoulder)."""
    event_a, _, vera = _mallory_and_vera()
    message = _anonymous_signup(event_a)
    link = urlsplit(message.secrets["confirm_url"]).path
    mallory = Client()
    assert mallory.get(link).status_code == 200
    page = mallory.get(link).content.decode()
    assert 'value="login-only"' not in page
    for action in ("login-only", "confirm"):
        mallory.post(link, {"action": action})
        assert "_auth_user_id" not in mallory.session
    assert mallory.get("/me/").status_code == 302  # to the log-in page
    # What the link did: one registration of Vera in event A, nothing else.
    assert Registration.objects.filter(person=vera).count() == 2
    vera.refresh_from_db()
    assert vera.user.username == "vera"


def test_the_recipient_still_gets_a_working_link_by_mail(smtp_server) -> None:
    event = make_event(slug="open")
    message = _anonymous_signup(event, "newcomer@example.org")
    (mail,) = deliver(smtp_server)
    (link,) = [path for path in links_in(mail) if "/signup/confirm/" in path]
    assert link == urlsplit(message.secrets["confirm_url"]).path
    newcomer = Client()
    newcomer.post(link, {"action": "confirm"})
    person = Person.objects.get(email="newcomer@example.org")
    # A brand-new address: the account made by this confirmation, and only it, is logged in.
    assert newcomer.session["_auth_user_id"] == str(person.user_id)


def test_the_in_app_list_shows_no_credential_either() -> None:
    """The owner of a known address gets the message in-app too; the page shows no link
    that acts as them (only the mail does)."""
    event_a, _, vera = _mallory_and_vera()
    message = _anonymous_signup(event_a)
    owner = Client()
    owner.force_login(vera.user)
    html = owner.get(f"/me/messages/{message.pk}/").content.decode()
    assert TOKEN_PATH.findall(html) == []
    assert REDACTED in html


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind.secret])
def test_every_credential_placeholder_is_kept_apart_from_the_readable_context(kind) -> None:
    from immerse.notify.services import message_queue

    event, person = make_event(), make_person()
    context = {name: "https://testserver/secret/" for name in kind.secret}
    message = message_queue(kind=kind.key, to_email=person.email, person=person, event=event,
                            key=f"k:{kind.key}", context=context)
    message.refresh_from_db()
    assert set(message.context) & set(kind.secret) == set()
    assert message.secrets == context


def test_no_log_line_carries_a_links_token(caplog) -> None:
    """Django logs the path of every 4xx answer; a token in it would reach the log."""
    from immerse.config.logs import CredentialsLogFilter

    token = "WzEsImFiYyIsIiJd:1xaaOh:66MucfwnqEjwdm6dZkzSOmTbGplRgp74xuLaPvdH63Q"
    with caplog.at_level("WARNING", logger="django.request"):
        assert Client().post(f"/accounts/login/link/{token}/").status_code == 400
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    CredentialsLogFilter().filter(record)
    assert record.getMessage() == "Bad Request: /accounts/login/link/[redacted]"
    assert token not in record.getMessage()


def test_the_access_log_of_gunicorn_leaves_tokens_out() -> None:
    from datetime import timedelta

    from gunicorn.config import Config

    from immerse.config.gunicorn_logger import RedactingLogger

    class Answer:
        status, sent, headers = "200 OK", 10, []

    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/calendar/s3cr3t-t0ken.ics?x=1",
               "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": "/calendar/s3cr3t-t0ken.ics",
               "QUERY_STRING": "x=1", "HTTP_REFERER": "https://site/signup/confirm/abc:1:x/"}
    atoms = RedactingLogger(Config()).atoms(Answer(), {}, environ, timedelta(seconds=1))
    assert atoms["r"] == "GET /calendar/[redacted]?x=1 HTTP/1.1"
    assert atoms["U"] == "/calendar/[redacted]"
    assert atoms["f"] == "https://site/signup/confirm/[redacted]"


def test_a_password_reset_message_key_does_not_carry_the_reset_token() -> None:
    user = make_user()
    make_person(user=user, email="ann@acme.example")
    Client().post("/accounts/password/reset/", {"email": "ann@acme.example"})
    message = Message.objects.get(kind="password_reset")
    token = urlsplit(message.secrets["reset_url"]).path.rstrip("/").rsplit("/", 1)[1]
    assert token not in message.key and token not in str(message.context)


def test_the_admin_shows_no_calendar_token() -> None:
    registration = make_registration(event=make_event(), calendar_token="c" * 43)
    admin = make_user("root", staff=True)
    admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    page = client.get(f"/admin/people/registration/{registration.pk}/change/")
    assert page.status_code == 200
    assert "c" * 43 not in page.content.decode()
