"""Signing in without a password: one-time log-in links, Django's password reset and change
under /accounts/, each mail read off a real SMTP server and its link followed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from immerse.notify.models import Message
from immerse.people.models import LoginLink, Person
from tests.factories import PASSWORD, make_event, make_person, make_registration, make_user
from tests.people.mail import deliver, html_of, links_in, text_of

pytestmark = pytest.mark.django_db


def _imported(email: str = "ann@acme.example") -> Person:
    """An attendee an organizer imported: a person and a seat, no account, no password."""
    person = make_person(email=email, name="Ann Smit")
    make_registration(event=make_event(), person=person)
    return person


def test_the_login_page_offers_a_link_and_a_reset() -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert 'href="/accounts/login/link/"' in page and "E-mail me a log-in link" in page
    assert 'href="/accounts/password/reset/"' in page and "Forgot your password?" in page


def test_a_login_link_logs_an_imported_attendee_in_once(smtp_server, settings) -> None:
    settings.IMMERSE_LOGIN_LINK_MINUTES = 20
    person = _imported()
    browser = Client()
    answer = browser.post("/accounts/login/link/", {"email": "Ann@Acme.example"})
    assert answer["Location"] == "/accounts/login/link/sent/"
    [mail] = deliver(smtp_server)
    assert mail["To"] == "Ann Smit <ann@acme.example>"
    assert mail["Subject"] == "Your log-in link for immerse"
    text = text_of(mail)
    assert "It works once, until" in text and "You have no password yet" in text
    link = links_in(mail)[0]
    assert "Log me in</a>" in html_of(mail)
    page = browser.get(link)
    assert "Log in to immerse as <strong>Ann Smit</strong>" in page.content.decode()
    assert "_auth_user_id" not in browser.session  # opening it (a mail scanner) does nothing
    assert browser.post(link)["Location"] == "/me/"
    person.refresh_from_db()
    assert browser.session["_auth_user_id"] == str(person.user_id)
    assert person.email_verified_at is not None
    assert not person.user.has_usable_password()
    again = Client().post(link)
    assert again.status_code == 400
    assert "This log-in link was used already" in again.content.decode()


def test_a_login_link_past_its_time_does_not_work(smtp_server) -> None:
    _imported()
    Client().post("/accounts/login/link/", {"email": "ann@acme.example"})
    link = links_in(deliver(smtp_server)[0])[0]
    LoginLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    answer = Client().post(link)
    assert answer.status_code == 400 and "has expired" in answer.content.decode()
    assert Person.objects.get().user is None


def test_a_login_link_leads_back_to_the_page_asked_for_never_elsewhere(smtp_server) -> None:
    event = make_event(slug="ws")
    _imported()
    Client().post("/accounts/login/link/", {"email": "ann@acme.example",
                                            "next": "/events/ws/signup/"})
    Client().post("/accounts/login/link/", {"email": "ann@acme.example",
                                            "next": "https://evil.example/"})
    first, second = deliver(smtp_server)
    assert Client().post(links_in(first)[0])["Location"] == f"/events/{event.slug}/signup/"
    assert Client().post(links_in(second)[0])["Location"] == "/me/"


def test_asking_for_a_link_answers_alike_for_any_address(smtp_server) -> None:
    _imported()
    olivia = make_user("olivia")  # an account without a person: organizers use a password
    answers = [Client().post("/accounts/login/link/", {"email": email})
               for email in ("ann@acme.example", "nobody@acme.example", olivia.email)]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/accounts/login/link/sent/")}
    assert [m["To"].addresses[0].addr_spec for m in deliver(smtp_server)] == [
        "ann@acme.example"]
    page = Client().get("/accounts/login/link/sent/").content.decode()
    assert "If we know this address, a log-in link is on its way." in page


def test_login_links_are_rate_limited_like_login(settings) -> None:
    settings.LOGIN_RATE = "2/m"
    _imported()
    codes = [Client().post("/accounts/login/link/", {"email": "ann@acme.example"}).status_code
             for _ in range(3)]
    assert codes == [302, 302, 429]


def test_password_reset_mail_link_sets_a_new_password_and_logs_in(smtp_server) -> None:
    user = make_user()
    person = make_person(user=user, email=user.email, name="Ann Smit")
    browser = Client()
    answer = browser.post("/accounts/password/reset/", {"email": user.email.upper()})
    assert answer["Location"] == "/accounts/password/reset/sent/"
    [mail] = deliver(smtp_server)
    assert mail["Subject"] == "Reset your immerse password"
    assert "The link works once, until" in text_of(mail)
    link = links_in(mail)[0]
    assert link.startswith("/accounts/password/reset/")
    form = browser.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    assert Message.objects.get().kind == "password_reset"
    done = browser.post(form.redirect_chain[-1][0], {
        "new_password1": "Brand-New-Horse-88", "new_password2": "Brand-New-Horse-88"},
        follow=True)
    assert done.redirect_chain[-1][0] == "/accounts/password/reset/complete/"
    assert "Your new password is saved and you are logged in." in done.content.decode()
    assert Client().login(username=user.username, password="Brand-New-Horse-88")
    person.refresh_from_db()
    assert person.email_verified_at is not None
    # The link worked once.
    spent = Client().get(link, follow=True).content.decode()
    assert "The link was used already, has expired, or is incomplete." in spent


def test_a_reset_for_an_attendee_without_an_account_sends_a_login_link(smtp_server) -> None:
    _imported()
    answers = [Client().post("/accounts/password/reset/", {"email": email})
               for email in ("ann@acme.example", "nobody@acme.example")]
    assert {a["Location"] for a in answers} == {"/accounts/password/reset/sent/"}
    [mail] = deliver(smtp_server)
    assert mail["Subject"] == "Your log-in link for immerse"


def test_password_resets_are_rate_limited_like_login(settings) -> None:
    settings.LOGIN_RATE = "2/m"
    codes = [Client().post("/accounts/password/reset/", {"email": "x@acme.example"})
             .status_code for _ in range(3)]
    assert codes == [302, 302, 429]


def test_an_account_made_by_a_link_chooses_a_first_password(smtp_server) -> None:
    _imported()
    browser = Client()
    browser.post("/accounts/login/link/", {"email": "ann@acme.example"})
    browser.post(links_in(deliver(smtp_server)[0])[0])
    page = browser.get("/accounts/password/change/").content.decode()
    assert "Choose a password" in page and "old_password" not in page
    done = browser.post("/accounts/password/change/", {
        "new_password1": "First-Own-Pass-41", "new_password2": "First-Own-Pass-41"})
    assert done["Location"] == "/accounts/password/change/done/"
    assert "_auth_user_id" in browser.session  # still logged in
    user = get_user_model().objects.get(email="ann@acme.example")
    assert user.username == "ann@acme.example"
    assert Client().login(username="ann@acme.example", password="First-Own-Pass-41")


def test_changing_a_password_asks_for_the_old_one() -> None:
    user = make_user()
    browser = Client()
    browser.force_login(user)
    page = browser.get("/accounts/password/change/").content.decode()
    assert "Change my password" in page and "old_password" in page
    wrong = browser.post("/accounts/password/change/", {
        "old_password": "not-it", "new_password1": "Brand-New-Horse-88",
        "new_password2": "Brand-New-Horse-88"})
    assert wrong.status_code == 200
    browser.post("/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": "Brand-New-Horse-88",
        "new_password2": "Brand-New-Horse-88"})
    assert Client().login(username=user.username, password="Brand-New-Horse-88")


def test_no_more_than_five_login_mails_an_hour_reach_one_address(settings) -> None:
    settings.LOGIN_RATE = "100/m"
    _imported()
    for _ in range(4):
        Client().post("/accounts/login/link/", {"email": "ann@acme.example"})
        Client().post("/accounts/password/reset/", {"email": "ann@acme.example"})
    assert Message.objects.filter(kind="login_link").count() == 5


def test_the_periodic_task_deletes_log_in_links_past_their_time() -> None:
    from immerse.common.tasks import task_get

    person = _imported()
    LoginLink.objects.create(person=person, nonce="a", expires_at=timezone.now()
                             - timedelta(seconds=1))
    LoginLink.objects.create(person=person, nonce="b", expires_at=timezone.now()
                             + timedelta(minutes=5))
    assert task_get("signup_holds_expire")()["login_links_deleted"] == 1
    assert list(LoginLink.objects.values_list("nonce", flat=True)) == ["b"]


def test_a_password_change_voids_the_log_in_links_sent_before_it(smtp_server) -> None:
    """Issue 30: a link mailed before a password change still logged in after it."""
    user = make_user()
    make_person(user=user, email="ann@acme.example", name="Ann Smit")
    Client().post("/accounts/login/link/", {"email": "ann@acme.example"})
    link = links_in(deliver(smtp_server)[0])[0]
    owner = Client()
    owner.force_login(user)
    owner.post("/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": "Brand-New-Horse-88",
        "new_password2": "Brand-New-Horse-88"})
    thief = Client()
    answer = thief.post(link)
    assert answer.status_code == 400
    assert "The password changed since this log-in link was sent" in answer.content.decode()
    assert "_auth_user_id" not in thief.session


def test_a_password_set_anywhere_voids_outstanding_links(smtp_server) -> None:
    """The admin's or ``changepassword``'s way too: the link carries a seal of the hash."""
    _imported()
    Client().post("/accounts/login/link/", {"email": "ann@acme.example"})
    first = links_in(deliver(smtp_server)[0])[0]
    Client().post("/accounts/login/link/", {"email": "ann@acme.example"})
    second = links_in(deliver(smtp_server)[0])[0]
    assert Client().post(first)["Location"] == "/me/"  # makes the account, no password
    user = get_user_model().objects.get(email="ann@acme.example")
    user.set_password("Set-By-Admin-77")
    user.save()
    assert Client().post(second).status_code == 400
